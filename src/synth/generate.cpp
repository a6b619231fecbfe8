// `heatstreet synth`: writes the synthetic register over MPI ranks. Ranks own contiguous
// slices of the certificate rows; each first measures its slice (bytes per file), the
// ranks exchange those sizes (MPI_Exscan) and then every rank regenerates its slice and
// writes it at its offset with pwrite. Small files (HNPD, zones, manifest) come from rank 0.
// The zip members are compressed by the ranks in turn and laid out in a fixed order.
#include <fcntl.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "heatstreet/core/error.hpp"
#include "heatstreet/synth/detail.hpp"
#include "heatstreet/synth/synth.hpp"

namespace heatstreet::synth {
namespace {

namespace fs = std::filesystem;
using detail::Defect;
using detail::Plan;
using detail::RowGenerator;
using detail::RowTruth;
using detail::StockReason;

constexpr std::size_t kFlushBytes = 4u << 20;
constexpr std::uint64_t kBlockRows = 65536;
constexpr int kFirstYear = 2008, kLastYear = 2025;
constexpr int kYears = kLastYear - kFirstYear + 1;

// ---- errors reach every rank ------------------------------------------------------------
// Runs f on this rank; if any rank failed, every rank throws the first failing rank's
// error with its exit code.
template <typename F>
void collective(MPI_Comm comm, F&& f) {
  int code = 0;
  std::string message;
  try {
    f();
  } catch (const Error& e) {
    code = e.exit_code();
    message = e.what();
  } catch (const std::exception& e) {
    code = static_cast<int>(ExitCode::kInternal);
    message = e.what();
  }
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  int mine = code ? rank : INT_MAX, first = INT_MAX;
  MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, comm);
  if (first == INT_MAX) return;
  int len = static_cast<int>(message.size());
  MPI_Bcast(&code, 1, MPI_INT, first, comm);
  MPI_Bcast(&len, 1, MPI_INT, first, comm);
  message.resize(static_cast<std::size_t>(len));
  MPI_Bcast(message.data(), len, MPI_CHAR, first, comm);
  switch (code) {
    case 2:
      throw UsageError(message);
    case 3:
      throw InputError(message);
    case 4:
      throw OutputError(message);
    default:
      throw Error(static_cast<ExitCode>(code), message);
  }
}

// ---- POSIX file helpers ----------------------------------------------------------------
class File {
 public:
  File(const std::string& path, bool create) : path_(path) {
    fd_ = ::open(path.c_str(), create ? (O_WRONLY | O_CREAT | O_TRUNC) : O_WRONLY, 0644);
    if (fd_ < 0)
      throw OutputError("synth: cannot open " + path + " for writing: " + std::strerror(errno));
  }
  ~File() {
    if (fd_ >= 0) ::close(fd_);
  }
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  void write_at(const char* data, std::size_t size, std::uint64_t offset) {
    while (size > 0) {
      ssize_t w = ::pwrite(fd_, data, size, static_cast<off_t>(offset));
      if (w < 0) {
        if (errno == EINTR) continue;
        throw OutputError("synth: cannot write " + path_ + ": " + std::strerror(errno));
      }
      data += w;
      size -= static_cast<std::size_t>(w);
      offset += static_cast<std::uint64_t>(w);
    }
  }
  void close() {
    if (fd_ >= 0 && ::close(fd_) != 0) {
      fd_ = -1;
      throw OutputError("synth: cannot close " + path_ + ": " + std::strerror(errno));
    }
    fd_ = -1;
  }

 private:
  std::string path_;
  int fd_ = -1;
};

void write_whole(const std::string& path, const std::string& content) {
  File f(path, true);
  f.write_at(content.data(), content.size(), 0);
  f.close();
}

std::pair<std::uint64_t, std::uint64_t> slice(std::uint64_t n, int rank, int size) {
  auto lo = static_cast<std::uint64_t>((static_cast<unsigned __int128>(n) * rank) / size);
  auto hi = static_cast<std::uint64_t>((static_cast<unsigned __int128>(n) * (rank + 1)) / size);
  return {lo, hi};
}

// ---- counters ----------------------------------------------------------------------------
struct Counters {
  // Fixed layout so that one MPI_Reduce sums everything.
  enum : std::size_t {
    kRowsWithUprn,
    kRowsWithoutUprn,
    kOlderDuplicates,
    kDwell1,
    kDwell2,
    kDwell3,
    kLineBreaks,
    kInStockRows,
    kInStockOlder,
    kInStockNoUprn,
    kInStockDwellings,
    kFixed
  };
  std::size_t K;
  std::vector<std::uint64_t> v;
  explicit Counters(std::size_t k)
      : K(k),
        v(kFixed + 2 * static_cast<std::size_t>(StockReason::kCount) +
              2 * static_cast<std::size_t>(Defect::kCount) + 2 * kYears + 2 * k,
          0) {}
  std::uint64_t& stock(StockReason r) { return v[kFixed + static_cast<std::size_t>(r)]; }
  std::uint64_t& stock_dwellings(StockReason r) {
    return v[kFixed + static_cast<std::size_t>(StockReason::kCount) + static_cast<std::size_t>(r)];
  }
  std::size_t defect_base() const {
    return kFixed + 2 * static_cast<std::size_t>(StockReason::kCount);
  }
  std::uint64_t& defect(Defect d) { return v[defect_base() + static_cast<std::size_t>(d)]; }
  std::uint64_t& defect_in_stock(Defect d) {
    return v[defect_base() + static_cast<std::size_t>(Defect::kCount) +
             static_cast<std::size_t>(d)];
  }
  std::size_t year_base() const {
    return defect_base() + 2 * static_cast<std::size_t>(Defect::kCount);
  }
  std::uint64_t& year(int y) { return v[year_base() + static_cast<std::size_t>(y - kFirstYear)]; }
  std::uint64_t& year_in_stock(int y) {
    return v[year_base() + kYears + static_cast<std::size_t>(y - kFirstYear)];
  }
  std::size_t la_base() const { return year_base() + 2 * kYears; }
  std::uint64_t& la_in_stock(std::size_t k) { return v[la_base() + k]; }
  std::uint64_t& la_bytes(std::size_t k) { return v[la_base() + K + k]; }

