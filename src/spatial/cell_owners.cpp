#include "heatstreet/spatial/cell_owners.hpp"

#include <algorithm>
#include <limits>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/spatial/grid.hpp"

namespace heatstreet::spatial {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

ColumnInfo info(const char* name, const char* unit) { return ColumnInfo{name, unit, "", {}}; }

}  // namespace

LocatedRows located_rows(const std::vector<std::int64_t>& cell) {
  LocatedRows out;
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (cell[i] == grid::kNoCell) continue;
    out.rows.push_back(i);
    out.hilbert.push_back(grid::hilbert_index(grid::unpack(cell[i])));
  }
  return out;
}

Table send_to_cell_owners(const Table& dwellings, const HomeRows& home, const LocatedRows& located,
                          const Partition& part, const Comm& comm) {
  Table travel;
  std::vector<int> dest;
  auto& home_rank = travel.add<std::int32_t>(info(kHomeRank, ""));
  auto& home_pos = travel.add<std::int64_t>(info(kHomePos, ""));
  auto& global_row = travel.add<std::int64_t>(info(kGlobalRow, ""));
  auto& key = travel.add<std::int64_t>(info(dwelling::kCell, ""));
  auto& tx = travel.add<double>(info(kX, "m"));
  auto& ty = travel.add<double>(info(kY, "m"));
  auto& te = travel.add<double>(info(kEnergy, "kWh/yr"));
  const auto& x = dwellings.get<double>(dwelling::kEasting);
  const auto& y = dwellings.get<double>(dwelling::kNorthing);
  for (std::size_t k = 0; k < located.rows.size(); ++k) {
    const std::size_t i = located.rows[k];
    home_rank.push_back(comm.rank());
    home_pos.push_back(static_cast<std::int64_t>(i));
    global_row.push_back(home.first_row + static_cast<std::int64_t>(i));
    key.push_back(home.cell[i]);
    tx.push_back(x[i]);
    ty.push_back(y[i]);
    te.push_back(home.energy[i]);
    dest.push_back(decomp::owner_of(located.hilbert[k], part.starts));
  }
  return exchange_rows(travel, dest, comm);
}

Table send_home(const Table& results, Table owned, const Comm& comm) {
  const auto& home_rank = owned.get<std::int32_t>(kHomeRank);
  const std::vector<int> home(home_rank.begin(), home_rank.end());
  owned = Table();
  return exchange_rows(results, home, comm);
}

void write_home_rows(Table& dwellings, const Table& back, const std::vector<std::int64_t>& cell) {
  namespace d = dwelling;
  auto& out_cell = add_column(dwellings, d::kCell, grid::kNoCell);
  auto& out_density = add_column(dwellings, d::kHeatDensity, kNaN);
  auto& out_tier = add_column(dwellings, d::kHeatNetworkTier, std::uint8_t{5});
  auto& out_dist = add_column(dwellings, d::kDistanceToNetwork, kNaN);
  auto& out_zone = add_column(dwellings, d::kInHeatZone, std::uint8_t{0});
  add_column(dwellings, d::kHnReady, std::uint8_t{0});
  std::fill(out_cell.begin(), out_cell.end(), grid::kNoCell);
  std::fill(out_density.begin(), out_density.end(), kNaN);
  std::fill(out_tier.begin(), out_tier.end(), std::uint8_t{5});
  std::fill(out_dist.begin(), out_dist.end(), kNaN);
  std::fill(out_zone.begin(), out_zone.end(), std::uint8_t{0});
  const auto& pos = back.get<std::int64_t>(kHomePos);
  const auto& dens = back.get<double>(d::kHeatDensity);
  const auto& tier = back.get<std::uint8_t>(d::kHeatNetworkTier);
  const auto& dist = back.get<double>(d::kDistanceToNetwork);
  const auto& zone = back.get<std::uint8_t>(d::kInHeatZone);
  for (std::size_t k = 0; k < back.num_rows(); ++k) {
    const auto i = static_cast<std::size_t>(pos[k]);
    out_cell[i] = cell[i];
    out_density[i] = dens[k];
    out_tier[i] = tier[k];
    out_dist[i] = dist[k];
    out_zone[i] = zone[k];
  }
}

}  // namespace heatstreet::spatial
