#include "heatstreet/parallel/order_statistics.hpp"

#include <cmath>
#include <limits>

namespace heatstreet {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

double lerp_numpy(double a, double b, double t) {
  const double diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

double quantile_sorted(const std::vector<double>& s, double q) {
  if (s.empty()) return kNaN;
  const double pos = static_cast<double>(s.size() - 1) * q;
  const double lo = std::floor(pos);
  const std::size_t i = static_cast<std::size_t>(lo);
  if (i + 1 >= s.size()) return s.back();
  return lerp_numpy(s[i], s[i + 1], pos - lo);
}

double median_sorted(const std::vector<double>& s) {
  if (s.empty()) return kNaN;
  const std::size_t n = s.size();
  if (n % 2) return s[n / 2];
  return (s[n / 2 - 1] + s[n / 2]) / 2;
}

}  // namespace heatstreet
