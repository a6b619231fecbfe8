#include "heatstreet/spatial/heat_density.hpp"

#include <cmath>

namespace heatstreet::density {

Fixed to_fixed(double kwh) {
  if (!std::isfinite(kwh) || std::fabs(kwh) > 1e30) return 0;
  return static_cast<Fixed>(std::round(kwh * kUnitsPerKwh));
}

double fixed_to_kwh(Fixed units) { return static_cast<double>(units) / kUnitsPerKwh; }

void kahan_add(double& sum, double& comp, double v) {
  if (std::isnan(v)) return;
  const double y = v - comp;
  const double t = sum + y;
  comp = (t - sum) - y;
  if (std::isnan(comp)) comp = 0.0;
  sum = t;
}

void CellEnergy::add(double kwh) {
  ++dwellings;
  fixed += to_fixed(kwh);
  kahan_add(kahan, kahan_comp, kwh);
}

double neighbourhood_kwh(const grid::Cell& centre, const std::vector<grid::Offset>& offsets,
                         const std::function<const CellEnergy*(const grid::Cell&)>& lookup,
                         bool exact) {
  Fixed fixed_sum = 0;
  double plain = 0.0;
  for (const grid::Offset& o : offsets) {
    const CellEnergy* e = lookup(grid::Cell{centre.ix + o.dx, centre.iy + o.dy});
    if (!e) continue;  // adding 0.0 would change nothing
    fixed_sum += e->fixed;
    plain += e->kahan;
  }
  return exact ? fixed_to_kwh(fixed_sum) : plain;
}

std::uint8_t density_tier(double density, double t3, double t4) {
  if (density >= t3) return 3;
  if (density >= t4) return 4;
  return 5;
}

}  // namespace heatstreet::density
