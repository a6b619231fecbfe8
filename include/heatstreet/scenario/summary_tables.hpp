#pragma once
// The scenario tables under tables/ (docs/output-format.md), as Tables for the one CSV
// writer (core/csv_table.hpp). Numbers carry 17 significant digits; an empty value is null.
#include <vector>

#include "heatstreet/core/table.hpp"
#include "heatstreet/scenario/summary.hpp"

namespace heatstreet::scenario {

// scenario_summary.csv: one row per scenario (whole stock): scenario_id, scenario,
// published, then one column per metric in first-seen order (empty where a scenario has
// no such value).
Table scenario_table(const std::vector<ScenarioSummary>& summaries);
// scenario_breakdown.csv: one row per scenario, group and value (scenario, label,
// published, dimension, key, metric, unit, value).
Table breakdown_table(const std::vector<ScenarioSummary>& summaries);
// subsidy_sensitivity.csv: the subsidy rows of every scenario, scenarios by id.
Table subsidy_table(const std::vector<ScenarioSummary>& summaries);

}  // namespace heatstreet::scenario