  void add(const RowTruth& t) {
    const bool in = t.stock == StockReason::kInStock;
    (t.has_uprn ? v[kRowsWithUprn] : v[kRowsWithoutUprn])++;
    if (t.cert_rank > 0) v[kOlderDuplicates]++;
    if (t.cert_rank == 0) {
      v[kDwell1 + t.cert_count - 1]++;
      stock_dwellings(t.stock)++;
    }
    v[kLineBreaks] += t.line_breaks;
    stock(t.stock)++;
    defect(t.defect)++;
    if (t.lodgement_year >= kFirstYear && t.lodgement_year <= kLastYear) year(t.lodgement_year)++;
    if (in) {
      v[kInStockRows]++;
      if (t.cert_rank > 0) v[kInStockOlder]++;
      if (!t.has_uprn) v[kInStockNoUprn]++;
      if (t.cert_rank == 0) v[kInStockDwellings]++;
      defect_in_stock(t.defect)++;
      if (t.lodgement_year >= kFirstYear && t.lodgement_year <= kLastYear)
        year_in_stock(t.lodgement_year)++;
      la_in_stock(t.la)++;
    }
  }
};

// ---- certificates ------------------------------------------------------------------------
std::string cert_rel_path(const Plan& plan, std::size_t k) {
  return "certificates/" + detail::folder_name(plan.places()[k]) + "/certificates.csv";
}

void write_certificates(const Plan& plan, MPI_Comm comm, const std::string& out,
                        Counters& counters) {
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  const std::size_t K = plan.la_count();
  const auto [lo, hi] = slice(plan.options().n, rank, size);

  // Pass 1: measure this rank's slice and count the ground truth.
  std::vector<std::uint64_t> bytes(K, 0);
  collective(comm, [&] {
    RowGenerator gen(plan);
    std::string line;
    RowTruth t;
    for (std::uint64_t g = lo; g < hi; ++g) {
      line.clear();
      gen.row(g, line, t);
      bytes[t.la] += line.size();
      counters.add(t);
    }
  });
  std::vector<std::uint64_t> offset(K, 0), total(K, 0);
  MPI_Exscan(bytes.data(), offset.data(), static_cast<int>(K), MPI_UINT64_T, MPI_SUM, comm);
  if (rank == 0) std::fill(offset.begin(), offset.end(), 0);
  MPI_Allreduce(bytes.data(), total.data(), static_cast<int>(K), MPI_UINT64_T, MPI_SUM, comm);

  // Rank 0 creates every file with its header; the others wait.
  collective(comm, [&] {
    if (rank != 0) return;
    for (std::size_t k = 0; k < K; ++k) {
      fs::path p = fs::path(out) / cert_rel_path(plan, k);
      std::error_code ec;
      fs::create_directories(p.parent_path(), ec);
      if (ec)
        throw OutputError("synth: cannot create directory " + p.parent_path().string() + ": " +
                          ec.message());
      write_whole(p.string(), plan.header_line(k));
    }
  });
  for (std::size_t k = 0; k < K; ++k) {
    counters.la_bytes(k) = rank == 0 ? plan.header_line(k).size() + total[k] : 0;
  }

  // Pass 2: regenerate and write at the offsets.
  collective(comm, [&] {
    if (lo >= hi) return;
    RowGenerator gen(plan);
    RowTruth t;
    std::string buffer;
    buffer.reserve(kFlushBytes + (1u << 16));
    std::size_t cur = plan.la_of_row(lo);
    std::unique_ptr<File> file;
    std::uint64_t pos = 0;
    auto open = [&](std::size_t k) {
      file = std::make_unique<File>((fs::path(out) / cert_rel_path(plan, k)).string(), false);
      pos = plan.header_line(k).size() + offset[k];
    };
    auto flush = [&] {
      if (buffer.empty()) return;
      file->write_at(buffer.data(), buffer.size(), pos);
      pos += buffer.size();
      buffer.clear();
    };
    open(cur);
    for (std::uint64_t g = lo; g < hi; ++g) {
      std::size_t k = plan.la_of_row(g);
      if (k != cur) {
        flush();
        file->close();
        cur = k;
        open(cur);
      }
      gen.row(g, buffer, t);
      if (buffer.size() >= kFlushBytes) flush();
    }
    flush();
    file->close();
  });
}

// ---- postcodes.csv ------------------------------------------------------------------------
void write_postcodes(const Plan& plan, MPI_Comm comm, const std::string& out,
                     std::uint64_t* bytes_out) {
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  const std::uint64_t P = plan.total_postcodes();
  const auto [lo, hi] = slice(P, rank, size);
  auto produce = [&](std::uint64_t first, std::uint64_t last, std::string& buf) {
    std::size_t k = 0;
    while (plan.postcode_begin(k + 1) <= first) ++k;
    for (std::uint64_t i = first; i < last; ++i) {
      while (plan.postcode_begin(k + 1) <= i) ++k;
      std::uint64_t p = i - plan.postcode_begin(k);
      long e, n;
      plan.postcode_centroid(k, p, &e, &n);
      buf += plan.postcode(k, p);
      buf += ',';
      buf += std::to_string(e);
      buf += ',';
      buf += std::to_string(n);
      buf += '\n';
    }
  };
  std::uint64_t mine = 0;
  std::string buf;
  collective(comm, [&] {
    for (std::uint64_t b = lo; b < hi; b += kBlockRows) {
      buf.clear();
      produce(b, std::min(hi, b + kBlockRows), buf);
      mine += buf.size();
    }
  });
  std::uint64_t offset = 0, total = 0;
  MPI_Exscan(&mine, &offset, 1, MPI_UINT64_T, MPI_SUM, comm);
  if (rank == 0) offset = 0;
  MPI_Allreduce(&mine, &total, 1, MPI_UINT64_T, MPI_SUM, comm);
  const std::string header = "postcode,easting,northing\n";
  const std::string path = (fs::path(out) / "postcodes.csv").string();
  collective(comm, [&] {
    if (rank == 0) write_whole(path, header);
  });
  collective(comm, [&] {
    if (lo >= hi) return;
    File f(path, false);
    std::uint64_t pos = header.size() + offset;
    for (std::uint64_t b = lo; b < hi; b += kBlockRows) {
      buf.clear();
      produce(b, std::min(hi, b + kBlockRows), buf);
      f.write_at(buf.data(), buf.size(), pos);
      pos += buf.size();
    }
    f.close();
  });
  *bytes_out = header.size() + total;
}

// ---- hnpd.csv -------------------------------------------------------------------------------
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

nlohmann::ordered_json write_hnpd(const Plan& plan, const std::string& out, std::uint64_t* rows_out,
                                  std::uint64_t* bytes_out) {
  using detail::Rng;
  const bool london_only = plan.london_only();
  const std::uint64_t london_rows = 600, other_rows = london_only ? 200 : 800;
  const auto& ew = detail::england_wales_places();
  std::vector<std::size_t> others;
  double other_total = 0;
  for (std::size_t i = 0; i < ew.size(); ++i) {
    if (!ew[i].london) {
      others.push_back(i);
      other_total += ew[i].weight;
    }
  }
  // London rows sit near the dense neighbourhoods of the plan's boroughs.
  std::vector<std::size_t> lon;
  double lon_total = 0;
  for (std::size_t k = 0; k < plan.la_count(); ++k) {
    if (plan.places()[k].london) {
      lon.push_back(k);
      lon_total += plan.places()[k].weight;
    }
  }
  const char* kNbsp = "\xC2\xA0";
  std::string eol = "\r\n";
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
    detail::append_csv_field(s, header[i]);
  }
  s += eol;

