#include "heatstreet/scenario/summary_json.hpp"

#include <cmath>
#include <limits>

namespace heatstreet::scenario {

namespace {
nlohmann::json number(double v) {
  return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v);
}
double number_from(const nlohmann::json& j) {
  return j.is_null() ? std::numeric_limits<double>::quiet_NaN() : j.get<double>();
}
}  // namespace

nlohmann::json to_json(const ScenarioSummary& s) {
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : s.groups) {
    nlohmann::json values = nlohmann::json::array();
    for (const auto& v : g.values) values.push_back({v.name, v.unit, number(v.value), v.text});
    groups.push_back({{"dimension", g.dimension}, {"key", g.key}, {"values", values}});
  }
  nlohmann::json subsidy = nlohmann::json::array();
  for (const auto& r : s.subsidy)
    subsidy.push_back(
        {number(r.subsidy_pct), number(r.capital_cost_total), number(r.capital_cost_per_property),
         number(r.capital_cost_total_uplifted), number(r.capital_cost_per_property_uplifted),
         number(r.payback_years), number(r.property_payback_mean_years),
         number(r.property_payback_median_years), number(r.uptake), r.properties_upgraded,
         number(r.public_expenditure_total), number(r.public_expenditure_per_property),
         number(r.abatement_cost_per_tonne), r.narrative});
  return {{"id", s.id},
          {"label", s.label},
          {"measures", s.measures},
          {"published", s.published},
          {"baseline", s.baseline},
          {"groups", groups},
          {"subsidy", subsidy}};
}

ScenarioSummary summary_from_json(const nlohmann::json& j) {
  ScenarioSummary s;
  s.id = j.at("id").get<std::string>();
  s.label = j.at("label").get<std::string>();
  s.measures = j.at("measures").get<std::vector<std::string>>();
  s.published = j.at("published").get<bool>();
  s.baseline = j.at("baseline").get<bool>();
  for (const auto& g : j.at("groups")) {
    SummaryGroup group;
    group.dimension = g.at("dimension").get<std::string>();
    group.key = g.at("key").get<std::string>();
    for (const auto& v : g.at("values"))
      group.values.push_back({v[0].get<std::string>(), v[1].get<std::string>(), number_from(v[2]),
                              v[3].get<std::string>()});
    s.groups.push_back(std::move(group));
  }
  for (const auto& r : j.at("subsidy")) {
    SubsidyRow row;
    row.subsidy_pct = number_from(r[0]);
    row.capital_cost_total = number_from(r[1]);
    row.capital_cost_per_property = number_from(r[2]);
    row.capital_cost_total_uplifted = number_from(r[3]);
    row.capital_cost_per_property_uplifted = number_from(r[4]);
    row.payback_years = number_from(r[5]);
    row.property_payback_mean_years = number_from(r[6]);
    row.property_payback_median_years = number_from(r[7]);
    row.uptake = number_from(r[8]);
    row.properties_upgraded = r[9].get<std::int64_t>();
    row.public_expenditure_total = number_from(r[10]);
    row.public_expenditure_per_property = number_from(r[11]);
    row.abatement_cost_per_tonne = number_from(r[12]);
    row.narrative = r[13].get<std::string>();
    s.subsidy.push_back(std::move(row));
  }
  return s;
}

}  // namespace heatstreet::scenario
