// Grid arithmetic, neighbourhood sums and densities, checked against the worked example
// of the spatial spec §10 (golden numbers quoted from the spec).
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "heatstreet/spatial/grid.hpp"
#include "heatstreet/spatial/heat_density.hpp"
#include "spatial_example.hpp"

using namespace heatstreet;

TEST(SpatialGrid, MaskOffsetsFollowTheSpecOrder) {
  const auto circ = grid::mask_offsets(125, 250, true);
  const auto square = grid::mask_offsets(125, 250, false);
  ASSERT_EQ(circ.size(), 13u);
  ASSERT_EQ(square.size(), 25u);
  // Spec §5.5: (−2,0) (−1,−1) (−1,0) (−1,1) (0,−2) (0,−1) (0,0) (0,1) (0,2) (1,−1) (1,0) (1,1)
  // (2,0)
  const int expected[13][2] = {{-2, 0}, {-1, -1}, {-1, 0}, {-1, 1}, {0, -2}, {0, -1}, {0, 0},
                               {0, 1},  {0, 2},   {1, -1}, {1, 0},  {1, 1},  {2, 0}};
  for (int k = 0; k < 13; ++k) {
    EXPECT_EQ(circ[static_cast<std::size_t>(k)].dx, expected[k][0]) << k;
    EXPECT_EQ(circ[static_cast<std::size_t>(k)].dy, expected[k][1]) << k;
  }
  EXPECT_EQ(square.front().dx, -2);
  EXPECT_EQ(square.front().dy, -2);
  EXPECT_EQ(square[1].dy, -1) << "dy is the inner loop";
  EXPECT_EQ(grid::halo_depth(circ), 2);
  EXPECT_EQ(grid::halo_depth(square), 2);
}

TEST(SpatialGrid, CellOfPutsEdgesInTheHigherCell) {
  auto c = grid::cell_of(530125, 180010, 125);  // P3: 530125 / 125 = 4241.0
  ASSERT_TRUE(c);
  EXPECT_EQ(c->ix, 4241);
  EXPECT_EQ(c->iy, 1440);
  c = grid::cell_of(-0.5, -125.0, 125);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->ix, -1);
  EXPECT_EQ(c->iy, -1);
  EXPECT_FALSE(grid::cell_of(std::nan(""), 1, 125));
  EXPECT_FALSE(grid::cell_of(1e300, 1, 125));
}

TEST(SpatialGrid, KeysRoundTripAndNeverEqualTheNoCellKey) {
  for (grid::Cell c :
       {grid::Cell{4240, 1440}, grid::Cell{-5, 7}, grid::Cell{grid::kMinIndex, grid::kMaxIndex},
        grid::Cell{grid::kMaxIndex, grid::kMaxIndex}, grid::Cell{0, 0}}) {
    const std::int64_t k = grid::pack(c);
    EXPECT_EQ(grid::unpack(k), c);
    EXPECT_NE(k, grid::kNoCell);
  }
  EXPECT_NE(grid::pack({1, 0}), grid::pack({0, 1}));
}

TEST(SpatialGrid, HilbertOrderVisitsNeighbouringCells) {
  // Along the curve, consecutive cells of an aligned 16 x 16 block are edge neighbours,
  // and the block is one contiguous index range.
  std::map<std::uint64_t, grid::Cell> byindex;
  for (int x = 4240; x < 4240 + 16; ++x)
    for (int y = 1440; y < 1440 + 16; ++y) byindex[grid::hilbert_index({x, y})] = grid::Cell{x, y};
  ASSERT_EQ(byindex.size(), 256u);
  EXPECT_EQ(byindex.rbegin()->first - byindex.begin()->first, 255u);
  const grid::Cell* prev = nullptr;
  for (const auto& [h, c] : byindex) {
    if (prev) {
      EXPECT_EQ(std::abs(c.ix - prev->ix) + std::abs(c.iy - prev->iy), 1);
    }
    prev = &c;
  }
}

