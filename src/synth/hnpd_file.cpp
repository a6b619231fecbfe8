// hnpd.csv: schemes near the plan's dense neighbourhoods in London and spread over the
// other authorities elsewhere, with the spellings and coordinate formats of the real
// database, and the ground truth under the spec's §2.5 rules.
#include "heatstreet/synth/hnpd_file.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <vector>

#include "heatstreet/synth/collective_io.hpp"

namespace heatstreet::synth::detail {
namespace {

namespace fs = std::filesystem;

const char* const kNbsp = "\xC2\xA0";
const char* const kEol = "\r\n";

// Text as the spec's §2.5 rules compare it: no-break spaces as spaces, no BOM, lower
// case, runs of white space as one space, none at the ends.
std::string norm(const std::string& s) {
  std::string t;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      t += ' ';
      ++i;
    } else if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB &&
               static_cast<unsigned char>(s[i + 2]) == 0xBF) {
      i += 2;
    } else {
      t += static_cast<char>(std::tolower(c));
    }
  }
  std::string r;
  bool space = false;
  for (char c : t) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !r.empty();
    } else {
      if (space) r += ' ';
      space = false;
      r += c;
    }
  }
  return r;
}

// A coordinate as the rules read it: thousands separators dropped, "not set" and the like
// unusable.
bool parse_coord(const std::string& text, double* v) {
  std::string s;
  for (char c : text)
    if (c != ',') s += c;
  std::string n = norm(s);
  if (n.empty() || n == "not set" || n == "none" || n == "nan" || n == "n/a") return false;
  char* end = nullptr;
  *v = std::strtod(n.c_str(), &end);
  return end && *end == '\0';
}

struct HnpdStatus {
  const char* detailed;
  const char* shortform;
  double w;
};
const HnpdStatus kHnpdStatuses[] = {
    {"Operational", "Operational", 30},
    {"Under Construction", "Under Construction", 8},
    {"No Application Required", "Operational", 4},
    {"No Application Made", "Operational", 2},
    {"Planning Permission Granted", "Planning Permission Granted", 18},
    {"Appeal Granted", "Planning Permission Granted", 1},
    {"Secretary of State - Granted", "Planning Permission Granted", 1},
    {"Planning Application Submitted", "In Planning", 12},
    {"Awaiting Construction", "Awaiting Construction", 8},
    {"Planning Permission Refused", "Refused", 5},
    {"Abandoned", "Abandoned", 5},
    {"Application Withdrawn", "Withdrawn", 3},
    {"Pre-Planning", "In Planning", 3}};

// Authorities the rows are drawn from, by weight.
struct HnpdPlaces {
  std::vector<std::size_t> others;  // indices into england_wales_places()
  double other_total = 0;
  std::vector<std::size_t> london;  // indices into the plan's places
  double london_total = 0;
};

HnpdPlaces hnpd_places(const Plan& plan) {
  HnpdPlaces h;
  const auto& ew = england_wales_places();
  for (std::size_t i = 0; i < ew.size(); ++i) {
    if (!ew[i].london) {
      h.others.push_back(i);
      h.other_total += ew[i].weight;
    }
  }
  // London rows sit near the dense neighbourhoods of the plan's boroughs.
  for (std::size_t k = 0; k < plan.la_count(); ++k) {
    if (plan.places()[k].london) {
      h.london.push_back(k);
      h.london_total += plan.places()[k].weight;
    }
  }
  return h;
}

// BOM, the header (with a no-break space and padding in some names) and the line end.
std::string hnpd_header() {
  std::string s = "\xEF\xBB\xBF";
  const std::vector<std::string> header = {"Ref ID",
                                           "Record Last Updated (dd/mm/yyyy)",
                                           "Operator (or Applicant)",
                                           "Site Name",
                                           "Technology Type",
                                           "Development Status",
                                           std::string("Development") + kNbsp + "Status (short)",
                                           "Address",
                                           "County",
                                           " Region ",
                                           "Country",
                                           "Post Code",
                                           "X-coordinate",
                                           std::string("Y-coordinate") + kNbsp,
                                           "Planning Authority",
                                           "Planning Application Reference",
                                           "Capacity (MWth)",
                                           "Heat Network Type"};
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (i) s += ',';
    append_csv_field(s, header[i]);
  }
  s += kEol;
  return s;
}

// Where a scheme is, and its authority.
struct Site {
  double e, n;
  std::string la_name, la_region;
};

