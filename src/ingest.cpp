#include "heatstreet/ingest.hpp"

#include <cpl_error.h>
#include <cpl_vsi.h>
#include <glob.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <memory>
#include <numeric>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "heatstreet/certificate_table.hpp"
#include "heatstreet/csv_scanner.hpp"
#include "heatstreet/epc_classify.hpp"
#include "heatstreet/epc_record.hpp"
#include "heatstreet/error.hpp"
#include "heatstreet/vocabulary.hpp"

namespace heatstreet::ingest {
namespace fs = std::filesystem;

namespace {

constexpr const char* kReaderRank = "_reader_rank";

bool ends_with_ci(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         epc::lower(s.substr(s.size() - suffix.size())) == suffix;
}

// Last 4-digit token of the stem (split on '-' and '_') in 1900-2100, or 0 (spec §2.2).
int member_year(const std::string& member) {
  std::string stem = fs::path(member).stem().string();
  int year = 0;
  std::string token;
  auto flush = [&] {
    if (token.size() == 4 && std::all_of(token.begin(), token.end(), ::isdigit)) {
      const int y = std::stoi(token);
      if (y >= 1900 && y <= 2100) year = y;
    }
    token.clear();
  };
  for (char c : stem) {
    if (c == '-' || c == '_') flush();
    else token.push_back(c);
  }
  flush();
  return year;
}

std::int64_t vsi_size(const std::string& vsi) {
  VSIStatBufL st;
  if (VSIStatL(vsi.c_str(), &st) != 0) return -1;
  return static_cast<std::int64_t>(st.st_size);
}

void add_file(const fs::path& p, const Config& cfg, std::vector<InputFile>& out,
              const std::string& entry) {
  const std::string abs = fs::absolute(p).lexically_normal().string();
  if (ends_with_ci(abs, ".zip")) {
    const std::string root = "/vsizip/" + abs;
    char** list = VSIReadDirRecursive(root.c_str());
    if (!list) throw InputError("inputs.certificates: '" + entry + "': cannot read zip archive " + abs);
    std::vector<std::string> members;
    for (char** it = list; *it; ++it) members.emplace_back(*it);
    CSLDestroy(list);
    std::sort(members.begin(), members.end());
    auto certificate_member = [](const std::string& m) {
      return ends_with_ci(m, ".csv") &&
             !epc::has(epc::lower(fs::path(m).filename().string()), "recommendation");
    };
    // An archive without any certificates file is the wrong archive, not an empty one.
    if (std::none_of(members.begin(), members.end(), certificate_member))
      throw InputError("inputs.certificates: '" + entry + "': the zip archive " + abs +
                       " holds no certificates CSV (no member ending in .csv other than recommendations)");
    int start_year = 0, end_year = 0;
    if (cfg.filters.sample_window_start) start_year = std::stoi(cfg.filters.sample_window_start->substr(0, 4));
    if (cfg.filters.sample_window_end) end_year = std::stoi(cfg.filters.sample_window_end->substr(0, 4));
    for (const std::string& m : members) {
      if (!certificate_member(m)) continue;
      const int y = member_year(m);
      if (y && ((start_year && y < start_year) || (end_year && y > end_year))) continue;
      InputFile f{abs + "/" + m, root + "/" + m, 0, false};
      f.size = vsi_size(f.vsi);
      out.push_back(f);
    }
    return;
  }
  InputFile f;
  f.name = abs;
  if (ends_with_ci(abs, ".gz")) {
    f.vsi = "/vsigzip/" + abs;
  } else {
    f.vsi = abs;
    f.splittable = true;
  }
  f.size = static_cast<std::int64_t>(fs::file_size(p));
  out.push_back(f);
}

void add_entry(const std::string& entry, const fs::path& p, const Config& cfg,
               std::vector<InputFile>& out) {
  std::error_code ec;
  if (fs::is_directory(p, ec)) {
    std::vector<fs::path> found;
    for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->is_regular_file() && epc::lower(it->path().filename().string()) == "certificates.csv")
        found.push_back(it->path());
    if (ec) throw InputError("inputs.certificates: '" + entry + "': cannot walk folder: " + ec.message());
    if (found.empty()) throw InputError("inputs.certificates: '" + entry + "': no certificates.csv under this folder");
    for (const auto& f : found) add_file(f, cfg, out, entry);
  } else if (fs::is_regular_file(p, ec)) {
    add_file(p, cfg, out, entry);
  } else if (fs::exists(p, ec)) {
    throw InputError("inputs.certificates: '" + entry +
                     "': not a regular file or folder (a pipe, socket or device cannot be read as certificates)");
  } else {
    throw InputError("inputs.certificates: '" + entry + "': no such file or folder");
  }
}

// Reads a file (or the part from `offset`) block by block.
class BlockReader {
 public:
  BlockReader(const InputFile& f, std::int64_t offset) : name_(f.name) {
    fp_ = VSIFOpenL(f.vsi.c_str(), "rb");
    if (!fp_) throw InputError(f.name + ": cannot open for reading");
    if (offset > 0 && VSIFSeekL(fp_, static_cast<vsi_l_offset>(offset), SEEK_SET) != 0)
      throw InputError(f.name + ": cannot seek to byte " + std::to_string(offset));
  }
  ~BlockReader() {
    if (fp_) VSIFCloseL(fp_);
  }
  BlockReader(const BlockReader&) = delete;
  BlockReader& operator=(const BlockReader&) = delete;
  // Reads up to n bytes; 0 at the end.
  std::size_t read(char* buf, std::size_t n) {
    // GDAL 3.6 has no read-error query on a handle (compressed streams do not set EOF
    // reliably), so a short read is the end of the data unless GDAL raised an error
    // during it: a truncated or corrupt gzip stream or zip member must not pass as a
    // shorter file.
    CPLErrorReset();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    const std::size_t got = VSIFReadL(buf, 1, n, fp_);
    CPLPopErrorHandler();
    if (CPLGetLastErrorType() >= CE_Failure)
      throw InputError(name_ + ": cannot read the data, the file is truncated or corrupt (" +
                       CPLGetLastErrorMsg() + ")");
    return got;
  }

