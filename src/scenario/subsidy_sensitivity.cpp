#include "heatstreet/scenario/subsidy_sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>

#include "heatstreet/core/csv_text.hpp"

namespace heatstreet::scenario {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kNoSavingsPayback = 999;  // subsidy table sentinel when savings <= 0

// 1234567.8 -> "1,234,568" (Python's "{:,.0f}").
std::string thousands(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.0f", x);
  std::string s = buf, out;
  const bool neg = !s.empty() && s[0] == '-';
  if (neg) s = s.substr(1);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i && (s.size() - i) % 3 == 0) out += ',';
    out += s[i];
  }
  return neg ? "-" + out : out;
}

// The whole-stock values the table starts from.
struct StockFigures {
  double total, per, savings, co2, n, payback_mean, payback_median;
};

StockFigures stock_figures(const SummaryGroup& g) {
  return {g.get("capital_cost_total"),
          g.get("capital_cost_per_property"),
          g.get("annual_bill_savings"),
          g.get("annual_co2_reduction_kg"),
          g.get("total_properties"),
          g.get("property_simple_payback_mean_years"),
          g.get("property_simple_payback_median_years")};
}

// The narrative line of a row whose payback (the sentinel when savings <= 0) is pb.
std::string narrative(const SubsidyRow& r, double pb) {
  char line[256];
  std::snprintf(line, sizeof line, "%s%% subsidy: payback %.1f years, uptake %.1f%%, ",
                format_number(r.subsidy_pct, 17).c_str(), pb, 100 * r.uptake);
  return std::string(line) + "public spend GBP " + thousands(r.public_expenditure_total) +
         ", abatement cost GBP " + thousands(r.abatement_cost_per_tonne) + "/tCO2.";
}

// At no subsidy the table's payback is the scenario's aggregate payback.
void check_unsubsidised_payback(const SubsidyRow& r, const SummaryGroup& g) {
  const double agg = g.get("aggregate_simple_payback_years");
  const bool both_null = std::isnan(agg) && std::isnan(r.payback_years);
  if (!both_null && !(std::fabs(agg - r.payback_years) <= 1e-10 * std::max(1.0, std::fabs(agg))))
    throw std::logic_error("subsidy table: payback at 0 % differs from the scenario's");
}

SubsidyRow subsidy_row(double s, const StockFigures& f, const ScenarioModelConfig& cfg) {
  const UptakeCurve& u = cfg.subsidy.uptake;
  const double uplift = cfg.financial.subsidy_sensitivity_cost_uplift_pct / 100;
  const double horizon = cfg.financial.analysis_horizon_years;
  SubsidyRow r;
  r.subsidy_pct = s;
  const double scale = s == 0 ? 1.0 : (1 + uplift) * (1 - s / 100);
  r.capital_cost_total_uplifted = f.total * (1 + uplift);
  r.capital_cost_per_property_uplifted = f.per * (1 + uplift);
  r.capital_cost_total = s == 0 ? f.total : f.total * (1 + uplift) * (1 - s / 100);
  r.capital_cost_per_property = s == 0 ? f.per : f.per * (1 + uplift) * (1 - s / 100);
  const double pb = f.savings > 0 ? r.capital_cost_total / f.savings : kNoSavingsPayback;
  r.payback_years = f.savings > 0 ? pb : kNaN;
  r.property_payback_mean_years = f.payback_mean * scale;
  r.property_payback_median_years = f.payback_median * scale;
  const double z = std::min(20.0, std::max(-20.0, u.steepness * (pb - u.midpoint_years)));
  double uptake = u.ceiling / (1 + std::exp(z));
  if (u.clamp) uptake = std::min(u.ceiling, std::max(u.floor, uptake));
  r.uptake = uptake;
  r.properties_upgraded = static_cast<std::int64_t>(std::trunc(f.n * uptake));
  r.public_expenditure_total =
      f.per * (1 + uplift) * s / 100 * static_cast<double>(r.properties_upgraded);
  r.public_expenditure_per_property =
      r.properties_upgraded
          ? r.public_expenditure_total / static_cast<double>(r.properties_upgraded)
          : 0;
  const double co2_saved = f.co2 * uptake * horizon;
  r.abatement_cost_per_tonne = co2_saved > 0 ? r.public_expenditure_total / (co2_saved / 1000) : 0;
  r.narrative = narrative(r, pb);
  return r;
}

}  // namespace

std::vector<SubsidyRow> subsidy_sensitivity(const SummaryGroup& g, const ScenarioModelConfig& cfg) {
  const StockFigures f = stock_figures(g);
  std::vector<SubsidyRow> rows;
  for (double s : cfg.subsidy.levels) {
    rows.push_back(subsidy_row(s, f, cfg));
    if (s == 0) check_unsubsidised_payback(rows.back(), g);
  }
  return rows;
}

}  // namespace heatstreet::scenario
