#include "heatstreet/ingest/ingest_stage.hpp"

#include <cpl_error.h>
#include <cpl_vsi.h>
#include <glob.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <numeric>
#include <sstream>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/error.hpp"
#include "heatstreet/core/hash.hpp"
#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/ingest/certificate_table.hpp"
#include "heatstreet/ingest/classify.hpp"
#include "heatstreet/ingest/csv_scanner.hpp"
#include "heatstreet/ingest/register_layout.hpp"
#include "heatstreet/parallel/wire.hpp"

namespace heatstreet::ingest {
namespace fs = std::filesystem;

namespace {

bool ends_with_ci(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && epc::lower(s.substr(s.size() - suffix.size())) == suffix;
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
    if (c == '-' || c == '_')
      flush();
    else
      token.push_back(c);
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
    if (!list)
      throw InputError("inputs.certificates: '" + entry + "': cannot read zip archive " + abs);
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
      throw InputError(
          "inputs.certificates: '" + entry + "': the zip archive " + abs +
          " holds no certificates CSV (no member ending in .csv other than recommendations)");
    int start_year = 0, end_year = 0;
    if (cfg.filters.sample_window_start)
      start_year = std::stoi(cfg.filters.sample_window_start->substr(0, 4));
    if (cfg.filters.sample_window_end)
      end_year = std::stoi(cfg.filters.sample_window_end->substr(0, 4));
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
    for (auto it = fs::recursive_directory_iterator(p, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->is_regular_file() && epc::lower(it->path().filename().string()) == "certificates.csv")
        found.push_back(it->path());
    if (ec)
      throw InputError("inputs.certificates: '" + entry + "': cannot walk folder: " + ec.message());
    if (found.empty())
      throw InputError("inputs.certificates: '" + entry +
                       "': no certificates.csv under this folder");
    for (const auto& f : found) add_file(f, cfg, out, entry);
  } else if (fs::is_regular_file(p, ec)) {
    add_file(p, cfg, out, entry);
  } else if (fs::exists(p, ec)) {
    throw InputError("inputs.certificates: '" + entry +
                     "': not a regular file or folder (a pipe, socket or device cannot be read as "
                     "certificates)");
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
    return static_cast<int>(
        std::min<std::int64_t>(ranks - 1, g * ranks / std::max<std::int64_t>(total, 1)));
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
  for (const auto& f : files)
    o << f.name << '\t' << f.vsi << '\t' << f.size << '\t' << f.splittable << '\n';
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

// Where the dedup fields sit in a dwelling record.
struct DwellingLayout {
  explicit DwellingLayout(const RowCodec& c)
      : codec(c),
        uprn(c.column(dwelling::kUprn)),
        lodged(c.column(dwelling::kLodgementDate)),
        inspected(c.column(hidden::kInspectionDate)),
        file(c.column(dwelling::kSourceFile)),
        line(c.column(dwelling::kSourceLine)),
        easting(c.column(dwelling::kEasting)),
        northing(c.column(dwelling::kNorthing)),
        located(c.column(dwelling::kLocated)),
        cert(c.cols()[c.column(dwelling::kCertificateNumber)].offset),
        address(c.cols()[c.column(dwelling::kAddress)].offset),
        postcode(c.cols()[c.column(dwelling::kPostcode)].offset),
        strings(c.num_strings()) {}
  const RowCodec& codec;
  std::size_t uprn, lodged, inspected, file, line, easting, northing, located;
  std::size_t cert, address, postcode;  // string ordinals
  std::size_t strings;
};

// Calls fn(index, record, key, strings) for every record with a dedup key.
template <class F>
void for_each_key(const CertificateBuilder& b, const DwellingLayout& L, Methodology m, F&& fn) {
  std::vector<std::string_view> strs(L.strings);
  std::uint64_t index = 0;
  b.records().for_each([&](const char* r) {
    L.codec.strings(r, strs.data());
    const std::string key =
        dedup_key(L.codec.get<std::int64_t>(r, L.uprn), strs[L.address], strs[L.postcode],
                  b.file_has_uprn(L.codec.get<std::int32_t>(r, L.file)), m);
    if (!key.empty()) fn(index, r, key, strs);
    ++index;
  });
}

// Latest certificate per dwelling across ranks (spec §3.3 path B). Only keys, dates and
// certificate numbers travel, never whole rows: first the 64-bit hash of every key to
// the rank that owns it, which answers with the hashes it saw more than once; then the
// full comparison fields of just those rows, answered with the losers. Returns the
// local indices of the rows to drop, ascending.
std::vector<std::uint64_t> find_duplicates(const CertificateBuilder& b, Methodology m,
                                           const Comm& comm) {
  const auto p = static_cast<std::size_t>(comm.size());
  const DwellingLayout L(b.codec());
  auto owner = [p](std::uint64_t h) { return static_cast<std::size_t>(h % p); };

  // Round 1: hashes to their owners.
  std::vector<std::int64_t> counts(p, 0), recv_counts;
  for_each_key(b, L, m, [&](std::uint64_t, const char*, const std::string& k, const auto&) {
    counts[owner(fnv1a(k))] += sizeof(std::uint64_t);
  });
  std::vector<std::uint64_t> repeated_by_owner_flat;
  std::vector<std::int64_t> repeated_counts;
  {
    std::vector<char> send;
    {
      std::vector<std::int64_t> at(p, 0);
      for (std::size_t d = 1; d < p; ++d) at[d] = at[d - 1] + counts[d - 1];
      send.resize(static_cast<std::size_t>(at[p - 1] + counts[p - 1]));
      for_each_key(b, L, m, [&](std::uint64_t, const char*, const std::string& k, const auto&) {
        const std::uint64_t h = fnv1a(k);
        std::memcpy(send.data() + at[owner(h)], &h, sizeof h);
        at[owner(h)] += sizeof h;
      });
    }
    std::vector<char> recv = comm.exchange(send, counts, recv_counts);
    std::vector<char>().swap(send);
    // Sort each source's hashes, then merge them to find the repeated ones.
    auto* h = reinterpret_cast<std::uint64_t*>(recv.data());
    std::vector<std::size_t> lo(p + 1, 0);
    for (std::size_t s = 0; s < p; ++s)
      lo[s + 1] = lo[s] + static_cast<std::size_t>(recv_counts[s]) / 8;
    for (std::size_t s = 0; s < p; ++s) std::sort(h + lo[s], h + lo[s + 1]);
    std::vector<std::uint64_t> repeated;
    {
      std::vector<std::size_t> at(lo.begin(), lo.end() - 1);
      bool have = false;
      std::uint64_t prev = 0;
      for (;;) {
        std::size_t best = p;
        for (std::size_t s = 0; s < p; ++s)
          if (at[s] < lo[s + 1] && (best == p || h[at[s]] < h[at[best]])) best = s;
        if (best == p) break;
        const std::uint64_t v = h[at[best]++];
        if (have && v == prev && (repeated.empty() || repeated.back() != v)) repeated.push_back(v);
        prev = v;
        have = true;
      }
    }
    // Answer each source with the repeated hashes it sent.
    std::vector<char> reply;
    std::vector<std::int64_t> reply_counts(p, 0);
    for (std::size_t s = 0; s < p; ++s) {
      const std::size_t before = reply.size();
      std::size_t j = 0;
      for (std::size_t i = lo[s]; i < lo[s + 1]; ++i) {
        if (i > lo[s] && h[i] == h[i - 1]) continue;
        while (j < repeated.size() && repeated[j] < h[i]) ++j;
        if (j < repeated.size() && repeated[j] == h[i]) wire::put(reply, h[i]);
      }
      reply_counts[s] = static_cast<std::int64_t>(reply.size() - before);
    }
    std::vector<char>().swap(recv);
    std::vector<char> back = comm.exchange(reply, reply_counts, repeated_counts);
    repeated_by_owner_flat.resize(back.size() / 8);
    if (!back.empty()) std::memcpy(repeated_by_owner_flat.data(), back.data(), back.size());
  }
  std::vector<std::size_t> rlo(p + 1, 0);
  for (std::size_t s = 0; s < p; ++s)
    rlo[s + 1] = rlo[s] + static_cast<std::size_t>(repeated_counts[s]) / 8;
  auto is_repeated = [&](std::uint64_t h) {
    const std::size_t o = owner(h);
    return std::binary_search(repeated_by_owner_flat.begin() + rlo[o],
                              repeated_by_owner_flat.begin() + rlo[o + 1], h);
  };

  // Round 2: the comparison fields of rows whose key hash is repeated, written straight
  // into one buffer (sizes first). Record: index u64, lodged, inspected, file (i32),
  // line i64, then key and certificate number (u32 length and bytes).
  constexpr std::size_t kFixed = 8 + 4 + 4 + 4 + 8;
  std::fill(counts.begin(), counts.end(), 0);
  for_each_key(b, L, m, [&](std::uint64_t, const char*, const std::string& k, const auto& strs) {
    const std::uint64_t h = fnv1a(k);
    if (is_repeated(h))
      counts[owner(h)] += static_cast<std::int64_t>(kFixed + 8 + k.size() + strs[L.cert].size());
  });
  std::vector<char> send;
  {
    std::vector<std::int64_t> at(p, 0);
    for (std::size_t d = 1; d < p; ++d) at[d] = at[d - 1] + counts[d - 1];
    send.resize(static_cast<std::size_t>(at[p - 1] + counts[p - 1]));
    for_each_key(b, L, m,
                 [&](std::uint64_t index, const char* r, const std::string& k, const auto& strs) {
                   const std::uint64_t h = fnv1a(k);
                   if (!is_repeated(h)) return;
                   char* o = send.data() + at[owner(h)];
                   auto put = [&](const void* v, std::size_t n) {
                     std::memcpy(o, v, n);
                     o += n;
                   };
                   const auto lodged = L.codec.get<std::int32_t>(r, L.lodged);
                   const auto inspected = L.codec.get<std::int32_t>(r, L.inspected);
                   const auto file = L.codec.get<std::int32_t>(r, L.file);
                   const auto line = L.codec.get<std::int64_t>(r, L.line);
                   const auto klen = static_cast<std::uint32_t>(k.size());
                   const auto clen = static_cast<std::uint32_t>(strs[L.cert].size());
                   put(&index, 8);
                   put(&lodged, 4);
                   put(&inspected, 4);
                   put(&file, 4);
                   put(&line, 8);
                   put(&klen, 4);
                   put(k.data(), klen);
                   put(&clen, 4);
                   put(strs[L.cert].data(), clen);
                   at[owner(h)] = o - send.data();
                 });
  }
  std::vector<std::uint64_t>().swap(repeated_by_owner_flat);
  std::vector<char> recv = comm.exchange(send, counts, recv_counts);
  std::vector<char>().swap(send);
  // Candidates point into the received buffer; fields are read where they lie.
  struct Candidate {
    std::uint64_t hash;
    const char* rec;
    std::size_t source;
  };
  auto key_of = [](const char* r) {
    const char* q = r + kFixed;
    return wire::get_text(q);
  };
  auto cert_of = [](const char* r) {
    const char* q = r + kFixed;
    wire::get_text(q);
    return wire::get_text(q);
  };
  std::vector<Candidate> c;
  for (int pass = 0; pass < 2; ++pass) {
    std::size_t count = 0;
    const char* q = recv.data();
    for (std::size_t s = 0; s < p; ++s) {
      const char* end = q + recv_counts[s];
      for (; q < end; ++count) {
        if (pass) c.push_back({fnv1a(key_of(q)), q, s});
        const std::string_view cert = cert_of(q);
        q = cert.data() + cert.size();
      }
    }
    if (!pass) c.reserve(count);
  }
  // Within a key the newest comes first: lodgement date, inspection date, certificate
  // number (descending; kNoDate and "" sort last), then the earliest source position.
  std::sort(c.begin(), c.end(), [&](const Candidate& a, const Candidate& b) {
    if (a.hash != b.hash) return a.hash < b.hash;
    const std::string_view ka = key_of(a.rec), kb = key_of(b.rec);
    if (ka != kb) return ka < kb;
    const auto la = RowCodec::load<std::int32_t>(a.rec, 8),
               lb = RowCodec::load<std::int32_t>(b.rec, 8);
    if (la != lb) return la > lb;
    const auto ia = RowCodec::load<std::int32_t>(a.rec, 12),
               ib = RowCodec::load<std::int32_t>(b.rec, 12);
    if (ia != ib) return ia > ib;
    const std::string_view ca = cert_of(a.rec), cb = cert_of(b.rec);
    if (ca != cb) return ca > cb;
    const auto fa = RowCodec::load<std::int32_t>(a.rec, 16),
               fb = RowCodec::load<std::int32_t>(b.rec, 16);
    if (fa != fb) return fa < fb;
    return RowCodec::load<std::int64_t>(a.rec, 20) < RowCodec::load<std::int64_t>(b.rec, 20);
  });
  std::vector<std::vector<char>> lost(p);
  for (std::size_t i = 1; i < c.size(); ++i)
    if (c[i].hash == c[i - 1].hash && key_of(c[i].rec) == key_of(c[i - 1].rec))
      wire::put(lost[c[i].source], RowCodec::load<std::uint64_t>(c[i].rec, 0));
  std::vector<Candidate>().swap(c);
  std::vector<char>().swap(recv);
  for (std::size_t d = 0; d < p; ++d) {
    counts[d] = static_cast<std::int64_t>(lost[d].size());
    send.insert(send.end(), lost[d].begin(), lost[d].end());
    std::vector<char>().swap(lost[d]);
  }
  const std::vector<char> back = comm.exchange(send, counts, recv_counts);
  std::vector<std::uint64_t> drop(back.size() / 8);
  if (!drop.empty()) std::memcpy(drop.data(), back.data(), back.size());
  std::sort(drop.begin(), drop.end());
  return drop;
}

// Moves records so that rank r holds the r-th equal run of the global order. Readers
// hold contiguous runs of that order already, so only the ends of each run move, in
// pieces of bounded size; a piece's memory is given back once it is sent.
RecordStore spread_evenly(RecordStore local, const Comm& comm) {
  const auto p = static_cast<std::size_t>(comm.size());
  const auto me = static_cast<std::size_t>(comm.rank());
  const std::int64_t n = static_cast<std::int64_t>(local.rows());
  const std::int64_t first = comm.exscan(n);
  const std::int64_t total = comm.sum(n);
  auto start = [&](std::size_t r) {
    return static_cast<std::int64_t>(r) * total / static_cast<std::int64_t>(p);
  };
  // Re-cut the local pieces at the destination boundaries, so each piece has one destination.
  std::vector<std::deque<RecordChunk>> queue(p);
  {
    std::int64_t g = first;  // global index of the next record
    std::size_t d = 0;
    while (d + 1 < p && start(d + 1) <= g) ++d;
    for (RecordChunk& c : local.chunks()) {
      if (g + static_cast<std::int64_t>(c.rows) <= start(d + 1) || d + 1 == p) {
        g += static_cast<std::int64_t>(c.rows);
        queue[d].push_back(std::move(c));
        while (d + 1 < p && start(d + 1) <= g) ++d;
        continue;
      }
      RecordChunk part;
      for (const char *q = c.bytes.data(), *e = q + c.bytes.size(); q < e;) {
        const std::uint32_t len = record_length(q);
        part.bytes.append(q, len);
        ++part.rows;
        ++g;
        q += len;
        if (d + 1 < p && g == start(d + 1)) {
          part.bytes.shrink_to_fit();
          queue[d].push_back(std::move(part));
          part = RecordChunk();
          while (d + 1 < p && start(d + 1) <= g) ++d;
        }
      }
      if (part.rows) {
        part.bytes.shrink_to_fit();
        queue[d].push_back(std::move(part));
      }
      c.bytes.release();
    }
    local.clear();
  }
  const std::size_t budget =
      std::max<std::size_t>(RecordStore::kChunkBytes, (std::size_t(8) << 20) / p);
  std::vector<RecordStore> incoming(p);
  for (;;) {
    std::int64_t left = 0;
    for (std::size_t d = 0; d < p; ++d)
      if (d != me) left += static_cast<std::int64_t>(queue[d].size());
    if (comm.max(left) == 0) break;
    std::vector<char> send;
    std::vector<std::int64_t> counts(p, 0), recv_counts;
    for (std::size_t d = 0; d < p; ++d) {
      if (d == me) continue;
      const std::size_t before = send.size();
      while (!queue[d].empty() &&
             (send.size() == before ||
              send.size() - before + queue[d].front().bytes.size() <= budget)) {
        const PageBuffer& b = queue[d].front().bytes;
        send.insert(send.end(), b.data(), b.data() + b.size());
        queue[d].pop_front();
      }
      counts[d] = static_cast<std::int64_t>(send.size() - before);
    }
    const std::vector<char> recv = comm.exchange(send, counts, recv_counts);
    std::vector<char>().swap(send);
    const char* q = recv.data();
    for (std::size_t s = 0; s < p; ++s) {
      if (!recv_counts[s]) continue;
      PageBuffer bytes(q, static_cast<std::size_t>(recv_counts[s]));
      std::size_t rows = 0;
      for (const char *r = bytes.data(), *e = r + bytes.size(); r < e; r += record_length(r))
        ++rows;
      incoming[s].append_chunk(std::move(bytes), rows);
      q += recv_counts[s];
    }
  }
  RecordStore out;
  for (std::size_t s = 0; s < p; ++s) {
    std::deque<RecordChunk>& from = s == me ? queue[me] : incoming[s].chunks();
    for (RecordChunk& c : from) out.append_chunk(std::move(c.bytes), c.rows);
    from.clear();
  }
  return out;
}

// Decodes the records into a table of exact capacity, giving back each piece once read.
Table decode_all(const RowCodec& codec, RecordStore& store) {
  Table out = codec.empty_table();
  reserve_for(codec, store, out);
  auto& chunks = store.chunks();
  while (!chunks.empty()) {
    const RecordChunk& c = chunks.front();
    for (const char *r = c.bytes.data(), *e = r + c.bytes.size(); r < e; r += record_length(r))
      decode_record(codec, r, out);
    chunks.pop_front();
  }
  store.clear();
  return out;
}

// Rejects as records, layout make_reject_table(): the builder's, merged in source order
// with the duplicates.
RecordStore reject_records(const RowCodec& rc, const Table& rejects, const CertificateBuilder& b,
                           const std::vector<std::uint64_t>& drop) {
  const DwellingLayout L(b.codec());
  const auto& file = rejects.get<std::int32_t>(dwelling::kSourceFile);
  const auto& line = rejects.get<std::int64_t>(dwelling::kSourceLine);
  const auto& cert = rejects.strings(dwelling::kCertificateNumber);
  const auto& reason = rejects.get<std::uint8_t>("reason");
  RowWriter w(rc);
  RecordStore out;
  std::size_t i = 0;
  auto put = [&](std::int32_t f, std::int64_t l, std::string_view c, std::uint8_t why) {
    w.begin();
    w.put<std::int32_t>(f);
    w.put<std::int64_t>(l);
    w.put_str(c);
    w.put<std::uint8_t>(why);
    out.append(w.finish());
  };
  auto flush_before = [&](std::int32_t f, std::int64_t l) {
    for (; i < file.size() && (file[i] != f ? file[i] < f : line[i] < l); ++i)
      put(file[i], line[i], cert[i], reason[i]);
  };
  std::size_t next = 0;
  std::uint64_t index = 0;
  std::vector<std::string_view> strs(L.strings);
  b.records().for_each([&](const char* r) {
    if (next < drop.size() && drop[next] == index) {
      ++next;
      const std::int32_t f = L.codec.get<std::int32_t>(r, L.file);
      const std::int64_t l = L.codec.get<std::int64_t>(r, L.line);
      L.codec.strings(r, strs.data());
      flush_before(f, l);
      put(f, l, strs[L.cert], static_cast<std::uint8_t>(epc::Reason::kDuplicate));
    }
    ++index;
  });
  flush_before(INT32_MAX, INT64_MAX);
  out.seal();
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

// The postcodes of the kept rows and their centroids, sorted: a postcode of up to eight
// bytes without NUL is one 64-bit word, longer ones (never valid) are kept as text.
class PostcodeIndex {
 public:
  void add(std::string_view pc) {
    std::uint64_t w;
    if (word(pc, w))
      words_.push_back(w);
    else
      texts_.emplace_back(pc);
  }
  void seal() {
    std::sort(words_.begin(), words_.end());
    words_.erase(std::unique(words_.begin(), words_.end()), words_.end());
    words_.shrink_to_fit();
    std::sort(texts_.begin(), texts_.end());
    texts_.erase(std::unique(texts_.begin(), texts_.end()), texts_.end());
    texts_.shrink_to_fit();
    xy_.assign(2 * (words_.size() + texts_.size()), NAN);
  }
  bool empty() const { return words_.empty() && texts_.empty(); }
  // Slot of a postcode, or -1.
  std::ptrdiff_t find(std::string_view pc) const {
    std::uint64_t w;
    if (word(pc, w)) {
      auto it = std::lower_bound(words_.begin(), words_.end(), w);
      return it != words_.end() && *it == w ? it - words_.begin() : -1;
    }
    auto it = std::lower_bound(texts_.begin(), texts_.end(), pc,
                               [](const std::string& a, std::string_view b) { return a < b; });
    return it != texts_.end() && *it == pc
               ? static_cast<std::ptrdiff_t>(words_.size()) + (it - texts_.begin())
               : -1;
  }
  double* xy(std::ptrdiff_t slot) { return &xy_[2 * static_cast<std::size_t>(slot)]; }

 private:
  static bool word(std::string_view pc, std::uint64_t& w) {
    if (pc.size() > 8 || pc.find('\0') != std::string_view::npos) return false;
    w = 0;
    std::memcpy(&w, pc.data(), pc.size());
    return true;
  }
  std::vector<std::uint64_t> words_;
  std::vector<std::string> texts_;
  std::vector<double> xy_;
};

// Locates every record in place (easting, northing, located).
Located geocode(RecordStore& store, const RowCodec& codec, const Config& cfg,
                bool use_coordinates_only, std::size_t block) {
  const DwellingLayout L(codec);
  Located n;
  std::vector<std::string_view> strs(L.strings);
  const bool by_postcode = !cfg.inputs.postcodes.empty() && !use_coordinates_only;
  PostcodeIndex wanted;
  if (by_postcode) {
    store.for_each([&](const char* r) {
      codec.strings(r, strs.data());
      if (!strs[L.postcode].empty()) wanted.add(strs[L.postcode]);
    });
    wanted.seal();
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
        for (auto [idx, name] :
             {std::pair<int, std::string>{ipc, cfg.inputs.postcode_columns.postcode},
              {ie, cfg.inputs.postcode_columns.easting},
              {in, cfg.inputs.postcode_columns.northing}})
          if (idx < 0)
            throw InputError(f.name + ": column '" + name +
                             "' (inputs.postcode_columns) is missing from the header");
        return true;
      }
      if (r.fields.size() != ncols || wanted.empty()) return true;
      const std::ptrdiff_t slot = wanted.find(epc::normalise_postcode(r.fields[ipc]));
      if (slot < 0 || !std::isnan(wanted.xy(slot)[0])) return true;
      double x, y;
      if (epc::parse_number(r.fields[ie], x) == epc::Parse::kOk &&
          epc::parse_number(r.fields[in], y) == epc::Parse::kOk) {
        wanted.xy(slot)[0] = x;
        wanted.xy(slot)[1] = y;
      }
      return true;
    });
  }
  std::unique_ptr<OGRCoordinateTransformation> ct;
  store.for_each([&](char* r) {
    if (by_postcode) {
      codec.strings(r, strs.data());
      if (!strs[L.postcode].empty()) {
        const double* xy = wanted.xy(wanted.find(strs[L.postcode]));
        if (!std::isnan(xy[0])) {
          codec.set<double>(r, L.easting, xy[0]);
          codec.set<double>(r, L.northing, xy[1]);
          codec.set<std::uint8_t>(r, L.located, 1);
          ++n.by_postcode;
          return;
        }
      }
    }
    const Coordinates c = record_coordinates(codec, r);
    if (std::isnan(c.latitude) || std::isnan(c.longitude)) {
      ++n.unlocated;
      return;
    }
    if (!ct) {
      OGRSpatialReference wgs, bng;
      wgs.importFromEPSG(4326);
      bng.importFromEPSG(27700);
      wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
      bng.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
      ct.reset(OGRCreateCoordinateTransformation(&wgs, &bng));
      if (!ct)
        throw Error(ExitCode::kInternal,
                    "ingest: no EPSG:4326 to EPSG:27700 transformation available");
    }
    double x = c.longitude, y = c.latitude;
    // PROJ reports impossible latitudes through GDAL's error handler; they are counted
    // here instead of printed without a file or line.
    CPLPushErrorHandler(CPLQuietErrorHandler);
    const bool projected = ct->Transform(1, &x, &y) && std::isfinite(x) && std::isfinite(y);
    CPLPopErrorHandler();
    if (!projected || !inside_bng_extent(x, y)) {
      ++n.outside_grid;
      // Documented: unlocated. Python: the predecessor places any projected point.
      if (!projected || cfg.model.methodology == Methodology::kDocumented) {
        ++n.unlocated;
        return;
      }
    }
    codec.set<double>(r, L.easting, x);
    codec.set<double>(r, L.northing, y);
    codec.set<std::uint8_t>(r, L.located, 1);
    ++n.by_coordinates;
  });
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
  std::sort(out.begin(), out.end(),
            [](const InputFile& a, const InputFile& b) { return a.name < b.name; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const InputFile& a, const InputFile& b) { return a.name == b.name; }),
            out.end());
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
        const std::size_t n =
            r.read(buf.data(), static_cast<std::size_t>(std::min<std::int64_t>(left, buf.size())));
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
      builder.begin_file(p.file, f.name,
                         std::vector<std::string_view>(header.begin(), header.end()));
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

