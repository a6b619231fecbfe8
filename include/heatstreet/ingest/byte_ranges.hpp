#pragma once
// Byte ranges of the inputs: the work of reading is cut into pieces (whole files, or
// ranges of large plain files at the rank shares), each piece read block by block from
// the exact scanner state and line at its first byte (docs/ingest.md, "Byte ranges").
#include <cpl_vsi.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "heatstreet/ingest/csv_scanner.hpp"
#include "heatstreet/ingest/input_files.hpp"
#include "heatstreet/parallel/comm.hpp"

namespace heatstreet::ingest {

// Reads a file (or the part from `offset`) block by block.
class BlockReader {
 public:
  BlockReader(const InputFile& f, std::int64_t offset);
  ~BlockReader();
  BlockReader(const BlockReader&) = delete;
  BlockReader& operator=(const BlockReader&) = delete;
  // Reads up to n bytes; 0 at the end. Throws InputError when the data is corrupt.
  std::size_t read(char* buf, std::size_t n);

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

// All input bytes laid end to end and cut into equal shares, one per rank: a file goes
// whole to the rank whose share holds its first byte, unless it is a plain file of at
// least `min_split` bytes crossing shares, which is cut at the share boundaries.
std::vector<Piece> plan_pieces(const std::vector<InputFile>& files, int ranks,
                               std::int64_t min_split);

// Length of a UTF-8 byte-order mark at the start of the file (0 or 3).
std::int64_t bom_length(const InputFile& f);

// Calls fn(record) for every record starting in [begin, end) of the file, from the
// given scanner state and line, until fn returns false.
void scan_range(const InputFile& f, std::int64_t begin, std::int64_t end, csv::State state,
                std::int64_t line, std::size_t block,
                const std::function<bool(const csv::Record&)>& fn);

// The header row of a file whose data starts after `bom` bytes.
std::vector<std::string> read_header(const InputFile& f, std::int64_t bom, std::size_t block);

// The scanner state and physical line at the first byte of a piece.
struct PieceStart {
  csv::State state = csv::State::kRowStart;
  std::int64_t line = 1;
};
// The start of every piece: each rank runs the scanner over its split pieces for all
// start states at once (state maps and line feeds), the maps are exchanged, and each
// piece composes the maps of the pieces of its file before it. Collective.
std::vector<PieceStart> piece_starts(const std::vector<InputFile>& files,
                                     const std::vector<Piece>& pieces, const Comm& comm,
                                     std::size_t block);

}  // namespace heatstreet::ingest