  std::uint64_t usable = 0, t1 = 0, t2 = 0, lrows = 0, lt1 = 0, lt2 = 0;
  std::uint64_t q_thousands = 0, q_notset = 0, q_empty = 0, q_decimal = 0, q_status = 0,
                q_detail_notset = 0, q_region = 0;
  std::map<std::string, std::uint64_t> by_region, by_status;
  static const char* const kTier1[] = {"operational", "under construction",
                                       "no application required", "no application made"};
  static const char* const kTier2[] = {"planning permission granted", "appeal granted",
                                       "secretary of state - granted"};
  static const char* const kTech[] = {"Gas CHP",
                                      "Air Source Heat Pump",
                                      "Ground Source Heat Pump",
                                      "Water Source Heat Pump",
                                      "Energy from Waste",
                                      "Biomass",
                                      "Gas Boiler",
                                      "Waste Heat Recovery"};
  const std::uint64_t total_rows = london_rows + other_rows;
  for (std::uint64_t i = 0; i < total_rows; ++i) {
    Rng r(plan.seed(), 0x4E5044, i);
    const bool is_london = i < london_rows;
    std::string la_name, la_region;
    double e, n;
    if (is_london) {
      double u = r.uniform() * lon_total;
      std::size_t k = lon.back();
      for (std::size_t x : lon) {
        if (u < plan.places()[x].weight) {
          k = x;
          break;
        }
        u -= plan.places()[x].weight;
      }
      double ce, cn;
      plan.cluster_centre(k, static_cast<int>(r.below(3)), &ce, &cn);
      e = ce + r.normal() * 500.0;
      n = cn + r.normal() * 500.0;
      la_name = plan.places()[k].name;
      la_region = "London";
    } else {
      double u = r.uniform() * other_total;
      std::size_t k = others.back();
      for (std::size_t x : others) {
        if (u < ew[x].weight) {
          k = x;
          break;
        }
        u -= ew[x].weight;
      }
      e = ew[k].e_km * 1000.0 + r.normal() * 0.3 * ew[k].r_km * 1000.0;
      n = ew[k].n_km * 1000.0 + r.normal() * 0.3 * ew[k].r_km * 1000.0;
      la_name = ew[k].name;
      la_region = ew[k].region;
    }
    std::size_t si = 0;
    {
      double tot = 0;
      for (const auto& st : kHnpdStatuses) tot += st.w;
      double u = r.uniform() * tot;
      for (std::size_t j = 0; j < sizeof kHnpdStatuses / sizeof kHnpdStatuses[0]; ++j) {
        if (u < kHnpdStatuses[j].w) {
          si = j;
          break;
        }
        u -= kHnpdStatuses[j].w;
      }
    }
    std::string detailed = kHnpdStatuses[si].detailed;
    std::string shortform = kHnpdStatuses[si].shortform;
    double q = r.uniform();
    if (q < 0.04) {
      detailed = "Not set";
      ++q_detail_notset;
    } else if (q < 0.07) {
      detailed += ' ';
      ++q_status;
    } else if (q < 0.09) {
      for (char& c : detailed) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      ++q_status;
    } else if (q < 0.11) {
      for (char& c : detailed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      ++q_status;
    } else if (q < 0.12 && detailed.find(' ') != std::string::npos) {
      detailed.replace(detailed.find(' '), 1, kNbsp);
      ++q_status;
    }
    std::string region = la_region;
    double rq = r.uniform();
    if (rq < 0.03) {
      region = " " + region + " ";
      ++q_region;
    } else if (rq < 0.05) {
      for (char& c : region) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      ++q_region;
    } else if (rq < 0.06) {
      for (char& c : region) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      ++q_region;
    } else if (rq < 0.07) {
      region += kNbsp;
      ++q_region;
    }

    std::string xs, ys;
    long ex = std::lround(e), ny = std::lround(n);
    double cq = r.uniform();
    auto thousands = [](long v) {
      std::string d = std::to_string(v), o;
      int c = static_cast<int>(d.size()) % 3;
      for (std::size_t j = 0; j < d.size(); ++j) {
        if (j && static_cast<int>(j) % 3 == c) o += ',';
        o += d[j];
      }
      return o;
    };
    if (cq < 0.03) {
      xs = ys = "Not set";
      ++q_notset;
    } else if (cq < 0.04) {
      ++q_empty;
    } else if (cq < 0.14) {
      xs = thousands(ex);
      ys = thousands(ny);
      ++q_thousands;
    } else if (cq < 0.16) {
      xs = std::to_string(ex) + "." + std::to_string(r.below(100));
      ys = std::to_string(ny) + "." + std::to_string(r.below(100));
      ++q_decimal;
    } else {
      xs = std::to_string(ex);
      ys = std::to_string(ny);
    }

    // Ground truth with the spec §2.5 rules.
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
        detailed,
        shortform,
        std::to_string(1 + r.below(200)) + " " + la_name + " Road, " + la_name,
        is_london ? "Greater London" : "",
        region,
        la_region == "Wales" ? "Wales" : "England",
        "",
        xs,
        ys,
        la_name,
        std::to_string(10 + r.below(15)) + "/" + std::to_string(1000 + r.below(9000)) + "/FUL",
        std::to_string(1 + r.below(40)) + "." + std::to_string(r.below(10)),
        r.chance(0.7) ? "District" : "Communal"};
    for (std::size_t j = 0; j < row.size(); ++j) {
      if (j) s += ',';
      detail::append_csv_field(s, row[j]);
    }
    s += eol;
  }
  write_whole((fs::path(out) / "hnpd.csv").string(), s);
  *rows_out = total_rows;
  *bytes_out = s.size();

