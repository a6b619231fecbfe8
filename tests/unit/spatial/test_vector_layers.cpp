// Zone and network layers read with OGR from a GeoPackage (EPSG:27700) and from a GeoJSON
// in EPSG:4326, both written here with GDAL.
#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "heatstreet/core/error.hpp"
#include "heatstreet/spatial/vector_layers.hpp"

using namespace heatstreet;
namespace fs = std::filesystem;

namespace {

// Two square zones (BNG): one around (530500, 180500), one far away around (560500, 190500).
OGRPolygon square(double cx, double cy, double half) {
  OGRLinearRing ring;
  ring.addPoint(cx - half, cy - half);
  ring.addPoint(cx + half, cy - half);
  ring.addPoint(cx + half, cy + half);
  ring.addPoint(cx - half, cy + half);
  ring.addPoint(cx - half, cy - half);
  OGRPolygon p;
  p.addRing(&ring);
  return p;
}

void write_layer(const std::string& driver, const std::string& path, int epsg,
                 const std::vector<OGRGeometry*>& geoms) {
  GDALAllRegister();
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driver.c_str());
  ASSERT_NE(drv, nullptr);
  std::unique_ptr<GDALDataset> ds(drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  ASSERT_NE(ds, nullptr);
  OGRSpatialReference srs;
  srs.importFromEPSG(epsg);
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRSpatialReference bng;
  bng.importFromEPSG(27700);
  bng.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> ct(
      epsg == 27700 ? nullptr : OGRCreateCoordinateTransformation(&bng, &srs));
  OGRLayer* layer = ds->CreateLayer("zones", &srs, wkbUnknown, nullptr);
  ASSERT_NE(layer, nullptr);
  for (OGRGeometry* g : geoms) {
    std::unique_ptr<OGRGeometry> copy(g->clone());
    if (ct) {
      copy->segmentize(10);
      ASSERT_EQ(copy->transform(ct.get()), OGRERR_NONE);
    }
    OGRFeature f(layer->GetLayerDefn());
    f.SetGeometry(copy.get());
    ASSERT_EQ(layer->CreateFeature(&f), OGRERR_NONE);
  }
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("hs_layers_" + std::to_string(::getpid()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

bool inside(const layers::ZoneLayers& z, double x, double y) {
  for (const auto& p : z.polygons)
    if (proximity::strictly_inside(p, {x, y})) return true;
  return false;
}

}  // namespace

TEST(VectorLayers, ZonesFromGeoPackageAndWgs84GeoJson) {
  TempDir dir;
  OGRPolygon near = square(530500, 180500, 200), far = square(560500, 190500, 200);
  OGRPoint stray(530000, 180000);
  const std::string gpkg = (dir.path / "zones.gpkg").string();
  const std::string geojson = (dir.path / "zones.geojson").string();
  write_layer("GPKG", gpkg, 27700, {&near, &far, &stray});
  write_layer("GeoJSON", geojson, 4326, {&near, &far});

  for (const std::string& src : {gpkg, geojson}) {
    const auto all = layers::read_zones({src}, std::nullopt);
    EXPECT_EQ(all.polygons.size(), 2u) << src;
    EXPECT_TRUE(inside(all, 530500, 180500)) << src;
    EXPECT_TRUE(inside(all, 530690, 180310))
        << src << ": reprojection keeps the square within a metre";
    EXPECT_FALSE(inside(all, 530710, 180500)) << src;
    EXPECT_TRUE(inside(all, 560500, 190500)) << src;

    // A window around the first zone only: the far zone is not read.
    const auto windowed = layers::read_zones({src}, layers::Window{530000, 180000, 531000, 181000});
    EXPECT_EQ(windowed.polygons.size(), 1u) << src;
    EXPECT_TRUE(inside(windowed, 530500, 180500)) << src;
    EXPECT_FALSE(inside(windowed, 560500, 190500)) << src;
  }
  EXPECT_EQ(layers::read_zones({gpkg}, std::nullopt).ignored_features, 1u)
      << "the point is not a zone";
}

TEST(VectorLayers, NetworkLinesAndPoints) {
  TempDir dir;
  OGRLineString line;
  line.addPoint(530000, 180000);
  line.addPoint(531000, 180000);
  line.addPoint(531000, 181000);
  OGRPoint point(529000, 179000);
  const std::string path = (dir.path / "networks.geojson").string();
  write_layer("GeoJSON", path, 4326, {&line, &point});
  const auto net = layers::read_networks({path}, std::nullopt);
  EXPECT_GE(net.segments.size(), 2u);
  ASSERT_EQ(net.points.size(), 1u);
  EXPECT_NEAR(net.points[0].x, 529000, 0.01);
  EXPECT_NEAR(net.points[0].y, 179000, 0.01);
  proximity::SegmentIndex index(net.segments, 500);
  EXPECT_NEAR(index.nearest_within({530500, 180100}, 500), 100, 0.05);
}

TEST(VectorLayers, UnreadableSourceNamesTheFile) {
  try {
    layers::read_zones({"/nonexistent/zones.gpkg"}, std::nullopt);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/zones.gpkg"), std::string::npos);
  }
}
