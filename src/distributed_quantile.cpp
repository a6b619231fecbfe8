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

namespace {

// The smallest key whose global count of values <= key exceeds k, for every request, by
// bisection over the key space. Every rank holds the same bounds, so all take part in the
// same number of rounds.
std::vector<double> select(const std::vector<std::vector<std::uint64_t>>& keys,
                           const std::vector<std::pair<std::size_t, std::int64_t>>& requests,
                           const Comm& comm) {
  const std::size_t m = requests.size();
  std::vector<std::uint64_t> lo(m, 0), hi(m, std::numeric_limits<std::uint64_t>::max());
  std::vector<std::int64_t> counts(m);
  std::vector<std::uint64_t> mid(m);
  for (int round = 0; round < 65; ++round) {
    bool open = false;
    for (std::size_t r = 0; r < m; ++r) {
      counts[r] = 0;
      mid[r] = lo[r] + (hi[r] - lo[r]) / 2;
      if (lo[r] == hi[r]) continue;
      open = true;
      const auto& k = keys[requests[r].first];
      counts[r] = std::upper_bound(k.begin(), k.end(), mid[r]) - k.begin();
    }
    if (!open) break;
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

}  // namespace

DistributedSelection::DistributedSelection(const std::vector<std::vector<double>>& groups,
                                           const Comm& comm)
    : comm_(comm), keys_(sorted_keys(groups)) {
  std::vector<std::int64_t> local(keys_.size());
  for (std::size_t g = 0; g < keys_.size(); ++g) local[g] = static_cast<std::int64_t>(keys_[g].size());
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