  nlohmann::ordered_json j;
  j["rows"] = total_rows;
  j["usable_coordinates"] = usable;
  j["tier1_usable"] = t1;
  j["tier2_usable"] = t2;
  j["london_rows"] = lrows;
  j["london_tier1_usable"] = lt1;
  j["london_tier2_usable"] = lt2;
  j["rows_by_normalised_region"] = by_region;
  j["rows_by_effective_status"] = by_status;
  j["quirks"] = {{"bom", true},
                 {"crlf", true},
                 {"nbsp_headers", {"Development Status (short)", "Y-coordinate"}},
                 {"padded_headers", {"Region"}},
                 {"thousands_separator_coordinates", q_thousands},
                 {"not_set_coordinates", q_notset},
                 {"empty_coordinates", q_empty},
                 {"decimal_coordinates", q_decimal},
                 {"status_spelling_variants", q_status},
                 {"detailed_status_not_set", q_detail_notset},
                 {"region_spelling_variants", q_region}};
  return j;
}

// ---- zones.gpkg ----------------------------------------------------------------------------
nlohmann::ordered_json write_zones(const Plan& plan, const std::string& out, std::uint64_t* count,
                                   std::uint64_t* bytes_out) {
  // Candidate authorities: the densest (certificates per unit area) of each region.
  std::map<std::string, std::vector<std::pair<double, std::size_t>>> by_region;
  for (std::size_t k = 0; k < plan.la_count(); ++k) {
    const auto& p = plan.places()[k];
    by_region[p.region].push_back({-p.weight / (p.r_km * p.r_km), k});
  }
  struct Zone {
    std::string id, name, code, region;
    std::vector<std::pair<double, double>> ring;
  };
  std::vector<Zone> zones;
  for (auto& [region, list] : by_region) {
    std::sort(list.begin(), list.end());
    const std::size_t per_region = region == "London" ? 8 : 3;
    for (std::size_t z = 0; z < std::min(per_region, list.size()); ++z) {
      std::size_t k = list[z].second;
      detail::Rng r(plan.seed(), 0x5A4F4E45, k);
      double ce, cn;
      plan.cluster_centre(k, 0, &ce, &cn);
      Zone zone;
      char id[16];
      std::snprintf(id, sizeof id, "HNZ-%03zu", zones.size() + 1);
      zone.id = id;
      zone.name = std::string(plan.places()[k].name) + " heat network zone";
      zone.code = plan.places()[k].code;
      zone.region = region;
      const double radius = 500.0 + 700.0 * r.uniform();
      for (int v = 0; v < 12; ++v) {
        double a = 6.283185307179586 * v / 12.0;
        double rr = radius * (0.75 + 0.5 * r.uniform());
        zone.ring.push_back({std::round(ce + std::cos(a) * rr), std::round(cn + std::sin(a) * rr)});
      }
      zone.ring.push_back(zone.ring.front());
      zones.push_back(std::move(zone));
    }
  }

  const std::string path = (fs::path(out) / "zones.gpkg").string();
  GDALAllRegister();
  // A fixed timestamp keeps the GeoPackage byte-identical from run to run.
  CPLSetConfigOption("OGR_CURRENT_DATE", "2025-01-01T00:00:00.000Z");
  std::error_code ec;
  fs::remove(path, ec);
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (!driver) throw OutputError("synth: GDAL has no GPKG driver, cannot write " + path);
  GDALDataset* ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  if (!ds) throw OutputError("synth: cannot create " + path + ": " + CPLGetLastErrorMsg());
  auto fail = [&](const std::string& what) {
    GDALClose(ds);
    throw OutputError("synth: cannot write " + path + ": " + what);
  };
  OGRSpatialReference srs;
  srs.importFromEPSG(27700);
  OGRLayer* layer = ds->CreateLayer("heat_network_zones", &srs, wkbPolygon, nullptr);
  if (!layer) fail("layer heat_network_zones");
  for (const char* name : {"zone_id", "name", "local_authority", "region"}) {
    OGRFieldDefn field(name, OFTString);
    if (layer->CreateField(&field) != OGRERR_NONE) fail(std::string("field ") + name);
  }
  if (layer->StartTransaction() != OGRERR_NONE) fail("transaction");
  for (const Zone& z : zones) {
    OGRFeature* f = OGRFeature::CreateFeature(layer->GetLayerDefn());
    f->SetField("zone_id", z.id.c_str());
    f->SetField("name", z.name.c_str());
    f->SetField("local_authority", z.code.c_str());
    f->SetField("region", z.region.c_str());
    OGRLinearRing ring;
    for (const auto& [x, y] : z.ring) ring.addPoint(x, y);
    OGRPolygon poly;
    poly.addRing(&ring);
    f->SetGeometry(&poly);
    OGRErr err = layer->CreateFeature(f);
    OGRFeature::DestroyFeature(f);
    if (err != OGRERR_NONE) fail("feature " + z.id);
  }
  if (layer->CommitTransaction() != OGRERR_NONE) fail("commit");
  GDALClose(ds);
  CPLSetConfigOption("OGR_CURRENT_DATE", nullptr);
  *count = zones.size();
  *bytes_out = fs::file_size(path, ec);

  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  for (const Zone& z : zones)
    j.push_back({{"zone_id", z.id}, {"local_authority", z.code}, {"region", z.region}});
  return j;
}

