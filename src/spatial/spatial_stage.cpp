#include "heatstreet/spatial/spatial_stage.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/spatial/decomposition.hpp"
#include "heatstreet/spatial/grid.hpp"
#include "heatstreet/spatial/halo_exchange.hpp"
#include "heatstreet/spatial/heat_density.hpp"
#include "heatstreet/spatial/hnpd.hpp"
#include "heatstreet/spatial/vector_layers.hpp"

namespace heatstreet::spatial {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr const char* kRegionKey = "spatial.hnpd.region_filter";
// Network and zone layers are read over a rank's region grown by the search reach plus
// this slack, so that no feature that can matter is left out by the OGR pre-filter.
constexpr double kReadSlackM = 1000;

// Working columns of the round trip to the cell owners and back.
constexpr const char* kHomeRank = "home_rank";
constexpr const char* kHomePos = "home_pos";
constexpr const char* kGlobalRow = "global_row";
constexpr const char* kX = "x";
constexpr const char* kY = "y";
constexpr const char* kEnergy = "energy_kwh";

void require(const Table& t, const char* name) {
  if (t.has(name)) return;
  throw InputError(std::string("spatial stage: the dwellings table has no '") + name + "' column");
}

// HNPD layers for every rank: rank 0 reads the bytes, every rank parses the same bytes.
struct SchemePoints {
  std::vector<proximity::Point> existing, planned;
};

SchemePoints load_hnpd(const Config& cfg, const Comm& comm, std::vector<std::string>& warnings) {
  SchemePoints out;
  const std::string& path = cfg.inputs.hnpd;
  if (path.empty()) return out;
  const bool python = cfg.model.methodology == Methodology::kPython;
  std::string bytes;
  int readable = 1;
  run_agreed(comm, [&] {
    if (!comm.root()) return;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      // The predecessor carries on without Tier 1 and 2 when the file is absent.
      if (!python)
        throw InputError(path +
                         " (inputs.hnpd): cannot open the Heat Network Planning Database file");
      readable = 0;
      return;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    bytes = ss.str();
  });
  readable = static_cast<int>(comm.max(static_cast<std::int64_t>(comm.root() ? readable : 0)));
  if (!readable) {
    warnings.push_back(path + " (inputs.hnpd): file not found; Tiers 1 and 2 skipped");
    return out;
  }
  bytes = comm.bcast(bytes);
  std::vector<proximity::Point> existing, planned;
  bool usable = true;
  run_agreed(comm, [&] {
    const std::string& region = cfg.spatial.hnpd_region_filter;
    const hnpd::File file = hnpd::parse(bytes, path, region);
    if (!file.problem.empty()) {
      if (!python) throw InputError(path + " (inputs.hnpd): " + file.problem);
      usable = false;
      return;
    }
    auto convert = [](const std::vector<hnpd::Point>& v) {
      std::vector<proximity::Point> r;
      for (const auto& q : v) r.push_back({q.x, q.y});
      return r;
    };
    existing = convert(hnpd::layer(
        file, region,
        hnpd::effective_statuses(cfg.spatial.tier1_statuses, hnpd::builtin_tier1_statuses()),
        "existing schemes", kRegionKey));
    planned = convert(hnpd::layer(
        file, region,
        hnpd::effective_statuses(cfg.spatial.tier2_statuses, hnpd::builtin_tier2_statuses()),
        "planned schemes", kRegionKey));
  });
  if (!usable) {
    warnings.push_back(path + " (inputs.hnpd): not a usable pipeline file; Tiers 1 and 2 skipped");
    return out;
  }
  out.existing = std::move(existing);
  out.planned = std::move(planned);
  return out;
}

// Python-mode pseudo-cell (spec §5.8): Kahan sum, in global row order, of the demand of
// every unlocated dwelling, on every rank.
double unlocated_pool_kwh(const std::vector<std::pair<std::int64_t, double>>& local,
                          const Comm& comm) {
  std::vector<std::vector<char>> out(static_cast<std::size_t>(comm.size()));
  for (const auto& [row, e] : local) {
    const char* a = reinterpret_cast<const char*>(&row);
    const char* b = reinterpret_cast<const char*>(&e);
    out[0].insert(out[0].end(), a, a + sizeof row);
    out[0].insert(out[0].end(), b, b + sizeof e);
  }
  const auto in = comm.exchange(out);
  std::string result;
  if (comm.root()) {
    std::vector<std::pair<std::int64_t, double>> all;
    for (const auto& buf : in) {
      for (std::size_t at = 0; at + 16 <= buf.size(); at += 16) {
        std::pair<std::int64_t, double> v;
        std::memcpy(&v.first, buf.data() + at, 8);
        std::memcpy(&v.second, buf.data() + at + 8, 8);
        all.push_back(v);
      }
    }
    std::sort(all.begin(), all.end());
    double sum = 0, comp = 0;
    for (const auto& v : all) density::kahan_add(sum, comp, v.second);
    result.assign(reinterpret_cast<const char*>(&sum), sizeof sum);
  }
  result = comm.bcast(result);
  double s = 0;
  std::memcpy(&s, result.data(), sizeof s);
  return s;
}

ColumnInfo info(const char* name, const char* unit, const char* description) {
  return ColumnInfo{name, unit, description, {}};
}

}  // namespace

