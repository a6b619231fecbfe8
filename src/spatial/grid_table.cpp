#include "heatstreet/spatial/grid_table.hpp"

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/spatial/grid.hpp"

namespace heatstreet::spatial {

namespace {

ColumnInfo info(const char* name, const char* unit, const char* description) {
  return ColumnInfo{name, unit, description, {}};
}

// Keys of the owned cells in Hilbert order.
std::vector<std::int64_t> hilbert_ordered(const CellMap& owned) {
  std::vector<std::pair<std::uint64_t, std::int64_t>> cells;
  for (const auto& [key, e] : owned) cells.push_back({grid::hilbert_index(grid::unpack(key)), key});
  std::sort(cells.begin(), cells.end());
  std::vector<std::int64_t> keys;
  keys.reserve(cells.size());
  for (const auto& [h, key] : cells) keys.push_back(key);
  return keys;
}

}  // namespace

Table grid_table(const CellMap& owned, const CellDensities& density, bool exact_sums) {
  Table g;
  auto& ck =
      g.add<std::int64_t>(info(dwelling::kCell, "", "cell key: (ix + 2^31) << 32 | (iy + 2^31)"));
  auto& cx = g.add<std::int64_t>(info("ix", "", "floor(easting / cell size)"));
  auto& cy = g.add<std::int64_t>(info("iy", "", "floor(northing / cell size)"));
  auto& ce = g.add<double>(info("energy_kwh", "kWh/yr", "sum of dwelling energy in the cell"));
  auto& cn = g.add<std::int64_t>(info("dwellings", "", "located dwellings in the cell"));
  auto& cd =
      g.add<double>(info(dwelling::kHeatDensity, "GWh/yr/km2", "neighbourhood heat density"));
  for (std::int64_t key : hilbert_ordered(owned)) {
    const grid::Cell c = grid::unpack(key);
    const density::CellEnergy& e = owned.at(key);
    ck.push_back(key);
    cx.push_back(c.ix);
    cy.push_back(c.iy);
    ce.push_back(e.kwh(exact_sums));
    cn.push_back(e.dwellings);
    auto it = density.find(key);
    cd.push_back(it == density.end() ? std::numeric_limits<double>::quiet_NaN() : it->second);
  }
  return g;
}

}  // namespace heatstreet::spatial
