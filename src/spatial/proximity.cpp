#include "heatstreet/spatial/proximity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace heatstreet::proximity {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

std::uint64_t bucket_key(std::int64_t bx, std::int64_t by) {
  return (static_cast<std::uint64_t>(bx + (std::int64_t{1} << 31)) << 32) |
         (static_cast<std::uint64_t>(by + (std::int64_t{1} << 31)) & 0xffffffffULL);
}

std::int64_t bucket_of(double v, double size) {
  const double b = std::floor(v / size);
  return static_cast<std::int64_t>(std::clamp(b, -2e9, 2e9));
}
}  // namespace

double segment_distance(const Point& p, const Point& a, const Point& b) {
  const double vx = b.x - a.x, vy = b.y - a.y;
  const double len2 = vx * vx + vy * vy;
  if (len2 == 0.0) return distance(p, a);
  double t = ((p.x - a.x) * vx + (p.y - a.y) * vy) / len2;
  t = std::clamp(t, 0.0, 1.0);
  return distance(p, Point{a.x + t * vx, a.y + t * vy});
}

// ---- k-d tree: points_ arranged so that the median of [lo, hi) splits it ------------

PointIndex::PointIndex(std::vector<Point> points) : points_(std::move(points)) {
  // Sort first so that the arrangement does not depend on the input order.
  std::sort(points_.begin(), points_.end(),
            [](const Point& a, const Point& b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  build(0, points_.size(), 0);
}

void PointIndex::build(std::size_t lo, std::size_t hi, int axis) {
  if (hi - lo <= 1) return;
  const std::size_t mid = lo + (hi - lo) / 2;
  auto less = [axis](const Point& a, const Point& b) {
    return axis == 0 ? (a.x < b.x || (a.x == b.x && a.y < b.y))
                     : (a.y < b.y || (a.y == b.y && a.x < b.x));
  };
  std::nth_element(points_.begin() + static_cast<std::ptrdiff_t>(lo),
                   points_.begin() + static_cast<std::ptrdiff_t>(mid),
                   points_.begin() + static_cast<std::ptrdiff_t>(hi), less);
  build(lo, mid, 1 - axis);
  build(mid + 1, hi, 1 - axis);
}

double PointIndex::nearest(const Point& p) const {
  if (points_.empty()) return kInf;
  double best2 = kInf;
  nearest(p, 0, points_.size(), 0, best2);
  return std::sqrt(best2);
}

void PointIndex::nearest(const Point& p, std::size_t lo, std::size_t hi, int axis,
                         double& best2) const {
  if (lo >= hi) return;
  const std::size_t mid = lo + (hi - lo) / 2;
  const Point& q = points_[mid];
  const double dx = p.x - q.x, dy = p.y - q.y;
  best2 = std::min(best2, dx * dx + dy * dy);
  const double split = axis == 0 ? dx : dy;
  const bool left_first = split < 0;
  if (left_first)
    nearest(p, lo, mid, 1 - axis, best2);
  else
    nearest(p, mid + 1, hi, 1 - axis, best2);
  if (split * split <= best2) {
    if (left_first)
      nearest(p, mid + 1, hi, 1 - axis, best2);
    else
      nearest(p, lo, mid, 1 - axis, best2);
  }
}

void PointIndex::within(const Point& p, double radius,
                        const std::function<void(const Point&)>& fn) const {
  within(p, radius * radius, 0, points_.size(), 0, fn);
}

void PointIndex::within(const Point& p, double r2, std::size_t lo, std::size_t hi, int axis,
                        const std::function<void(const Point&)>& fn) const {
  if (lo >= hi) return;
  const std::size_t mid = lo + (hi - lo) / 2;
  const Point& q = points_[mid];
  const double dx = p.x - q.x, dy = p.y - q.y;
  if (dx * dx + dy * dy <= r2) fn(q);
  const double split = axis == 0 ? dx : dy;
  if (split < 0 || split * split <= r2) within(p, r2, lo, mid, 1 - axis, fn);
  if (split >= 0 || split * split <= r2) within(p, r2, mid + 1, hi, 1 - axis, fn);
}

// ---- segments -------------------------------------------------------------------------

SegmentIndex::SegmentIndex(std::vector<Segment> segments, double bucket_m)
    : bucket_(bucket_m), segments_(std::move(segments)) {
  for (std::uint32_t i = 0; i < segments_.size(); ++i) {
    const Segment& s = segments_[i];
    const std::int64_t bx0 = bucket_of(std::min(s.a.x, s.b.x), bucket_),
                       bx1 = bucket_of(std::max(s.a.x, s.b.x), bucket_);
    const std::int64_t by0 = bucket_of(std::min(s.a.y, s.b.y), bucket_),
                       by1 = bucket_of(std::max(s.a.y, s.b.y), bucket_);
    for (std::int64_t bx = bx0; bx <= bx1; ++bx)
      for (std::int64_t by = by0; by <= by1; ++by) buckets_[bucket_key(bx, by)].push_back(i);
  }
}

double SegmentIndex::nearest_within(const Point& p, double radius) const {
  double best = kInf;
  const std::int64_t bx0 = bucket_of(p.x - radius, bucket_), bx1 = bucket_of(p.x + radius, bucket_);
  const std::int64_t by0 = bucket_of(p.y - radius, bucket_), by1 = bucket_of(p.y + radius, bucket_);
  for (std::int64_t bx = bx0; bx <= bx1; ++bx) {
    for (std::int64_t by = by0; by <= by1; ++by) {
      auto it = buckets_.find(bucket_key(bx, by));
      if (it == buckets_.end()) continue;
      for (std::uint32_t i : it->second)
        best = std::min(best, segment_distance(p, segments_[i].a, segments_[i].b));
    }
  }
  return best <= radius ? best : kInf;
}

// ---- polygons -------------------------------------------------------------------------

bool strictly_inside(const Polygon& poly, const Point& p) {
  bool inside = false;
  for (const auto& ring : poly.rings) {
    const std::size_t n = ring.size();
    for (std::size_t i = 0, j = n ? n - 1 : 0; i < n; j = i++) {
      const Point& a = ring[j];
      const Point& b = ring[i];
      // On the boundary: collinear and within the edge's box.
      const double cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
      if (cross == 0.0 && p.x >= std::min(a.x, b.x) && p.x <= std::max(a.x, b.x) &&
          p.y >= std::min(a.y, b.y) && p.y <= std::max(a.y, b.y))
        return false;
      if ((a.y > p.y) != (b.y > p.y)) {
        const double xc = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y);
        if (p.x < xc) inside = !inside;
      }
    }
  }
  return inside;
}

PolygonIndex::PolygonIndex(std::vector<Polygon> polygons, double bucket_m)
    : bucket_(bucket_m), polygons_(std::move(polygons)) {
  for (std::uint32_t i = 0; i < polygons_.size(); ++i) {
    Box b{kInf, kInf, -kInf, -kInf};
    for (const auto& ring : polygons_[i].rings)
      for (const Point& q : ring) {
        b.minx = std::min(b.minx, q.x), b.maxx = std::max(b.maxx, q.x);
        b.miny = std::min(b.miny, q.y), b.maxy = std::max(b.maxy, q.y);
      }
    boxes_.push_back(b);
    if (!(b.minx <= b.maxx)) continue;  // empty polygon
    for (std::int64_t bx = bucket_of(b.minx, bucket_); bx <= bucket_of(b.maxx, bucket_); ++bx)
      for (std::int64_t by = bucket_of(b.miny, bucket_); by <= bucket_of(b.maxy, bucket_); ++by)
        buckets_[bucket_key(bx, by)].push_back(i);
  }
}

bool PolygonIndex::strictly_inside_any(const Point& p) const {
  auto it = buckets_.find(bucket_key(bucket_of(p.x, bucket_), bucket_of(p.y, bucket_)));
  if (it == buckets_.end()) return false;
  for (std::uint32_t i : it->second) {
    const Box& b = boxes_[i];
    if (p.x <= b.minx || p.x >= b.maxx || p.y <= b.miny || p.y >= b.maxy) continue;
    if (strictly_inside(polygons_[i], p)) return true;
  }
  return false;
}

bool strictly_inside_64gon(const Point& centre, double radius, const Point& p) {
  constexpr int kSides = 64;
  Point prev{centre.x + radius, centre.y};
  for (int k = 1; k <= kSides; ++k) {
    const double angle = k * (2.0 * M_PI / kSides);
    const Point next = k == kSides ? Point{centre.x + radius, centre.y}
                                   : Point{centre.x + radius * std::cos(angle),
                                           centre.y + radius * std::sin(angle)};
    // Counter-clockwise polygon: strictly inside means strictly left of every edge.
    const double cross = (next.x - prev.x) * (p.y - prev.y) - (next.y - prev.y) * (p.x - prev.x);
    if (!(cross > 0.0)) return false;
    prev = next;
  }
  return true;
}

}  // namespace heatstreet::proximity
