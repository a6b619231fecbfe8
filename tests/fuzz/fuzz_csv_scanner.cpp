// Fuzz target: the CSV scanner. Any bytes must scan without a crash, and reading the text
// cut into byte ranges (cuts taken from the input itself) must give exactly the records
// of a one-piece read: the boundary rule of docs/ingest.md, checked on hostile text.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "heatstreet/ingest/csv_scanner.hpp"

using namespace heatstreet::csv;

namespace {

// The records of a one-piece read fed in blocks of `block` bytes, with a small record
// limit so the too-long path is exercised too.
std::vector<std::vector<std::string>> read_in_blocks(std::string_view text, std::size_t block,
                                                     std::vector<std::int64_t>& lines) {
  std::vector<std::vector<std::string>> rows;
  RecordReader reader(State::kRowStart, 0, 1, 64);
  auto keep = [&](const Record& r) {
    if (r.fields.empty()) std::abort();  // a record always has at least one field
    std::vector<std::string> row;
    std::size_t bytes = 0;
    for (auto f : r.fields) {
      bytes += f.size();
      row.emplace_back(f);
    }
    if (bytes > 64) std::abort();  // the limit holds for the kept text
    rows.push_back(std::move(row));
    lines.push_back(r.line);
    return true;
  };
  for (std::size_t at = 0; at < text.size(); at += block) {
    const std::size_t n = std::min(block, text.size() - at);
    reader.feed(text.data() + at, n, keep);
  }
  reader.finish(keep);
  return rows;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  // First two bytes choose the cuts and the block size; the rest is the text.
  const std::size_t a = data[0], b = data[1];
  const std::string_view text(reinterpret_cast<const char*>(data) + 2, size - 2);

  // The state map of the whole text equals the composition of the maps of two halves.
  StateMapBuilder whole, left, right;
  whole.feed(text.data(), text.size());
  const std::size_t half = text.empty() ? 0 : a % (text.size() + 1);
  left.feed(text.data(), half);
  right.feed(text.data() + half, text.size() - half);
  const StateMap composed = left.map().then(right.map());
  for (int s = 0; s < kNumStates; ++s)
    if (composed.to[s] != whole.map().to[s]) std::abort();
  if (left.line_feeds() + right.line_feeds() != whole.line_feeds()) std::abort();

  // Blocks of different sizes give the same records.
  std::vector<std::int64_t> lines1, lines2;
  const auto one = read_in_blocks(text, text.size() + 1, lines1);
  const auto blocks = read_in_blocks(text, 1 + b % 7, lines2);
  if (one != blocks || lines1 != lines2) std::abort();

  // Split reads equal the one-piece read, with the same starting lines.
  std::vector<std::size_t> cuts;
  if (!text.empty()) {
    cuts.push_back(a % text.size());
    cuts.push_back((a * 7 + b) % text.size());
    cuts.push_back(b % text.size());
  }
  std::sort(cuts.begin(), cuts.end());
  std::vector<std::int64_t> lines_whole, lines_split;
  const auto plain = read_split(text, {}, &lines_whole);
  const auto split = read_split(text, cuts, &lines_split);
  if (plain != split || lines_whole != lines_split) std::abort();
  return 0;
}