SpatialResult run(Table& dwellings, const Config& cfg, const Comm& comm) {
  SpatialResult result;
  const SpatialConfig& sc = cfg.spatial;
  const bool python = cfg.model.methodology == Methodology::kPython;
  const tiers::Params params = tiers::params_from(cfg);
  const std::size_t n = dwellings.num_rows();

  // ---- 1. Local: demand, location and cell of every dwelling ---------------------------
  std::vector<double> energy(n, kNaN);
  std::vector<std::int64_t> cell_key(n, grid::kNoCell);
  bool have_energy = true;
  run_agreed(comm, [&] {
    if (!(sc.cell_size_m > 0)) throw ConfigError("spatial.grid.cell_size_m must be positive");
    if (!(sc.buffer_radius_m > 0))
      throw ConfigError("spatial.grid.buffer_radius_m must be positive");
    require(dwellings, dwelling::kEasting);
    require(dwellings, dwelling::kNorthing);
    require(dwellings, dwelling::kLocated);
    // Without an intensity column the predecessor skips the density tiers (spec §5.1);
    // without a floor area it sums the intensity alone (spec §2.1).
    if (python && !dwellings.has(dwelling::kEnergyIntensity)) {
      have_energy = false;
    } else {
      require(dwellings, dwelling::kEnergyIntensity);
      if (!python) require(dwellings, dwelling::kFloorArea);
    }
    const auto& x = dwellings.get<double>(dwelling::kEasting);
    const auto& y = dwellings.get<double>(dwelling::kNorthing);
    const auto& located = dwellings.get<std::uint8_t>(dwelling::kLocated);
    const std::vector<double>* intensity =
        have_energy ? &dwellings.get<double>(dwelling::kEnergyIntensity) : nullptr;
    const std::vector<double>* area = dwellings.has(dwelling::kFloorArea)
                                          ? &dwellings.get<double>(dwelling::kFloorArea)
                                          : nullptr;
    for (std::size_t i = 0; i < n; ++i) {
      if (intensity) energy[i] = area ? (*intensity)[i] * (*area)[i] : (*intensity)[i];
      if (located[i] != 1) continue;
      if (auto c = grid::cell_of(x[i], y[i], sc.cell_size_m)) cell_key[i] = grid::pack(*c);
    }
  });
  have_energy = comm.max(static_cast<std::int64_t>(have_energy ? 0 : 1)) == 0;
  const bool densities = !sc.disable && have_energy;

  // ---- 2. Network layers replicated on every rank ----------------------------------------
  SchemePoints schemes = load_hnpd(cfg, comm, result.warnings);

  // ---- 3. Decomposition and shuffle to the cell owners ----------------------------------
  std::vector<std::uint64_t> hilbert;
  std::vector<int> dest;
  std::vector<std::size_t> located_rows;
  for (std::size_t i = 0; i < n; ++i) {
    if (cell_key[i] == grid::kNoCell) continue;
    located_rows.push_back(i);
    hilbert.push_back(grid::hilbert_index(grid::unpack(cell_key[i])));
  }
  const Partition part = decompose(hilbert, comm);
  const std::int64_t first_row = comm.exscan(static_cast<std::int64_t>(n));

  Table travel;
  {
    auto& home_rank = travel.add<std::int32_t>(info(kHomeRank, "", ""));
    auto& home_pos = travel.add<std::int64_t>(info(kHomePos, "", ""));
    auto& global_row = travel.add<std::int64_t>(info(kGlobalRow, "", ""));
    auto& key = travel.add<std::int64_t>(info(dwelling::kCell, "", ""));
    auto& tx = travel.add<double>(info(kX, "m", ""));
    auto& ty = travel.add<double>(info(kY, "m", ""));
    auto& te = travel.add<double>(info(kEnergy, "kWh/yr", ""));
    const auto& x = dwellings.get<double>(dwelling::kEasting);
    const auto& y = dwellings.get<double>(dwelling::kNorthing);
    for (std::size_t k = 0; k < located_rows.size(); ++k) {
      const std::size_t i = located_rows[k];
      home_rank.push_back(comm.rank());
      home_pos.push_back(static_cast<std::int64_t>(i));
      global_row.push_back(first_row + static_cast<std::int64_t>(i));
      key.push_back(cell_key[i]);
      tx.push_back(x[i]);
      ty.push_back(y[i]);
      te.push_back(energy[i]);
      dest.push_back(decomp::owner_of(hilbert[k], part.starts));
    }
  }
  Table mine = exchange_rows(travel, dest, comm);
  travel = Table();
  const std::size_t m = mine.num_rows();
  result.dwellings_per_rank = comm.allgather(static_cast<std::int64_t>(m));
  result.imbalance = decomp::imbalance(result.dwellings_per_rank);

  // ---- 4. Per-cell energy on the owner, rows in global row order -------------------------
  const auto& g_row = mine.get<std::int64_t>(kGlobalRow);
  const auto& g_key = mine.get<std::int64_t>(dwelling::kCell);
  const auto& g_x = mine.get<double>(kX);
  const auto& g_y = mine.get<double>(kY);
  const auto& g_e = mine.get<double>(kEnergy);
  std::vector<std::size_t> order(m);
  for (std::size_t i = 0; i < m; ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return g_row[a] < g_row[b]; });
  CellMap owned;
  for (std::size_t i : order) owned[g_key[i]].add(g_e[i]);

  // ---- 5. Halo and densities of the owned cells ------------------------------------------
  const std::vector<grid::Offset> offsets =
      grid::mask_offsets(sc.cell_size_m, sc.buffer_radius_m, sc.use_circular_mask);
  const double area_km2 = grid::circle_area_km2(sc.buffer_radius_m);
  std::unordered_map<std::int64_t, double> cell_density;
  if (densities) {
    const CellMap halo = exchange_halo(owned, offsets, part, comm, &result.halo_cells_requested);
    auto lookup = [&](const grid::Cell& c) -> const density::CellEnergy* {
      const std::int64_t k = grid::pack(c);
      if (auto it = owned.find(k); it != owned.end()) return &it->second;
      if (auto it = halo.find(k); it != halo.end()) return &it->second;
      return nullptr;
    };
    for (const auto& [key, e] : owned) {
      const double s = density::neighbourhood_kwh(grid::unpack(key), offsets, lookup, python);
      cell_density[key] = grid::density_gwh_km2(s, area_km2);
    }
  }

  // Grid cells in Hilbert order.
  {
    std::vector<std::pair<std::uint64_t, std::int64_t>> cells;
    for (const auto& [key, e] : owned)
      cells.push_back({grid::hilbert_index(grid::unpack(key)), key});
    std::sort(cells.begin(), cells.end());
    Table& g = result.grid_cells;
    auto& ck =
        g.add<std::int64_t>(info(dwelling::kCell, "", "cell key: (ix + 2^31) << 32 | (iy + 2^31)"));
    auto& cx = g.add<std::int64_t>(info("ix", "", "floor(easting / cell size)"));
    auto& cy = g.add<std::int64_t>(info("iy", "", "floor(northing / cell size)"));
    auto& ce = g.add<double>(info("energy_kwh", "kWh/yr", "sum of dwelling energy in the cell"));
    auto& cn = g.add<std::int64_t>(info("dwellings", "", "located dwellings in the cell"));
    auto& cd =
        g.add<double>(info(dwelling::kHeatDensity, "GWh/yr/km2", "neighbourhood heat density"));
    for (const auto& [h, key] : cells) {
      const grid::Cell c = grid::unpack(key);
      const density::CellEnergy& e = owned.at(key);
      ck.push_back(key);
      cx.push_back(c.ix);
      cy.push_back(c.iy);
      ce.push_back(e.kwh(python));
      cn.push_back(e.dwellings);
      auto it = cell_density.find(key);
      cd.push_back(it == cell_density.end() ? kNaN : it->second);
    }
  }
  result.populated_cells = comm.sum(static_cast<std::int64_t>(owned.size()));

  // ---- 6. Tiers of the owned dwellings ----------------------------------------------------
  tiers::Layers layers;
  layers.existing_schemes = proximity::PointIndex(schemes.existing);
  layers.planned_schemes = proximity::PointIndex(schemes.planned);
  run_agreed(comm, [&] {
    if (m == 0 || (cfg.inputs.zones.empty() && cfg.inputs.networks.empty())) return;
    layers::Window w{g_x[0], g_y[0], g_x[0], g_y[0]};
    for (std::size_t i = 0; i < m; ++i) {
      w.minx = std::min(w.minx, g_x[i]), w.maxx = std::max(w.maxx, g_x[i]);
      w.miny = std::min(w.miny, g_y[i]), w.maxy = std::max(w.maxy, g_y[i]);
    }
    const layers::Window read_window = w.grown(params.reach + kReadSlackM);
    if (!cfg.inputs.zones.empty()) {
      layers::ZoneLayers z = layers::read_zones(cfg.inputs.zones, read_window);
      layers.zones = proximity::PolygonIndex(std::move(z.polygons));
    }
    if (!cfg.inputs.networks.empty()) {
      layers::NetworkLayers net = layers::read_networks(cfg.inputs.networks, read_window);
      layers.network_points = proximity::PointIndex(std::move(net.points));
      layers.network_lines = proximity::SegmentIndex(std::move(net.segments), params.reach);
    }
  });

  Table back;
  {
    auto& pos = back.add<std::int64_t>(info(kHomePos, "", ""));
    auto& dens = back.add<double>(info(dwelling::kHeatDensity, "", ""));
    auto& tier = back.add<std::uint8_t>(info(dwelling::kHeatNetworkTier, "", ""));
    auto& dist = back.add<double>(info(dwelling::kDistanceToNetwork, "", ""));
    auto& zone = back.add<std::uint8_t>(info(dwelling::kInHeatZone, "", ""));
    const auto& home_pos = mine.get<std::int64_t>(kHomePos);
    std::vector<int> home;
    const auto& home_rank = mine.get<std::int32_t>(kHomeRank);
    for (std::size_t i = 0; i < m; ++i) {
      const tiers::Proximity prox = tiers::assess(layers, params, proximity::Point{g_x[i], g_y[i]});
      auto it = cell_density.find(g_key[i]);
      const double d = it == cell_density.end() ? kNaN : it->second;
      pos.push_back(home_pos[i]);
      dens.push_back(d);
      tier.push_back(tiers::final_tier(prox, d, params));
      dist.push_back(prox.distance_to_network);
      zone.push_back(prox.in_heat_zone ? 1 : 0);
      home.push_back(home_rank[i]);
    }
    mine = Table();
    back = exchange_rows(back, home, comm);
  }

  // ---- 7. Results into the home rows, original order ----------------------------------------
  namespace d = dwelling;
  auto& out_cell = add_column(dwellings, d::kCell, grid::kNoCell);
  auto& out_density = add_column(dwellings, d::kHeatDensity, kNaN);
  auto& out_tier = add_column(dwellings, d::kHeatNetworkTier, std::uint8_t{5});
  auto& out_dist = add_column(dwellings, d::kDistanceToNetwork, kNaN);
  auto& out_zone = add_column(dwellings, d::kInHeatZone, std::uint8_t{0});
  auto& out_ready = add_column(dwellings, d::kHnReady, std::uint8_t{0});
  std::fill(out_cell.begin(), out_cell.end(), grid::kNoCell);
  std::fill(out_density.begin(), out_density.end(), kNaN);
  std::fill(out_tier.begin(), out_tier.end(), std::uint8_t{5});
  std::fill(out_dist.begin(), out_dist.end(), kNaN);
  std::fill(out_zone.begin(), out_zone.end(), std::uint8_t{0});
  {
    const auto& pos = back.get<std::int64_t>(kHomePos);
    const auto& dens = back.get<double>(dwelling::kHeatDensity);
    const auto& tier = back.get<std::uint8_t>(dwelling::kHeatNetworkTier);
    const auto& dist = back.get<double>(dwelling::kDistanceToNetwork);
    const auto& zone = back.get<std::uint8_t>(dwelling::kInHeatZone);
    for (std::size_t k = 0; k < back.num_rows(); ++k) {
      const auto i = static_cast<std::size_t>(pos[k]);
      out_cell[i] = cell_key[i];
      out_density[i] = dens[k];
      out_tier[i] = tier[k];
      out_dist[i] = dist[k];
      out_zone[i] = zone[k];
    }
  }

  // Unlocated dwellings: Tier 5 and no density, or (predecessor) one shared pseudo-cell.
  std::int64_t unlocated = 0;
  std::vector<std::pair<std::int64_t, double>> pool;
  for (std::size_t i = 0; i < n; ++i) {
    if (cell_key[i] != grid::kNoCell) continue;
    ++unlocated;
    pool.push_back({first_row + static_cast<std::int64_t>(i), energy[i]});
  }
  result.unlocated = comm.sum(unlocated);
  result.located = comm.sum(static_cast<std::int64_t>(n)) - result.unlocated;
  if (python && densities && result.unlocated > 0) {
    const double pseudo = grid::density_gwh_km2(unlocated_pool_kwh(pool, comm), area_km2);
    for (std::size_t i = 0; i < n; ++i) {
      if (cell_key[i] != grid::kNoCell) continue;
      out_density[i] = pseudo;
      out_tier[i] = density::density_tier(pseudo, params.t3, params.t4);
    }
  }

  std::vector<std::int64_t> counts(5, 0);
  for (std::size_t i = 0; i < n; ++i) {
    out_ready[i] = tiers::hn_ready(out_tier[i], params) ? 1 : 0;
    ++counts[static_cast<std::size_t>(out_tier[i] - 1)];
  }
  counts = comm.sum(counts);
  for (std::size_t t = 0; t < 5; ++t) result.tier_counts[t] = counts[t];
  result.suitability = tiers::suitability(result.tier_counts, params);
  if (!have_energy)
    result.warnings.push_back(std::string("no '") + dwelling::kEnergyIntensity.name +
                              "' column: density tiers skipped, as the predecessor does");
  return result;
}

}  // namespace heatstreet::spatial
