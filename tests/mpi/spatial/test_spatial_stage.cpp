// The spatial stage on 1-4 ranks: the worked example of the spatial spec §10 (golden
// numbers from the spec), the halo on partitions thinner than the halo, and identical
// results for any rank count on a clustered London-like distribution, compared with a
// run of the same stage on a one-rank communicator.
#include <gdal.h>
#include <gtest/gtest.h>
#include <mpi.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "heatstreet/config/spatial_settings.hpp"
#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/spatial/grid.hpp"
#include "heatstreet/spatial/heat_density.hpp"
#include "heatstreet/spatial/spatial_stage.hpp"
#include "spatial_example.hpp"

using namespace heatstreet;
namespace fs = std::filesystem;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Row {
  double x, y, intensity, area;
};

// A directory shared by all ranks of the world communicator.
struct SharedDir {
  fs::path path;
  explicit SharedDir(const Comm& comm) {
    path = comm.bcast(
        comm.root()
            ? (fs::temp_directory_path() / ("hs_spatial_" + std::to_string(::getpid()))).string()
            : std::string());
    if (comm.root()) fs::create_directories(path);
    comm.barrier();
  }
  ~SharedDir() {
    Comm comm;
    comm.barrier();
    if (comm.root()) fs::remove_all(path);
  }
};

// Rank-major share of the global rows: rank r holds [r N / p, (r+1) N / p).
std::pair<std::size_t, std::size_t> share(std::size_t n, const Comm& comm) {
  const auto p = static_cast<std::size_t>(comm.size()), r = static_cast<std::size_t>(comm.rank());
  return {r * n / p, (r + 1) * n / p};
}

Table make_table(const std::vector<Row>& rows, std::size_t lo, std::size_t hi) {
  Table t;
  auto& id = t.add<std::int64_t>({"id", "", "", {}});
  auto& x = t.add<double>({dwelling::kEasting, "m", "", {}});
  auto& y = t.add<double>({dwelling::kNorthing, "m", "", {}});
  auto& located = t.add<std::uint8_t>({dwelling::kLocated, "", "", {}});
  auto& area = t.add<double>({dwelling::kFloorArea, "m2", "", {}});
  auto& intensity = t.add<double>({dwelling::kEnergyIntensity, "kWh/m2", "", {}});
  for (std::size_t i = lo; i < hi; ++i) {
    id.push_back(static_cast<std::int64_t>(i));
    x.push_back(rows[i].x);
    y.push_back(rows[i].y);
    located.push_back(std::isfinite(rows[i].x) ? 1 : 0);
    area.push_back(rows[i].area);
    intensity.push_back(rows[i].intensity);
  }
  return t;
}

Config base_config(bool python) {
  Config cfg;
  cfg.model.methodology = python ? Methodology::kPython : Methodology::kDocumented;
  return cfg;
}

