#pragma once
// The spatial stage: grid cells, decomposition over ranks, halo exchange, heat density
// and heat-network tiers (spatial spec; docs/spatial-decomposition.md).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "heatstreet/config/spatial_settings.hpp"
#include "heatstreet/core/table.hpp"
#include "heatstreet/parallel/comm.hpp"
#include "heatstreet/spatial/tiers.hpp"

namespace heatstreet::spatial {

struct SpatialResult {
  // Cells owned by this rank, in Hilbert order (so the concatenation over ranks in rank
  // order is the same for any rank count): cell, ix, iy, energy_kwh, dwellings,
  // heat_density_gwh_km2 (NaN when spatial.disable).
  Table grid_cells;
  // Pathway suitability by tier (spec §8.2), identical on every rank.
  std::vector<tiers::SuitabilityRow> suitability;
  std::array<std::int64_t, 5> tier_counts{};     // global
  double imbalance = 1.0;                        // max / mean located dwellings per rank
  std::vector<std::int64_t> dwellings_per_rank;  // located dwellings owned, by rank
  std::int64_t located = 0;                      // global
  std::int64_t unlocated = 0;                    // global
  std::int64_t populated_cells = 0;              // global
  std::int64_t hnpd_rows_unreadable = 0;         // HNPD rows left out for their coordinates
  std::int64_t halo_cells_requested = 0;         // by this rank
  std::vector<std::string> warnings;             // identical on every rank
};

// Collective. Reads easting, northing, located, total floor area and energy intensity
// from `dwellings` and adds, in place and in the same row order: cell (int64, -1 when
// unlocated), heat_density_gwh_km2 (double, NaN when unlocated or disabled), tier (uint8
// 1..5), distance_to_network_m (double, NaN when no network within reach),
// in_heat_zone (uint8), hn_ready (uint8). Errors are agreed between ranks (AgreedError).
SpatialResult run(Table& dwellings, const SpatialSettings& settings, const Comm& comm);

}  // namespace heatstreet::spatial
