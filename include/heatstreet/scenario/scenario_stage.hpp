#pragma once
// The MPI layer of the scenario model: summaries merged over ranks. Totals and counts are
// exact integers (ExactSum) gathered from every rank; medians and quantiles come from
// distributed selection. Results are identical for any rank count and row split.
#include <vector>

#include "heatstreet/parallel/comm.hpp"
#include "heatstreet/scenario/scenario_model.hpp"
#include "heatstreet/scenario/summary.hpp"

namespace heatstreet::scenario {

// The summary of one scenario over the rows of every rank: whole stock, then each local
// authority (sorted GSS codes, when the column exists) and each tier 1-5 (when the tier
// column exists). `results` is compute()'s table for this rank's `dwellings`. Collective.
ScenarioSummary summarise(const ScenarioModel& model, std::size_t scenario, const Table& dwellings,
                          const Table& results, const Comm& comm);

// Adds the subsidy sensitivity rows (§8) to the summaries of subsidy.scenarios. Pure.
void add_subsidy_tables(const ScenarioModel& model, std::vector<ScenarioSummary>& summaries);

}  // namespace heatstreet::scenario