// ---- certificates.zip ------------------------------------------------------------------------
void put16(std::string& s, std::uint32_t v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& s, std::uint32_t v) {
  put16(s, v & 0xFFFF);
  put16(s, v >> 16);
}
void put64(std::string& s, std::uint64_t v) {
  put32(s, static_cast<std::uint32_t>(v));
  put32(s, static_cast<std::uint32_t>(v >> 32));
}

constexpr std::uint32_t kDosTime = 0;                                    // 00:00:00
constexpr std::uint32_t kDosDate = ((2025 - 1980) << 9) | (1 << 5) | 1;  // 2025-01-01
constexpr std::uint64_t k32 = 0xFFFFFFFFULL;

std::string local_header(const std::string& name, std::uint32_t crc, std::uint64_t csize,
                         std::uint64_t usize) {
  const bool z64 = csize >= k32 || usize >= k32;
  std::string h;
  put32(h, 0x04034b50);
  put16(h, z64 ? 45 : 20);
  put16(h, 0);  // flags
  put16(h, 8);  // deflate
  put16(h, kDosTime);
  put16(h, kDosDate);
  put32(h, crc);
  put32(h, z64 ? static_cast<std::uint32_t>(k32) : static_cast<std::uint32_t>(csize));
  put32(h, z64 ? static_cast<std::uint32_t>(k32) : static_cast<std::uint32_t>(usize));
  put16(h, static_cast<std::uint32_t>(name.size()));
  put16(h, z64 ? 20 : 0);
  h += name;
  if (z64) {
    put16(h, 1);
    put16(h, 16);
    put64(h, usize);
    put64(h, csize);
  }
  return h;
}