Site locate_site(const Plan& plan, const HnpdPlaces& places, bool is_london, Rng& r) {
  Site site;
  if (is_london) {
    double u = r.uniform() * places.london_total;
    std::size_t k = places.london.back();
    for (std::size_t x : places.london) {
      if (u < plan.places()[x].weight) {
        k = x;
        break;
      }
      u -= plan.places()[x].weight;
    }
    double ce, cn;
    plan.cluster_centre(k, static_cast<int>(r.below(3)), &ce, &cn);
    site.e = ce + r.normal() * 500.0;
    site.n = cn + r.normal() * 500.0;
    site.la_name = plan.places()[k].name;
    site.la_region = "London";
  } else {
    const auto& ew = england_wales_places();
    double u = r.uniform() * places.other_total;
    std::size_t k = places.others.back();
    for (std::size_t x : places.others) {
      if (u < ew[x].weight) {
        k = x;
        break;
      }
      u -= ew[x].weight;
    }
    site.e = ew[k].e_km * 1000.0 + r.normal() * 0.3 * ew[k].r_km * 1000.0;
    site.n = ew[k].n_km * 1000.0 + r.normal() * 0.3 * ew[k].r_km * 1000.0;
    site.la_name = ew[k].name;
    site.la_region = ew[k].region;
  }
  return site;
}

std::size_t pick_status(Rng& r) {
  double tot = 0;
  for (const auto& st : kHnpdStatuses) tot += st.w;
  double u = r.uniform() * tot;
  for (std::size_t j = 0; j < sizeof kHnpdStatuses / sizeof kHnpdStatuses[0]; ++j) {
    if (u < kHnpdStatuses[j].w) return j;
    u -= kHnpdStatuses[j].w;
  }
  return 0;
}

// How many rows carry each quirk.
struct HnpdQuirks {
  std::uint64_t thousands = 0, notset = 0, empty = 0, decimal = 0, status = 0, detail_notset = 0,
                region = 0;
};

void spell_status(Rng& r, std::string& detailed, HnpdQuirks& quirks) {
  double q = r.uniform();
  if (q < 0.04) {
    detailed = "Not set";
    ++quirks.detail_notset;
  } else if (q < 0.07) {
    detailed += ' ';
    ++quirks.status;
  } else if (q < 0.09) {
    for (char& c : detailed) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    ++quirks.status;
  } else if (q < 0.11) {
    for (char& c : detailed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ++quirks.status;
  } else if (q < 0.12 && detailed.find(' ') != std::string::npos) {
    detailed.replace(detailed.find(' '), 1, kNbsp);
    ++quirks.status;
  }
}

void spell_region(Rng& r, std::string& region, HnpdQuirks& quirks) {
  double rq = r.uniform();
  if (rq < 0.03) {
    region = " " + region + " ";
    ++quirks.region;
  } else if (rq < 0.05) {
    for (char& c : region) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    ++quirks.region;
  } else if (rq < 0.06) {
    for (char& c : region) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ++quirks.region;
  } else if (rq < 0.07) {
    region += kNbsp;
    ++quirks.region;
  }
}

std::string with_thousands_separators(long v) {
  std::string d = std::to_string(v), o;
  int c = static_cast<int>(d.size()) % 3;
  for (std::size_t j = 0; j < d.size(); ++j) {
    if (j && static_cast<int>(j) % 3 == c) o += ',';
    o += d[j];
  }
  return o;
}

// X and Y as the database writes them: plain, "Not set", empty, with thousands
// separators or with decimals.
void spell_coordinates(const Site& site, Rng& r, HnpdQuirks& quirks, std::string& xs,
                       std::string& ys) {
  long ex = std::lround(site.e), ny = std::lround(site.n);
  double cq = r.uniform();
  if (cq < 0.03) {
    xs = ys = "Not set";
    ++quirks.notset;
  } else if (cq < 0.04) {
    ++quirks.empty;
  } else if (cq < 0.14) {
    xs = with_thousands_separators(ex);
    ys = with_thousands_separators(ny);
    ++quirks.thousands;
  } else if (cq < 0.16) {
    xs = std::to_string(ex) + "." + std::to_string(r.below(100));
    ys = std::to_string(ny) + "." + std::to_string(r.below(100));
    ++quirks.decimal;
  } else {
    xs = std::to_string(ex);
    ys = std::to_string(ny);
  }
}

// Ground truth with the spec §2.5 rules.
struct HnpdTruth {
  std::uint64_t usable = 0, t1 = 0, t2 = 0, lrows = 0, lt1 = 0, lt2 = 0;
  std::map<std::string, std::uint64_t> by_region, by_status;

  void add(const std::string& detailed, const std::string& shortform, const std::string& xs,
           const std::string& ys, const std::string& region) {
    static const char* const kTier1[] = {"operational", "under construction",
                                         "no application required", "no application made"};
    static const char* const kTier2[] = {"planning permission granted", "appeal granted",
                                         "secretary of state - granted"};
    std::string st = norm(detailed);
    if (st.empty() || st == "not set" || st == "none" || st == "nan") st = norm(shortform);
    double xv, yv;
    bool ok = parse_coord(xs, &xv) && parse_coord(ys, &yv) && xv >= 0 && xv <= 700000 && yv >= 0 &&
              yv <= 1300000;
    bool tier1 = false, tier2 = false;
    for (const char* x : kTier1) tier1 |= st == x;
    for (const char* x : kTier2) tier2 |= st == x;
    const bool rl = norm(region) == "london";
    by_region[norm(region)]++;
    by_status[st]++;
    if (ok) {
      ++usable;
      if (tier1) ++t1;
      if (tier2) ++t2;
    }
    if (rl) {
      ++lrows;
      if (ok && tier1) ++lt1;
      if (ok && tier2) ++lt2;
    }
  }
};

// The spelt fields of a row.
struct HnpdSpelling {
  std::string detailed, shortform, region, xs, ys;
};

void append_hnpd_row(std::string& s, std::uint64_t i, const Site& site, bool is_london,
                     const HnpdSpelling& sp, Rng& r) {
  static const char* const kTech[] = {"Gas CHP",
                                      "Air Source Heat Pump",
                                      "Ground Source Heat Pump",
                                      "Water Source Heat Pump",
                                      "Energy from Waste",
                                      "Biomass",
                                      "Gas Boiler",
                                      "Waste Heat Recovery"};
  const std::string& la_name = site.la_name;
  char ref[32];
  std::snprintf(ref, sizeof ref, "HN%05llu", static_cast<unsigned long long>(i + 1));
  std::vector<std::string> row = {
      ref,
      std::to_string(1 + r.below(28)) + "/" + std::to_string(1 + r.below(12)) + "/" +
          std::to_string(2019 + r.below(7)),
      la_name + " Energy Ltd",
      la_name + " " + (r.chance(0.5) ? "District Heating Scheme" : "Heat Network") + " " +
          std::to_string(1 + r.below(9)),
      kTech[r.below(8)],
      sp.detailed,
      sp.shortform,
      std::to_string(1 + r.below(200)) + " " + la_name + " Road, " + la_name,
      is_london ? "Greater London" : "",
      sp.region,
      site.la_region == "Wales" ? "Wales" : "England",
      "",
      sp.xs,
      sp.ys,
      la_name,
      std::to_string(10 + r.below(15)) + "/" + std::to_string(1000 + r.below(9000)) + "/FUL",
      std::to_string(1 + r.below(40)) + "." + std::to_string(r.below(10)),
      r.chance(0.7) ? "District" : "Communal"};
  for (std::size_t j = 0; j < row.size(); ++j) {
    if (j) s += ',';
    append_csv_field(s, row[j]);
  }
  s += kEol;
}

nlohmann::ordered_json hnpd_truth_json(std::uint64_t total_rows, const HnpdTruth& truth,
                                       const HnpdQuirks& quirks) {
  nlohmann::ordered_json j;
  j["rows"] = total_rows;
  j["usable_coordinates"] = truth.usable;
  j["tier1_usable"] = truth.t1;
  j["tier2_usable"] = truth.t2;
  j["london_rows"] = truth.lrows;
  j["london_tier1_usable"] = truth.lt1;
  j["london_tier2_usable"] = truth.lt2;
  j["rows_by_normalised_region"] = truth.by_region;
  j["rows_by_effective_status"] = truth.by_status;
  j["quirks"] = {{"bom", true},
                 {"crlf", true},
                 {"nbsp_headers", {"Development Status (short)", "Y-coordinate"}},
                 {"padded_headers", {"Region"}},
                 {"thousands_separator_coordinates", quirks.thousands},
                 {"not_set_coordinates", quirks.notset},
                 {"empty_coordinates", quirks.empty},
                 {"decimal_coordinates", quirks.decimal},
                 {"status_spelling_variants", quirks.status},
                 {"detailed_status_not_set", quirks.detail_notset},
                 {"region_spelling_variants", quirks.region}};
  return j;
}

}  // namespace

