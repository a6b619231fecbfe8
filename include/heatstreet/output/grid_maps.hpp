#pragma once
// The two GeoTIFF maps of the output directory, drawn from the populated grid cells:
// heat_density.tif (Float32, GWh/km², NaN where no cell) and tiers.tif (Byte, tier 1-5
// with a colour table, 0 where no cell). Both on EPSG:27700 with one pixel per grid
// cell: pixel (col, row) is cell (ix_min + col, iy_max - row), so the raster's top-left
// corner is (ix_min * size, (iy_max + 1) * size). Plain computation and GDAL; no MPI.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace heatstreet {

// One populated cell of the map.
struct CellValue {
  std::int64_t ix = 0;         // floor(easting / cell size)
  std::int64_t iy = 0;         // floor(northing / cell size)
  double density_gwh_km2 = 0;  // the cell's neighbourhood heat density (NaN: none)
  std::uint8_t tier = 0;       // 1-5; 0 when no dwelling of the cell has a tier
};

// Dwelling tiers of one cell, counted: counts[t - 1] dwellings have tier t.
struct CellTally {
  std::int64_t ix = 0;
  std::int64_t iy = 0;
  double density_gwh_km2 = 0;
  std::array<std::int64_t, 5> tier_counts{};
};

// The tier drawn for a cell: the most common tier among its dwellings, ties going to
// the lower (better-connected) tier; 0 when there are none.
std::uint8_t modal_tier(const std::array<std::int64_t, 5>& counts);

// Groups dwellings by cell. Dwellings with tier outside 1-5 (255 = unknown) count
// toward no tier; the first dwelling's density stands for its cell (all dwellings of a
// cell share it). Sorted by (iy, ix).
std::vector<CellTally> tally_cells(const std::vector<std::int64_t>& ix,
                                   const std::vector<std::int64_t>& iy,
                                   const std::vector<double>& density_gwh_km2,
                                   const std::vector<std::uint8_t>& tier);

// Adds tallies of the same cell (from several ranks) and returns map cells sorted by
// (iy, ix). The density kept is the first non-NaN in input order.
std::vector<CellValue> merge_tallies(const std::vector<CellTally>& tallies);

// Writes <dir>/heat_density.tif and <dir>/tiers.tif: DEFLATE, 256 × 256 tiles,
// overviews by factors 2, 4, 8, ... (AVERAGE for density, NEAREST for tiers).
// Throws OutputError naming the file on failure, std::invalid_argument on duplicate
// cells or a non-positive cell size. With no cells, no map is written.
void write_grid_maps(const std::string& dir, const std::vector<CellValue>& cells,
                     double cell_size_m);

}  // namespace heatstreet
