// The scenario stage over ranks: per-dwelling results and every summary (totals, counts,
// medians, quantiles, breakdowns, subsidy tables) are identical to one process modelling
// the whole stock, whatever the rank count, chunk size and worker count; distributed
// quantiles equal a sort of all values.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "heatstreet/core/csv_table.hpp"
#include "heatstreet/parallel/distributed_quantile.hpp"
#include "heatstreet/scenario/scenario_stage.hpp"
#include "heatstreet/scenario/summary_tables.hpp"
#include "scenario_fixtures.hpp"

using namespace heatstreet;
using namespace heatstreet::scenario;

namespace {

constexpr std::size_t kStock = 2400;

std::pair<std::size_t, std::size_t> slice(const Comm& comm, std::size_t n) {
  const auto r = static_cast<std::size_t>(comm.rank()), s = static_cast<std::size_t>(comm.size());
  return {n * r / s, n * (r + 1) / s};
}

bool same_column(const Column& a, const Column& b, std::size_t offset) {
  return std::visit(
      [&](const auto& va) {
        using V = std::decay_t<decltype(va)>;
        const auto& vb = std::get<V>(b.data);
        if constexpr (std::is_same_v<V, StringColumn>) {
          return false;
        } else {
          return std::memcmp(va.data(), vb.data() + offset, va.size() * sizeof(va[0])) == 0;
        }
      },
      a.data);
}

}  // namespace

TEST(ScenarioStage, SummariesAndResultsIdenticalToOneProcess) {
  const Comm comm;
  const Comm self(MPI_COMM_SELF);
  const auto [begin, end] = slice(comm, kStock);
  const Table local = fixtures::dwellings_table(fixtures::synthetic_rows(begin, end));
  const Table whole = fixtures::dwellings_table(fixtures::synthetic_rows(0, kStock));
  // Each rank uses its own chunking and thread count.
  const std::int64_t chunks[] = {1, 7, 50000};
  const std::int64_t chunk = chunks[comm.rank() % 3];
  const int workers = 1 + comm.rank() % 2;

  for (Methodology mode : {Methodology::kPython, Methodology::kDocumented}) {
    Config cfg;
    cfg.model.methodology = mode;
    const ScenarioModel model(scenario_settings(cfg));
    std::vector<ScenarioSummary> dist, ref;
    for (std::size_t s = 0; s < model.scenarios().size(); ++s) {
      const Table r_local = model.compute(local, s, chunk, workers);
      const Table r_whole = model.compute(whole, s, 50000, 1);
      ASSERT_EQ(r_local.num_columns(), r_whole.num_columns());
      for (std::size_t c = 0; c < r_local.num_columns(); ++c)
        EXPECT_TRUE(same_column(r_local.columns()[c], r_whole.columns()[c], begin))
            << model.scenarios()[s].definition.id << " " << r_local.columns()[c].info.name;
      dist.push_back(summarise(model, s, local, r_local, comm));
      ref.push_back(summarise(model, s, whole, r_whole, self));
    }
    add_subsidy_tables(model, dist);
    add_subsidy_tables(model, ref);
    const std::string a = table_csv(breakdown_table(dist)), b = table_csv(breakdown_table(ref));
    EXPECT_EQ(a, b);
    EXPECT_EQ(table_csv(subsidy_table(dist)), table_csv(subsidy_table(ref)));
    // The tables have content: 7 scenarios, whole stock + 4 authorities + 5 tiers each.
    EXPECT_EQ(dist.size(), 7u);
    EXPECT_EQ(dist[1].groups.size(), 10u);
    EXPECT_EQ(dist[1].overall().get("total_properties"), static_cast<double>(kStock));
    EXPECT_FALSE(dist[4].subsidy.empty());
    // Breakdowns partition the stock: authorities and tiers each add up to the whole.
    for (const auto& sum : dist) {
      double la_n = 0, tier_n = 0, la_capex = 0;
      for (const auto& g : sum.groups) {
        if (g.dimension == "local_authority") {
          la_n += g.get("total_properties");
          la_capex += g.get("capital_cost_total");
        }
        if (g.dimension == "tier") tier_n += g.get("total_properties");
      }
      EXPECT_EQ(la_n, static_cast<double>(kStock)) << sum.id;
      EXPECT_EQ(tier_n, static_cast<double>(kStock)) << sum.id;
      EXPECT_NEAR(la_capex, sum.overall().get("capital_cost_total"),
                  1e-12 * std::max(1.0, sum.overall().get("capital_cost_total")))
          << sum.id;
    }
    // Every rank holds the same summary.
    const auto all = comm.allgather(a);
    for (const auto& s : all) EXPECT_EQ(s, a);
  }
}

