#include "heatstreet/spatial/spatial_stage.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/error.hpp"
#include "heatstreet/spatial/cell_owners.hpp"
#include "heatstreet/spatial/grid.hpp"
#include "heatstreet/spatial/grid_table.hpp"
#include "heatstreet/spatial/halo_exchange.hpp"
#include "heatstreet/spatial/heat_density.hpp"
#include "heatstreet/spatial/tier_layers.hpp"
#include "heatstreet/spatial/unlocated_cell.hpp"

namespace heatstreet::spatial {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void require(const Table& t, const char* name) {
  if (t.has(name)) return;
  throw InputError(std::string("spatial stage: the dwellings table has no '") + name + "' column");
}

void check_grid_settings(const SpatialConfig& sc) {
  if (!(sc.cell_size_m > 0)) throw ConfigError("spatial.grid.cell_size_m must be positive");
  if (!(sc.buffer_radius_m > 0)) throw ConfigError("spatial.grid.buffer_radius_m must be positive");
}

// Checks the columns the stage reads. False when there is no energy-intensity column and
// the policy then skips the density tiers.
bool check_dwelling_columns(const Table& dwellings, const SpatialPolicy& policy) {
  require(dwellings, dwelling::kEasting);
  require(dwellings, dwelling::kNorthing);
  require(dwellings, dwelling::kLocated);
  // Without an intensity column the predecessor skips the density tiers (spec §5.1);
  // without a floor area it sums the intensity alone (spec §2.1).
  if (!policy.energy_intensity_required && !dwellings.has(dwelling::kEnergyIntensity)) return false;
  require(dwellings, dwelling::kEnergyIntensity);
  if (policy.floor_area_required) require(dwellings, dwelling::kFloorArea);
  return true;
}

// Demand of every dwelling (intensity x floor area; the intensity alone without a
// floor-area column) and the cell of every located one (spec §2.1, §5.3).
void fill_energy_and_cells(const Table& dwellings, bool have_energy, double cell_size_m,
                           HomeRows& home) {
  const auto& x = dwellings.get<double>(dwelling::kEasting);
  const auto& y = dwellings.get<double>(dwelling::kNorthing);
  const auto& located = dwellings.get<std::uint8_t>(dwelling::kLocated);
  const std::vector<double>* intensity =
      have_energy ? &dwellings.get<double>(dwelling::kEnergyIntensity) : nullptr;
  const std::vector<double>* area =
      dwellings.has(dwelling::kFloorArea) ? &dwellings.get<double>(dwelling::kFloorArea) : nullptr;
  for (std::size_t i = 0; i < home.cell.size(); ++i) {
    if (intensity) home.energy[i] = area ? (*intensity)[i] * (*area)[i] : (*intensity)[i];
    if (located[i] != 1) continue;
    if (auto c = grid::cell_of(x[i], y[i], cell_size_m)) home.cell[i] = grid::pack(*c);
  }
}

// Collective. Demand, location and cell of every dwelling of this rank.
HomeRows place_dwellings(const Table& dwellings, const SpatialSettings& s, const Comm& comm) {
  const std::size_t n = dwellings.num_rows();
  HomeRows home;
  home.energy.assign(n, kNaN);
  home.cell.assign(n, grid::kNoCell);
  bool have_energy = true;
  run_agreed(comm, [&] {
    check_grid_settings(s.spatial);
    have_energy = check_dwelling_columns(dwellings, s.policy);
    fill_energy_and_cells(dwellings, have_energy, s.spatial.cell_size_m, home);
  });
  home.have_energy = comm.max(static_cast<std::int64_t>(have_energy ? 0 : 1)) == 0;
  home.first_row = comm.exscan(static_cast<std::int64_t>(n));
  return home;
}

// Collective. Located dwellings per rank after the shuffle, and their imbalance.
void record_load(std::size_t owned_rows, const Comm& comm, SpatialResult& result) {
  result.dwellings_per_rank = comm.allgather(static_cast<std::int64_t>(owned_rows));
  result.imbalance = decomp::imbalance(result.dwellings_per_rank);
}

// Energy of each cell this rank owns, its rows added in global row order (the order of
// the compensated sum, spec §11.3).
CellMap cell_energies(const Table& mine) {
  const auto& row = mine.get<std::int64_t>(kGlobalRow);
  const auto& key = mine.get<std::int64_t>(dwelling::kCell);
  const auto& energy = mine.get<double>(kEnergy);
  std::vector<std::size_t> order(mine.num_rows());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return row[a] < row[b]; });
  CellMap owned;
  for (std::size_t i : order) owned[key[i]].add(energy[i]);
  return owned;
}

// Collective. Heat density of each owned cell from its neighbourhood, owned cells and the
// halo from other ranks together (spec §5.5, §5.6, §11.1).
CellDensities owned_cell_densities(const CellMap& owned, const Partition& part,
                                   const SpatialSettings& s, double area_km2, const Comm& comm,
                                   std::int64_t* halo_requested) {
  const SpatialConfig& sc = s.spatial;
  const std::vector<grid::Offset> offsets =
      grid::mask_offsets(sc.cell_size_m, sc.buffer_radius_m, sc.use_circular_mask);
  const CellMap halo = exchange_halo(owned, offsets, part, comm, halo_requested);
  auto lookup = [&](const grid::Cell& c) -> const density::CellEnergy* {
    const std::int64_t k = grid::pack(c);
    if (auto it = owned.find(k); it != owned.end()) return &it->second;
    if (auto it = halo.find(k); it != halo.end()) return &it->second;
    return nullptr;
  };
  CellDensities out;
  for (const auto& [key, e] : owned) {
    const double sum =
        density::neighbourhood_kwh(grid::unpack(key), offsets, lookup, s.policy.exact_energy_sums);
    out[key] = grid::density_gwh_km2(sum, area_km2);
  }
  return out;
}