 private:
  std::string name_;
  VSILFILE* fp_ = nullptr;
};

// A piece of work: bytes [begin, end) of one input (end = -1: to the end of the file).
struct Piece {
  int file = 0;
  std::int64_t begin = 0, end = -1;
  int owner = 0;
  bool split = false;  // one of several pieces of a file
};

std::vector<Piece> plan_pieces(const std::vector<InputFile>& files, int ranks,
                               std::int64_t min_split) {
  std::int64_t total = 0;
  for (const auto& f : files) total += std::max<std::int64_t>(f.size, 1);
  auto owner_of = [&](std::int64_t g) {
    return static_cast<int>(std::min<std::int64_t>(ranks - 1, g * ranks / std::max<std::int64_t>(total, 1)));
  };
  std::vector<Piece> pieces;
  std::int64_t g = 0;
  for (int i = 0; i < static_cast<int>(files.size()); ++i) {
    const std::int64_t size = std::max<std::int64_t>(files[i].size, 1);
    const int first = owner_of(g), last = owner_of(g + size - 1);
    if (!files[i].splittable || files[i].size < min_split || first == last) {
      pieces.push_back({i, 0, -1, first, false});
    } else {
      for (int r = first; r <= last; ++r) {
        // Rank r's share of the global byte line is [r*total/P, (r+1)*total/P).
        const std::int64_t lo = std::max<std::int64_t>(g, r * total / ranks) - g;
        const std::int64_t hi = std::min<std::int64_t>(g + size, (r + 1) * total / ranks) - g;
        if (hi > lo) pieces.push_back({i, lo, r == last ? -1 : hi, r, true});
      }
    }
    g += size;
  }
  return pieces;
}

std::string serialise_inputs(const std::vector<InputFile>& files) {
  std::ostringstream o;
  for (const auto& f : files) o << f.name << '\t' << f.vsi << '\t' << f.size << '\t' << f.splittable << '\n';
  return o.str();
}

std::vector<InputFile> parse_inputs(const std::string& s) {
  std::vector<InputFile> out;
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream l(line);
    InputFile f;
    std::string size, split;
    std::getline(l, f.name, '\t');
    std::getline(l, f.vsi, '\t');
    std::getline(l, size, '\t');
    std::getline(l, split, '\t');
    f.size = std::stoll(size);
    f.splittable = split == "1";
    out.push_back(f);
  }
  return out;
}

