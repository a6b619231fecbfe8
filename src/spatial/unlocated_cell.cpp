#include "heatstreet/spatial/unlocated_cell.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/parallel/wire.hpp"
#include "heatstreet/spatial/grid.hpp"
#include "heatstreet/spatial/heat_density.hpp"

namespace heatstreet::spatial {

namespace {

constexpr std::size_t kPairBytes = sizeof(std::int64_t) + sizeof(double);

// Rank 0's sum of every rank's (global row, demand) pairs, in global row order.
double kahan_sum_by_row(const std::vector<std::vector<char>>& in) {
  std::vector<std::pair<std::int64_t, double>> all;
  for (const auto& buf : in) {
    const char* p = buf.data();
    for (std::size_t at = 0; at + kPairBytes <= buf.size(); at += kPairBytes) {
      std::pair<std::int64_t, double> v;
      v.first = wire::get<std::int64_t>(p);
      v.second = wire::get<double>(p);
      all.push_back(v);
    }
  }
  std::sort(all.begin(), all.end());
  double sum = 0, comp = 0;
  for (const auto& v : all) density::kahan_add(sum, comp, v.second);
  return sum;
}

}  // namespace

double unlocated_cell_kwh(const HomeRows& home, const Comm& comm) {
  std::vector<std::vector<char>> out(static_cast<std::size_t>(comm.size()));
  for (std::size_t i = 0; i < home.cell.size(); ++i) {
    if (home.cell[i] != grid::kNoCell) continue;
    wire::put(out[0], home.first_row + static_cast<std::int64_t>(i));
    wire::put(out[0], home.energy[i]);
  }
  const auto in = comm.exchange(out);
  std::string result;
  if (comm.root()) wire::put(result, kahan_sum_by_row(in));
  result = comm.bcast(result);
  const char* p = result.data();
  return wire::get<double>(p);
}

void tier_unlocated_in_one_cell(Table& dwellings, const HomeRows& home, double area_km2,
                                const tiers::Params& params, const Comm& comm) {
  const double pseudo = grid::density_gwh_km2(unlocated_cell_kwh(home, comm), area_km2);
  auto& out_density = column(dwellings, dwelling::kHeatDensity);
  auto& out_tier = column(dwellings, dwelling::kHeatNetworkTier);
  for (std::size_t i = 0; i < home.cell.size(); ++i) {
    if (home.cell[i] != grid::kNoCell) continue;
    out_density[i] = pseudo;
    out_tier[i] = density::density_tier(pseudo, params.t3, params.t4);
  }
}

}  // namespace heatstreet::spatial
