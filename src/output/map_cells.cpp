#include "heatstreet/output/map_cells.hpp"

#include <cstring>
#include <type_traits>

namespace heatstreet {

static_assert(std::is_trivially_copyable_v<CellTally>, "tallies travel as raw bytes");

std::vector<CellValue> gather_map_cells(const std::vector<CellTally>& local, const Comm& comm) {
  std::vector<std::vector<char>> out(static_cast<std::size_t>(comm.size()));
  out[0].resize(local.size() * sizeof(CellTally));
  if (!local.empty()) std::memcpy(out[0].data(), local.data(), out[0].size());
  const std::vector<std::vector<char>> in = comm.exchange(out);
  if (!comm.root()) return {};
  std::vector<CellTally> all;
  for (const std::vector<char>& part : in) {  // in rank order
    const std::size_t n = part.size() / sizeof(CellTally);
    const std::size_t at = all.size();
    all.resize(at + n);
    if (n) std::memcpy(all.data() + at, part.data(), n * sizeof(CellTally));
  }
  return merge_tallies(all);
}

}  // namespace heatstreet
