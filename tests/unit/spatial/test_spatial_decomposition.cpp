// Cutting the Hilbert order into ranges of about equal dwelling counts.
#include <gtest/gtest.h>

#include <map>

#include "heatstreet/spatial/decomposition.hpp"
#include "heatstreet/spatial/grid.hpp"

using namespace heatstreet;

namespace {
// Tile and cell counts from per-cell counts, as the MPI layer would gather them.
std::vector<std::int64_t> parts_of(const std::map<std::uint64_t, std::int64_t>& cells, int parts,
                                   std::vector<std::uint64_t>* starts_out = nullptr) {
  std::vector<decomp::KeyCount> tiles, cell_counts;
  for (const auto& [h, n] : cells) tiles.push_back({decomp::tile_of(h), n});
  tiles = decomp::merge_counts(tiles);
  const auto refine = decomp::tiles_to_refine(tiles, parts);
  for (const auto& [h, n] : cells)
    if (std::binary_search(refine.begin(), refine.end(), decomp::tile_of(h)))
      cell_counts.push_back({h, n});
  const auto starts = decomp::cut_starts(tiles, cell_counts, parts);
  EXPECT_EQ(starts.size(), static_cast<std::size_t>(parts - 1));
  std::vector<std::int64_t> per(static_cast<std::size_t>(parts), 0);
  for (const auto& [h, n] : cells) per[static_cast<std::size_t>(decomp::owner_of(h, starts))] += n;
  if (starts_out) *starts_out = starts;
  return per;
}
}  // namespace

TEST(SpatialDecomposition, MergeCountsAddsEqualKeys) {
  auto m = decomp::merge_counts({{5, 1}, {2, 3}, {5, 4}});
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].key, 2u);
  EXPECT_EQ(m[1].count, 5);
}

TEST(SpatialDecomposition, CutsAtTheCellBoundaryNearestTheTarget) {
  // Four cells along the curve with 10, 1, 1, 10 dwellings; two parts: target 11.
  std::map<std::uint64_t, std::int64_t> cells{{100, 10}, {101, 1}, {102, 1}, {103, 10}};
  std::vector<std::uint64_t> starts;
  auto per = parts_of(cells, 2, &starts);
  EXPECT_EQ(per, (std::vector<std::int64_t>{11, 11}));
  EXPECT_EQ(starts[0], 102u);
}

TEST(SpatialDecomposition, EqualCountsOnAManyCellGrid) {
  // 200 x 200 cells, counts varying 1..9: every part within one cell of the mean.
  std::map<std::uint64_t, std::int64_t> cells;
  std::int64_t total = 0;
  for (int x = 0; x < 200; ++x)
    for (int y = 0; y < 200; ++y) {
      const std::int64_t n = 1 + (x * 7 + y * 3) % 9;
      cells[grid::hilbert_index({4000 + x, 1400 + y})] = n;
      total += n;
    }
  for (int parts : {2, 3, 4, 7}) {
    auto per = parts_of(cells, parts);
    std::int64_t sum = 0;
    for (std::int64_t c : per) {
      sum += c;
      EXPECT_LE(std::abs(c - total / parts), 9 + 1) << parts;
    }
    EXPECT_EQ(sum, total);
    EXPECT_LT(decomp::imbalance(per), 1.001);
  }
}

TEST(SpatialDecomposition, OneHugeCellIsTheOnlyExcuse) {
  std::map<std::uint64_t, std::int64_t> cells{{10, 1000}, {11, 1}, {12, 1}, {13, 1}};
  auto per = parts_of(cells, 4);
  std::int64_t sum = 0;
  for (auto c : per) sum += c;
  EXPECT_EQ(sum, 1003);
  EXPECT_EQ(*std::max_element(per.begin(), per.end()), 1000);
}

TEST(SpatialDecomposition, EmptyGridGivesEmptyRanges) {
  auto per = parts_of({}, 3);
  EXPECT_EQ(per, (std::vector<std::int64_t>{0, 0, 0}));
  EXPECT_EQ(decomp::imbalance(per), 1.0);
}
