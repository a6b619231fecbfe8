#include "heatstreet/spatial/decomposition.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace heatstreet::decomp {

std::vector<KeyCount> merge_counts(std::vector<KeyCount> v) {
  std::sort(v.begin(), v.end(), [](const KeyCount& a, const KeyCount& b) { return a.key < b.key; });
  std::vector<KeyCount> out;
  for (const KeyCount& kc : v) {
    if (!out.empty() && out.back().key == kc.key)
      out.back().count += kc.count;
    else
      out.push_back(kc);
  }
  return out;
}

std::int64_t cut_target(int r, std::int64_t total, int parts) {
  return static_cast<std::int64_t>(static_cast<__int128>(r) * total / parts);
}

namespace {
std::int64_t total_of(const std::vector<KeyCount>& v) {
  std::int64_t n = 0;
  for (const KeyCount& kc : v) n += kc.count;
  return n;
}

// Index of the tile with prefix <= target < prefix + count (tiles sorted, counts > 0).
std::size_t tile_holding(const std::vector<KeyCount>& tiles, std::int64_t target,
                         std::int64_t* prefix_before) {
  std::int64_t prefix = 0;
  for (std::size_t j = 0; j < tiles.size(); ++j) {
    if (target < prefix + tiles[j].count) {
      *prefix_before = prefix;
      return j;
    }
    prefix += tiles[j].count;
  }
  throw std::logic_error("cut target beyond the dwelling total");
}
}  // namespace

std::vector<std::uint64_t> tiles_to_refine(const std::vector<KeyCount>& tiles, int parts) {
  std::vector<std::uint64_t> out;
  const std::int64_t total = total_of(tiles);
  if (total == 0) return out;
  for (int r = 1; r < parts; ++r) {
    std::int64_t before = 0;
    out.push_back(tiles[tile_holding(tiles, cut_target(r, total, parts), &before)].key);
  }
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::uint64_t> cut_starts(const std::vector<KeyCount>& tiles,
                                      const std::vector<KeyCount>& cells, int parts) {
  std::vector<std::uint64_t> starts;
  const std::int64_t total = total_of(tiles);
  for (int r = 1; r < parts; ++r) {
    if (total == 0) {
      starts.push_back(0);
      continue;
    }
    const std::int64_t target = cut_target(r, total, parts);
    std::int64_t prefix = 0;
    const std::size_t j = tile_holding(tiles, target, &prefix);
    const std::uint64_t tile = tiles[j].key;
    // Candidates: the start of every populated cell of the tile, then the tile's end.
    std::uint64_t best = tile_start(tile + 1);
    std::int64_t best_gap = std::numeric_limits<std::int64_t>::max();
    auto it = std::lower_bound(cells.begin(), cells.end(), tile_start(tile),
                               [](const KeyCount& kc, std::uint64_t h) { return kc.key < h; });
    for (; it != cells.end() && tile_of(it->key) == tile; ++it) {
      const std::int64_t gap = prefix > target ? prefix - target : target - prefix;
      if (gap < best_gap) {
        best_gap = gap;
        best = it->key;
      }
      prefix += it->count;
    }
    const std::int64_t end_gap = prefix > target ? prefix - target : target - prefix;
    if (end_gap < best_gap) best = tile_start(tile + 1);
    if (!starts.empty()) best = std::max(best, starts.back());
    starts.push_back(best);
  }
  return starts;
}

int owner_of(std::uint64_t hilbert, const std::vector<std::uint64_t>& starts) {
  return static_cast<int>(std::upper_bound(starts.begin(), starts.end(), hilbert) - starts.begin());
}

double imbalance(const std::vector<std::int64_t>& counts) {
  std::int64_t total = 0, most = 0;
  for (std::int64_t c : counts) {
    total += c;
    most = std::max(most, c);
  }
  if (total == 0 || counts.empty()) return 1.0;
  return static_cast<double>(most) /
         (static_cast<double>(total) / static_cast<double>(counts.size()));
}

}  // namespace heatstreet::decomp
