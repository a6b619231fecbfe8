#pragma once
// Exact quantiles of values spread over ranks, without gathering them. Each order
// statistic is found by search over the 64-bit ordered key of a double: every round
// splits each open interval into 16 and counts the values <= each split point, with one
// allreduce per round for all requested statistics of all groups together, so at most
// 16 rounds. NaN values are excluded.
//
// Interpolation follows pandas/NumPy "linear": position (n-1)q between the two closest
// order statistics a, b with weight t, a + (b-a)t (b - (b-a)(1-t) when t >= 0.5, as
// NumPy does). The median of an even count is (a+b)/2, as pandas' median.
#include <cstdint>
#include <map>
#include <vector>

#include "heatstreet/parallel/comm.hpp"
#include "heatstreet/parallel/order_statistics.hpp"

namespace heatstreet {

// Several medians and quantiles of the same groups resolved together: the values are
// sorted once and every requested order statistic shares the same allreduce rounds.
//   DistributedSelection sel(groups, comm);            // collective (counts)
//   auto m = sel.median(0); auto p90 = sel.quantile(0, 0.9);
//   sel.resolve();                                     // collective
//   double v = sel.value(m);
class DistributedSelection {
 public:
  DistributedSelection(const std::vector<std::vector<double>>& groups, const Comm& comm);
  // The same from each group's ordered keys (ordered_key of the non-NaN values), sorted
  // ascending. Collective (counts).
  static DistributedSelection from_sorted_keys(std::vector<std::vector<std::uint64_t>> keys,
                                               const Comm& comm);
  // Non-NaN values of group g over all ranks.
  std::int64_t count(std::size_t g) const { return counts_[g]; }
  // Requests; each returns a handle for value(). Every rank must make the same requests.
  std::size_t quantile(std::size_t g, double q);
  std::size_t median(std::size_t g);
  void resolve();                          // collective
  double value(std::size_t handle) const;  // NaN for an empty group

 private:
  struct Answer {
    std::size_t a = 0, b = 0;  // indices into requests_
    double t = 0;
    bool mean = false, empty = true;
  };
  DistributedSelection(std::vector<std::vector<std::uint64_t>> keys, const Comm& comm);
  std::size_t order_statistic(std::size_t g, std::int64_t k);
  const Comm& comm_;
  std::vector<std::vector<std::uint64_t>> keys_;
  std::vector<std::int64_t> counts_;
  std::vector<std::pair<std::size_t, std::int64_t>> requests_;
  std::map<std::pair<std::size_t, std::int64_t>, std::size_t> index_;
  std::vector<double> stats_;
  std::vector<Answer> answers_;
};

// For each group (every rank passes the same number of groups) and each probability:
// the quantile of the union over ranks. result[g][k]; NaN for an empty group. Collective.
std::vector<std::vector<double>> distributed_quantiles(
    const std::vector<std::vector<double>>& groups, const std::vector<double>& probabilities,
    const Comm& comm);
// The median of each group (mean of the two middle values for an even count). Collective.
std::vector<double> distributed_medians(const std::vector<std::vector<double>>& groups,
                                        const Comm& comm);
// The k-th smallest (0-based) of each group's union, for requested (group, k) pairs; the
// building block of the two above. Collective.
std::vector<double> distributed_order_statistics(
    const std::vector<std::vector<double>>& groups,
    const std::vector<std::pair<std::size_t, std::int64_t>>& requests, const Comm& comm);
// The number of non-NaN values of each group over all ranks. Collective.
std::vector<std::int64_t> distributed_counts(const std::vector<std::vector<double>>& groups,
                                             const Comm& comm);

}  // namespace heatstreet
