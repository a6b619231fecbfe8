#include "heatstreet/parallel/distributed_quantile.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace heatstreet {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<std::vector<std::uint64_t>> sorted_keys(
    const std::vector<std::vector<double>>& groups) {
  std::vector<std::vector<std::uint64_t>> keys(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    keys[g].reserve(groups[g].size());
    for (double v : groups[g])
      if (!std::isnan(v)) keys[g].push_back(ordered_key(v));
    radix_sort(keys[g], [](std::uint64_t k) { return k; });
  }
  return keys;
}

}  // namespace

std::vector<std::int64_t> distributed_counts(const std::vector<std::vector<double>>& groups,
                                             const Comm& comm) {
  std::vector<std::int64_t> local(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (double v : groups[g]) local[g] += std::isnan(v) ? 0 : 1;
  return comm.sum(local);
}

namespace {

// The smallest key whose global count of values <= key exceeds k, for every request.
// Each round splits every open interval [lo, hi] of candidate keys into kWays parts and
// counts, on every rank, the values <= each split point; one allreduce sums the counts of
// all requests and the part holding the answer becomes the next interval. Every rank
// holds the same intervals, so all take part in the same rounds; the answer is the exact
// order statistic, whatever the number of ranks. 16 parts take 64 / 4 = 16 rounds at
// most where bisection took 64: each round is a collective that costs latency.
std::vector<double> select(const std::vector<std::vector<std::uint64_t>>& keys,
                           const std::vector<std::pair<std::size_t, std::int64_t>>& requests,
                           const Comm& comm) {
  constexpr std::size_t kWays = 16;
  constexpr std::size_t kSplits = kWays - 1;
  const std::size_t m = requests.size();
  std::vector<std::uint64_t> lo(m, 0), hi(m, std::numeric_limits<std::uint64_t>::max());
  // This rank's values below lo and up to hi: the window of keys still to search.
  std::vector<std::size_t> first(m, 0), last(m);
  for (std::size_t r = 0; r < m; ++r) last[r] = keys[requests[r].first].size();
  std::vector<std::size_t> open;
  std::vector<std::uint64_t> split;
  std::vector<std::int64_t> counts;
  std::vector<std::size_t> at;  // local counts at the split points
  while (true) {
    open.clear();
    for (std::size_t r = 0; r < m; ++r)
      if (lo[r] != hi[r]) open.push_back(r);
    if (open.empty()) break;
    split.assign(open.size() * kSplits, 0);
    counts.assign(open.size() * kSplits, 0);
    at.assign(open.size() * kSplits, 0);
    for (std::size_t o = 0; o < open.size(); ++o) {
      const std::size_t r = open[o];
      const auto& k = keys[requests[r].first];
      const unsigned __int128 width = static_cast<unsigned __int128>(hi[r] - lo[r]) + 1;
      auto pos = k.begin() + static_cast<std::ptrdiff_t>(first[r]);
      const auto end = k.begin() + static_cast<std::ptrdiff_t>(last[r]);
      for (std::size_t j = 0; j < kSplits; ++j) {
        // Part j holds keys lo + [width j / kWays, width (j + 1) / kWays).
        // An empty part (the interval is narrower than kWays) ends at lo - 1, modulo 2^64
        // so that lo follows it; it counts only values below lo, never more than k, so
        // the answer is never taken to be there.
        const auto offset = static_cast<std::uint64_t>(width * (j + 1) / kWays);
        const std::uint64_t s = lo[r] + offset - 1;
        split[o * kSplits + j] = s;
        if (offset > 0) pos = std::upper_bound(pos, end, s);
        at[o * kSplits + j] = static_cast<std::size_t>(pos - k.begin());
        counts[o * kSplits + j] = static_cast<std::int64_t>(at[o * kSplits + j]);
      }
    }
    const auto total = comm.sum(counts);
    for (std::size_t o = 0; o < open.size(); ++o) {
      const std::size_t r = open[o];
      const std::int64_t want = requests[r].second;
      std::size_t j = 0;
      while (j < kSplits && total[o * kSplits + j] <= want) ++j;
      // The answer is in part j: after split j - 1, up to split j (or hi).
      if (j > 0) {
        lo[r] = split[o * kSplits + j - 1] + 1;
        first[r] = at[o * kSplits + j - 1];
      }
      if (j < kSplits) {
        hi[r] = split[o * kSplits + j];
        last[r] = at[o * kSplits + j];
      }
    }
  }
  std::vector<double> out(m);
  for (std::size_t r = 0; r < m; ++r) out[r] = from_ordered_key(lo[r]);
  return out;
}

}  // namespace

DistributedSelection::DistributedSelection(const std::vector<std::vector<double>>& groups,
                                           const Comm& comm)
    : DistributedSelection(sorted_keys(groups), comm) {}

DistributedSelection DistributedSelection::from_sorted_keys(
    std::vector<std::vector<std::uint64_t>> keys, const Comm& comm) {
  return DistributedSelection(std::move(keys), comm);
}

DistributedSelection::DistributedSelection(std::vector<std::vector<std::uint64_t>> keys,
                                           const Comm& comm)
    : comm_(comm), keys_(std::move(keys)) {
  std::vector<std::int64_t> local(keys_.size());
  for (std::size_t g = 0; g < keys_.size(); ++g)
    local[g] = static_cast<std::int64_t>(keys_[g].size());
  counts_ = comm_.sum(local);
}

std::size_t DistributedSelection::order_statistic(std::size_t g, std::int64_t k) {
  const auto [it, fresh] = index_.emplace(std::make_pair(g, k), requests_.size());
  if (fresh) requests_.emplace_back(g, k);
  return it->second;
}

std::size_t DistributedSelection::quantile(std::size_t g, double q) {
  Answer a;
  const std::int64_t n = counts_[g];
  if (n > 0) {
    const double pos = static_cast<double>(n - 1) * q;
    const double lo = std::floor(pos);
    const auto i = static_cast<std::int64_t>(lo);
    a.empty = false;
    a.a = order_statistic(g, i);
    a.b = i + 1 < n ? order_statistic(g, i + 1) : a.a;
    a.t = i + 1 < n ? pos - lo : 0.0;
  }
  answers_.push_back(a);
  return answers_.size() - 1;
}

std::size_t DistributedSelection::median(std::size_t g) {
  Answer a;
  const std::int64_t n = counts_[g];
  if (n > 0) {
    a.empty = false;
    a.mean = true;
    a.a = order_statistic(g, n % 2 ? n / 2 : n / 2 - 1);
    a.b = order_statistic(g, n / 2);
  }
  answers_.push_back(a);
  return answers_.size() - 1;
}

void DistributedSelection::resolve() { stats_ = select(keys_, requests_, comm_); }

double DistributedSelection::value(std::size_t handle) const {
  const Answer& a = answers_.at(handle);
  if (a.empty) return kNaN;
  const double x = stats_.at(a.a), y = stats_.at(a.b);
  if (a.mean) return a.a == a.b ? x : (x + y) / 2;
  return lerp_numpy(x, y, a.t);
}

std::vector<double> distributed_order_statistics(
    const std::vector<std::vector<double>>& groups,
    const std::vector<std::pair<std::size_t, std::int64_t>>& requests, const Comm& comm) {
  return select(sorted_keys(groups), requests, comm);
}

std::vector<std::vector<double>> distributed_quantiles(
    const std::vector<std::vector<double>>& groups, const std::vector<double>& probabilities,
    const Comm& comm) {
  DistributedSelection sel(groups, comm);
  std::vector<std::vector<std::size_t>> h(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (double q : probabilities) h[g].push_back(sel.quantile(g, q));
  sel.resolve();
  std::vector<std::vector<double>> out(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (std::size_t k : h[g]) out[g].push_back(sel.value(k));
  return out;
}

std::vector<double> distributed_medians(const std::vector<std::vector<double>>& groups,
                                        const Comm& comm) {
  DistributedSelection sel(groups, comm);
  std::vector<std::size_t> h;
  for (std::size_t g = 0; g < groups.size(); ++g) h.push_back(sel.median(g));
  sel.resolve();
  std::vector<double> out;
  for (std::size_t k : h) out.push_back(sel.value(k));
  return out;
}

}  // namespace heatstreet
