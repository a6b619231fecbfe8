#pragma once
// The stock characterisation stage: adds the per-dwelling readiness, anomaly and
// uncertainty columns in place, then builds every archetype, readiness and report table
// across ranks (stock_characterise.hpp). Collective; the tables are identical on every
// rank and do not depend on the rank count.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "heatstreet/config.hpp"
#include "heatstreet/mpi_comm.hpp"
#include "heatstreet/scenario_model.hpp"
#include "heatstreet/stock_characterise.hpp"
#include "heatstreet/stock_reduce.hpp"

namespace heatstreet::stock {

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

// `counters`: the ingest counters for the data-quality report (may be empty).
StockResult run(Table& dwellings, const Config& cfg, const scenario::ScenarioModel& model,
                const Comm& comm,
                const std::vector<std::pair<std::string, std::int64_t>>& counters = {});

}  // namespace heatstreet::stock