TEST(SpatialGrid, DensityFormulaAndThresholdsInKwh) {
  const double a = grid::circle_area_km2(250);
  EXPECT_EQ(a, 0.19634954084936207);                                   // spec §5.6
  EXPECT_EQ(grid::density_gwh_km2(4'000'000, a), 20.371832715762604);  // cell A, spec §10
  EXPECT_EQ(density::density_tier(20.0, 20, 5), 3);
  EXPECT_EQ(density::density_tier(5.0, 20, 5), 4);
  EXPECT_EQ(density::density_tier(4.999, 20, 5), 5);
  EXPECT_EQ(density::density_tier(std::nan(""), 20, 5), 5);
  // Spec §5.6: Tier 3 from S >= 3,926,990.8169872416 kWh.
  EXPECT_GE(grid::density_gwh_km2(3926990.8169872416, a), 20.0 - 1e-12);
}

namespace {
// Cell sums and neighbourhood densities of the worked example, by the given summation.
std::map<std::int64_t, double> example_densities(
    bool circular, bool python, std::map<std::int64_t, density::CellEnergy>* cells_out) {
  std::map<std::int64_t, density::CellEnergy> cells;
  for (const auto& d : spatial_example::dwellings()) {
    auto c = grid::cell_of(d.x, d.y, 125);
    if (!c) continue;
    cells[grid::pack(*c)].add(d.ecc * d.tfa);
  }
  const auto offsets = grid::mask_offsets(125, 250, circular);
  auto lookup = [&](const grid::Cell& c) -> const density::CellEnergy* {
    auto it = cells.find(grid::pack(c));
    return it == cells.end() ? nullptr : &it->second;
  };
  std::map<std::int64_t, double> out;
  for (const auto& [k, e] : cells)
    out[k] =
        grid::density_gwh_km2(density::neighbourhood_kwh(grid::unpack(k), offsets, lookup, !python),
                              grid::circle_area_km2(250));
  if (cells_out) *cells_out = cells;
  return out;
}
}  // namespace

TEST(SpatialGrid, WorkedExampleCellSumsAndDensities) {
  std::map<std::int64_t, density::CellEnergy> cells;
  for (bool python : {false, true}) {
    for (bool circular : {true, false}) {
      const auto dens = example_densities(circular, python, &cells);
      ASSERT_EQ(cells.size(), 8u) << "8 populated cells (spec §10)";
      for (const auto& d : spatial_example::dwellings()) {
        auto c = grid::cell_of(d.x, d.y, 125);
        if (!c) continue;
        EXPECT_EQ(dens.at(grid::pack(*c)), circular ? d.density_circular : d.density_square)
            << d.id << (circular ? " circular" : " square") << (python ? " python" : " documented");
      }
    }
  }
  // Cell A holds P1 and P2: 2,000,000 kWh; the total is 4,900,000 kWh.
  EXPECT_EQ(cells.at(grid::pack({4240, 1440})).kwh(true), 2'000'000.0);
  EXPECT_EQ(cells.at(grid::pack({4240, 1440})).dwellings, 2);
  double total = 0;
  for (const auto& [k, e] : cells) total += e.kwh(true);
  EXPECT_EQ(total, 4'900'000.0);
}

TEST(SpatialGrid, FixedPointSumIsIndependentOfOrder) {
  // Values whose double sum depends on the order; the fixed-point sum does not.
  const std::vector<double> v{1e12, 0.3337, -1e12, 0.1001, 123.4564, 1e-4, 7.0};
  density::CellEnergy forward, backward;
  for (double x : v) forward.add(x);
  for (auto it = v.rbegin(); it != v.rend(); ++it) backward.add(*it);
  EXPECT_EQ(forward.fixed, backward.fixed);
  EXPECT_EQ(forward.kwh(true), 130.89);  // 0.334 + 0.100 + 123.456 + 0.000 + 7 (each to the Wh)
  density::CellEnergy with_nan;
  with_nan.add(std::nan(""));
  with_nan.add(5);
  EXPECT_EQ(with_nan.dwellings, 2);
  EXPECT_EQ(with_nan.kwh(true), 5.0);
  EXPECT_EQ(with_nan.kwh(false), 5.0);
}
