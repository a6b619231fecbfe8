#include "heatstreet/spatial/grid.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace heatstreet::grid {

namespace {
constexpr std::int64_t kBias = std::int64_t{1} << 31;
}

std::optional<Cell> cell_of(double x, double y, double cell_size_m) {
  if (!std::isfinite(x) || !std::isfinite(y)) return std::nullopt;
  const double fx = std::floor(x / cell_size_m);
  const double fy = std::floor(y / cell_size_m);
  // Compare as doubles before converting: the conversion of an out-of-range double is
  // undefined behaviour.
  if (!(fx >= static_cast<double>(kMinIndex) && fx <= static_cast<double>(kMaxIndex) &&
        fy >= static_cast<double>(kMinIndex) && fy <= static_cast<double>(kMaxIndex)))
    return std::nullopt;
  return Cell{static_cast<std::int64_t>(fx), static_cast<std::int64_t>(fy)};
}

std::int64_t pack(const Cell& c) {
  const auto ux = static_cast<std::uint64_t>(c.ix + kBias);
  const auto uy = static_cast<std::uint64_t>(c.iy + kBias) & 0xffffffffULL;
  return static_cast<std::int64_t>((ux << 32) | uy);
}

Cell unpack(std::int64_t key) {
  const auto u = static_cast<std::uint64_t>(key);
  return Cell{static_cast<std::int64_t>(u >> 32) - kBias,
              static_cast<std::int64_t>(u & 0xffffffffULL) - kBias};
}

std::uint64_t hilbert_index(const Cell& c) {
  // Classic iterative xy -> d conversion (rotate the quadrant at every level).
  auto x = static_cast<std::uint64_t>(c.ix + kBias);
  auto y = static_cast<std::uint64_t>(c.iy + kBias);
  std::uint64_t d = 0;
  for (std::uint64_t s = std::uint64_t{1} << 31; s > 0; s >>= 1) {
    const std::uint64_t rx = (x & s) ? 1 : 0;
    const std::uint64_t ry = (y & s) ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry == 0) {
      if (rx == 1) {
        x = s - 1 - (x & (s - 1));
        y = s - 1 - (y & (s - 1));
      }
      const std::uint64_t t = x;
      x = y;
      y = t;
    }
    x &= s - 1;
    y &= s - 1;
  }
  return d;
}

std::vector<Offset> mask_offsets(double cell_size_m, double radius_m, bool circular) {
  const int m = static_cast<int>(std::ceil(radius_m / cell_size_m));
  std::vector<Offset> out;
  for (int dx = -m; dx <= m; ++dx) {
    for (int dy = -m; dy <= m; ++dy) {
      if (circular) {
        const double ex = dx * cell_size_m, ey = dy * cell_size_m;
        if (!(std::sqrt(ex * ex + ey * ey) <= radius_m)) continue;
      }
      out.push_back({dx, dy});
    }
  }
  return out;
}

int halo_depth(const std::vector<Offset>& offsets) {
  int h = 0;
  for (const Offset& o : offsets) {
    h = std::max(h, std::abs(o.dx));
    h = std::max(h, std::abs(o.dy));
  }
  return h;
}

double circle_area_km2(double radius_m) { return (M_PI * (radius_m * radius_m)) / 1e6; }

double density_gwh_km2(double neighbourhood_kwh, double area_km2) {
  return (neighbourhood_kwh / 1e6) / area_km2;
}

}  // namespace heatstreet::grid
