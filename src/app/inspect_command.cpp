#include "heatstreet/app/inspect_command.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <ostream>
#include <vector>

#include "heatstreet/core/error.hpp"
#include "heatstreet/output/h5.hpp"

namespace heatstreet {

namespace {

constexpr hsize_t kBlockRows = 1 << 20;  // rows read at a time: bounded memory
constexpr std::size_t kTopAuthorities = 10;

std::string thousands(long long v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return v < 0 ? "-" + out : out;
}

std::string fixed(double v, int decimals) {
  if (!std::isfinite(v)) return "-";
  if (std::fabs(v) >= 1e15 || decimals == 0) {
    if (std::fabs(v) < 9e18) return thousands(std::llround(v));
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string percent(long long part, long long whole) {
  return whole > 0 ? fixed(100.0 * static_cast<double>(part) / static_cast<double>(whole), 1) + "%"
                   : "-";
}

// Prints rows in aligned columns: the first left-aligned, the others right-aligned
// (numbers) or, for key-value lists, left-aligned too.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows,
                 bool numbers = true) {
  std::vector<std::size_t> width;
  for (const auto& r : rows)
    for (std::size_t k = 0; k < r.size(); ++k) {
      if (width.size() <= k) width.push_back(0);
      width[k] = std::max(width[k], r[k].size());
    }
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t k = 0; k < r.size(); ++k) {
      const std::string pad(width[k] - r[k].size(), ' ');
      line += k == 0 ? r[k] + pad : numbers ? "  " + pad + r[k] : "  " + r[k] + pad;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << "  " << line << '\n';
  }
}

struct DatasetInfo {
  bool is_string = false;
  hsize_t rows = 0;
  std::size_t string_width = 0;
};

DatasetInfo describe(const h5::Dataset& d, const std::string& path) {
  DatasetInfo info;
  h5::Type t(h5::check(H5Dget_type(d.id()), "H5Dget_type", path), H5Tclose);
  const H5T_class_t cls = H5Tget_class(t.id());
  info.is_string = cls == H5T_STRING;
  if (info.is_string)
    info.string_width = H5Tget_size(t.id());
  else if (cls != H5T_INTEGER && cls != H5T_FLOAT)
    throw OutputError("H5Dget_type " + path + ": neither numbers nor text");
  h5::Space s = h5::dataset_space(d, path);
  if (H5Sget_simple_extent_ndims(s.id()) != 1)
    throw OutputError("H5Sget_simple_extent_ndims " + path + ": not one-dimensional");
  hsize_t dims[1] = {0};
  H5Sget_simple_extent_dims(s.id(), dims, nullptr);
  info.rows = dims[0];
  return info;
}

// Calls fn(block) for consecutive blocks of a dataset read as doubles.
void for_each_number_block(hid_t file, const std::string& path,
                           const std::function<void(const std::vector<double>&)>& fn) {
  h5::Dataset d = h5::open_dataset(file, path);
  const DatasetInfo info = describe(d, path);
  if (info.is_string) throw OutputError("H5Dread " + path + ": holds text, not numbers");
  std::vector<double> buf;
  for (hsize_t first = 0; first < info.rows; first += kBlockRows) {
    const hsize_t count = std::min(kBlockRows, info.rows - first);
    buf.resize(count);
    h5::Space fs = h5::dataset_space(d, path);
    h5::check(H5Sselect_hyperslab(fs.id(), H5S_SELECT_SET, &first, nullptr, &count, nullptr),
              "H5Sselect_hyperslab", path);
    h5::Space ms = h5::make_simple_space({count}, path);
    h5::check(H5Dread(d.id(), H5T_NATIVE_DOUBLE, ms.id(), fs.id(), H5P_DEFAULT, buf.data()),
              "H5Dread", path);
    fn(buf);
  }
}

// The same for a fixed-length string dataset.
void for_each_string_block(hid_t file, const std::string& path,
                           const std::function<void(const std::vector<std::string>&)>& fn) {
  h5::Dataset d = h5::open_dataset(file, path);
  const DatasetInfo info = describe(d, path);
  if (!info.is_string) throw OutputError("H5Dread " + path + ": holds numbers, not text");
  h5::Type t(h5::check(H5Dget_type(d.id()), "H5Dget_type", path), H5Tclose);
  if (H5Tis_variable_str(t.id()) > 0)
    throw OutputError("H5Dread " + path + ": variable-length strings are not a results layout");
  const std::size_t w = info.string_width;
  std::vector<char> raw;
  std::vector<std::string> block;
  for (hsize_t first = 0; first < info.rows; first += kBlockRows) {
    const hsize_t count = std::min(kBlockRows, info.rows - first);
    raw.assign(count * w, '\0');
    h5::Space fs = h5::dataset_space(d, path);
    h5::check(H5Sselect_hyperslab(fs.id(), H5S_SELECT_SET, &first, nullptr, &count, nullptr),
              "H5Sselect_hyperslab", path);
    h5::Space ms = h5::make_simple_space({count}, path);
    h5::check(H5Dread(d.id(), t.id(), ms.id(), fs.id(), H5P_DEFAULT, raw.data()), "H5Dread", path);
    block.clear();
    for (hsize_t i = 0; i < count; ++i) {
      const char* p = raw.data() + i * w;
      block.emplace_back(p, strnlen(p, w));
    }
    fn(block);
  }
}

struct Stats {
  long long rows = 0;
  long long finite = 0;
  long double sum = 0;
  double min = INFINITY;
  double max = -INFINITY;
  double mean() const { return finite ? static_cast<double>(sum / finite) : NAN; }
};

Stats stats_of(hid_t file, const std::string& path, std::vector<double>* keep = nullptr) {
  Stats s;
  for_each_number_block(file, path, [&](const std::vector<double>& b) {
    s.rows += static_cast<long long>(b.size());
    for (double v : b) {
      if (!std::isfinite(v)) continue;
      ++s.finite;
      s.sum += v;
      s.min = std::min(s.min, v);
      s.max = std::max(s.max, v);
      if (keep) keep->push_back(v);
    }
  });
  return s;
}

double exact_median(std::vector<double>& v) {
  if (v.empty()) return NAN;
  const std::size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  const double upper = v[mid];
  if (v.size() % 2) return upper;
  const double lower = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
  return lower + (upper - lower) / 2;
}

std::string attr_or(hid_t obj, const std::string& path, const std::string& name,
                    const std::string& fallback = "-") {
  if (!h5::attribute_exists(obj, path, name)) return fallback;
  h5::Attribute a(h5::check(H5Aopen(obj, name.c_str(), H5P_DEFAULT), "H5Aopen", path + "@" + name),
                  H5Aclose);
  h5::Type t(H5Aget_type(a.id()), H5Tclose);
  if (H5Tget_class(t.id()) == H5T_STRING) return h5::read_string_attribute(obj, path, name);
  if (H5Tget_class(t.id()) == H5T_INTEGER)
    return std::to_string(h5::read_int_attribute(obj, path, name));
  return fallback;
}

std::vector<std::string> labels_of(hid_t file, const std::string& path) {
  h5::Dataset d = h5::open_dataset(file, path);
  if (!h5::attribute_exists(d.id(), path, "labels")) return {};
  return h5::read_string_array_attribute(d.id(), path, "labels");
}

// Counts of each code of a small-integer dataset (codes outside 0-254 as 255).
std::vector<long long> code_counts(hid_t file, const std::string& path) {
  std::vector<long long> counts(256, 0);
  for_each_number_block(file, path, [&](const std::vector<double>& b) {
    for (double v : b) ++counts[v >= 0 && v < 255 ? static_cast<std::size_t>(v) : 255];
  });
  return counts;
}

std::vector<std::string> scenario_names(hid_t file) {
  if (!h5::link_exists(file, "/scenarios")) return {};
  h5::Group g = h5::open_group(file, "/scenarios");
  std::vector<std::string> names;
  for (const std::string& n : h5::list_members(g.id(), "/scenarios")) {
    H5O_info_t oi;
    if (H5Oget_info_by_name(g.id(), n.c_str(), &oi, H5P_DEFAULT) >= 0 && oi.type == H5O_TYPE_GROUP)
      names.push_back(n);
  }
  return names;
}

void print_provenance(hid_t file, const std::string& path, std::ostream& out) {
  h5::Group root = h5::open_group(file, "/");
  const std::string revision = attr_or(root.id(), "/", "git_revision");
  print_table(out,
              {{"Results file", path},
               {"Version", attr_or(root.id(), "/", "version") + " (revision " + revision + ")"},
               {"Methodology", attr_or(root.id(), "/", "methodology")},
               {"Ranks", attr_or(root.id(), "/", "ranks")},
               {"Started", attr_or(root.id(), "/", "start_time")},
               {"Finished", attr_or(root.id(), "/", "end_time")}},
              false);
}

// Dwellings: the length of /properties' datasets.
long long count_dwellings(hid_t file) {
  h5::Group props = h5::open_group(file, "/properties");
  const std::vector<std::string> members = h5::list_members(props.id(), "/properties");
  if (members.empty()) return 0;
  h5::Dataset d = h5::open_dataset(props.id(), members.front());
  return static_cast<long long>(describe(d, "/properties/" + members.front()).rows);
}

void print_tiers(hid_t file, long long dwellings, std::ostream& out) {
  if (!h5::link_exists(file, "/properties/tier")) return;
  const std::vector<long long> counts = code_counts(file, "/properties/tier");
  const std::vector<std::string> labels = labels_of(file, "/properties/tier");
  std::vector<std::vector<std::string>> rows = {{"Tier", "Dwellings", "Share"}};
  long long unknown = dwellings;
  for (std::size_t t = 1; t <= 5; ++t) {
    const std::string name =
        t < labels.size() && !labels[t].empty() ? labels[t] : "Tier " + std::to_string(t);
    rows.push_back({name, thousands(counts[t]), percent(counts[t], dwellings)});
    unknown -= counts[t];
  }
  if (unknown) rows.push_back({"unknown", thousands(unknown), percent(unknown, dwellings)});
  out << "\nHeat-network tiers\n";
  print_table(out, rows);
}

// Heat-pump readiness of today's stock (stock characterisation).
void print_readiness(hid_t file, long long dwellings, std::ostream& out) {
  const std::string path = "/properties/hp_readiness_tier";
  if (!h5::link_exists(file, path)) return;
  const std::vector<long long> counts = code_counts(file, path);
  const std::vector<std::string> labels = labels_of(file, path);
  std::vector<std::vector<std::string>> rows = {{"Readiness", "Dwellings", "Share"}};
  for (std::size_t t = 0; t < labels.size() && t < counts.size(); ++t) {
    if (labels[t].empty() && counts[t] == 0) continue;
    rows.push_back({labels[t], thousands(counts[t]), percent(counts[t], dwellings)});
  }
  out << "\nHeat-pump readiness\n";
  print_table(out, rows);
}

void print_local_authorities(hid_t file, long long dwellings, std::ostream& out) {
  if (!h5::link_exists(file, "/properties/local_authority")) return;
  std::map<std::string, long long> per_la;
  for_each_string_block(file, "/properties/local_authority",
                        [&](const std::vector<std::string>& b) {
                          for (const std::string& s : b) ++per_la[s];
                        });
  std::vector<std::pair<std::string, long long>> sorted(per_la.begin(), per_la.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::vector<std::string>> rows = {{"Local authority", "Dwellings", "Share"}};
  for (std::size_t i = 0; i < sorted.size() && i < kTopAuthorities; ++i)
    rows.push_back({sorted[i].first.empty() ? "(none)" : sorted[i].first,
                    thousands(sorted[i].second), percent(sorted[i].second, dwellings)});
  out << "\nLocal authorities (" << sorted.size() << ", largest "
      << std::min(sorted.size(), kTopAuthorities) << ")\n";
  print_table(out, rows);
}

// A scenario's headline figures: dwellings, capital cost, mean bill savings, median
// payback and CO2 reduction ("-" for a dataset it lacks).
std::vector<std::string> scenario_headlines(hid_t file, const std::string& s) {
  const std::string g = "/scenarios/" + s + "/";
  std::string n = "-", cost = "-", savings = "-", payback = "-", co2 = "-";
  if (h5::link_exists(file, g + "capital_cost_gbp")) {
    const Stats c = stats_of(file, g + "capital_cost_gbp");
    n = thousands(c.rows);
    cost = fixed(static_cast<double>(c.sum), 0);
  }
  if (h5::link_exists(file, g + "annual_bill_savings_gbp"))
    savings = fixed(stats_of(file, g + "annual_bill_savings_gbp").mean(), 2);
  if (h5::link_exists(file, g + "simple_payback_years")) {
    std::vector<double> v;
    stats_of(file, g + "simple_payback_years", &v);
    payback = fixed(exact_median(v), 1);
  }
  if (h5::link_exists(file, g + "co2_reduction_kg"))
    co2 = fixed(static_cast<double>(stats_of(file, g + "co2_reduction_kg").sum) / 1000.0, 1);
  return {s, n, cost, savings, payback, co2};
}

void print_scenario_headlines(hid_t file, std::ostream& out) {
  const std::vector<std::string> scenarios = scenario_names(file);
  if (scenarios.empty()) return;
  std::vector<std::vector<std::string>> rows = {{"Scenario", "Dwellings", "Capital cost GBP",
                                                 "Mean bill savings GBP/yr", "Median payback years",
                                                 "CO2 reduction t/yr"}};
  for (const std::string& s : scenarios) rows.push_back(scenario_headlines(file, s));
  out << "\nScenarios (details: --scenario NAME)\n";
  print_table(out, rows);
}

void print_summary(hid_t file, const std::string& path, std::ostream& out) {
  print_provenance(file, path, out);
  const long long dwellings = count_dwellings(file);
  out << "\nDwellings: " << thousands(dwellings) << "\n";
  print_tiers(file, dwellings, out);
  print_readiness(file, dwellings, out);
  print_local_authorities(file, dwellings, out);
  print_scenario_headlines(file, out);
}

void print_scenario(hid_t file, const std::string& name, std::ostream& out) {
  const std::string g = "/scenarios/" + name;
  h5::Group group = h5::open_group(file, g);
  std::vector<std::vector<std::string>> rows = {
      {"Dataset", "Units", "Values", "Mean", "Min", "Max"}};
  long long n = 0;
  for (const std::string& m : h5::list_members(group.id(), g)) {
    H5O_info_t oi;
    h5::check(H5Oget_info_by_name(group.id(), m.c_str(), &oi, H5P_DEFAULT), "H5Oget_info_by_name",
              g + "/" + m);
    if (oi.type != H5O_TYPE_DATASET) continue;
    const std::string p = g + "/" + m;
    h5::Dataset d = h5::open_dataset(file, p);
    const DatasetInfo info = describe(d, p);
    n = std::max(n, static_cast<long long>(info.rows));
    const std::string units = attr_or(d.id(), p, "units", "");
    if (info.is_string) {
      rows.push_back({m, units, thousands(static_cast<long long>(info.rows)), "(text)", "", ""});
      continue;
    }
    if (h5::attribute_exists(d.id(), p, "labels")) {  // codes: averages mean nothing
      const std::vector<long long> counts = code_counts(file, p);
      rows.push_back({m, units, thousands(static_cast<long long>(info.rows) - counts[255]),
                      "(codes)", "", ""});
      continue;
    }
    const Stats s = stats_of(file, p);
    rows.push_back({m, units, thousands(s.finite), fixed(s.mean(), 2),
                    s.finite ? fixed(s.min, 2) : "-", s.finite ? fixed(s.max, 2) : "-"});
  }
  out << "Scenario " << name << ": " << thousands(n) << " dwellings\n";
  print_table(out, rows);

  const std::string band = g + "/epc_band_after";
  if (h5::link_exists(file, band)) {
    h5::Dataset d = h5::open_dataset(file, band);
    if (!describe(d, band).is_string) {
      const std::vector<long long> counts = code_counts(file, band);
      const std::vector<std::string> labels = labels_of(file, band);
      long long total = 0;
      for (long long c : counts) total += c;
      std::vector<std::vector<std::string>> b = {{"EPC band after", "Dwellings", "Share"}};
      for (std::size_t c = 0; c < 255; ++c) {
        if (counts[c] == 0 && c >= labels.size()) continue;
        b.push_back({c < labels.size() ? labels[c] : std::to_string(c), thousands(counts[c]),
                     percent(counts[c], total)});
      }
      if (counts[255])
        b.push_back({"unknown", thousands(counts[255]), percent(counts[255], total)});
      out << "\n";
      print_table(out, b);
    }
  }
}

}  // namespace

int inspect_results(const std::string& path, const std::string& scenario, std::ostream& out) {
  h5::silence_library_errors();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw InputError(path + ": no such results file");
  if (H5Fis_hdf5(path.c_str()) <= 0) throw InputError(path + ": not an HDF5 file");
  try {
    h5::File f(h5::check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "H5Fopen", path),
               H5Fclose);
    if (!h5::link_exists(f.id(), "/properties"))
      throw InputError(path + ": not a HeatStreet results file (no /properties group)");
    h5::Group root = h5::open_group(f.id(), "/");
    if (!h5::attribute_exists(root.id(), "/", "complete") ||
        h5::read_int_attribute(root.id(), "/", "complete") != 1)
      throw InputError(path + ": incomplete: the run that wrote it did not finish");
    if (scenario.empty()) {
      print_summary(f.id(), path, out);
    } else {
      const std::vector<std::string> names = scenario_names(f.id());
      if (std::find(names.begin(), names.end(), scenario) == names.end()) {
        std::string list;
        for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
        throw UsageError(path + ": no scenario '" + scenario +
                         "'; available: " + (list.empty() ? "(none)" : list));
      }
      print_scenario(f.id(), scenario, out);
    }
  } catch (const OutputError& e) {
    // The HDF5 handles report failures as output errors; here the file is an input.
    throw InputError(path + ": " + e.what());
  }
  return 0;
}

}  // namespace heatstreet