// Density, tier, distance to a network and heat-zone flag of each owned row, with the
// row's position on its home rank.
Table assess_owned_rows(const Table& mine, const tiers::Layers& layers, const tiers::Params& params,
                        const CellDensities& density) {
  const auto& home_pos = mine.get<std::int64_t>(kHomePos);
  const auto& key = mine.get<std::int64_t>(dwelling::kCell);
  const auto& x = mine.get<double>(kX);
  const auto& y = mine.get<double>(kY);
  Table back;
  auto& pos = back.add<std::int64_t>({kHomePos, "", "", {}});
  auto& dens = back.add<double>({dwelling::kHeatDensity, "", "", {}});
  auto& tier = back.add<std::uint8_t>({dwelling::kHeatNetworkTier, "", "", {}});
  auto& dist = back.add<double>({dwelling::kDistanceToNetwork, "", "", {}});
  auto& zone = back.add<std::uint8_t>({dwelling::kInHeatZone, "", "", {}});
  for (std::size_t i = 0; i < mine.num_rows(); ++i) {
    const tiers::Proximity prox = tiers::assess(layers, params, proximity::Point{x[i], y[i]});
    auto it = density.find(key[i]);
    const double d = it == density.end() ? kNaN : it->second;
    pos.push_back(home_pos[i]);
    dens.push_back(d);
    tier.push_back(tiers::final_tier(prox, d, params));
    dist.push_back(prox.distance_to_network);
    zone.push_back(prox.in_heat_zone ? 1 : 0);
  }
  return back;
}

// Collective. Located and unlocated dwellings over all ranks.
void count_located(const HomeRows& home, const Comm& comm, SpatialResult& result) {
  const auto unlocated = std::count(home.cell.begin(), home.cell.end(), grid::kNoCell);
  result.unlocated = comm.sum(static_cast<std::int64_t>(unlocated));
  result.located = comm.sum(static_cast<std::int64_t>(home.cell.size())) - result.unlocated;
}

// Collective. hn_ready of every dwelling from its tier; the dwellings per tier over all
// ranks and the pathway suitability table (spec §7.1, §8.2).
void mark_ready_and_count_tiers(Table& dwellings, const tiers::Params& params, const Comm& comm,
                                SpatialResult& result) {
  const auto& tier = column(dwellings, dwelling::kHeatNetworkTier);
  auto& ready = column(dwellings, dwelling::kHnReady);
  std::vector<std::int64_t> counts(5, 0);
  for (std::size_t i = 0; i < tier.size(); ++i) {
    ready[i] = tiers::hn_ready(tier[i], params) ? 1 : 0;
    ++counts[static_cast<std::size_t>(tier[i] - 1)];
  }
  counts = comm.sum(counts);
  for (std::size_t t = 0; t < 5; ++t) result.tier_counts[t] = counts[t];
  result.suitability = tiers::suitability(result.tier_counts, params);
}

}  // namespace

SpatialResult run(Table& dwellings, const SpatialSettings& settings, const Comm& comm) {
  SpatialResult result;
  const SpatialPolicy& policy = settings.policy;
  const tiers::Params params = tiers::params_from(settings);
  const double area_km2 = grid::circle_area_km2(settings.spatial.buffer_radius_m);

  const HomeRows home = place_dwellings(dwellings, settings, comm);
  const bool densities = !settings.spatial.disable && home.have_energy;
  SchemePoints schemes = load_hnpd_schemes(settings, comm, result.warnings);
  result.hnpd_rows_unreadable = schemes.unreadable_pairs;

  // Every located dwelling moves to the rank owning its cell, cut along the Hilbert order.
  const LocatedRows located = located_rows(home.cell);
  const Partition part = decompose(located.hilbert, comm);
  Table mine = send_to_cell_owners(dwellings, home, located, part, comm);
  record_load(mine.num_rows(), comm, result);

  const CellMap owned = cell_energies(mine);
  CellDensities density;
  if (densities)
    density =
        owned_cell_densities(owned, part, settings, area_km2, comm, &result.halo_cells_requested);
  result.grid_cells = grid_table(owned, density, policy.exact_energy_sums);
  result.populated_cells = comm.sum(static_cast<std::int64_t>(owned.size()));

  const tiers::Layers layers = tier_layers(std::move(schemes), mine.get<double>(kX),
                                           mine.get<double>(kY), settings, params.reach, comm);
  Table back = assess_owned_rows(mine, layers, params, density);
  back = send_home(back, std::move(mine), comm);
  write_home_rows(dwellings, back, home.cell);

  // Unlocated dwellings: Tier 5 and no density, or (predecessor) one shared pseudo-cell.
  count_located(home, comm, result);
  if (policy.unlocated_share_one_cell && densities && result.unlocated > 0)
    tier_unlocated_in_one_cell(dwellings, home, area_km2, params, comm);
  mark_ready_and_count_tiers(dwellings, params, comm, result);
  if (!home.have_energy)
    result.warnings.push_back(std::string("no '") + dwelling::kEnergyIntensity.name +
                              "' column: density tiers skipped, as the predecessor does");
  return result;
}

}  // namespace heatstreet::spatial
