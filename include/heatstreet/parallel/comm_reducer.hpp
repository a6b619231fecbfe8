#pragma once
// The Reducer of reducer.hpp over the ranks of a communicator: the same answers as the
// LocalReducer, whatever the rank count.
#include <cstdint>
#include <string>
#include <vector>

#include "heatstreet/parallel/comm.hpp"
#include "heatstreet/parallel/reducer.hpp"

namespace heatstreet {

// The Reducer over the ranks of a communicator. Collective calls.
class CommReducer : public Reducer {
 public:
  explicit CommReducer(const Comm& comm) : comm_(comm) {}
  std::vector<std::int64_t> sum(const std::vector<std::int64_t>& local) const override;
  std::vector<ExactSum> sum(const std::vector<ExactSum>& local) const override;
  std::vector<double> quantiles(const std::vector<std::vector<double>>& groups,
                                const std::vector<QuantileRequest>& requests) const override;
  std::vector<std::string> union_keys(const std::vector<std::string>& local) const override;
  std::int64_t distinct_count(const std::vector<std::string>& local) const override;
  Table gather_rows(const Table& local) const override;

 private:
  const Comm& comm_;
};

}  // namespace heatstreet
