#pragma once
// Exact distance and containment queries on BNG geometry (metres), through small spatial
// indexes of our own: a k-d tree for scheme points, bucket grids for network segments and
// zone polygons. Every answer is exact (a minimum or a predicate), so it does not depend
// on the order in which features were read or indexed.
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <vector>

namespace heatstreet::proximity {

struct Point {
  double x = 0;
  double y = 0;
};

inline double distance(const Point& a, const Point& b) {
  const double dx = a.x - b.x, dy = a.y - b.y;
  return __builtin_sqrt(dx * dx + dy * dy);
}

// Distance from p to the segment [a, b].
double segment_distance(const Point& p, const Point& a, const Point& b);

// Static 2-d tree over points.
class PointIndex {
 public:
  PointIndex() = default;
  explicit PointIndex(std::vector<Point> points);
  bool empty() const { return points_.empty(); }
  std::size_t size() const { return points_.size(); }
  // Distance to the nearest point; +infinity when the index is empty.
  double nearest(const Point& p) const;
  // Calls fn for every point within `radius` of p (inclusive).
  void within(const Point& p, double radius, const std::function<void(const Point&)>& fn) const;

 private:
  void build(std::size_t lo, std::size_t hi, int axis);
  void nearest(const Point& p, std::size_t lo, std::size_t hi, int axis, double& best2) const;
  void within(const Point& p, double r2, std::size_t lo, std::size_t hi, int axis,
              const std::function<void(const Point&)>& fn) const;
  std::vector<Point> points_;
};

struct Segment {
  Point a;
  Point b;
};

// Segments bucketed on a square grid; answers "nearest segment within radius".
class SegmentIndex {
 public:
  SegmentIndex() = default;
  SegmentIndex(std::vector<Segment> segments, double bucket_m);
  bool empty() const { return segments_.empty(); }
  std::size_t size() const { return segments_.size(); }
  // Distance to the nearest segment if one lies within `radius` (inclusive), otherwise
  // +infinity. `radius` must not exceed the bucket size given at construction.
  double nearest_within(const Point& p, double radius) const;

 private:
  double bucket_ = 1;
  std::vector<Segment> segments_;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> buckets_;
};

// A polygon: its first ring is the outer boundary, the others are holes.
struct Polygon {
  std::vector<std::vector<Point>> rings;
};

// Point strictly inside (boundary excluded), even-odd rule over all rings.
bool strictly_inside(const Polygon& poly, const Point& p);

class PolygonIndex {
 public:
  PolygonIndex() = default;
  explicit PolygonIndex(std::vector<Polygon> polygons, double bucket_m = 1000);
  bool empty() const { return polygons_.empty(); }
  std::size_t size() const { return polygons_.size(); }
  bool strictly_inside_any(const Point& p) const;

 private:
  struct Box {
    double minx, miny, maxx, maxy;
  };
  double bucket_ = 1000;
  std::vector<Polygon> polygons_;
  std::vector<Box> boxes_;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> buckets_;
};

// The predecessor's Tier-1 geometry: p strictly inside the regular 64-gon inscribed in the
// circle of `radius` around `centre`, one vertex due east (16 segments per quarter circle).
bool strictly_inside_64gon(const Point& centre, double radius, const Point& p);

}  // namespace heatstreet::proximity
