#include "heatstreet/distributed_quantile.hpp"

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
    std::sort(keys[g].begin(), keys[g].end());
  }
  return keys;
}

}  // namespace

double lerp_numpy(double a, double b, double t) {
  const double diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

double quantile_sorted(const std::vector<double>& s, double q) {
  if (s.empty()) return kNaN;
  const double pos = static_cast<double>(s.size() - 1) * q;
  const double lo = std::floor(pos);
  const std::size_t i = static_cast<std::size_t>(lo);
  if (i + 1 >= s.size()) return s.back();
  return lerp_numpy(s[i], s[i + 1], pos - lo);
}

double median_sorted(const std::vector<double>& s) {
  if (s.empty()) return kNaN;
  const std::size_t n = s.size();
  if (n % 2) return s[n / 2];
  return (s[n / 2 - 1] + s[n / 2]) / 2;
}

std::vector<std::int64_t> distributed_counts(const std::vector<std::vector<double>>& groups,
                                             const Comm& comm) {
  std::vector<std::int64_t> local(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (double v : groups[g]) local[g] += std::isnan(v) ? 0 : 1;
  return comm.sum(local);
}

std::vector<double> distributed_order_statistics(
    const std::vector<std::vector<double>>& groups,
    const std::vector<std::pair<std::size_t, std::int64_t>>& requests, const Comm& comm) {
  const auto keys = sorted_keys(groups);
  const std::size_t m = requests.size();
  std::vector<std::uint64_t> lo(m, 0), hi(m, std::numeric_limits<std::uint64_t>::max());
  // Invariant: the answer key lies in [lo, hi]; it is the smallest key whose global
  // count of values <= key exceeds k. Every rank holds the same bounds.
  for (int round = 0; round < 65; ++round) {
    bool open = false;
    std::vector<std::int64_t> counts(m, 0);
    std::vector<std::uint64_t> mid(m);
    for (std::size_t r = 0; r < m; ++r) {
      mid[r] = lo[r] + (hi[r] - lo[r]) / 2;
      if (lo[r] == hi[r]) continue;
      open = true;
      const auto& k = keys[requests[r].first];
      counts[r] = std::upper_bound(k.begin(), k.end(), mid[r]) - k.begin();
    }
    if (!open) break;  // the same on every rank: bounds are global
    const auto total = comm.sum(counts);
    for (std::size_t r = 0; r < m; ++r) {
      if (lo[r] == hi[r]) continue;
      if (total[r] > requests[r].second)
        hi[r] = mid[r];
      else
        lo[r] = mid[r] + 1;
    }
  }
  std::vector<double> out(m);
  for (std::size_t r = 0; r < m; ++r) out[r] = from_ordered_key(lo[r]);
  return out;
}

namespace {

// Positions of the order statistics a set of requests needs, resolved in one batch.
struct Needed {
  std::vector<std::pair<std::size_t, std::int64_t>> requests;
  std::map<std::pair<std::size_t, std::int64_t>, std::size_t> index;
  std::size_t want(std::size_t g, std::int64_t k) {
    auto [it, fresh] = index.emplace(std::make_pair(g, k), requests.size());
    if (fresh) requests.emplace_back(g, k);
    return it->second;
  }
};

}  // namespace

std::vector<std::vector<double>> distributed_quantiles(
    const std::vector<std::vector<double>>& groups, const std::vector<double>& probabilities,
    const Comm& comm) {
  const auto n = distributed_counts(groups, comm);
  Needed need;
  struct Slot {
    std::size_t a = 0, b = 0;
    double t = 0;
    bool empty = true;
  };
  std::vector<std::vector<Slot>> slots(groups.size(), std::vector<Slot>(probabilities.size()));
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (n[g] == 0) continue;
    for (std::size_t p = 0; p < probabilities.size(); ++p) {
      const double pos = static_cast<double>(n[g] - 1) * probabilities[p];
      const double lo = std::floor(pos);
      const std::int64_t i = static_cast<std::int64_t>(lo);
      Slot& s = slots[g][p];
      s.empty = false;
      s.a = need.want(g, i);
      s.b = i + 1 < n[g] ? need.want(g, i + 1) : s.a;
      s.t = i + 1 < n[g] ? pos - lo : 0.0;
    }
  }
  const auto values = distributed_order_statistics(groups, need.requests, comm);
  std::vector<std::vector<double>> out(groups.size(),
                                       std::vector<double>(probabilities.size(), kNaN));
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (std::size_t p = 0; p < probabilities.size(); ++p) {
      const Slot& s = slots[g][p];
      if (!s.empty) out[g][p] = lerp_numpy(values[s.a], values[s.b], s.t);
    }
  return out;
}

std::vector<double> distributed_medians(const std::vector<std::vector<double>>& groups,
                                        const Comm& comm) {
  const auto n = distributed_counts(groups, comm);
  Needed need;
  std::vector<std::pair<std::size_t, std::size_t>> slots(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (n[g] == 0) continue;
    const std::int64_t h = n[g] / 2;
    slots[g] = n[g] % 2 ? std::make_pair(need.want(g, h), need.want(g, h))
                        : std::make_pair(need.want(g, h - 1), need.want(g, h));
  }
  const auto values = distributed_order_statistics(groups, need.requests, comm);
  std::vector<double> out(groups.size(), kNaN);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (n[g] == 0) continue;
    const auto [a, b] = slots[g];
    out[g] = a == b ? values[a] : (values[a] + values[b]) / 2;
  }
  return out;
}

}  // namespace heatstreet
