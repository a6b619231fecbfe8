#pragma once
// A scenario summary as JSON and back, exactly (NaN as null): the run state keeps the
// summaries of completed scenarios so that a resumed run reports them unchanged.
#include <nlohmann/json.hpp>

#include "heatstreet/scenario/summary.hpp"

namespace heatstreet::scenario {

nlohmann::json to_json(const ScenarioSummary& s);
ScenarioSummary summary_from_json(const nlohmann::json& j);

}  // namespace heatstreet::scenario
