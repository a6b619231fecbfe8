#include "heatstreet/scenario/summary_values.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "heatstreet/core/vocabulary.hpp"

namespace heatstreet::scenario {

namespace {

using A = Accumulator;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kBandAGuardrailShare = 0.10;

// The values of one group as they are named, from its accumulator and sample statistics.
class GroupValues {
 public:
  GroupValues(const Accumulator& a, const SampleStats& st)
      : a(a), st(st), n(a.counts[A::kN]), dn(static_cast<double>(n)) {}

  void num(const char* name, const char* unit, double x) { v.push_back({name, unit, x, ""}); }
  void cnt(const std::string& name, std::int64_t x) {
    v.push_back({name, "dwellings", static_cast<double>(x), ""});
  }
  void txt(const char* name, std::string x) { v.push_back({name, "", kNaN, std::move(x)}); }
  double S(A::Sum k) const { return a.sums[k].value(); }
  double mean(A::Sum k) const { return a.sums[k].mean(); }
  std::int64_t C(A::Count k) const { return a.counts[k]; }
  double median(A::Sample k) const { return st.median[k]; }
  // A count as a percentage of the group's dwellings (0 for an empty group).
  double pct(std::int64_t x) const { return n ? static_cast<double>(x) / dn * 100 : 0.0; }

