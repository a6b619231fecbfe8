#include "heatstreet/ingest/byte_ranges.hpp"

#include <cpl_error.h>

#include <algorithm>
#include <sstream>

#include "heatstreet/core/error.hpp"

namespace heatstreet::ingest {

BlockReader::BlockReader(const InputFile& f, std::int64_t offset) : name_(f.name) {
  fp_ = VSIFOpenL(f.vsi.c_str(), "rb");
  if (!fp_) throw InputError(f.name + ": cannot open for reading");
  if (offset > 0 && VSIFSeekL(fp_, static_cast<vsi_l_offset>(offset), SEEK_SET) != 0)
    throw InputError(f.name + ": cannot seek to byte " + std::to_string(offset));
}

BlockReader::~BlockReader() {
  if (fp_) VSIFCloseL(fp_);
}

std::size_t BlockReader::read(char* buf, std::size_t n) {
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

std::int64_t bom_length(const InputFile& f) {
  BlockReader r(f, 0);
  char b[3] = {0, 0, 0};
  const std::size_t n = r.read(b, 3);
  return (n == 3 && b[0] == '\xEF' && b[1] == '\xBB' && b[2] == '\xBF') ? 3 : 0;
}

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

namespace {

// The state map and line feeds of one split piece (all but the last of its file).
csv::StateMapBuilder map_piece(const InputFile& f, const Piece& p, std::vector<char>& buf) {
  const std::int64_t b = std::max(p.begin, bom_length(f));
  csv::StateMapBuilder smb;
  BlockReader r(f, b);
  std::int64_t left = p.end - b;
  while (left > 0) {
    const std::size_t n =
        r.read(buf.data(), static_cast<std::size_t>(std::min<std::int64_t>(left, buf.size())));
    if (n == 0) break;
    smb.feed(buf.data(), n);
    left -= static_cast<std::int64_t>(n);
  }
  return smb;
}

// "k map... feeds" lines of this rank's split pieces.
std::string map_own_pieces(const std::vector<InputFile>& files, const std::vector<Piece>& pieces,
                           int rank, std::size_t block) {
  std::string mine;
  std::vector<char> buf(block);
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    const Piece& p = pieces[k];
    if (!p.split || p.owner != rank || p.end < 0) continue;  // last piece: not needed
    const csv::StateMapBuilder smb = map_piece(files[p.file], p, buf);
    mine += std::to_string(k);
    for (auto s : smb.map().to) mine += ' ' + std::to_string(s);
    mine += ' ' + std::to_string(smb.line_feeds()) + '\n';
  }
  return mine;
}

}  // namespace

std::vector<PieceStart> piece_starts(const std::vector<InputFile>& files,
                                     const std::vector<Piece>& pieces, const Comm& comm,
                                     std::size_t block) {
  std::string mine;
  run_agreed(comm, [&] { mine = map_own_pieces(files, pieces, comm.rank(), block); });
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
  // Each piece starts where the pieces of its file before it end.
  std::vector<PieceStart> starts(pieces.size());
  std::vector<PieceStart> next(files.size());
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    PieceStart& at = next[pieces[k].file];
    starts[k] = at;
    at.state = maps[k].apply(at.state);
    at.line += feeds[k];
  }
  return starts;
}

}  // namespace heatstreet::ingest