// Length of a UTF-8 byte-order mark at the start of the file (0 or 3).
std::int64_t bom_length(const InputFile& f) {
  BlockReader r(f, 0);
  char b[3] = {0, 0, 0};
  const std::size_t n = r.read(b, 3);
  return (n == 3 && b[0] == '\xEF' && b[1] == '\xBB' && b[2] == '\xBF') ? 3 : 0;
}

// Calls fn(record) for every record starting in [begin, end) of the file, from the
// given scanner state and line; returns false if fn stopped early.
void scan_range(const InputFile& f, std::int64_t begin, std::int64_t end, csv::State state,
                std::int64_t line, std::size_t block,
                const std::function<bool(const csv::Record&)>& fn) {
  BlockReader reader(f, begin);
  csv::RecordReader rr(state, begin, line);
  if (end >= 0) rr.stop_before(end);
  std::vector<char> buf(block);
  auto take = [&](const csv::Record& r) {
    if (r.offset < 0) return true;
    if (end >= 0 && r.offset >= end) return false;
    return fn(r);
  };
  for (;;) {
    const std::size_t n = reader.read(buf.data(), buf.size());
    if (n == 0) break;
    if (!rr.feed(buf.data(), n, take)) return;
  }
  rr.finish(take);
}

std::vector<std::string> read_header(const InputFile& f, std::int64_t bom, std::size_t block) {
  std::vector<std::string> header;
  bool got = false;
  scan_range(f, bom, -1, csv::State::kRowStart, 1, std::min<std::size_t>(block, 1 << 16),
             [&](const csv::Record& r) {
               header.assign(r.fields.begin(), r.fields.end());
               got = true;
               return false;
             });
  if (!got) throw InputError(f.name + ": the file is empty (no header row)");
  return header;
}

// Sends every row back to the rank that read it, sorts by source position and spreads
// the rows evenly over the ranks in that order. Readers hold contiguous runs of the
// global order, so the result is the global order cut into equal runs.
Table order_globally(Table t, const Comm& comm) {
  Table back = exchange_rows(t, t.get<std::int32_t>(kReaderRank), comm);
  const auto& file = back.get<std::int32_t>(col::kSourceFile);
  const auto& line = back.get<std::int64_t>(col::kSourceLine);
  std::vector<std::size_t> idx(back.num_rows());
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
    return file[a] != file[b] ? file[a] < file[b] : line[a] < line[b];
  });
  Table sorted = back.gather(idx);
  const std::int64_t n = static_cast<std::int64_t>(sorted.num_rows());
  const std::int64_t first = comm.exscan(n);
  const std::int64_t total = comm.sum(n);
  const int p = comm.size();
  std::vector<int> dest(sorted.num_rows());
  for (std::int64_t i = 0; i < n; ++i) {
    const std::int64_t g = first + i;
    // The last rank r with r*total/p <= g.
    int r = static_cast<int>(total ? g * p / total : 0);
    while (r + 1 < p && (r + 1) * total / p <= g) ++r;
    while (r > 0 && r * total / p > g) --r;
    dest[static_cast<std::size_t>(i)] = r;
  }
  Table out = exchange_rows(sorted, dest, comm);
  out.remove(kReaderRank);
  return out;
}

