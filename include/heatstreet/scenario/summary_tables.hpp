#pragma once
// The scenario tables under tables/ and each scenario's summary table in the results
// (docs/output-format.md), as Tables for the one CSV writer (core/csv_table.hpp) and the
// results writer. Numbers carry 17 significant digits; an empty value is null.
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
// /scenarios/<id>/summary: one row per summary value of one scenario (whole stock, each
// local authority, each tier): dimension, key, metric, unit, value, text.
Table summary_group_table(const ScenarioSummary& s);

}  // namespace heatstreet::scenario
