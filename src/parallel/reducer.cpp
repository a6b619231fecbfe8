#include "heatstreet/parallel/reducer.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "heatstreet/parallel/order_statistics.hpp"

namespace heatstreet {

std::vector<std::int64_t> LocalReducer::sum(const std::vector<std::int64_t>& local) const {
  return local;
}

std::vector<ExactSum> LocalReducer::sum(const std::vector<ExactSum>& local) const { return local; }

std::vector<double> LocalReducer::quantiles(const std::vector<std::vector<double>>& groups,
                                            const std::vector<QuantileRequest>& requests) const {
  std::vector<std::vector<double>> sorted(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    for (double v : groups[g])
      if (!std::isnan(v)) sorted[g].push_back(v);
    std::sort(sorted[g].begin(), sorted[g].end());
  }
  std::vector<double> out;
  for (const QuantileRequest& r : requests)
    out.push_back(r.median ? median_sorted(sorted[r.group])
                           : quantile_sorted(sorted[r.group], r.q));
  return out;
}

std::vector<std::string> LocalReducer::union_keys(const std::vector<std::string>& local) const {
  std::set<std::string> s(local.begin(), local.end());
  return {s.begin(), s.end()};
}

std::int64_t LocalReducer::distinct_count(const std::vector<std::string>& local) const {
  return count_distinct(local);
}

std::int64_t count_distinct(std::vector<std::string> keys) {
  // A sorted vector: one allocation-free pass instead of a tree node per key.
  std::sort(keys.begin(), keys.end());
  return static_cast<std::int64_t>(std::unique(keys.begin(), keys.end()) - keys.begin());
}

Table LocalReducer::gather_rows(const Table& local) const {
  std::vector<std::size_t> all(local.num_rows());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  return local.gather(all);
}

}  // namespace heatstreet