std::uint64_t write_zip(const Plan& plan, MPI_Comm comm, const std::string& out) {
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  const std::size_t K = plan.la_count();
  // meta[3k] = crc, meta[3k+1] = compressed size, meta[3k+2] = uncompressed size
  std::vector<std::uint64_t> meta(3 * K, 0), all(3 * K, 0);
  const std::string tmp =
      (fs::path(out) / (".certificates.zip.part" + std::to_string(rank))).string();
  std::vector<std::uint64_t> tmp_offset(K, 0);
  collective(comm, [&] {
    File part(tmp, true);
    std::uint64_t tpos = 0;
    std::vector<unsigned char> in(1 << 20), outbuf(1 << 20);
    for (std::size_t k = static_cast<std::size_t>(rank); k < K;
         k += static_cast<std::size_t>(size)) {
      const std::string src = (fs::path(out) / cert_rel_path(plan, k)).string();
      std::ifstream is(src, std::ios::binary);
      if (!is) throw OutputError("synth: cannot read back " + src);
      z_stream zs{};
      if (deflateInit2(&zs, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw OutputError("synth: zlib init failed");
      tmp_offset[k] = tpos;
      uLong crc = crc32(0L, Z_NULL, 0);
      std::uint64_t usize = 0, csize = 0;
      bool done = false;
      while (!done) {
        is.read(reinterpret_cast<char*>(in.data()), static_cast<std::streamsize>(in.size()));
        std::streamsize got = is.gcount();
        crc = crc32(crc, in.data(), static_cast<uInt>(got));
        usize += static_cast<std::uint64_t>(got);
        const bool last = got < static_cast<std::streamsize>(in.size());
        zs.next_in = in.data();
        zs.avail_in = static_cast<uInt>(got);
        int ret;
        do {
          zs.next_out = outbuf.data();
          zs.avail_out = static_cast<uInt>(outbuf.size());
          ret = deflate(&zs, last ? Z_FINISH : Z_NO_FLUSH);
          std::size_t have = outbuf.size() - zs.avail_out;
          part.write_at(reinterpret_cast<char*>(outbuf.data()), have, tpos);
          tpos += have;
          csize += have;
        } while (zs.avail_out == 0 || (last && ret != Z_STREAM_END));
        done = last;
      }
      deflateEnd(&zs);
      meta[3 * k] = crc;
      meta[3 * k + 1] = csize;
      meta[3 * k + 2] = usize;
    }
    part.close();
  });
  MPI_Allreduce(meta.data(), all.data(), static_cast<int>(3 * K), MPI_UINT64_T, MPI_SUM, comm);

  std::vector<std::string> names(K);
  std::vector<std::uint64_t> offsets(K + 1, 0);
  for (std::size_t k = 0; k < K; ++k) {
    names[k] = detail::folder_name(plan.places()[k]) + "/certificates.csv";
    offsets[k + 1] = offsets[k] +
                     local_header(names[k], static_cast<std::uint32_t>(all[3 * k]), all[3 * k + 1],
                                  all[3 * k + 2])
                         .size() +
                     all[3 * k + 1];
  }
  const std::string path = (fs::path(out) / "certificates.zip").string();
  collective(comm, [&] {
    if (rank == 0) File(path, true).close();
  });
  std::uint64_t total = 0;
  collective(comm, [&] {
    File zip(path, false);
    std::ifstream part(tmp, std::ios::binary);
    std::vector<char> buf(1 << 20);
    for (std::size_t k = static_cast<std::size_t>(rank); k < K;
         k += static_cast<std::size_t>(size)) {
      std::string h = local_header(names[k], static_cast<std::uint32_t>(all[3 * k]), all[3 * k + 1],
                                   all[3 * k + 2]);
      zip.write_at(h.data(), h.size(), offsets[k]);
      std::uint64_t pos = offsets[k] + h.size(), left = all[3 * k + 1];
      part.seekg(static_cast<std::streamoff>(tmp_offset[k]));
      while (left > 0) {
        std::size_t chunk = static_cast<std::size_t>(std::min<std::uint64_t>(left, buf.size()));
        part.read(buf.data(), static_cast<std::streamsize>(chunk));
        if (part.gcount() != static_cast<std::streamsize>(chunk))
          throw OutputError("synth: short read of " + tmp);
        zip.write_at(buf.data(), chunk, pos);
        pos += chunk;
        left -= chunk;
      }
    }
    if (rank == 0) {
      std::string cd;
      for (std::size_t k = 0; k < K; ++k) {
        const std::uint64_t csize = all[3 * k + 1], usize = all[3 * k + 2], off = offsets[k];
        std::string extra;
        if (usize >= k32) put64(extra, usize);
        if (csize >= k32) put64(extra, csize);
        if (off >= k32) put64(extra, off);
        std::string x;
        if (!extra.empty()) {
          put16(x, 1);
          put16(x, static_cast<std::uint32_t>(extra.size()));
          x += extra;
        }
        put32(cd, 0x02014b50);
        put16(cd, (3 << 8) | 45);  // made by Unix, spec 4.5
        put16(cd, x.empty() ? 20 : 45);
        put16(cd, 0);
        put16(cd, 8);
        put16(cd, kDosTime);
        put16(cd, kDosDate);
        put32(cd, static_cast<std::uint32_t>(all[3 * k]));
        put32(cd,
              csize >= k32 ? static_cast<std::uint32_t>(k32) : static_cast<std::uint32_t>(csize));
        put32(cd,
              usize >= k32 ? static_cast<std::uint32_t>(k32) : static_cast<std::uint32_t>(usize));
        put16(cd, static_cast<std::uint32_t>(names[k].size()));
        put16(cd, static_cast<std::uint32_t>(x.size()));
        put16(cd, 0);               // comment
        put16(cd, 0);               // disk
        put16(cd, 0);               // internal attributes
        put32(cd, 0100644u << 16);  // external attributes: regular file, rw-r--r--
        put32(cd, off >= k32 ? static_cast<std::uint32_t>(k32) : static_cast<std::uint32_t>(off));
        cd += names[k];
        cd += x;
      }
      const std::uint64_t cd_offset = offsets[K], cd_size = cd.size();
      const bool z64 = cd_offset >= k32 || cd_size >= k32 || K >= 0xFFFF;
      if (z64) {
        const std::uint64_t rec = cd_offset + cd_size;
        put32(cd, 0x06064b50);
        put64(cd, 44);
        put16(cd, (3 << 8) | 45);
        put16(cd, 45);
        put32(cd, 0);
        put32(cd, 0);
        put64(cd, K);
        put64(cd, K);
        put64(cd, cd_size);
        put64(cd, cd_offset);
        put32(cd, 0x07064b50);
        put32(cd, 0);
        put64(cd, rec);
        put32(cd, 1);
      }
      put32(cd, 0x06054b50);
      put16(cd, 0);
      put16(cd, 0);
      put16(cd, K >= 0xFFFF ? 0xFFFF : static_cast<std::uint32_t>(K));
      put16(cd, K >= 0xFFFF ? 0xFFFF : static_cast<std::uint32_t>(K));
      put32(cd,
            cd_size >= k32 ? static_cast<std::uint32_t>(k32) : static_cast<std::uint32_t>(cd_size));
      put32(cd, cd_offset >= k32 ? static_cast<std::uint32_t>(k32)
                                 : static_cast<std::uint32_t>(cd_offset));
      put16(cd, 0);
      zip.write_at(cd.data(), cd.size(), cd_offset);
      total = cd_offset + cd.size();
    }
    zip.close();
    part.close();
    std::error_code ec;
    fs::remove(tmp, ec);
  });
  MPI_Bcast(&total, 1, MPI_UINT64_T, 0, comm);
  return total;
}

}  // namespace

Summary generate(const Options& options, MPI_Comm comm) {
  const auto t0 = std::chrono::steady_clock::now();
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  std::unique_ptr<Plan> plan;
  collective(comm, [&] { plan = std::make_unique<Plan>(options); });
  const std::string out = options.out_dir;
  collective(comm, [&] {
    if (rank != 0) return;
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) throw OutputError("synth: cannot create output directory " + out + ": " + ec.message());
  });

  const std::size_t K = plan->la_count();
  Counters counters(K);
  write_certificates(*plan, comm, out, counters);
  std::uint64_t postcode_bytes = 0;
  write_postcodes(*plan, comm, out, &postcode_bytes);
  std::uint64_t zip_bytes = 0;
  if (options.zip) zip_bytes = write_zip(*plan, comm, out);

  Counters sum(K);
  MPI_Reduce(counters.v.data(), sum.v.data(), static_cast<int>(counters.v.size()), MPI_UINT64_T,
             MPI_SUM, 0, comm);

  Summary summary;
  summary.certificate_rows = options.n;
  summary.local_authorities = K;
  summary.postcodes = plan->total_postcodes();
  std::uint64_t small_bytes[3] = {0, 0, 0};  // hnpd, zones, manifest
  std::uint64_t small_counts[2] = {0, 0};    // hnpd rows, zones
  collective(comm, [&] {
    if (rank != 0) return;
    std::uint64_t hnpd_rows = 0, zone_count = 0;
    auto hnpd = write_hnpd(*plan, out, &hnpd_rows, &small_bytes[0]);
    auto zones = write_zones(*plan, out, &zone_count, &small_bytes[1]);
    small_counts[0] = hnpd_rows;
    small_counts[1] = zone_count;

    using J = nlohmann::ordered_json;
    J m;
    m["format"] = "heatstreet-synth-manifest";
    m["format_version"] = 1;
    m["seed"] = options.seed;
    m["n"] = options.n;
    m["region"] = plan->options().region;
    m["dirty_fraction"] = options.dirty_fraction;
    m["zip"] = options.zip;
    m["stock_only"] = options.stock_only;
    auto& v = sum.v;
    J rows;
    rows["total"] = options.n;
    rows["with_uprn"] = v[Counters::kRowsWithUprn];
    rows["without_uprn"] = v[Counters::kRowsWithoutUprn];
    rows["older_duplicates"] = v[Counters::kOlderDuplicates];
    rows["dwellings"] = v[Counters::kDwell1] + v[Counters::kDwell2] + v[Counters::kDwell3];
    rows["dwellings_by_certificate_count"] = {
        {"1", v[Counters::kDwell1]}, {"2", v[Counters::kDwell2]}, {"3", v[Counters::kDwell3]}};
    rows["embedded_line_breaks"] = v[Counters::kLineBreaks];
    m["rows"] = rows;
    J stock;
    for (int s = 0; s < static_cast<int>(StockReason::kCount); ++s) {
      stock[detail::stock_reason_name(static_cast<StockReason>(s))] =
          sum.stock(static_cast<StockReason>(s));
    }
    m["stock"] = stock;
    J defects;
    std::uint64_t dirty = 0;
    for (int d = 1; d < static_cast<int>(Defect::kCount); ++d) {
      defects[detail::defect_name(static_cast<Defect>(d))] = sum.defect(static_cast<Defect>(d));
      dirty += sum.defect(static_cast<Defect>(d));
    }
    m["dirty_rows"] = dirty;
    m["defects"] = defects;
    J in;
    in["rows"] = v[Counters::kInStockRows];
    in["dwellings"] = v[Counters::kInStockDwellings];
    in["older_duplicates"] = v[Counters::kInStockOlder];
    in["without_uprn"] = v[Counters::kInStockNoUprn];
    J ind;
    std::uint64_t dropped = 0, idirty = 0;
    for (int d = 1; d < static_cast<int>(Defect::kCount); ++d) {
      std::uint64_t c = sum.defect_in_stock(static_cast<Defect>(d));
      ind[detail::defect_name(static_cast<Defect>(d))] = c;
      idirty += c;
      if (detail::defect_drops_row(static_cast<Defect>(d))) dropped += c;
    }
    in["dirty_rows"] = idirty;
    in["defects"] = ind;
    in["rows_dropped_by_validation"] = dropped;
    in["expected_cohort"] = v[Counters::kInStockRows] - dropped - v[Counters::kInStockOlder];
    in["expected_unlocated"] = sum.defect_in_stock(Defect::kUnknownPostcode);
    m["in_stock"] = in;
    J years, iyears;
    for (int y = kFirstYear; y <= kLastYear; ++y) {
      years[std::to_string(y)] = sum.year(y);
      iyears[std::to_string(y)] = sum.year_in_stock(y);
    }
    m["lodgement_years"] = {{"all", years}, {"in_stock", iyears}};
    J las = J::array();
    for (std::size_t k = 0; k < K; ++k) {
      const auto& p = plan->places()[k];
      las.push_back({{"code", p.code},
                     {"name", p.name},
                     {"file", cert_rel_path(*plan, k)},
                     {"rows", plan->la_rows(k)},
                     {"in_stock_rows", sum.la_in_stock(k)},
                     {"postcodes", plan->la_postcodes(k)},
                     {"bom", plan->la_bom(k)},
                     {"crlf", plan->la_crlf(k)},
                     {"bytes", sum.la_bytes(k)}});
    }
    m["local_authorities"] = las;
    m["postcodes"] = {
        {"file", "postcodes.csv"}, {"rows", plan->total_postcodes()}, {"bytes", postcode_bytes}};
    m["hnpd"] = hnpd;
    m["hnpd"]["file"] = "hnpd.csv";
    m["zones"] = {{"file", "zones.gpkg"},
                  {"layer", "heat_network_zones"},
                  {"crs", "EPSG:27700"},
                  {"count", zone_count},
                  {"features", zones}};
    if (options.zip)
      m["zip"] = {{"file", "certificates.zip"}, {"members", K}, {"bytes", zip_bytes}};
    std::string text = m.dump(2) + "\n";
    write_whole((fs::path(out) / "manifest.json").string(), text);
    small_bytes[2] = text.size();
  });
  MPI_Bcast(small_bytes, 3, MPI_UINT64_T, 0, comm);
  MPI_Bcast(small_counts, 2, MPI_UINT64_T, 0, comm);
  summary.hnpd_rows = small_counts[0];
  summary.zones = small_counts[1];
  std::uint64_t cert_bytes = 0;
  for (std::size_t k = 0; k < K; ++k) cert_bytes += sum.la_bytes(k);
  MPI_Bcast(&cert_bytes, 1, MPI_UINT64_T, 0, comm);
  summary.bytes_written =
      cert_bytes + postcode_bytes + zip_bytes + small_bytes[0] + small_bytes[1] + small_bytes[2];
  for (std::size_t k = 0; k < K; ++k) summary.files.push_back(cert_rel_path(*plan, k));
  for (const char* f : {"hnpd.csv", "manifest.json", "postcodes.csv", "zones.gpkg"})
    summary.files.push_back(f);
  if (options.zip) summary.files.push_back("certificates.zip");
  std::sort(summary.files.begin(), summary.files.end());
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return summary;
}

}  // namespace heatstreet::synth
