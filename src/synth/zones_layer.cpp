// zones.gpkg: one GeoPackage layer of heat-network zones (EPSG:27700), each a rough
// twelve-sided polygon around an authority's densest neighbourhood.
#include "heatstreet/synth/zones_layer.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <utility>
#include <vector>

#include "heatstreet/core/error.hpp"

namespace heatstreet::synth::detail {
namespace {

namespace fs = std::filesystem;

struct Zone {
  std::string id, name, code, region;
  std::vector<std::pair<double, double>> ring;
};

Zone zone_around(const Plan& plan, std::size_t k, const std::string& region, std::size_t number) {
  Rng r(plan.seed(), 0x5A4F4E45, k);
  double ce, cn;
  plan.cluster_centre(k, 0, &ce, &cn);
  Zone zone;
  char id[16];
  std::snprintf(id, sizeof id, "HNZ-%03zu", number);
  zone.id = id;
  zone.name = std::string(plan.places()[k].name) + " heat network zone";
  zone.code = plan.places()[k].code;
  zone.region = region;
  const double radius = 500.0 + 700.0 * r.uniform();
  for (int v = 0; v < 12; ++v) {
    double a = 6.283185307179586 * v / 12.0;
    double rr = radius * (0.75 + 0.5 * r.uniform());
    zone.ring.push_back({std::round(ce + std::cos(a) * rr), std::round(cn + std::sin(a) * rr)});
  }
  zone.ring.push_back(zone.ring.front());
  return zone;
}

std::vector<Zone> plan_zones(const Plan& plan) {
  // Candidate authorities: the densest (certificates per unit area) of each region.
  std::map<std::string, std::vector<std::pair<double, std::size_t>>> by_region;
  for (std::size_t k = 0; k < plan.la_count(); ++k) {
    const auto& p = plan.places()[k];
    by_region[p.region].push_back({-p.weight / (p.r_km * p.r_km), k});
  }
  std::vector<Zone> zones;
  for (auto& [region, list] : by_region) {
    std::sort(list.begin(), list.end());
    const std::size_t per_region = region == "London" ? 8 : 3;
    for (std::size_t z = 0; z < std::min(per_region, list.size()); ++z) {
      zones.push_back(zone_around(plan, list[z].second, region, zones.size() + 1));
    }
  }
  return zones;
}

// Adds the zones to the layer; returns what failed, or "" when every zone went in.
std::string add_features(OGRLayer* layer, const std::vector<Zone>& zones) {
  for (const Zone& z : zones) {
    OGRFeature* f = OGRFeature::CreateFeature(layer->GetLayerDefn());
    f->SetField("zone_id", z.id.c_str());
    f->SetField("name", z.name.c_str());
    f->SetField("local_authority", z.code.c_str());
    f->SetField("region", z.region.c_str());
    OGRLinearRing ring;
    for (const auto& [x, y] : z.ring) ring.addPoint(x, y);
    OGRPolygon poly;
    poly.addRing(&ring);
    f->SetGeometry(&poly);
    OGRErr err = layer->CreateFeature(f);
    OGRFeature::DestroyFeature(f);
    if (err != OGRERR_NONE) return "feature " + z.id;
  }
  return "";
}

void write_layer(const std::string& path, const std::vector<Zone>& zones) {
  GDALAllRegister();
  // A fixed timestamp keeps the GeoPackage byte-identical from run to run.
  CPLSetConfigOption("OGR_CURRENT_DATE", "2025-01-01T00:00:00.000Z");
  std::error_code ec;
  fs::remove(path, ec);
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (!driver) throw OutputError("synth: GDAL has no GPKG driver, cannot write " + path);
  GDALDataset* ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  if (!ds) throw OutputError("synth: cannot create " + path + ": " + CPLGetLastErrorMsg());
  auto fail = [&](const std::string& what) {
    GDALClose(ds);
    throw OutputError("synth: cannot write " + path + ": " + what);
  };
  OGRSpatialReference srs;
  srs.importFromEPSG(27700);
  OGRLayer* layer = ds->CreateLayer("heat_network_zones", &srs, wkbPolygon, nullptr);
  if (!layer) fail("layer heat_network_zones");
  for (const char* name : {"zone_id", "name", "local_authority", "region"}) {
    OGRFieldDefn field(name, OFTString);
    if (layer->CreateField(&field) != OGRERR_NONE) fail(std::string("field ") + name);
  }
  if (layer->StartTransaction() != OGRERR_NONE) fail("transaction");
  const std::string failed = add_features(layer, zones);
  if (!failed.empty()) fail(failed);
  if (layer->CommitTransaction() != OGRERR_NONE) fail("commit");
  GDALClose(ds);
  CPLSetConfigOption("OGR_CURRENT_DATE", nullptr);
}

}  // namespace

nlohmann::ordered_json write_zones(const Plan& plan, const std::string& out, std::uint64_t* count,
                                   std::uint64_t* bytes_out) {
  const std::vector<Zone> zones = plan_zones(plan);
  const std::string path = (fs::path(out) / "zones.gpkg").string();
  write_layer(path, zones);
  *count = zones.size();
  std::error_code ec;
  *bytes_out = fs::file_size(path, ec);

  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  for (const Zone& z : zones)
    j.push_back({{"zone_id", z.id}, {"local_authority", z.code}, {"region", z.region}});
  return j;
}

}  // namespace heatstreet::synth::detail
