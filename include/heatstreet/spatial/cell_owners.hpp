#pragma once
// Located dwellings travel to the rank that owns their grid cell (one owner per cell, so
// each cell is summed in one place: spatial spec §11.3), and their results travel back to
// the rank and row they came from.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "heatstreet/core/table.hpp"
#include "heatstreet/parallel/comm.hpp"
#include "heatstreet/spatial/halo_exchange.hpp"

namespace heatstreet::spatial {

// Working columns of the rows on their cell's owner, besides dwelling::kCell.
inline constexpr const char* kHomeRank = "home_rank";
inline constexpr const char* kHomePos = "home_pos";
inline constexpr const char* kGlobalRow = "global_row";
inline constexpr const char* kX = "x";
inline constexpr const char* kY = "y";
inline constexpr const char* kEnergy = "energy_kwh";

// This rank's dwellings as the stage places them, in row order.
struct HomeRows {
  std::vector<double> energy;      // demand in kWh/yr; NaN when unknown
  std::vector<std::int64_t> cell;  // cell key; grid::kNoCell when unlocated
  std::int64_t first_row = 0;      // global row of the first
  bool have_energy = true;         // every rank has an energy-intensity column
};

// The located rows of this rank in row order, and the Hilbert index of their cells.
struct LocatedRows {
  std::vector<std::size_t> rows;
  std::vector<std::uint64_t> hilbert;
};

LocatedRows located_rows(const std::vector<std::int64_t>& cell);

// Collective. Sends every located row to the owner of its cell: home rank and position,
// global row, cell, easting, northing and energy. Returns the rows this rank owns.
Table send_to_cell_owners(const Table& dwellings, const HomeRows& home, const LocatedRows& located,
                          const Partition& part, const Comm& comm);

// Collective. Sends row i of `results` (a kHomePos column and the result columns) to the
// rank row i of `owned` came from. `owned` is released before the exchange.
Table send_home(const Table& results, Table owned, const Comm& comm);

// Adds the spatial output columns to `dwellings` (cell, heat density, tier, distance to
// network, in heat zone, hn_ready), filled for a dwelling without results: no cell, NaN,
// Tier 5, NaN, 0, 0. Then writes the results that came home into their rows.
void write_home_rows(Table& dwellings, const Table& back, const std::vector<std::int64_t>& cell);

}  // namespace heatstreet::spatial
