#include "heatstreet/spatial/vector_layers.hpp"

#include <gdal.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <mutex>

#include "heatstreet/core/error.hpp"

namespace heatstreet::layers {

namespace {

void register_drivers() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};

OGRSpatialReference bng() {
  OGRSpatialReference srs;
  srs.importFromEPSG(27700);
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

// Calls visit for every feature geometry (in EPSG:27700) meeting the window.
template <class F>
void for_each_geometry(const std::string& source, const std::optional<Window>& window, F&& visit) {
  register_drivers();
  std::unique_ptr<GDALDataset, DatasetCloser> ds(GDALDataset::Open(
      source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (!ds)
    throw InputError(source + ": cannot open as a vector data source (" + CPLGetLastErrorMsg() +
                     ")");
  const OGRSpatialReference target = bng();
  for (OGRLayer* layer : ds->GetLayers()) {
    const std::string where = source + " layer '" + layer->GetName() + "'";
    std::unique_ptr<OGRSpatialReference> layer_srs;
    if (const OGRSpatialReference* s = layer->GetSpatialRef()) {
      layer_srs.reset(s->Clone());
      layer_srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    }
    const bool reproject = layer_srs && !layer_srs->IsSame(&target);
    std::unique_ptr<OGRCoordinateTransformation> to_bng, from_bng;
    if (reproject) {
      to_bng.reset(OGRCreateCoordinateTransformation(layer_srs.get(), &target));
      from_bng.reset(OGRCreateCoordinateTransformation(&target, layer_srs.get()));
      if (!to_bng || !from_bng)
        throw InputError(where + ": no transformation from its CRS to EPSG:27700");
    }
    if (window) {
      // The window as a densified polygon, carried into the layer's CRS: its envelope
      // there covers the window even where the projection bends its edges.
      OGRLinearRing ring;
      ring.addPoint(window->minx, window->miny);
      ring.addPoint(window->maxx, window->miny);
      ring.addPoint(window->maxx, window->maxy);
      ring.addPoint(window->minx, window->maxy);
      ring.addPoint(window->minx, window->miny);
      OGRPolygon filter;
      filter.addRing(&ring);
      filter.segmentize(std::max(window->maxx - window->minx, window->maxy - window->miny) / 32 +
                        1);
      if (reproject && filter.transform(from_bng.get()) != OGRERR_NONE)
        throw InputError(where + ": cannot express the region filter in the layer's CRS");
      layer->SetSpatialFilter(&filter);
    } else {
      layer->SetSpatialFilter(nullptr);
    }
    layer->ResetReading();
    for (auto& feature : *layer) {
      OGRGeometry* g = feature->GetGeometryRef();
      if (!g || g->IsEmpty()) continue;
      if (reproject && g->transform(to_bng.get()) != OGRERR_NONE)
        throw InputError(where + " feature " + std::to_string(feature->GetFID()) +
                         ": cannot reproject to EPSG:27700");
      visit(*g);
    }
  }
}

proximity::Polygon to_polygon(const OGRPolygon& p) {
  proximity::Polygon out;
  for (const OGRLinearRing* ring : p) {
    std::vector<proximity::Point> pts;
    for (const OGRPoint& q : *ring) pts.push_back({q.getX(), q.getY()});
    out.rings.push_back(std::move(pts));
  }
  return out;
}

void add_line(const OGRLineString& line, std::vector<proximity::Segment>& out) {
  const int n = line.getNumPoints();
  for (int i = 1; i < n; ++i)
    out.push_back({{line.getX(i - 1), line.getY(i - 1)}, {line.getX(i), line.getY(i)}});
  if (n == 1) out.push_back({{line.getX(0), line.getY(0)}, {line.getX(0), line.getY(0)}});
}

}  // namespace

ZoneLayers read_zones(const std::vector<std::string>& sources,
                      const std::optional<Window>& window) {
  ZoneLayers out;
  for (const std::string& source : sources) {
    for_each_geometry(source, window, [&](const OGRGeometry& g) {
      switch (wkbFlatten(g.getGeometryType())) {
        case wkbPolygon:
          out.polygons.push_back(to_polygon(*g.toPolygon()));
          break;
        case wkbMultiPolygon:
          for (const OGRPolygon* p : *g.toMultiPolygon()) out.polygons.push_back(to_polygon(*p));
          break;
        default:
          ++out.ignored_features;
      }
    });
  }
  return out;
}

NetworkLayers read_networks(const std::vector<std::string>& sources,
                            const std::optional<Window>& window) {
  NetworkLayers out;
  for (const std::string& source : sources) {
    for_each_geometry(source, window, [&](const OGRGeometry& g) {
      switch (wkbFlatten(g.getGeometryType())) {
        case wkbLineString:
          add_line(*g.toLineString(), out.segments);
          break;
        case wkbMultiLineString:
          for (const OGRLineString* l : *g.toMultiLineString()) add_line(*l, out.segments);
          break;
        case wkbPoint:
          out.points.push_back({g.toPoint()->getX(), g.toPoint()->getY()});
          break;
        case wkbMultiPoint:
          for (const OGRPoint* p : *g.toMultiPoint()) out.points.push_back({p->getX(), p->getY()});
          break;
        default:
          ++out.ignored_features;
      }
    });
  }
  return out;
}

}  // namespace heatstreet::layers