struct Located {
  std::int64_t by_postcode = 0, by_coordinates = 0, unlocated = 0;
  std::int64_t outside_grid = 0;  // coordinates that do not project into the BNG extent
};

// The extent of the British National Grid (the spatial spec's usable-coordinate box):
// a register coordinate projecting outside it is a data error (swapped or zeroed
// latitude/longitude, a foreign point), not a dwelling in England or Wales.
bool inside_bng_extent(double easting, double northing) {
  return easting >= 0 && easting <= 700000 && northing >= 0 && northing <= 1300000;
}

Located geocode(Table& t, const Config& cfg, bool use_coordinates_only, std::size_t block) {
  Located n;
  const auto& pcs = t.strings(col::kPostcode);
  auto& e = t.get<double>(col::kEasting);
  auto& no = t.get<double>(col::kNorthing);
  auto& located = t.get<std::uint8_t>(col::kLocated);
  const auto& lat = t.get<double>(hidden::kLatitude);
  const auto& lon = t.get<double>(hidden::kLongitude);
  const std::size_t rows = t.num_rows();

  if (!cfg.inputs.postcodes.empty() && !use_coordinates_only) {
    std::unordered_map<std::string, std::pair<double, double>> wanted;
    for (std::size_t i = 0; i < rows; ++i)
      if (!pcs[i].empty()) wanted.emplace(std::string(pcs[i]), std::make_pair(NAN, NAN));
    InputFile f{cfg.inputs.postcodes, cfg.inputs.postcodes, 0, false};
    if (ends_with_ci(f.vsi, ".gz")) f.vsi = "/vsigzip/" + f.vsi;
    if (vsi_size(f.vsi) < 0) throw InputError("inputs.postcodes: '" + f.name + "': no such file");
    const std::int64_t bom = bom_length(f);
    int ipc = -1, ie = -1, in = -1;
    bool header = true;
    std::size_t ncols = 0;
    scan_range(f, bom, -1, csv::State::kRowStart, 1, block, [&](const csv::Record& r) {
      if (header) {
        header = false;
        ncols = r.fields.size();
        for (std::size_t k = 0; k < r.fields.size(); ++k) {
          const std::string h = epc::lower(epc::trim(r.fields[k]));
          if (h == epc::lower(cfg.inputs.postcode_columns.postcode)) ipc = static_cast<int>(k);
          if (h == epc::lower(cfg.inputs.postcode_columns.easting)) ie = static_cast<int>(k);
          if (h == epc::lower(cfg.inputs.postcode_columns.northing)) in = static_cast<int>(k);
        }
        for (auto [idx, name] : {std::pair<int, std::string>{ipc, cfg.inputs.postcode_columns.postcode},
                                 {ie, cfg.inputs.postcode_columns.easting},
                                 {in, cfg.inputs.postcode_columns.northing}})
          if (idx < 0)
            throw InputError(f.name + ": column '" + name +
                             "' (inputs.postcode_columns) is missing from the header");
        return true;
      }
      if (r.fields.size() != ncols) return true;
      auto it = wanted.find(epc::normalise_postcode(r.fields[ipc]));
      if (it == wanted.end() || !std::isnan(it->second.first)) return true;
      double x, y;
      if (epc::parse_number(r.fields[ie], x) == epc::Parse::kOk &&
          epc::parse_number(r.fields[in], y) == epc::Parse::kOk)
        it->second = {x, y};
      return true;
    });
    for (std::size_t i = 0; i < rows; ++i) {
      if (pcs[i].empty()) continue;
      const auto& xy = wanted.at(std::string(pcs[i]));
      if (std::isnan(xy.first)) continue;
      e[i] = xy.first;
      no[i] = xy.second;
      located[i] = 1;
      ++n.by_postcode;
    }
  }
  std::unique_ptr<OGRCoordinateTransformation> ct;
  for (std::size_t i = 0; i < rows; ++i) {
    if (located[i] || std::isnan(lat[i]) || std::isnan(lon[i])) continue;
    if (!ct) {
      OGRSpatialReference wgs, bng;
      wgs.importFromEPSG(4326);
      bng.importFromEPSG(27700);
      wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
      bng.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
      ct.reset(OGRCreateCoordinateTransformation(&wgs, &bng));
      if (!ct) throw Error(ExitCode::kInternal, "ingest: no EPSG:4326 to EPSG:27700 transformation available");
    }
    double x = lon[i], y = lat[i];
    // PROJ reports impossible latitudes through GDAL's error handler; they are counted
    // here instead of printed without a file or line.
    CPLPushErrorHandler(CPLQuietErrorHandler);
    const bool projected = ct->Transform(1, &x, &y) && std::isfinite(x) && std::isfinite(y);
    CPLPopErrorHandler();
    if (!projected || !inside_bng_extent(x, y)) {
      ++n.outside_grid;
      // Documented: unlocated. Python: the predecessor places any projected point.
      if (!projected || cfg.model.methodology == Methodology::kDocumented) continue;
    }
    e[i] = x;
    no[i] = y;
    located[i] = 1;
    ++n.by_coordinates;
  }
  for (std::size_t i = 0; i < rows; ++i) n.unlocated += !located[i];
  return n;
}

}  // namespace

