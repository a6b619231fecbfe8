#pragma once
// The subsidy sensitivity table (spec: scenario model §8): capital cost, payback, uptake
// and public spend of a scenario at each subsidy level. Pure.
#include <vector>

#include "heatstreet/config/scenario_config.hpp"
#include "heatstreet/scenario/summary.hpp"

namespace heatstreet::scenario {

// The rows of a scenario from its whole-stock values.
std::vector<SubsidyRow> subsidy_sensitivity(const SummaryGroup& overall,
                                            const ScenarioModelConfig& cfg);

}  // namespace heatstreet::scenario
