#include "heatstreet/scenario/summary_tables.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <variant>

#include "heatstreet/core/column_spec.hpp"
#include "heatstreet/core/csv_text.hpp"

namespace heatstreet::scenario {

namespace {

using Text = std::string;
constexpr int kDigits = 17;  // significant digits of every number in these tables
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const std::vector<std::string>& false_true_labels() {
  static const std::vector<std::string> l{"false", "true"};
  return l;
}

// --- scenario_summary.csv (the metric columns follow, as the summaries name them) ---
constexpr ColumnSpec<Text> kScenarioId{"scenario_id", "", "Scenario id"};
constexpr ColumnSpec<Text> kScenarioName{"scenario", "", "Scenario name"};
constexpr ColumnSpec<std::uint8_t> kPublished{"published", "", "Whether the scenario is published",
                                              false_true_labels};

// --- scenario_breakdown.csv ---
constexpr ColumnSpec<Text> kScenario{"scenario", "", "Scenario id"};
constexpr ColumnSpec<Text> kScenarioLabel{"scenario_label", "", "Scenario name"};
constexpr ColumnSpec<Text> kDimension{"dimension", "", "all, local_authority or tier"};
constexpr ColumnSpec<Text> kKey{"key", "", "GSS code or tier number (empty for all)"};
constexpr ColumnSpec<Text> kMetric{"metric", "", "Summary value (docs/output-format.md)"};
constexpr ColumnSpec<Text> kUnit{"unit", "", "Unit of the value"};
constexpr ColumnSpec<Text> kValue{"value", "", "The number, or the text of a text value"};

// --- subsidy_sensitivity.csv ---
template <class T>
constexpr ColumnSpec<T> number(const char* name, const char* unit, const char* description) {
  return {name, unit, description, nullptr, kDigits};
}
constexpr auto kSubsidyPct =
    number<double>("subsidy_percentage", "%", "Share of the capital cost subsidised");
constexpr auto kCostTotal = number<double>("capital_cost_total_after_subsidy", "GBP",
                                           "Capital cost after subsidy (and uplift)");
constexpr auto kCostPerProperty = number<double>("capital_cost_per_property_after_subsidy", "GBP",
                                                 "Per dwelling, after subsidy (and uplift)");
constexpr auto kPayback = number<double>("aggregate_simple_payback_years", "years",
                                         "Cost after subsidy over annual bill savings");
constexpr auto kUptake =
    number<double>("estimated_uptake_rate", "", "Share of dwellings upgrading (uptake curve)");
constexpr ColumnSpec<std::int64_t> kUpgraded{"properties_upgraded", "dwellings",
                                             "Dwellings upgrading at that uptake"};
constexpr auto kSpendTotal =
    number<double>("public_expenditure_total", "GBP", "Subsidy paid to the upgraded dwellings");
constexpr auto kSpendPerProperty =
    number<double>("public_expenditure_per_property", "GBP", "Subsidy per upgraded dwelling");
constexpr auto kAbatement = number<double>("carbon_abatement_cost_per_tonne", "GBP/tCO2e",
                                           "Public spend per tonne saved over the horizon");
constexpr ColumnSpec<Text> kNarrative{"narrative_line", "", "The row in words"};

// A summary value as table text: its text, else its number.
std::string value_text(const SummaryValue& v) {
  return v.text.empty() ? format_number(v.value, kDigits) : v.text;
}

// A metric column of the scenario table: numbers, or text when any scenario's value is text.
struct Metric {
  std::string name, unit;
  bool text = false;
  std::variant<std::vector<double>*, StringColumn*> column;
};

// The whole-stock metrics of every scenario, in first-seen order.
std::vector<Metric> metrics_of(const std::vector<ScenarioSummary>& summaries) {
  std::vector<Metric> metrics;
  for (const auto& s : summaries)
    for (const auto& v : s.overall().values) {
      auto it = std::find_if(metrics.begin(), metrics.end(),
                             [&](const Metric& m) { return m.name == v.name; });
      if (it == metrics.end())
        it = metrics.insert(metrics.end(), Metric{v.name, v.unit, false, {}});
      it->text = it->text || !v.text.empty();
    }
  return metrics;
}

const SummaryValue* find_value(const SummaryGroup& g, const std::string& name) {
  for (const auto& v : g.values)
    if (v.name == name) return &v;
  return nullptr;
}

}  // namespace

Table scenario_table(const std::vector<ScenarioSummary>& summaries) {
  Table t;
  auto& id = add_column(t, kScenarioId);
  auto& name = add_column(t, kScenarioName);
  auto& published = add_column(t, kPublished);
  std::vector<Metric> metrics = metrics_of(summaries);
  for (Metric& m : metrics) {
    ColumnInfo info{m.name, m.unit, "Whole-stock summary value", {}, kDigits};
    if (m.text)
      m.column = &t.add_strings(std::move(info));
    else
      m.column = &t.add<double>(std::move(info));
  }
  for (const auto& s : summaries) {
    id.push_back(s.id);
    name.push_back(s.label);
    published.push_back(s.published ? 1 : 0);
    for (const Metric& m : metrics) {
      const SummaryValue* v = find_value(s.overall(), m.name);
      if (m.text)
        std::get<StringColumn*>(m.column)->push_back(v ? value_text(*v) : std::string());
      else
        std::get<std::vector<double>*>(m.column)->push_back(v ? v->value : kNaN);
    }
  }
  return t;
}

Table breakdown_table(const std::vector<ScenarioSummary>& summaries) {
  Table t;
  auto& scenario = add_column(t, kScenario);
  auto& label = add_column(t, kScenarioLabel);
  auto& published = add_column(t, kPublished);
  auto& dimension = add_column(t, kDimension);
  auto& key = add_column(t, kKey);
  auto& metric = add_column(t, kMetric);
  auto& unit = add_column(t, kUnit);
  auto& value = add_column(t, kValue);
  for (const auto& s : summaries)
    for (const auto& g : s.groups)
      for (const auto& v : g.values) {
        scenario.push_back(s.id);
        label.push_back(s.label);
        published.push_back(s.published ? 1 : 0);
        dimension.push_back(g.dimension);
        key.push_back(g.key);
        metric.push_back(v.name);
        unit.push_back(v.unit);
        value.push_back(value_text(v));
      }
  return t;
}

Table subsidy_table(const std::vector<ScenarioSummary>& summaries) {
  Table t;
  auto& scenario = add_column(t, kScenario);
  auto& label = add_column(t, kScenarioLabel);
  auto& pct = add_column(t, kSubsidyPct);
  auto& cost = add_column(t, kCostTotal);
  auto& cost_per = add_column(t, kCostPerProperty);
  auto& payback = add_column(t, kPayback);
  auto& uptake = add_column(t, kUptake);
  auto& upgraded = add_column(t, kUpgraded);
  auto& spend = add_column(t, kSpendTotal);
  auto& spend_per = add_column(t, kSpendPerProperty);
  auto& abatement = add_column(t, kAbatement);
  auto& narrative = add_column(t, kNarrative);
  std::vector<const ScenarioSummary*> order;
  for (const auto& s : summaries) order.push_back(&s);
  std::sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->id < b->id; });
  for (const auto* s : order)
    for (const auto& r : s->subsidy) {
      scenario.push_back(s->id);
      label.push_back(s->label);
      pct.push_back(r.subsidy_pct);
      cost.push_back(r.capital_cost_total);
      cost_per.push_back(r.capital_cost_per_property);
      payback.push_back(r.payback_years);
      uptake.push_back(r.uptake);
      upgraded.push_back(r.properties_upgraded);
      spend.push_back(r.public_expenditure_total);
      spend_per.push_back(r.public_expenditure_per_property);
      abatement.push_back(r.abatement_cost_per_tonne);
      narrative.push_back(r.narrative);
    }
  return t;
}

