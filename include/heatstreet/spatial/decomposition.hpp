#pragma once
// Cutting the populated grid cells into contiguous ranges of the Hilbert order with about
// equal dwelling counts (pure arithmetic; the MPI layer gathers the counts).
//
// Two levels keep the gathered data small: first the dwelling count per tile (an aligned
// block of 2^kTileLevel x 2^kTileLevel cells, a contiguous range of the Hilbert index),
// then, only for the tiles that contain a cut target, the count per cell.
#include <cstdint>
#include <vector>

namespace heatstreet::decomp {

inline constexpr int kTileLevel = 4;  // tiles of 16 x 16 cells (2 km at 125 m)

inline std::uint64_t tile_of(std::uint64_t hilbert) { return hilbert >> (2 * kTileLevel); }
inline std::uint64_t tile_start(std::uint64_t tile) { return tile << (2 * kTileLevel); }

struct KeyCount {
  std::uint64_t key = 0;
  std::int64_t count = 0;
};

// Sorts by key and adds up the counts of equal keys.
std::vector<KeyCount> merge_counts(std::vector<KeyCount> v);

// Cut target of part r (1..parts-1): floor(r * total / parts) dwellings before its start.
std::int64_t cut_target(int r, std::int64_t total, int parts);

// Tiles (sorted, distinct) that contain one of the cut targets; `tiles` sorted by key.
std::vector<std::uint64_t> tiles_to_refine(const std::vector<KeyCount>& tiles, int parts);

// Start of parts 1..parts-1 along the Hilbert index. Part r owns the cells whose index h
// satisfies starts[r-1] <= h < starts[r] (part 0 from 0, the last part to the end). Each
// start is the cell boundary, inside the tile holding the target, nearest to the target
// (ties to the earlier boundary). `cells` holds the per-cell counts of every tile listed
// by tiles_to_refine, keyed by Hilbert index.
std::vector<std::uint64_t> cut_starts(const std::vector<KeyCount>& tiles,
                                      const std::vector<KeyCount>& cells, int parts);

// Part owning Hilbert index h.
int owner_of(std::uint64_t hilbert, const std::vector<std::uint64_t>& starts);

// max / mean of the per-part counts (1 when everything is empty).
double imbalance(const std::vector<std::int64_t>& counts);

}  // namespace heatstreet::decomp