  builder.records().seal();

  // 4. Latest certificate per dwelling; the losers become rejects.
  auto& counters = builder.counters();
  std::vector<std::uint64_t> drop;
  run_agreed(comm, [&] { drop = find_duplicates(builder, m, comm); });
  counters[kDuplicatesRemoved] = static_cast<std::int64_t>(drop.size());
  const RowCodec reject_codec(make_reject_table());
  RecordStore rejects = reject_records(reject_codec, builder.rejects(), builder, drop);
  builder.rejects() = Table();
  RecordStore& kept = builder.records();
  kept.remove(drop);
  std::vector<std::uint64_t>().swap(drop);

  // 5. Locations, before the rows move (each row's location is its own). Python mode:
  //    coordinates in the register, when any row has them, are used for every row and
  //    postcodes are not looked up (spatial spec §2.2).
  std::int64_t with_coordinates = 0;
  kept.for_each([&](const char* r) {
    const Coordinates c = record_coordinates(builder.codec(), r);
    with_coordinates += !std::isnan(c.latitude) && !std::isnan(c.longitude);
  });
  const bool coordinates_only = m == Methodology::kPython && comm.sum(with_coordinates) > 0;
  Located located;
  run_agreed(comm, [&] {
    located = geocode(kept, builder.codec(), cfg, coordinates_only, opt.block_bytes);
  });
  counters[kLocatedByPostcode] = located.by_postcode;
  counters[kLocatedByCoordinates] = located.by_coordinates;
  counters[kUnlocated] = located.unlocated;
  counters[kCoordinatesOutsideGrid] = located.outside_grid;