void write_text(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

// Runs the stage on a communicator of this rank alone, over all rows.
spatial::SpatialResult run_alone(Table& all, const Config& cfg) {
  MPI_Comm self;
  MPI_Comm_split(MPI_COMM_WORLD, Comm().rank(), 0, &self);
  spatial::SpatialResult r;
  {
    Comm one(self);
    r = spatial::run(all, spatial_settings(cfg), one);
  }
  MPI_Comm_free(&self);
  return r;
}

bool same_double(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Every output column of this rank's rows equals the one-rank run's, bit for bit. (No
// collective calls here, so an ASSERT leaving early cannot strand the other ranks.)
void expect_same_rows(const Table& mine, const Table& all, std::size_t lo) {
  const auto& id = mine.get<std::int64_t>("id");
  for (std::size_t i = 0; i < mine.num_rows(); ++i) {
    ASSERT_EQ(id[i], static_cast<std::int64_t>(lo + i)) << "rows keep their order";
    const std::size_t g = lo + i;
    ASSERT_EQ(mine.get<std::int64_t>(dwelling::kCell)[i], all.get<std::int64_t>(dwelling::kCell)[g])
        << g;
    ASSERT_TRUE(same_double(mine.get<double>(dwelling::kHeatDensity)[i],
                            all.get<double>(dwelling::kHeatDensity)[g]))
        << g;
    ASSERT_EQ(mine.get<std::uint8_t>(dwelling::kHeatNetworkTier)[i],
              all.get<std::uint8_t>(dwelling::kHeatNetworkTier)[g])
        << g;
    ASSERT_TRUE(same_double(mine.get<double>(dwelling::kDistanceToNetwork)[i],
                            all.get<double>(dwelling::kDistanceToNetwork)[g]))
        << g;
    ASSERT_EQ(mine.get<std::uint8_t>(dwelling::kInHeatZone)[i],
              all.get<std::uint8_t>(dwelling::kInHeatZone)[g])
        << g;
    ASSERT_EQ(mine.get<std::uint8_t>(dwelling::kHnReady)[i],
              all.get<std::uint8_t>(dwelling::kHnReady)[g])
        << g;
  }
}

// The owned grid cells equal the one-rank run's cells of the same keys, and together
// the ranks hold each populated cell once, in the same order.
void expect_same_cells(const spatial::SpatialResult& mine, const spatial::SpatialResult& all,
                       const Comm& comm) {
  const Table& g = mine.grid_cells;
  const auto& key = g.get<std::int64_t>(dwelling::kCell);
  std::map<std::int64_t, std::size_t> at;
  const auto& all_key = all.grid_cells.get<std::int64_t>(dwelling::kCell);
  for (std::size_t i = 0; i < all_key.size(); ++i) at[all_key[i]] = i;
  for (std::size_t i = 0; i < key.size(); ++i) {
    EXPECT_TRUE(at.count(key[i]));
    if (!at.count(key[i])) break;  // no early return: collectives follow
    const std::size_t j = at[key[i]];
    EXPECT_TRUE(
        same_double(g.get<double>("energy_kwh")[i], all.grid_cells.get<double>("energy_kwh")[j]));
    EXPECT_EQ(g.get<std::int64_t>("dwellings")[i],
              all.grid_cells.get<std::int64_t>("dwellings")[j]);
    EXPECT_TRUE(same_double(g.get<double>(dwelling::kHeatDensity)[i],
                            all.grid_cells.get<double>(dwelling::kHeatDensity)[j]));
  }
  // Rank order of the owned cells is the global order.
  const std::int64_t before = comm.exscan(static_cast<std::int64_t>(key.size()));
  for (std::size_t i = 0; i < key.size() && static_cast<std::size_t>(before) + i < all_key.size();
       ++i)
    EXPECT_EQ(key[i], all_key[static_cast<std::size_t>(before) + i])
        << "grid cells in one global order";
  EXPECT_EQ(comm.sum(static_cast<std::int64_t>(key.size())),
            static_cast<std::int64_t>(all_key.size()));
  EXPECT_EQ(mine.tier_counts, all.tier_counts);
  for (std::size_t t = 0; t < 5; ++t)
    EXPECT_EQ(mine.suitability[t].percentage, all.suitability[t].percentage);
}

std::vector<Row> example_rows() {
  std::vector<Row> rows;
  for (const auto& d : spatial_example::dwellings()) rows.push_back({d.x, d.y, d.ecc, d.tfa});
  return rows;
}

}  // namespace

TEST(SpatialStage, WorkedExampleOfTheSpec) {
  Comm comm;
  SharedDir dir(comm);
  if (comm.root()) write_text(dir.path / "hnpd.csv", spatial_example::hnpd_csv());
  comm.barrier();
  const auto rows = example_rows();
  const auto [lo, hi] = share(rows.size(), comm);
  for (int mode = 0; mode < 3; ++mode) {  // circular, square, disabled
    for (bool python : {false, true}) {
      Config cfg = base_config(python);
      cfg.inputs.hnpd = (dir.path / "hnpd.csv").string();
      cfg.spatial.use_circular_mask = mode != 1;
      cfg.spatial.disable = mode == 2;
      Table t = make_table(rows, lo, hi);
      const auto r = spatial::run(t, spatial_settings(cfg), comm);
      for (std::size_t i = lo; i < hi; ++i) {
        const auto& d = spatial_example::dwellings()[i];
        const std::size_t k = i - lo;
        const int tier = mode == 0 ? d.tier_circular : mode == 1 ? d.tier_square : d.tier_disabled;
        EXPECT_EQ(t.get<std::uint8_t>(dwelling::kHeatNetworkTier)[k], tier)
            << d.id << " mode " << mode;
        EXPECT_EQ(t.get<std::uint8_t>(dwelling::kHnReady)[k], tier <= 3 ? 1 : 0) << d.id;
        double expected = mode == 2 ? kNaN : mode == 0 ? d.density_circular : d.density_square;
        if (python && mode != 2 && std::isnan(d.x)) expected = spatial_example::kPseudoCellDensity;
        const double got = t.get<double>(dwelling::kHeatDensity)[k];
        if (std::isnan(expected))
          EXPECT_TRUE(std::isnan(got)) << d.id;
        else
          EXPECT_EQ(got, expected) << d.id << " mode " << mode;
        const double dist = t.get<double>(dwelling::kDistanceToNetwork)[k];
        if (std::isnan(d.dist_existing))
          EXPECT_TRUE(std::isnan(dist)) << d.id;
        else
          EXPECT_NEAR(dist, d.dist_existing, 0.0005) << d.id;
        EXPECT_EQ(t.get<std::uint8_t>(dwelling::kInHeatZone)[k],
                  (std::string(d.id) == "P7" || std::string(d.id) == "P8") ? 1 : 0);
        EXPECT_EQ(t.get<std::int64_t>(dwelling::kCell)[k] == grid::kNoCell, std::isnan(d.x))
            << d.id;
      }
      // Pathway suitability counts (spec §10): circular 1,1,2,4,2; square 1,1,6,0,2; disabled
      // 1,1,0,0,8.
      const std::array<std::int64_t, 5> counts[3] = {
          {1, 1, 2, 4, 2}, {1, 1, 6, 0, 2}, {1, 1, 0, 0, 8}};
      EXPECT_EQ(r.tier_counts, counts[mode]) << "mode " << mode;
      EXPECT_EQ(r.suitability[3].percentage, mode == 0 ? 40.0 : 0.0);
      EXPECT_EQ(r.unlocated, 1);
      EXPECT_EQ(r.located, 9);
      EXPECT_EQ(r.populated_cells, 8);
      // Cell energies (spec §10): total 4,900,000 kWh over 8 cells.
      std::int64_t units = 0;
      for (double e : r.grid_cells.get<double>("energy_kwh")) units += static_cast<std::int64_t>(e);
      EXPECT_EQ(comm.sum(units), 4'900'000);
    }
  }
}

TEST(SpatialStage, HaloReachesPastRangesThinnerThanTheHalo) {
  // A one-cell-high strip whose first four cells are crowded: on 4 ranks each rank owns
  // one of them (plus some of the sparse cells), so the owner of the second cell needs
  // cells from all three other ranks, one of which is not next to it in rank order.
  Comm comm;
  std::vector<Row> rows;
  for (int cell = 0; cell < 41; ++cell) {
    const int n = cell < 4 ? 1000 : 1;
    for (int k = 0; k < n; ++k)
      rows.push_back({530000 + cell * 125.0 + 1 + (k % 100), 180001, 100.0 + cell, 50.0 + k % 7});
  }
  const auto [lo, hi] = share(rows.size(), comm);
  for (bool circular : {true, false}) {
    for (bool python : {false, true}) {
      Config cfg = base_config(python);
      cfg.spatial.use_circular_mask = circular;
      Table t = make_table(rows, lo, hi);
      const auto r = spatial::run(t, spatial_settings(cfg), comm);
      if (comm.size() == 4) {
        for (std::int64_t owned : r.dwellings_per_rank) {
          EXPECT_GE(owned, 1000);
          EXPECT_LT(owned, 2000) << "one crowded cell per rank";
        }
      }
      // Densities from the pure functions over all rows.
      std::map<std::int64_t, density::CellEnergy> cells;
      for (const Row& row : rows)
        cells[grid::pack(*grid::cell_of(row.x, row.y, 125))].add(row.intensity * row.area);
      const auto offsets = grid::mask_offsets(125, 250, circular);
      auto lookup = [&](const grid::Cell& c) -> const density::CellEnergy* {
        auto it = cells.find(grid::pack(c));
        return it == cells.end() ? nullptr : &it->second;
      };
      for (std::size_t i = lo; i < hi; ++i) {
        const grid::Cell c = *grid::cell_of(rows[i].x, rows[i].y, 125);
        const double expected = grid::density_gwh_km2(
            density::neighbourhood_kwh(c, offsets, lookup, !python), grid::circle_area_km2(250));
        // EXPECT, not ASSERT: every rank must go on to the collective calls below.
        EXPECT_EQ(t.get<double>(dwelling::kHeatDensity)[i - lo], expected) << i;
        if (t.get<double>(dwelling::kHeatDensity)[i - lo] != expected) break;
      }
      Table all = make_table(rows, 0, rows.size());
      const auto single = run_alone(all, cfg);
      expect_same_rows(t, all, lo);
      expect_same_cells(r, single, comm);
    }
  }
}

namespace {

// Deterministic generator (64-bit LCG), the same on every rank.
struct Lcg {
  std::uint64_t s;
  double uniform() {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(s >> 11) / 9007199254740992.0;
  }
  double normal() {  // Irwin-Hall approximation: enough for clustering
    double a = 0;
    for (int i = 0; i < 12; ++i) a += uniform();
    return a - 6;
  }
};

// Clustered dwellings over a 30 x 24 km area around central London; 1 % unlocated.
std::vector<Row> london_like(std::size_t n) {
  Lcg g{20240601};
  struct Centre {
    double x, y, sigma;
  };
  std::vector<Centre> centres;
  for (int c = 0; c < 40; ++c)
    centres.push_back(
        {515000 + 30000 * g.uniform(), 168000 + 24000 * g.uniform(), 300 + 2500 * g.uniform()});
  std::vector<Row> rows;
  for (std::size_t i = 0; i < n; ++i) {
    Row r{};
    const double pick = g.uniform();
    if (pick < 0.01) {
      r.x = r.y = kNaN;
    } else if (pick < 0.2) {
      r.x = 515000 + 30000 * g.uniform();
      r.y = 168000 + 24000 * g.uniform();
    } else {
      const Centre& c =
          centres[static_cast<std::size_t>(g.uniform() * static_cast<double>(centres.size()))];
      r.x = std::round(c.x +
                       c.sigma * g.normal());  // postcode centroids: whole metres, shared points
      r.y = std::round(c.y + c.sigma * g.normal());
    }
    r.intensity = 80 + 300 * g.uniform();
    r.area = 40 + 160 * g.uniform();
    if (i % 97 == 0) r.intensity = kNaN;  // contributes nothing, still classified
    rows.push_back(r);
  }
  return rows;
}

void write_zones_geojson(const std::string& path) {
  GDALAllRegister();
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GeoJSON");
  std::unique_ptr<GDALDataset> ds(drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  OGRSpatialReference wgs, bng;
  wgs.importFromEPSG(4326);
  wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  bng.importFromEPSG(27700);
  bng.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&bng, &wgs));
  OGRLayer* layer = ds->CreateLayer("zones", &wgs, wkbPolygon, nullptr);
  for (auto [cx, cy, half] :
       {std::tuple{528000.0, 181000.0, 1500.0}, std::tuple{538000.0, 172000.0, 800.0}}) {
    OGRLinearRing ring;
    ring.addPoint(cx - half, cy - half);
    ring.addPoint(cx + half, cy - half);
    ring.addPoint(cx, cy + half);
    ring.addPoint(cx - half, cy - half);
    OGRPolygon poly;
    poly.addRing(&ring);
    poly.segmentize(50);
    poly.transform(ct.get());
    OGRFeature f(layer->GetLayerDefn());
    f.SetGeometry(&poly);
    if (layer->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write " + path);
  }
}

void write_network_gpkg(const std::string& path) {
  GDALAllRegister();
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GPKG");
  std::unique_ptr<GDALDataset> ds(drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  OGRSpatialReference bng;
  bng.importFromEPSG(27700);
  OGRLayer* layer = ds->CreateLayer("networks", &bng, wkbLineString, nullptr);
  OGRLineString line;
  line.addPoint(520000, 175000);
  line.addPoint(526000, 178000);
  line.addPoint(531000, 178500);
  OGRFeature f(layer->GetLayerDefn());
  f.SetGeometry(&line);
  if (layer->CreateFeature(&f) != OGRERR_NONE) throw std::runtime_error("cannot write " + path);
}

std::string london_hnpd() {
  std::string csv =
      "Ref ID,Site Name,Region,Development Status,Development Status "
      "(short),X-coordinate,Y-coordinate\n";
  Lcg g{77};
  for (int i = 0; i < 30; ++i) {
    const char* status = i % 3 == 0   ? "Operational"
                         : i % 3 == 1 ? "Planning Permission Granted"
                                      : "Under Construction";
    csv += std::to_string(i) + ",Scheme " + std::to_string(i) + ",London," + status + ",," +
           std::to_string(515000 + 30000 * g.uniform()) + "," +
           std::to_string(168000 + 24000 * g.uniform()) + "\n";
  }
  return csv;
}

}  // namespace

TEST(SpatialStage, LondonLikeIsIdenticalForAnyRankCount) {
  Comm comm;
  SharedDir dir(comm);
  if (comm.root()) {
    write_text(dir.path / "hnpd.csv", london_hnpd());
    write_zones_geojson((dir.path / "zones.geojson").string());
    write_network_gpkg((dir.path / "networks.gpkg").string());
  }
  comm.barrier();
  const std::vector<Row> rows = london_like(40000);
  const auto [lo, hi] = share(rows.size(), comm);
  for (bool python : {false, true}) {
    for (bool circular : {true, false}) {
      Config cfg = base_config(python);
      cfg.inputs.hnpd = (dir.path / "hnpd.csv").string();
      cfg.inputs.zones = {(dir.path / "zones.geojson").string()};
      cfg.inputs.networks = {(dir.path / "networks.gpkg").string()};
      cfg.spatial.use_circular_mask = circular;
      Table t = make_table(rows, lo, hi);
      const auto r = spatial::run(t, spatial_settings(cfg), comm);
      Table all = make_table(rows, 0, rows.size());
      const auto single = run_alone(all, cfg);
      expect_same_rows(t, all, lo);
      expect_same_cells(r, single, comm);
      EXPECT_LT(r.imbalance, 1.10) << "ranks " << comm.size();
      // The data exercise every tier and both layers.
      for (std::size_t k = 0; k < 5; ++k) EXPECT_GT(single.tier_counts[k], 0) << "tier " << k + 1;
      std::int64_t zone_only = 0;
      const auto& tier = all.get<std::uint8_t>(dwelling::kHeatNetworkTier);
      const auto& zone = all.get<std::uint8_t>(dwelling::kInHeatZone);
      for (std::size_t i = 0; i < tier.size(); ++i) zone_only += zone[i] && tier[i] == 2;
      EXPECT_GT(zone_only, 0);
    }
  }
}

TEST(SpatialStage, MissingHnpdFileIsAnInputErrorUnlessEmulatingThePredecessor) {
  Comm comm;
  const auto rows = example_rows();
  const auto [lo, hi] = share(rows.size(), comm);
  Config cfg = base_config(false);
  cfg.inputs.hnpd = "/nonexistent/hnpd.csv";
  Table t = make_table(rows, lo, hi);
  try {
    spatial::run(t, spatial_settings(cfg), comm);
    FAIL() << "every rank must throw";
  } catch (const AgreedError& e) {
    EXPECT_EQ(e.exit_code(), 3);
    EXPECT_NE(std::string(e.what()).find("/nonexistent/hnpd.csv"), std::string::npos);
  }
  cfg.model.methodology = Methodology::kPython;
  Table u = make_table(rows, lo, hi);
  const auto r = spatial::run(u, spatial_settings(cfg), comm);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.tier_counts[0] + r.tier_counts[1], 0) << "no Tier 1 or 2 without the file";
}