std::vector<InputFile> resolve_inputs(const Config& cfg) {
  std::vector<InputFile> out;
  if (cfg.inputs.certificates.empty()) throw InputError("inputs.certificates: no input given");
  for (const std::string& entry : cfg.inputs.certificates) {
    if (entry.find_first_of("*?[") != std::string::npos) {
      glob_t g{};
      const int rc = glob(entry.c_str(), 0, nullptr, &g);
      std::vector<std::string> matches;
      if (rc == 0)
        for (std::size_t i = 0; i < g.gl_pathc; ++i) matches.emplace_back(g.gl_pathv[i]);
      globfree(&g);
      if (matches.empty()) throw InputError("inputs.certificates: '" + entry + "' matches no file");
      for (const auto& m : matches) add_entry(entry, m, cfg, out);
    } else {
      add_entry(entry, entry, cfg, out);
    }
  }
  std::sort(out.begin(), out.end(), [](const InputFile& a, const InputFile& b) { return a.name < b.name; });
  out.erase(std::unique(out.begin(), out.end(), [](const InputFile& a, const InputFile& b) { return a.name == b.name; }), out.end());
  return out;
}

IngestResult run(const Config& cfg, const Comm& comm, const IngestOptions& opt) {
  const Methodology m = cfg.model.methodology;
  // 1. Inputs, resolved once and shared.
  std::string listing;
  run_agreed(comm, [&] {
    if (comm.root()) listing = serialise_inputs(resolve_inputs(cfg));
  });
  const std::vector<InputFile> files = parse_inputs(comm.bcast(listing));
  const std::vector<Piece> pieces = plan_pieces(files, comm.size(), opt.min_split_bytes);

  // 2. Pre-pass over split pieces: the scanner state map and line feeds of each, so
  //    every piece knows the exact state and line at its first byte.
  std::vector<std::int64_t> bom(files.size(), -1);
  std::string mine;
  run_agreed(comm, [&] {
    std::vector<char> buf(opt.block_bytes);
    for (std::size_t k = 0; k < pieces.size(); ++k) {
      const Piece& p = pieces[k];
      if (!p.split || p.owner != comm.rank() || p.end < 0) continue;  // last piece: not needed
      if (bom[p.file] < 0) bom[p.file] = bom_length(files[p.file]);
      const std::int64_t b = std::max(p.begin, bom[p.file]);
      csv::StateMapBuilder smb;
      BlockReader r(files[p.file], b);
      std::int64_t left = p.end - b;
      while (left > 0) {
        const std::size_t n = r.read(buf.data(), static_cast<std::size_t>(std::min<std::int64_t>(left, buf.size())));
        if (n == 0) break;
        smb.feed(buf.data(), n);
        left -= static_cast<std::int64_t>(n);
      }
      mine += std::to_string(k);
      for (auto s : smb.map().to) mine += ' ' + std::to_string(s);
      mine += ' ' + std::to_string(smb.line_feeds()) + '\n';
    }
  });
  std::vector<csv::StateMap> maps(pieces.size());
  std::vector<std::int64_t> feeds(pieces.size(), 0);
  for (const std::string& s : comm.allgather(mine)) {
    std::istringstream in(s);
    std::size_t k;
    while (in >> k) {
      for (auto& t : maps[k].to) {
        int v;
        in >> v;
        t = static_cast<std::uint8_t>(v);
      }
      in >> feeds[k];
    }
  }

  // 3. Read own pieces in global order.
  CertificateBuilder builder(cfg);
  run_agreed(comm, [&] {
    for (std::size_t k = 0; k < pieces.size(); ++k) {
      const Piece& p = pieces[k];
      if (p.owner != comm.rank()) continue;
      const InputFile& f = files[p.file];
      if (bom[p.file] < 0) bom[p.file] = bom_length(f);
      csv::State state = csv::State::kRowStart;
      std::int64_t line = 1;
      for (std::size_t j = 0; j < k; ++j)
        if (pieces[j].file == p.file) {
          state = maps[j].apply(state);
          line += feeds[j];
        }
      const std::vector<std::string> header = read_header(f, bom[p.file], opt.block_bytes);
      builder.begin_file(p.file, f.name, std::vector<std::string_view>(header.begin(), header.end()));
      const std::int64_t b = std::max(p.begin, bom[p.file]);
      bool skip_header = p.begin == 0;
      scan_range(f, b, p.end, state, line, opt.block_bytes, [&](const csv::Record& r) {
        if (skip_header) {
          skip_header = false;
          return true;
        }
        builder.add(r);
        return true;
      });
    }
  });

  // 4. Latest certificate per dwelling: rows meet on the rank owning their key's hash.
  Table& local = builder.dwellings();
  local.add<std::int32_t>({kReaderRank, "", "", {}}, comm.rank());
  Table& rejects = builder.rejects();
  rejects.add<std::int32_t>({kReaderRank, "", "", {}}, comm.rank());
  std::vector<int> dest(local.num_rows());
  {
    const auto& key = local.strings(hidden::kDedupKey);
    for (std::size_t i = 0; i < dest.size(); ++i)
      dest[i] = key[i].empty() ? comm.rank()
                               : static_cast<int>(std::hash<std::string_view>{}(key[i]) % comm.size());
  }
  Table grouped = exchange_rows(local, dest, comm);
  local = Table();
  std::vector<std::size_t> keep, dropped;
  choose_latest(grouped, keep, dropped);
  {
    const auto& file = grouped.get<std::int32_t>(col::kSourceFile);
    const auto& line = grouped.get<std::int64_t>(col::kSourceLine);
    const auto& cert = grouped.strings(col::kCertificateNumber);
    const auto& reader = grouped.get<std::int32_t>(kReaderRank);
    for (std::size_t i : dropped) {
      rejects.get<std::int32_t>(col::kSourceFile).push_back(file[i]);
      rejects.get<std::int64_t>(col::kSourceLine).push_back(line[i]);
      rejects.strings(col::kCertificateNumber).push_back(cert[i]);
      rejects.get<std::uint8_t>("reason").push_back(static_cast<std::uint8_t>(epc::Reason::kDuplicate));
      rejects.get<std::int32_t>(kReaderRank).push_back(reader[i]);
    }
  }
  auto& counters = builder.counters();
  counters[kDuplicatesRemoved] = static_cast<std::int64_t>(dropped.size());
  Table survivors = grouped.gather(keep);
  grouped = Table();

  // 5. Back to the global order, evenly spread.
  IngestResult result;
  result.dwellings = order_globally(std::move(survivors), comm);
  result.rejects = order_globally(std::move(rejects), comm);
  Table& out = result.dwellings;

  // Python mode: ventilation unknown for the whole cohort reads as natural.
  if (m == Methodology::kPython) {
    auto& vent = out.get<std::uint8_t>(col::kVentilation);
    std::int64_t known = 0;
    for (auto v : vent) known += v != static_cast<std::uint8_t>(Ventilation::kUnknown);
    if (comm.sum(known) == 0)
      std::fill(vent.begin(), vent.end(), static_cast<std::uint8_t>(Ventilation::kNatural));
  }

  // 6. Locations. Python mode: coordinates in the register, when any row has them,
  //    are used for every row and postcodes are not looked up (spatial spec §2.2).
  std::int64_t with_coordinates = 0;
  {
    const auto& lat = out.get<double>(hidden::kLatitude);
    const auto& lon = out.get<double>(hidden::kLongitude);
    for (std::size_t i = 0; i < lat.size(); ++i) with_coordinates += !std::isnan(lat[i]) && !std::isnan(lon[i]);
  }
  const bool coordinates_only = m == Methodology::kPython && comm.sum(with_coordinates) > 0;
  Located located;
  run_agreed(comm, [&] { located = geocode(out, cfg, coordinates_only, opt.block_bytes); });
  counters[kLocatedByPostcode] = located.by_postcode;
  counters[kLocatedByCoordinates] = located.by_coordinates;
  counters[kUnlocated] = located.unlocated;
  counters[kCoordinatesOutsideGrid] = located.outside_grid;
  counters[kKept] = static_cast<std::int64_t>(out.num_rows());
  for (const char* h : {hidden::kInspectionDate, hidden::kDedupKey, hidden::kLatitude, hidden::kLongitude})
    out.remove(h);

  const std::vector<std::int64_t> totals = comm.sum(counters);
  for (int i = 0; i < kNumCounters; ++i) result.report.counters.emplace_back(counter_names()[i], totals[i]);
  result.report.input_files = files;

  // 7. Too many rejects stops the run (duplicates are not errors).
  const std::int64_t rejected = totals[kMalformedRows] + totals[kImplausibleFloorAreas] +
                                totals[kEnergyValuesDropped] + totals[kCo2ValuesDropped] +
                                totals[kInconsistentBuiltForm] + totals[kMissingCriticalFields] +
                                totals[kConstructionDateMismatches];
  const std::int64_t seen = totals[kMalformedRows] + totals[kValidated];
  if (seen > 0 && static_cast<double>(rejected) > cfg.validation.max_reject_fraction * static_cast<double>(seen)) {
    std::vector<std::pair<std::int64_t, std::string>> by_rule;
    for (int c : {kMalformedRows, kImplausibleFloorAreas, kEnergyValuesDropped, kCo2ValuesDropped,
                  kInconsistentBuiltForm, kMissingCriticalFields, kConstructionDateMismatches})
      if (totals[c] > 0) by_rule.emplace_back(totals[c], counter_names()[c]);
    std::sort(by_rule.begin(), by_rule.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::string rules;
    for (const auto& [n, name] : by_rule) rules += (rules.empty() ? "" : ", ") + name + " " + std::to_string(n);
    char frac[32];
    std::snprintf(frac, sizeof frac, "%.1f%%", 100.0 * static_cast<double>(rejected) / static_cast<double>(seen));
    throw InputError("ingest: " + std::to_string(rejected) + " of " + std::to_string(seen) +
                     " certificates rejected (" + frac + ", above validation.max_reject_fraction " +
                     std::to_string(cfg.validation.max_reject_fraction) + "); by rule: " + rules);
  }
  return result;
}

}  // namespace heatstreet::ingest
