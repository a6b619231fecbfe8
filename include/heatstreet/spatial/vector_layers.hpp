#pragma once
// Heat-network zone polygons and existing-network geometry from any OGR vector source
// (GeoPackage, Shapefile, GeoJSON, ...), in EPSG:27700. Every layer of each source is
// read; features are reprojected when the layer has another CRS (a layer without a CRS is
// taken to be EPSG:27700). Only features meeting the given BNG window are read (an OGR
// spatial filter), so each rank reads what concerns its own region.
#include <optional>
#include <string>
#include <vector>

#include "heatstreet/spatial/proximity.hpp"

namespace heatstreet::layers {

// A rectangle in BNG metres.
struct Window {
  double minx = 0, miny = 0, maxx = 0, maxy = 0;
  Window grown(double m) const { return {minx - m, miny - m, maxx + m, maxy + m}; }
};

struct ZoneLayers {
  std::vector<proximity::Polygon> polygons;
  std::size_t ignored_features = 0;  // not polygonal
};

struct NetworkLayers {
  std::vector<proximity::Segment> segments;  // from (multi)line strings
  std::vector<proximity::Point> points;      // from (multi)points
  std::size_t ignored_features = 0;          // polygons and other geometry
};

// Throws InputError naming the source (and layer) when it cannot be opened or
// reprojected. An empty `window` reads every feature.
ZoneLayers read_zones(const std::vector<std::string>& sources, const std::optional<Window>& window);
NetworkLayers read_networks(const std::vector<std::string>& sources,
                            const std::optional<Window>& window);

}  // namespace heatstreet::layers
