// Proximity queries and tier rules, with the worked example of the spatial spec §10.
#include <gtest/gtest.h>

#include <cmath>

#include "heatstreet/spatial/proximity.hpp"
#include "heatstreet/spatial/tiers.hpp"
#include "spatial_example.hpp"

using namespace heatstreet;

namespace {
tiers::Layers example_layers() {
  tiers::Layers l;
  l.existing_schemes = proximity::PointIndex({{530800, 180000}});
  l.planned_schemes = proximity::PointIndex({{529400, 180010}, {530900, 180100}});
  return l;
}
}  // namespace

TEST(Tiers, WorkedExampleDistancesAndTiers) {
  const tiers::Layers layers = example_layers();
  for (int mode = 0; mode < 3; ++mode) {  // circular, square, disabled
    for (bool python : {false, true}) {
      tiers::Params p;
      p.tier1_by_distance = !python;
      p.disable = mode == 2;
      for (const auto& d : spatial_example::dwellings()) {
        tiers::Proximity prox;
        if (std::isfinite(d.x)) {
          prox = tiers::assess(layers, p, {d.x, d.y});
          EXPECT_NEAR(prox.distance_to_network, d.dist_existing, 0.0005) << d.id;
        } else {
          prox.distance_to_network = std::nan("");
        }
        const double density = mode == 1 ? d.density_square : d.density_circular;
        const int expected = mode == 0   ? d.tier_circular
                             : mode == 1 ? d.tier_square
                                         : d.tier_disabled;
        EXPECT_EQ(tiers::final_tier(prox, density, p), expected) << d.id << " mode " << mode;
        // in_heat_zone (spec §10, last column): true for P7 and P8 only.
        const bool zone = std::string(d.id) == "P7" || std::string(d.id) == "P8";
        EXPECT_EQ(prox.in_heat_zone, zone) << d.id;
      }
    }
  }
}

TEST(Tiers, Tier1BoundaryDiffersOnlyInThePredecessorsPolygonBand) {
  tiers::Layers layers;
  layers.existing_schemes = proximity::PointIndex({{0, 0}});
  tiers::Params doc, py;
  py.tier1_by_distance = false;
  // Exactly 250 m due east sits on a 64-gon vertex: Tier 1 documented (<= 250), not Tier 1
  // predecessor.
  EXPECT_TRUE(tiers::assess(layers, doc, {250, 0}).near_existing);
  EXPECT_FALSE(tiers::assess(layers, py, {250, 0}).near_existing);
  // 249.8 m on the bearing of an edge midpoint (angle pi/64): outside the 64-gon (apothem 249.6989
  // m).
  const double a = M_PI / 64;
  EXPECT_TRUE(tiers::assess(layers, doc, {249.8 * std::cos(a), 249.8 * std::sin(a)}).near_existing);
  EXPECT_FALSE(tiers::assess(layers, py, {249.8 * std::cos(a), 249.8 * std::sin(a)}).near_existing);
  // Inside 249.6989 m both agree.
  EXPECT_TRUE(
      tiers::assess(layers, py, {249.69 * std::cos(a), 249.69 * std::sin(a)}).near_existing);
  EXPECT_FALSE(tiers::assess(layers, doc, {250.01, 0}).near_existing);
}

TEST(Tiers, NetworkLinesCountWithinReach) {
  tiers::Layers layers;
  layers.network_lines = proximity::SegmentIndex({{{0, 0}, {1000, 0}}}, 500);
  tiers::Params p;
  auto near = tiers::assess(layers, p, {500, 200});
  EXPECT_DOUBLE_EQ(near.distance_to_network, 200);
  EXPECT_TRUE(near.near_existing);
  auto mid = tiers::assess(layers, p, {1300, 400});
  EXPECT_DOUBLE_EQ(mid.distance_to_network, 500);
  EXPECT_FALSE(mid.near_existing);
  EXPECT_TRUE(std::isnan(tiers::assess(layers, p, {500, 600}).distance_to_network))
      << "beyond reach";
}

TEST(Tiers, ZonePolygonsAreStrict) {
  proximity::Polygon square{{{{0, 0}, {100, 0}, {100, 100}, {0, 100}, {0, 0}},
                             {{40, 40}, {60, 40}, {60, 60}, {40, 60}, {40, 40}}}};
  EXPECT_TRUE(proximity::strictly_inside(square, {10, 10}));
  EXPECT_FALSE(proximity::strictly_inside(square, {0, 50})) << "boundary excluded";
  EXPECT_FALSE(proximity::strictly_inside(square, {50, 50})) << "inside the hole";
  EXPECT_FALSE(proximity::strictly_inside(square, {40, 50})) << "on the hole's edge";
  proximity::PolygonIndex index({square}, 30);
  EXPECT_TRUE(index.strictly_inside_any({99, 99}));
  EXPECT_FALSE(index.strictly_inside_any({100, 99}));
}

TEST(Tiers, PointIndexMatchesBruteForce) {
  std::vector<proximity::Point> pts;
  for (int i = 0; i < 500; ++i)
    pts.push_back({std::fmod(i * 7919.0, 10007.0), std::fmod(i * 104729.0, 9973.0)});
  proximity::PointIndex index(pts);
  for (int q = 0; q < 200; ++q) {
    const proximity::Point p{std::fmod(q * 3571.0, 12000.0) - 1000,
                             std::fmod(q * 2749.0, 11000.0) - 500};
    double best = INFINITY;
    int inside = 0, got = 0;
    for (const auto& c : pts) {
      best = std::min(best, proximity::distance(p, c));
      if (proximity::distance(p, c) <= 700) ++inside;
    }
    EXPECT_EQ(index.nearest(p), best);
    index.within(p, 700, [&](const proximity::Point&) { ++got; });
    EXPECT_EQ(got, inside);
  }
}

TEST(Tiers, SuitabilityTableOfTheWorkedExample) {
  tiers::Params p;
  // Circular mask counts of spec §10: 1, 1, 2, 4, 2 of 10.
  const auto rows = tiers::suitability({1, 1, 2, 4, 2}, p);
  ASSERT_EQ(rows.size(), 5u);
  const double pct[5] = {10.0, 10.0, 20.0, 40.0, 20.0};
  for (int t = 0; t < 5; ++t) {
    EXPECT_EQ(rows[static_cast<std::size_t>(t)].tier, t + 1);
    EXPECT_EQ(rows[static_cast<std::size_t>(t)].percentage, pct[t]);
  }
  EXPECT_EQ(rows[0].label, "Tier 1: Adjacent to existing network");
  EXPECT_EQ(rows[3].label, "Tier 4: Medium heat density");
  EXPECT_EQ(
      rows[1].note,
      "Planned network indicator (polygon zone layer if available; otherwise within 500m of HNPD "
      "planning-granted scheme)");
  EXPECT_EQ(rows[3].note, "Heat density 5-20 GWh/km\u00b2");
  // One of three: 33.3; two of three: 66.7; none: 0.0.
  const auto thirds = tiers::suitability({1, 2, 0, 0, 0}, p);
  EXPECT_EQ(thirds[0].percentage, 33.3);
  EXPECT_EQ(thirds[1].percentage, 66.7);
  EXPECT_EQ(tiers::suitability({0, 0, 0, 0, 0}, p)[0].percentage, 0.0);
}