  // 6. Global order, evenly spread; then the tables, at their exact size.
  IngestResult result;
  {
    RecordStore mine = spread_evenly(std::move(rejects), comm);
    result.rejects = decode_all(reject_codec, mine);
  }
  {
    RecordStore mine = spread_evenly(std::move(kept), comm);
    result.dwellings = decode_all(builder.codec(), mine);
  }
  Table& out = result.dwellings;
  counters[kKept] = static_cast<std::int64_t>(out.num_rows());

  // Python mode: ventilation unknown for the whole cohort reads as natural.
  if (m == Methodology::kPython) {
    auto& vent = out.get<std::uint8_t>(dwelling::kVentilation);
    std::int64_t known = 0;
    for (auto v : vent) known += v != static_cast<std::uint8_t>(Ventilation::kUnknown);
    if (comm.sum(known) == 0)
      std::fill(vent.begin(), vent.end(), static_cast<std::uint8_t>(Ventilation::kNatural));
  }

  const std::vector<std::int64_t> totals = comm.sum(counters);
  for (int i = 0; i < kNumCounters; ++i)
    result.report.counters.emplace_back(counter_names()[i], totals[i]);
  result.report.input_files = files;

  // 7. Too many rejects stops the run (duplicates are not errors).
  const std::int64_t rejected = totals[kMalformedRows] + totals[kImplausibleFloorAreas] +
                                totals[kEnergyValuesDropped] + totals[kCo2ValuesDropped] +
                                totals[kInconsistentBuiltForm] + totals[kMissingCriticalFields] +
                                totals[kConstructionDateMismatches];
  const std::int64_t seen = totals[kMalformedRows] + totals[kValidated];
  if (seen > 0 && static_cast<double>(rejected) >
                      cfg.validation.max_reject_fraction * static_cast<double>(seen)) {
    std::vector<std::pair<std::int64_t, std::string>> by_rule;
    for (int c : {kMalformedRows, kImplausibleFloorAreas, kEnergyValuesDropped, kCo2ValuesDropped,
                  kInconsistentBuiltForm, kMissingCriticalFields, kConstructionDateMismatches})
      if (totals[c] > 0) by_rule.emplace_back(totals[c], counter_names()[c]);
    std::sort(by_rule.begin(), by_rule.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::string rules;
    for (const auto& [n, name] : by_rule)
      rules += (rules.empty() ? "" : ", ") + name + " " + std::to_string(n);
    char frac[32];
    std::snprintf(frac, sizeof frac, "%.1f%%",
                  100.0 * static_cast<double>(rejected) / static_cast<double>(seen));
    throw InputError("ingest: " + std::to_string(rejected) + " of " + std::to_string(seen) +
                     " certificates rejected (" + frac + ", above validation.max_reject_fraction " +
                     std::to_string(cfg.validation.max_reject_fraction) + "); by rule: " + rules);
  }
  return result;
}

}  // namespace heatstreet::ingest