nlohmann::ordered_json write_hnpd(const Plan& plan, const std::string& out, std::uint64_t* rows_out,
                                  std::uint64_t* bytes_out) {
  const std::uint64_t london_rows = 600, other_rows = plan.london_only() ? 200 : 800;
  const std::uint64_t total_rows = london_rows + other_rows;
  const HnpdPlaces places = hnpd_places(plan);
  std::string s = hnpd_header();
  HnpdTruth truth;
  HnpdQuirks quirks;
  for (std::uint64_t i = 0; i < total_rows; ++i) {
    Rng r(plan.seed(), 0x4E5044, i);
    const bool is_london = i < london_rows;
    const Site site = locate_site(plan, places, is_london, r);
    const std::size_t si = pick_status(r);
    HnpdSpelling sp;
    sp.detailed = kHnpdStatuses[si].detailed;
    sp.shortform = kHnpdStatuses[si].shortform;
    spell_status(r, sp.detailed, quirks);
    sp.region = site.la_region;
    spell_region(r, sp.region, quirks);
    spell_coordinates(site, r, quirks, sp.xs, sp.ys);
    truth.add(sp.detailed, sp.shortform, sp.xs, sp.ys, sp.region);
    append_hnpd_row(s, i, site, is_london, sp, r);
  }
  write_whole((fs::path(out) / "hnpd.csv").string(), s);
  *rows_out = total_rows;
  *bytes_out = s.size();
  return hnpd_truth_json(total_rows, truth, quirks);
}

}  // namespace heatstreet::synth::detail
