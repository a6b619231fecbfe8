#pragma once
// The few whole-stock operations the stock characterisation needs, behind one
// interface: exact sums, exact order statistics, key unions, distinct counts and
// gathering a few rows. LocalReducer does them in one process (tests, and the reference
// the MPI test compares with); the stage's reducer does them across ranks with the
// same answers, so every table is identical for any rank count.
#include <cstdint>
#include <string>
#include <vector>

#include "heatstreet/core/exact_sum.hpp"
#include "heatstreet/core/table.hpp"

namespace heatstreet {

// An order statistic of group `group`: the median (pandas: mean of the middle pair) or
// the quantile q with NumPy's linear interpolation.
struct QuantileRequest {
  std::size_t group = 0;
  double q = 0.5;
  bool median = false;
};

class Reducer {
 public:
  virtual ~Reducer() = default;
  // Element-wise totals over the whole stock. Every call is collective in the stage.
  virtual std::vector<std::int64_t> sum(const std::vector<std::int64_t>& local) const = 0;
  virtual std::vector<ExactSum> sum(const std::vector<ExactSum>& local) const = 0;
  // Requested order statistics of the union of each group's values (NaN skipped; NaN
  // for an empty group).
  virtual std::vector<double> quantiles(const std::vector<std::vector<double>>& groups,
                                        const std::vector<QuantileRequest>& requests) const = 0;
  // The sorted, distinct union of keys.
  virtual std::vector<std::string> union_keys(const std::vector<std::string>& local) const = 0;
  // The number of distinct values.
  virtual std::int64_t distinct_count(const std::vector<std::string>& local) const = 0;
  // Every row of every part (rank order, then local order). For small selections.
  virtual Table gather_rows(const Table& local) const = 0;
};

// Distinct values among keys (exact).
std::int64_t count_distinct(std::vector<std::string> keys);

class LocalReducer : public Reducer {
 public:
  std::vector<std::int64_t> sum(const std::vector<std::int64_t>& local) const override;
  std::vector<ExactSum> sum(const std::vector<ExactSum>& local) const override;
  std::vector<double> quantiles(const std::vector<std::vector<double>>& groups,
                                const std::vector<QuantileRequest>& requests) const override;
  std::vector<std::string> union_keys(const std::vector<std::string>& local) const override;
  std::int64_t distinct_count(const std::vector<std::string>& local) const override;
  Table gather_rows(const Table& local) const override;
};

}  // namespace heatstreet