TEST(ScenarioStage, DistributedQuantilesEqualSortingEverything) {
  const Comm comm;
  // Group 0: spread with duplicates, negatives and NaN; group 1: empty everywhere;
  // group 2: only on the last rank; group 3: one value in all.
  std::vector<std::vector<double>> groups(4);
  for (int i = 0; i < 500 + 37 * comm.rank(); ++i) {
    const int k = (i * 7919 + comm.rank() * 104729) % 1009;
    groups[0].push_back(k % 5 == 0 ? std::nan("") : (k - 500) * 0.37);
  }
  if (comm.rank() == comm.size() - 1)
    for (int i = 0; i < 11; ++i) groups[2].push_back(std::sqrt(static_cast<double>(i)));
  if (comm.rank() == 0) groups[3].push_back(-4.5);

  const std::vector<double> probs{0.0, 0.1, 0.25, 0.5, 0.9, 1.0};
  const auto q = distributed_quantiles(groups, probs, comm);
  const auto med = distributed_medians(groups, comm);

  for (std::size_t g = 0; g < groups.size(); ++g) {
    // Reference: gather every value to every rank and sort.
    std::string bytes(groups[g].size() * sizeof(double), '\0');
    if (!bytes.empty()) std::memcpy(bytes.data(), groups[g].data(), bytes.size());
    std::vector<double> all;
    for (const auto& part : comm.allgather(bytes)) {
      std::vector<double> v(part.size() / sizeof(double));
      if (!part.empty()) std::memcpy(v.data(), part.data(), part.size());
      for (double x : v)
        if (!std::isnan(x)) all.push_back(x);
    }
    std::sort(all.begin(), all.end());
    for (std::size_t p = 0; p < probs.size(); ++p) {
      const double expected = quantile_sorted(all, probs[p]);
      if (std::isnan(expected))
        EXPECT_TRUE(std::isnan(q[g][p])) << g;
      else
        EXPECT_EQ(q[g][p], expected) << "group " << g << " q " << probs[p];
    }
    const double m = median_sorted(all);
    if (std::isnan(m))
      EXPECT_TRUE(std::isnan(med[g]));
    else
      EXPECT_EQ(med[g], m) << "group " << g;
  }
}

TEST(ScenarioStage, DistributedOrderStatisticsExactAtTheEdgesOfTheKeySpace) {
  const Comm comm;
  const double inf = std::numeric_limits<double>::infinity();
  const double tiny = std::numeric_limits<double>::denorm_min();
  const double big = std::numeric_limits<double>::max();
  // Group 0: the extremes of the key space and both zeros; group 1: one value repeated
  // with a single other value on one rank; group 2: neighbouring doubles (keys one
  // apart); group 3: a wide spread, different on each rank.
  std::vector<std::vector<double>> groups(4);
  for (double x : {-inf, inf, -big, big, -tiny, tiny, -0.0, 0.0, 1.0, -1.0})
    if (static_cast<int>(groups[0].size()) % comm.size() == comm.rank() || comm.size() == 1)
      groups[0].push_back(x);
    else
      groups[0].push_back(std::nan(""));
  for (int i = 0; i < 40; ++i) groups[1].push_back(2.75);
  if (comm.rank() == 0) groups[1].push_back(3.0);
  double x = 1.0;
  for (int i = 0; i < 9 + comm.rank(); ++i) {
    groups[2].push_back(x);
    x = std::nextafter(x, 2.0);
  }
  for (int i = 0; i < 300; ++i)
    groups[3].push_back(std::ldexp(1.0 + 0.001 * i, (i * 37 + comm.rank() * 11) % 200 - 100) *
                        (i % 3 ? 1 : -1));

  std::vector<std::vector<double>> all(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    std::string bytes(groups[g].size() * sizeof(double), '\0');
    if (!bytes.empty()) std::memcpy(bytes.data(), groups[g].data(), bytes.size());
    for (const auto& part : comm.allgather(bytes)) {
      std::vector<double> v(part.size() / sizeof(double));
      if (!part.empty()) std::memcpy(v.data(), part.data(), part.size());
      for (double y : v)
        if (!std::isnan(y)) all[g].push_back(y);
    }
    std::sort(all[g].begin(), all[g].end());
  }
  // Every order statistic of every group, in one batch.
  std::vector<std::pair<std::size_t, std::int64_t>> requests;
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (std::size_t k = 0; k < all[g].size(); ++k)
      requests.emplace_back(g, static_cast<std::int64_t>(k));
  const auto got = distributed_order_statistics(groups, requests, comm);
  ASSERT_EQ(got.size(), requests.size());
  for (std::size_t r = 0; r < requests.size(); ++r) {
    const double want = all[requests[r].first][static_cast<std::size_t>(requests[r].second)];
    EXPECT_EQ(ordered_key(got[r]), ordered_key(want))
        << "group " << requests[r].first << " k " << requests[r].second;
  }
}