Table summary_group_table(const ScenarioSummary& s) {
  static constexpr ColumnSpec<std::string> kDimension{"dimension", "",
                                                      "all, local_authority or tier"};
  static constexpr ColumnSpec<std::string> kKey{"key", "",
                                                "GSS code or tier number (empty for all)"};
  static constexpr ColumnSpec<std::string> kMetric{"metric", "",
                                                   "Summary value (docs/output-format.md)"};
  static constexpr ColumnSpec<std::string> kUnit{"unit", "", "Unit of the value"};
  static constexpr ColumnSpec<double> kValue{"value", "", "Numeric value (NaN: none or text)"};
  static constexpr ColumnSpec<std::string> kText{"text", "", "Text value, where the value is text"};
  Table t;
  auto& dim = add_column(t, kDimension);
  auto& key = add_column(t, kKey);
  auto& metric = add_column(t, kMetric);
  auto& unit = add_column(t, kUnit);
  auto& value = add_column(t, kValue);
  auto& text = add_column(t, kText);
  for (const auto& g : s.groups)
    for (const auto& v : g.values) {
      dim.push_back(g.dimension);
      key.push_back(g.key);
      metric.push_back(v.name);
      unit.push_back(v.unit);
      value.push_back(v.value);
      text.push_back(v.text);
    }
  return t;
}

}  // namespace heatstreet::scenario
