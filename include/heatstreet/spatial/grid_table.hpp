#pragma once
// The /grid table: one row per populated cell this rank owns, with its energy, dwelling
// count and neighbourhood heat density (spatial spec §5.4-§5.6).
#include <cstdint>
#include <unordered_map>

#include "heatstreet/core/table.hpp"
#include "heatstreet/spatial/halo_exchange.hpp"

namespace heatstreet::spatial {

using CellDensities = std::unordered_map<std::int64_t, double>;  // GWh/yr/km², by cell key

// Rows in Hilbert order, so the concatenation over ranks in rank order is the same for any
// rank count: cell, ix, iy, energy_kwh (by the exact or the compensated sum),
// dwellings, heat_density_gwh_km2 (NaN for a cell without a density).
Table grid_table(const CellMap& owned, const CellDensities& density, bool exact_sums);

}  // namespace heatstreet::spatial
