#pragma once
// The named values of a group of dwellings (spec: scenario model §7) from its merged
// accumulator and sample statistics. Pure.
#include <vector>

#include "heatstreet/scenario/aggregation.hpp"
#include "heatstreet/scenario/summary.hpp"

namespace heatstreet::scenario {

// `baseline`: the no-intervention scenario, which reports the current state only (§7.10).
std::vector<SummaryValue> summary_values(const Accumulator& acc, const SampleStats& stats,
                                         const ScenarioModel& model, bool baseline);

}  // namespace heatstreet::scenario
