#pragma once
// Scenario aggregates (spec: scenario model §7, §8) as plain data: named values with
// units, for the whole stock and broken down by local authority and by tier, and the
// subsidy sensitivity rows. Built by aggregation.hpp and summary_values.hpp (one process)
// or scenario_stage.hpp (over ranks); written by summary_tables.hpp and summary_json.hpp.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace heatstreet::scenario {

struct SummaryValue {
  std::string name;
  std::string unit;
  double value = 0;  // NaN = null (no value)
  std::string text;  // set for text values (value is then NaN)
};

struct SummaryGroup {
  std::string dimension;  // "all", "local_authority" or "tier"
  std::string key;        // "" for all, the GSS code, or the tier number
  std::vector<SummaryValue> values;
  // The value of a named entry; throws std::out_of_range when absent.
  const SummaryValue& at(const std::string& name) const {
    for (const auto& v : values)
      if (v.name == name) return v;
    throw std::out_of_range("summary has no value '" + name + "'");
  }
  double get(const std::string& name) const { return at(name).value; }
};

struct SubsidyRow {
  double subsidy_pct = 0;
  double capital_cost_total = 0;         // after subsidy (and uplift)
  double capital_cost_per_property = 0;  // after subsidy (and uplift)
  double capital_cost_total_uplifted = 0;
  double capital_cost_per_property_uplifted = 0;
  double payback_years = 0;                // NaN when savings <= 0
  double property_payback_mean_years = 0;  // scenario value x cost scale (NaN passes)
  double property_payback_median_years = 0;
  double uptake = 0;
  std::int64_t properties_upgraded = 0;
  double public_expenditure_total = 0;
  double public_expenditure_per_property = 0;
  double abatement_cost_per_tonne = 0;
  std::string narrative;
};

struct ScenarioSummary {
  std::string id, label;
  std::vector<std::string> measures;
  bool published = false;
  bool baseline = false;
  std::vector<SummaryGroup> groups;  // groups[0] is the whole stock
  std::vector<SubsidyRow> subsidy;   // filled for subsidy.scenarios
  const SummaryGroup& overall() const { return groups.front(); }
};

}  // namespace heatstreet::scenario
