#pragma once
// Per-cell energy and the neighbourhood sum behind the heat density (spatial spec
// §5.2-§5.7), as pure functions.
//
// Two summations, chosen by `exact` (SpatialPolicy::exact_energy_sums):
//  - exact (documented): each dwelling's demand is rounded to a whole number of
//    watt-hours (fixed point, 1 unit = 0.001 kWh) and summed in a 128-bit integer, so cell
//    sums and neighbourhood sums are exact whatever the order of the rows or the number of
//    ranks; the neighbourhood sum is converted to kWh once, as (double)units / 1000.
//  - compensated (the predecessor's arithmetic): a Kahan-compensated double sum per cell in
//    global row order, then a plain double sum over the mask offsets in their fixed order.
#include <cstdint>
#include <functional>
#include <vector>

#include "heatstreet/spatial/grid.hpp"

namespace heatstreet::density {

using Fixed = __int128;  // watt-hours

inline constexpr double kUnitsPerKwh = 1000.0;

// Fixed-point units of a demand in kWh: round half away from zero; 0 for NaN or infinite
// demand (which contributes nothing, spec §5.4) and for magnitudes beyond 1e30 kWh.
Fixed to_fixed(double kwh);
double fixed_to_kwh(Fixed units);

// One cell's energy in both representations, and its dwelling count.
struct CellEnergy {
  Fixed fixed = 0;     // exact sum
  double kahan = 0.0;  // compensated sum
  double kahan_comp = 0.0;
  std::int64_t dwellings = 0;

  // Adds one located dwelling's demand (NaN counts the dwelling, adds no energy). Call in
  // global row order for the Kahan sum to match the predecessor bit for bit.
  void add(double kwh);
  // Energy in kWh/yr by the chosen summation.
  double kwh(bool exact) const { return exact ? fixed_to_kwh(fixed) : kahan; }
};

// Kahan step of pandas' group sum (spec §5.4), NaN values skipped.
void kahan_add(double& sum, double& comp, double v);

// Neighbourhood sum S_k in kWh over `offsets` around `centre`; `lookup` returns the
// energy of a cell or nullptr when it is not populated (counts as 0).
double neighbourhood_kwh(const grid::Cell& centre, const std::vector<grid::Offset>& offsets,
                         const std::function<const CellEnergy*(const grid::Cell&)>& lookup,
                         bool exact);

// Density tier of spec §5.7: 3 when D >= T3, else 4 when D >= T4, else 5 (also for NaN).
std::uint8_t density_tier(double density, double t3, double t4);

}  // namespace heatstreet::density