  const Accumulator& a;
  const SampleStats& st;
  const std::int64_t n;
  const double dn;
  std::vector<SummaryValue> v;
};

// The no-intervention scenario reports the stock's current energy and carbon only (§7.10).
void baseline_values(GroupValues& g, const ScenarioModel& model) {
  g.num("current_annual_energy_kwh", "kWh/yr", g.S(A::kBaseEnergy));
  // The predecessor priced all current energy as gas; documented mode sums each
  // dwelling's baseline emissions from its own heating fuel.
  g.num("current_annual_co2_kg", "kgCO2e/yr",
        model.policy().current_co2_summed_per_dwelling
            ? g.S(A::kBaseCo2)
            : g.S(A::kBaseEnergy) * model.params().c_gas);
  g.num("capital_cost_total", "GBP", 0);
  g.num("annual_energy_reduction_kwh", "kWh/yr", 0);
  g.num("annual_co2_reduction_kg", "kgCO2e/yr", 0);
  g.num("annual_bill_savings", "GBP/yr", 0);
  g.num("aggregate_simple_payback_years", "years", kNaN);
  g.txt("aggregate_simple_payback_status", "non_positive_aggregate_savings");
  g.cnt("payback_valid_denominator_count", 0);
  g.cnt("payback_non_positive_savings_count", g.n);
  g.cnt("payback_missing_input_count", 0);
  g.cnt("payback_non_finite_input_count", 0);
  g.cnt("payback_infinite_count", 0);
  g.num("cost_per_tco2_20yr_gbp", "GBP/tCO2e", kNaN);
}

// Totals (§7.1).
void total_values(GroupValues& g) {
  g.num("capital_cost_total", "GBP", g.S(A::kCapex));
  g.num("capital_cost_per_property", "GBP", g.mean(A::kCapex));
  g.num("annual_energy_reduction_kwh", "kWh/yr", g.S(A::kEnergyRed));
  g.num("annual_co2_reduction_kg", "kgCO2e/yr", g.S(A::kCo2Red));
  g.num("annual_bill_savings", "GBP/yr", g.S(A::kBillSav));
  g.num("baseline_bill_total", "GBP/yr", g.S(A::kBaseBill));
  g.num("post_measure_bill_total", "GBP/yr", g.S(A::kPostBill));
  g.num("baseline_co2_total_kg", "kgCO2e/yr", g.S(A::kBaseCo2));
  g.num("post_measure_co2_total_kg", "kgCO2e/yr", g.S(A::kPostCo2));
  g.num("baseline_annual_energy_kwh", "kWh/yr", g.S(A::kBaseEnergy));
  g.num("post_measure_energy_kwh", "kWh/yr", g.S(A::kPostEnergy));
  g.num("annual_bill_savings_low", "GBP/yr", g.S(A::kBillSavLow));
  g.num("annual_bill_savings_high", "GBP/yr", g.S(A::kBillSavHigh));
  g.num("post_measure_bill_total_low", "GBP/yr", g.S(A::kPostBillLow));
  g.num("post_measure_bill_total_high", "GBP/yr", g.S(A::kPostBillHigh));
  g.num("post_measure_co2_total_kg_low", "kgCO2e/yr", g.S(A::kPostCo2Low));
  g.num("post_measure_co2_total_kg_high", "kgCO2e/yr", g.S(A::kPostCo2High));
  g.num("heat_pump_electricity_total_kwh", "kWh/yr", g.S(A::kHpElec));
  g.num("heat_pump_electricity_total_kwh_low", "kWh/yr", g.S(A::kHpElecLow));
  g.num("heat_pump_electricity_total_kwh_high", "kWh/yr", g.S(A::kHpElecHigh));
}

// The payback contract (§7.2) and the stock's cost per tonne.
void payback_values(GroupValues& g, const ScenarioModel& model) {
  const double capex = g.S(A::kCapex), savings = g.S(A::kBillSav), co2 = g.S(A::kCo2Red);
  const double agg = savings > 0 ? capex / savings : kNaN;
  const bool agg_ok = savings > 0 && std::isfinite(agg);
  g.num("aggregate_simple_payback_years", "years", agg_ok ? agg : kNaN);
  g.txt("aggregate_simple_payback_status", agg_ok ? "valid" : "non_positive_aggregate_savings");
  g.num("property_simple_payback_mean_years", "years", g.mean(A::kPaybackValid));
  g.num("property_simple_payback_median_years", "years", g.median(A::kSPayback));
  g.cnt("payback_valid_denominator_count", g.C(A::kPbValid));
  g.cnt("payback_non_positive_savings_count", g.C(A::kPbNonPositive));
  g.cnt("payback_missing_input_count", g.C(A::kPbMissing));
  g.cnt("payback_non_finite_input_count", g.C(A::kPbNonFinite));
  g.cnt("payback_infinite_count", g.C(A::kPbInfinite));
  g.cnt("properties_cost_effective", g.C(A::kPbValid));
  g.cnt("properties_not_cost_effective", g.C(A::kPbNonPositive));
  g.num("pct_not_cost_effective", "%", g.pct(g.C(A::kPbNonPositive)));
  const double horizon = model.config().financial.analysis_horizon_years;
  const double denom = co2 / 1000 * horizon;
  double per_t = denom > 0 ? capex / denom : kNaN;
  // The predecessor's summary table recomputed a null value whenever the reduction was
  // non-zero, giving a negative cost for scenarios that add emissions.
  if (std::isnan(per_t) && !model.policy().abatement_null_unless_emissions_fall && co2 != 0)
    per_t = capex / denom;
  g.num("cost_per_tco2_20yr_gbp", "GBP/tCO2e", per_t);
}

// Energy and SAP (§7.3).
void energy_and_sap_values(GroupValues& g) {
  const auto& ratio = g.a.sums[A::kEnergyRatio];
  const bool any = g.n != 0;
  g.num("mean_energy_reduction_pct", "%", ratio.count() ? 100 * ratio.mean() : kNaN);
  g.num("median_energy_reduction_pct", "%", 100 * g.median(A::kSEnergyRatio));
  g.num("sap_rating_delta_total", "SAP points", any ? g.S(A::kSapDelta) : 0.0);
  g.num("sap_rating_delta_mean", "SAP points", any ? g.mean(A::kSapDelta) : 0.0);
  g.num("sap_rating_delta_median", "SAP points", any ? g.median(A::kSSapDelta) : 0.0);
  g.num("sap_delta_basis_pct_mean", "%", g.mean(A::kSapBasis));
  g.num("sap_delta_basis_pct_median", "%", g.median(A::kSSapBasis));
  g.cnt("epc_band_shift_cap_applied_properties", g.C(A::kBandCapped));
  g.num("epc_band_max_improvement", "bands", 2);
  g.num("epc_band_shift_mean_steps", "bands", g.mean(A::kBandSteps));
}

// Heat-pump readiness and technology (§7.4, §7.5), costing caps (§7.6).
void readiness_values(GroupValues& g) {
  const std::int64_t inst = g.C(A::kAshpInstalled), ready_after = g.C(A::kAshpReadyAfter);
  g.cnt("ashp_installed_properties", inst);
  g.cnt("ashp_ready_before_installation_properties", g.C(A::kAshpReadyBefore));
  g.cnt("ashp_ready_after_applied_measures_properties", ready_after);
  g.cnt("ashp_residual_readiness_gap_properties", inst - ready_after);
  g.num("ashp_ready_after_applied_measures_pct", "%",
        inst ? static_cast<double>(ready_after) / static_cast<double>(inst) * 100 : kNaN);
  g.cnt("ashp_zero_baseline_energy_properties", g.C(A::kAshpZeroBaseline));
  g.cnt("ashp_positive_demand_properties", g.C(A::kAshpPositiveDemand));
  g.cnt("ashp_positive_electricity_properties", g.C(A::kAshpPositiveElec));
  g.cnt("ashp_fabric_applied_properties", g.C(A::kAshpFabric));
  g.cnt("ashp_removed_properties", 0);
  g.cnt("hn_ready_properties", g.C(A::kHnReady));
  g.cnt("hn_assigned_properties", g.C(A::kHnAssigned));
  g.cnt("ashp_assigned_properties", g.C(A::kAshpAssigned));
  g.cnt("costing_caps_applied_properties", g.C(A::kCaps));
}

// EPC bands (§7.7).
void band_values(GroupValues& g, const ScenarioModel& model) {
  const auto& counts = g.a.counts;
  const auto& labels = band_labels();
  std::int64_t before_total = 0, c_before = 0, c_after = 0, c_after_known = 0;
  for (int b = 0; b < 7; ++b) {
    const std::int64_t x = counts[A::kBandBefore + b];
    before_total += x;
    if (b <= 2) {
      c_before += x;
      c_after += counts[A::kBandAfter + b];
      c_after_known += counts[A::kBandAfterKnown + b];
    }
  }
  for (int b = 0; b < 7; ++b) g.cnt("band_before_" + labels[b], counts[A::kBandBefore + b]);
  for (int b = 0; b < 7; ++b) g.cnt("band_after_" + labels[b], counts[A::kBandAfter + b]);
  const std::int64_t a_before = counts[A::kBandBefore], a_after = counts[A::kBandAfter];
  const std::int64_t guardrail =
      a_before + static_cast<std::int64_t>(std::floor(g.dn * kBandAGuardrailShare));
  const std::int64_t hard =
      a_before + static_cast<std::int64_t>(std::floor(g.dn * kBandAGuardrailShare * 2));
  g.cnt("band_a_guardrail", guardrail);
  g.num("band_a_warning", "", a_after > guardrail ? 1 : 0);
  g.num("band_a_hard_limit_exceeded", "", a_after > hard ? 1 : 0);
  g.cnt("band_c_or_better_before", c_before);
  // The predecessor divided every dwelling's band after by the dwellings with a known
  // band before, so the share could exceed 100 %; documented mode counts like with like.
  const std::int64_t after_for_pct =
      model.policy().band_after_counts_known_before ? c_after_known : c_after;
  g.cnt("band_c_or_better_after", after_for_pct);
  const double nb = static_cast<double>(before_total);
  g.num("band_c_or_better_before_pct", "%",
        before_total ? static_cast<double>(c_before) / nb * 100 : kNaN);
  g.num("band_c_or_better_after_pct", "%",
        before_total ? static_cast<double>(after_for_pct) / nb * 100 : kNaN);
}

// Payback distribution and cost-effectiveness (§7.8).
void cost_effectiveness_values(GroupValues& g, const ScenarioModel& model) {
  const std::int64_t infinite = g.n - g.C(A::kPbFinite);
  g.cnt("payback_0_5_years", g.C(A::kPb0to5));
  g.cnt("payback_5_10_years", g.C(A::kPb5to10));
  g.cnt("payback_10_15_years", g.C(A::kPb10to15));
  g.cnt("payback_15_20_years", g.C(A::kPb15to20));
  g.cnt("payback_over_20_years", g.C(A::kPbOver20));
  g.cnt("payback_not_cost_effective", infinite);
  g.cnt("upgrade_recommended_count", g.C(A::kRecommended));
  g.num("upgrade_recommended_pct", "%", g.pct(g.C(A::kRecommended)));
  g.cnt("cost_effective_count", g.C(A::kCeCost));
  g.num("cost_effective_pct", "%", g.pct(g.C(A::kCeCost)));
  g.cnt("marginal_count", g.C(A::kCeMarginal));
  g.num("marginal_pct", "%", g.pct(g.C(A::kCeMarginal)));
  g.cnt("not_cost_effective_count", g.C(A::kCeLong) + infinite);
  g.num("not_cost_effective_pct", "%", g.pct(g.C(A::kCeLong) + infinite));
  g.cnt("long_payback_count", g.C(A::kCeLong));
  g.cnt("infinite_payback_count", infinite);
  g.num("avg_payback_cost_effective", "years", g.mean(A::kPaybackCostEffective));
  g.num("median_payback_cost_effective", "years", g.median(A::kSPaybackCe));
  g.num("avg_payback_marginal", "years", g.mean(A::kPaybackMarginal));
  g.num("cost_effective_threshold_years", "years", model.config().financial.max_payback_years);
  g.num("marginal_threshold_years", "years", marginal_payback_threshold(model));
}

// Abatement (§7.9).
void abatement_values(GroupValues& g) {
  g.num("carbon_abatement_cost_property_mean", "GBP/tCO2e", g.mean(A::kAbatement));
  g.num("carbon_abatement_cost_property_median", "GBP/tCO2e", g.median(A::kSAbatement));
  g.num("carbon_abatement_cost_property_p10", "GBP/tCO2e", g.st.abatement_p10);
  g.num("carbon_abatement_cost_property_p90", "GBP/tCO2e", g.st.abatement_p90);
}

}  // namespace

std::vector<SummaryValue> summary_values(const Accumulator& a, const SampleStats& st,
                                         const ScenarioModel& model, bool baseline) {
  GroupValues g(a, st);
  g.cnt("total_properties", g.n);
  if (baseline) {
    baseline_values(g, model);
    return std::move(g.v);
  }
  total_values(g);
  payback_values(g, model);
  energy_and_sap_values(g);
  readiness_values(g);
  band_values(g, model);
  cost_effectiveness_values(g, model);
  abatement_values(g);
  return std::move(g.v);
}

}  // namespace heatstreet::scenario
