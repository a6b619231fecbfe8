#pragma once
// The fixed heat-density grid on the British National Grid (EPSG:27700) and the pure
// arithmetic around it: cell of a point, 64-bit cell keys, the Hilbert order used to
// decompose the grid over ranks, the neighbourhood mask and the density formula.
// Spatial spec §5.3-§5.6 and §11.
#include <cstdint>
#include <optional>
#include <vector>

namespace heatstreet::grid {

struct Cell {
  std::int64_t ix = 0;
  std::int64_t iy = 0;
  bool operator==(const Cell& o) const { return ix == o.ix && iy == o.iy; }
};

// Cells whose indices fall outside this range are not representable in a key; points in
// them are treated as unlocated. (125 m cells reach 2.7e8 km: no real coordinate.)
inline constexpr std::int64_t kMinIndex = -(std::int64_t{1} << 31) + 1;
inline constexpr std::int64_t kMaxIndex = (std::int64_t{1} << 31) - 2;

// Key of "no cell" (unlocated dwellings). It is the key of (kMaxIndex+1, kMaxIndex+1),
// which the index range above excludes, so it never collides with a real cell.
inline constexpr std::int64_t kNoCell = -1;

// ix = floor(x / c), iy = floor(y / c): double division then floor, so a point on a cell
// edge goes to the higher cell (spec §5.3). Empty when x or y is not finite or the cell
// is outside the key range.
std::optional<Cell> cell_of(double x, double y, double cell_size_m);

// Key packing: bits 63..32 hold ix + 2^31, bits 31..0 hold iy + 2^31, both as unsigned
// 32-bit offsets; the 64-bit pattern is stored as int64. Collision-free for every cell in
// [kMinIndex, kMaxIndex]^2, independent of the data.
std::int64_t pack(const Cell& c);
Cell unpack(std::int64_t key);

// Position of the cell along a Hilbert curve of order 32 over the offset indices
// (ix + 2^31, iy + 2^31). Aligned 2^k x 2^k blocks of cells are contiguous ranges of this
// index, so (hilbert >> 2k) names the block ("tile") of a cell.
std::uint64_t hilbert_index(const Cell& c);

struct Offset {
  int dx = 0;
  int dy = 0;
};

// Neighbourhood offsets in the fixed order of spec §5.5: dx outer ascending, dy inner
// ascending, over [-m, m]^2 with m = ceil(r / c). The circular mask keeps an offset when
// the distance between cell centres, sqrt((dx c)^2 + (dy c)^2), is <= r; the square mask
// keeps all. For c = 125, r = 250: 13 circular offsets, 25 square ones.
std::vector<Offset> mask_offsets(double cell_size_m, double radius_m, bool circular);

// Largest |dx| or |dy| among the offsets: how many cells deep the halo is.
int halo_depth(const std::vector<Offset>& offsets);

// Area of the circle of radius r in km²: (pi r²) / 1e6, r² as r*r (spec §5.6). It is the
// divisor for both masks; the summed cells cover a little more (documented bias).
double circle_area_km2(double radius_m);

// Density in GWh/yr per km² from a neighbourhood sum in kWh/yr: (S / 1e6) / A, in that
// order of operations (no reciprocal), as the predecessor computes it.
double density_gwh_km2(double neighbourhood_kwh, double area_km2);

}  // namespace heatstreet::grid
