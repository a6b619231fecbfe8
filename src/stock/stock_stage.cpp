#include "heatstreet/stock/stock_stage.hpp"

#include "heatstreet/parallel/comm_reducer.hpp"
#include "heatstreet/stock/per_dwelling_columns.hpp"

namespace heatstreet::stock {

StockResult run(Table& dwellings, const StockSettings& settings,
                const scenario::ScenarioModel& model, const Comm& comm,
                const std::vector<std::pair<std::string, std::int64_t>>& counters) {
  run_agreed(comm,
             [&] { add_dwelling_columns(dwellings, settings, readiness_costs(model.config())); });
  // Past this point every rank has the same columns, so the table building can only fail
  // in the same way everywhere; the reductions keep the ranks in step.
  const CommReducer reducer(comm);
  return characterise(dwellings, settings, reducer, counters);
}

}  // namespace heatstreet::stock
