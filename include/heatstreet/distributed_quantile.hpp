#pragma once
// Exact quantiles of values spread over ranks, without gathering them. Each order
// statistic is found by bisection over the 64-bit ordered key of a double (64 rounds at
// most), counting values <= the candidate key with one allreduce per round for all
// requested statistics of all groups together. NaN values are excluded.
//
// Interpolation follows pandas/NumPy "linear": position (n-1)q between the two closest
// order statistics a, b with weight t, a + (b-a)t (b - (b-a)(1-t) when t >= 0.5, as
// NumPy does). The median of an even count is (a+b)/2, as pandas' median.
#include <cstdint>
#include <cstring>
#include <vector>

#include "heatstreet/mpi_comm.hpp"

namespace heatstreet {

// Order-preserving map of doubles (not NaN) onto unsigned integers, and back.
inline std::uint64_t ordered_key(double v) {
  std::uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return (bits >> 63) ? ~bits : (bits | 0x8000000000000000ull);
}
inline double from_ordered_key(std::uint64_t key) {
  const std::uint64_t bits = (key >> 63) ? (key & 0x7fffffffffffffffull) : ~key;
  double v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

// NumPy's linear interpolation between neighbouring order statistics.
double lerp_numpy(double a, double b, double t);
// Quantile q of sorted values (NaN-free) by the rule above; NaN when empty.
double quantile_sorted(const std::vector<double>& sorted, double q);
// Median of sorted values (NaN-free); NaN when empty.
double median_sorted(const std::vector<double>& sorted);

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
