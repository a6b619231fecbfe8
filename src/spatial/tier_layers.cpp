#include "heatstreet/spatial/tier_layers.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "heatstreet/core/error.hpp"
#include "heatstreet/spatial/hnpd.hpp"
#include "heatstreet/spatial/vector_layers.hpp"

namespace heatstreet::spatial {

namespace {

constexpr const char* kRegionKey = "spatial.hnpd.region_filter";
// Network and zone layers are read over a rank's region grown by the search reach plus
// this slack, so that no feature that can matter is left out by the OGR pre-filter.
constexpr double kReadSlackM = 1000;

// Rank 0 reads the file and every rank receives its bytes. False on every rank when the
// file cannot be opened and the policy carries on without it.
bool broadcast_hnpd_bytes(const SpatialSettings& s, const Comm& comm, std::string& bytes) {
  const std::string& path = s.hnpd;
  int readable = 1;
  run_agreed(comm, [&] {
    if (!comm.root()) return;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      // The predecessor carries on without Tier 1 and 2 when the file is absent.
      if (s.policy.unusable_hnpd_is_error)
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
  if (!readable) return false;
  bytes = comm.bcast(bytes);
  return true;
}

std::vector<proximity::Point> points_of(const std::vector<hnpd::Point>& v) {
  std::vector<proximity::Point> r;
  for (const auto& q : v) r.push_back({q.x, q.y});
  return r;
}

// Both layers from the file's bytes, the same on every rank. False when the file fails
// validation and the policy carries on without it.
bool parse_hnpd_schemes(const std::string& bytes, const SpatialSettings& s, const Comm& comm,
                        SchemePoints& out, std::vector<std::string>& warnings) {
  bool usable = true;
  run_agreed(comm, [&] {
    const std::string& region = s.spatial.hnpd_region_filter;
    const hnpd::File file = hnpd::parse(bytes, s.hnpd, region);
    out.unreadable_pairs = file.unreadable_pairs;
    if (file.unreadable_pairs > 0)
      warnings.push_back(s.hnpd + " (inputs.hnpd): " + std::to_string(file.unreadable_pairs) +
                         " row(s) with coordinates that cannot be read or lie off the British "
                         "National Grid (0-700000, 0-1300000 m) left out of Tiers 1 and 2; "
                         "first at " +
                         file.first_unreadable);
    if (!file.problem.empty()) {
      if (s.policy.unusable_hnpd_is_error)
        throw InputError(s.hnpd + " (inputs.hnpd): " + file.problem);
      usable = false;
      return;
    }
    out.existing = points_of(hnpd::layer(
        file, region,
        hnpd::effective_statuses(s.spatial.tier1_statuses, hnpd::builtin_tier1_statuses()),
        "existing schemes", kRegionKey));
    out.planned = points_of(hnpd::layer(
        file, region,
        hnpd::effective_statuses(s.spatial.tier2_statuses, hnpd::builtin_tier2_statuses()),
        "planned schemes", kRegionKey));
  });
  return usable;
}

// The smallest rectangle holding every (x[i], y[i]); x is not empty.
layers::Window bounding_box(const std::vector<double>& x, const std::vector<double>& y) {
  layers::Window w{x[0], y[0], x[0], y[0]};
  for (std::size_t i = 0; i < x.size(); ++i) {
    w.minx = std::min(w.minx, x[i]), w.maxx = std::max(w.maxx, x[i]);
    w.miny = std::min(w.miny, y[i]), w.maxy = std::max(w.maxy, y[i]);
  }
  return w;
}

}  // namespace

SchemePoints load_hnpd_schemes(const SpatialSettings& settings, const Comm& comm,
                               std::vector<std::string>& warnings) {
  SchemePoints out;
  const std::string& path = settings.hnpd;
  if (path.empty()) return out;
  std::string bytes;
  if (!broadcast_hnpd_bytes(settings, comm, bytes)) {
    warnings.push_back(path + " (inputs.hnpd): file not found; Tiers 1 and 2 skipped");
    return out;
  }
  if (!parse_hnpd_schemes(bytes, settings, comm, out, warnings))
    warnings.push_back(path + " (inputs.hnpd): not a usable pipeline file; Tiers 1 and 2 skipped");
  return out;
}

tiers::Layers tier_layers(SchemePoints schemes, const std::vector<double>& x,
                          const std::vector<double>& y, const SpatialSettings& settings,
                          double reach, const Comm& comm) {
  tiers::Layers out;
  out.existing_schemes = proximity::PointIndex(std::move(schemes.existing));
  out.planned_schemes = proximity::PointIndex(std::move(schemes.planned));
  run_agreed(comm, [&] {
    if (x.empty() || (settings.zones.empty() && settings.networks.empty())) return;
    const layers::Window read_window = bounding_box(x, y).grown(reach + kReadSlackM);
    if (!settings.zones.empty()) {
      layers::ZoneLayers z = layers::read_zones(settings.zones, read_window);
      out.zones = proximity::PolygonIndex(std::move(z.polygons));
    }
    if (!settings.networks.empty()) {
      layers::NetworkLayers net = layers::read_networks(settings.networks, read_window);
      out.network_points = proximity::PointIndex(std::move(net.points));
      out.network_lines = proximity::SegmentIndex(std::move(net.segments), reach);
    }
  });
  return out;
}

}  // namespace heatstreet::spatial
