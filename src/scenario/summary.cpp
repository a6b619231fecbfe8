#include "heatstreet/scenario/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/parallel/order_statistics.hpp"

namespace heatstreet::scenario {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kBandAGuardrailShare = 0.10;
constexpr double kNoSavingsPayback = 999;  // subsidy table sentinel when savings <= 0
constexpr double kMarginalPaybackPython = 25;

const std::vector<std::uint8_t>& ucol(const Table& t, const char* name) {
  return t.get<std::uint8_t>(name);
}

// Result columns the aggregates read, in the order the constructor binds them.
enum DoubleColumn {
  kDCapex,
  kDSavings,
  kDBase,
  kDEnergyRed,
  kDCo2Red,
  kDPostEnergy,
  kDBaseBill,
  kDPostBill,
  kDBaseCo2,
  kDPostCo2,
  kDSavLow,
  kDSavHigh,
  kDPostBillLow,
  kDPostBillHigh,
  kDPostCo2Low,
  kDPostCo2High,
  kDElec,
  kDElecLow,
  kDElecHigh,
  kDSapDelta,
  kDSapBasis,
  kDPayback,
  kDAbatement
};
enum FlagColumn {
  kUSteps,
  kUCapped,
  kURecommended,
  kUCaps,
  kUBandAfter,
  kUAshpReady,
  kUReadyAfter,
  kUFabricInserted,
  kUHybrid,
  kUTechnology
};

double marginal_threshold(const ScenarioModel& m) {
  // The predecessor never read max_payback_marginal and used 25 years.
  return m.methodology() == Methodology::kPython ? kMarginalPaybackPython
                                                 : m.config().financial.max_payback_marginal;
}

}  // namespace

const SummaryValue& SummaryGroup::at(const std::string& name) const {
  for (const auto& v : values)
    if (v.name == name) return v;
  throw std::out_of_range("summary has no value '" + name + "'");
}

Accumulator& Accumulator::operator+=(const Accumulator& o) {
  for (std::size_t i = 0; i < sums.size(); ++i) sums[i] += o.sums[i];
  for (std::size_t i = 0; i < counts.size(); ++i) counts[i] += o.counts[i];
  return *this;
}

void Accumulator::to_words(std::int64_t* w) const {
  for (std::size_t i = 0; i < sums.size(); ++i) sums[i].to_words(w + i * ExactSum::kWords);
  std::copy(counts.begin(), counts.end(), w + kSums * ExactSum::kWords);
}

void Accumulator::add_words(const std::int64_t* w) {
  for (std::size_t i = 0; i < sums.size(); ++i)
    sums[i] += ExactSum::from_words(w + i * ExactSum::kWords);
  for (std::size_t i = 0; i < counts.size(); ++i) counts[i] += w[kSums * ExactSum::kWords + i];
}

RowAggregator::RowAggregator(const ScenarioModel& model, const Table& dwellings,
                             const Table& results)
    : model_(model),
      band_in_(ucol(dwellings, dwelling::kCurrentBand)),
      hn_ready_(ucol(dwellings, dwelling::kHnReady)),
      r_(results),
      max_payback_(model.config().financial.max_payback_years),
      marginal_(marginal_threshold(model)) {
  for (const char* name :
       {out::kCapitalCost,   out::kBillSavings,      out::kBaselineEnergy,    out::kEnergyReduction,
        out::kCo2Reduction,  out::kPostEnergy,       out::kBaselineBill,      out::kPostBill,
        out::kBaselineCo2,   out::kPostCo2,          out::kBillSavingsLow,    out::kBillSavingsHigh,
        out::kPostBillLow,   out::kPostBillHigh,     out::kPostCo2Low,        out::kPostCo2High,
        out::kHpElectricity, out::kHpElectricityLow, out::kHpElectricityHigh, out::kSapDelta,
        out::kSapBasisPct,   out::kSimplePayback,    out::kAbatementCost})
    d_.push_back(results.get<double>(name).data());
  for (const char* name :
       {out::kBandShiftSteps, out::kBandShiftCapped, out::kRecommended, out::kCostCapApplied,
        out::kBandAfter, out::kAshpReady, out::kReadyAfterMeasures, out::kFabricInserted,
        out::kHybridPathway, out::kTechnology})
    u_.push_back(results.get<std::uint8_t>(name).data());
  mask_ = results.get<std::int32_t>(out::kMeasuresApplied).data();
  if (results.num_rows() != dwellings.num_rows())
    throw std::logic_error("scenario results are not aligned with the dwellings");
}

void RowAggregator::add(std::size_t i, Accumulator& a) const {
  std::array<double, Accumulator::kSamples> v;
  add(i, a, v);
  for (std::size_t k = 0; k < v.size(); ++k)
    if (!std::isnan(v[k])) a.samples[k].push_back(v[k]);
}

void RowAggregator::add(std::size_t i, Accumulator& a,
                        std::array<double, Accumulator::kSamples>& samples) const {
  using A = Accumulator;
  samples.fill(kNaN);
  auto& s = a.sums;
  auto& c = a.counts;
  c[A::kN] += 1;
  const double capex = d_[kDCapex][i];
  const double savings = d_[kDSavings][i];
  const double base = d_[kDBase][i];
  const double ered = d_[kDEnergyRed][i];
  s[A::kCapex].add(capex);
  s[A::kEnergyRed].add(ered);
  s[A::kCo2Red].add(d_[kDCo2Red][i]);
  s[A::kBillSav].add(savings);
  s[A::kBaseEnergy].add(base);
  s[A::kPostEnergy].add(d_[kDPostEnergy][i]);
  s[A::kBaseBill].add(d_[kDBaseBill][i]);
  s[A::kPostBill].add(d_[kDPostBill][i]);
  s[A::kBaseCo2].add(d_[kDBaseCo2][i]);
  s[A::kPostCo2].add(d_[kDPostCo2][i]);
  s[A::kBillSavLow].add(d_[kDSavLow][i]);
  s[A::kBillSavHigh].add(d_[kDSavHigh][i]);
  s[A::kPostBillLow].add(d_[kDPostBillLow][i]);
  s[A::kPostBillHigh].add(d_[kDPostBillHigh][i]);
  s[A::kPostCo2Low].add(d_[kDPostCo2Low][i]);
  s[A::kPostCo2High].add(d_[kDPostCo2High][i]);
  const double elec = d_[kDElec][i];
  s[A::kHpElec].add(elec);
  s[A::kHpElecLow].add(d_[kDElecLow][i]);
  s[A::kHpElecHigh].add(d_[kDElecHigh][i]);
  const double sap_delta = d_[kDSapDelta][i];
  const double sap_basis = d_[kDSapBasis][i];
  s[A::kSapDelta].add(sap_delta);
  s[A::kSapBasis].add(sap_basis);
  samples[A::kSSapDelta] = sap_delta;
  samples[A::kSSapBasis] = sap_basis;
  s[A::kBandSteps].add(u_[kUSteps][i]);
  c[A::kBandCapped] += u_[kUCapped][i];
  if (base > 0) {
    const double ratio = ered / base;
    s[A::kEnergyRatio].add(ratio);
    samples[A::kSEnergyRatio] = ratio;
  }

  // Payback contract (§7.2).
  const double payback = d_[kDPayback][i];
  if (std::isnan(capex) || std::isnan(savings)) {
    c[A::kPbMissing] += 1;
  } else if (std::isinf(capex) || std::isinf(savings)) {
    c[A::kPbNonFinite] += 1;
  } else if (savings <= 0) {
    c[A::kPbNonPositive] += 1;
  } else if (!std::isfinite(capex / savings)) {
    c[A::kPbInfinite] += 1;
  } else {
    c[A::kPbValid] += 1;
    s[A::kPaybackValid].add(payback);
    samples[A::kSPayback] = payback;
  }
  // Payback distribution and cost-effectiveness (§7.8).
  if (std::isfinite(payback)) {
    c[A::kPbFinite] += 1;
    c[payback <= 5    ? A::kPb0to5
      : payback <= 10 ? A::kPb5to10
      : payback <= 15 ? A::kPb10to15
      : payback <= 20 ? A::kPb15to20
                      : A::kPbOver20] += 1;
    if (payback <= max_payback_) {
      c[A::kCeCost] += 1;
      s[A::kPaybackCostEffective].add(payback);
      samples[A::kSPaybackCe] = payback;
    } else if (payback <= marginal_) {
      c[A::kCeMarginal] += 1;
      s[A::kPaybackMarginal].add(payback);
    } else {
      c[A::kCeLong] += 1;
    }
  }
  c[A::kRecommended] += u_[kURecommended][i];
  c[A::kCaps] += u_[kUCaps][i];

  const std::uint8_t before = band_in_[i];
  const std::uint8_t after = u_[kUBandAfter][i];
  if (before < 7) c[A::kBandBefore + before] += 1;
  if (after < 7) {
    c[A::kBandAfter + after] += 1;
    if (before < 7) c[A::kBandAfterKnown + after] += 1;
  }

  const std::int32_t mask = mask_[i];
  if (mask & (1 << static_cast<int>(Measure::kAshp))) {
    c[A::kAshpInstalled] += 1;
    c[A::kAshpReadyBefore] += u_[kUAshpReady][i];
    c[A::kAshpReadyAfter] += u_[kUReadyAfter][i];
    c[base > 0 ? A::kAshpPositiveDemand : A::kAshpZeroBaseline] += 1;
    if (elec > 0) c[A::kAshpPositiveElec] += 1;
  }
  c[A::kAshpFabric] += u_[kUFabricInserted][i];
  c[A::kHnReady] += hn_ready_[i] ? 1 : 0;
  if (model_.methodology() == Methodology::kPython) {
    // The predecessor counted only the hybrid allocation, so pure heat-pump and
    // heat-network scenarios report 0 / 0.
    const std::uint8_t h = u_[kUHybrid][i];
    c[A::kHnAssigned] += h == static_cast<std::uint8_t>(HybridPathway::kHeatNetwork);
    c[A::kAshpAssigned] += h == static_cast<std::uint8_t>(HybridPathway::kAshp);
  } else {
    const std::uint8_t tech = u_[kUTechnology][i];
    c[A::kHnAssigned] += tech == static_cast<std::uint8_t>(Technology::kHeatNetwork);
    c[A::kAshpAssigned] += tech == static_cast<std::uint8_t>(Technology::kHeatPump);
  }

  const double abatement = d_[kDAbatement][i];
  if (std::isfinite(abatement)) {
    s[A::kAbatement].add(abatement);
    samples[A::kSAbatement] = abatement;
  }
}

SampleStats local_sample_stats(const Accumulator& acc) {
  SampleStats st;
  for (std::size_t k = 0; k < acc.samples.size(); ++k) {
    std::vector<double> v;
    for (double x : acc.samples[k])
      if (!std::isnan(x)) v.push_back(x);
    std::sort(v.begin(), v.end());
    st.median[k] = median_sorted(v);
    if (k == Accumulator::kSAbatement) {
      st.abatement_p10 = quantile_sorted(v, 0.10);
      st.abatement_p90 = quantile_sorted(v, 0.90);
    }
  }
  return st;
}

std::vector<SummaryValue> summary_values(const Accumulator& a, const SampleStats& st,
                                         const ScenarioModel& model, bool baseline) {
  using A = Accumulator;
  std::vector<SummaryValue> v;
  auto num = [&](const char* name, const char* unit, double x) {
    v.push_back({name, unit, x, ""});
  };
  auto cnt = [&](const char* name, std::int64_t x) {
    v.push_back({name, "dwellings", static_cast<double>(x), ""});
  };
  auto txt = [&](const char* name, std::string x) { v.push_back({name, "", kNaN, std::move(x)}); };
  auto S = [&](A::Sum k) { return a.sums[k].value(); };
  auto C = [&](A::Count k) { return a.counts[k]; };
  const std::int64_t n = C(A::kN);
  const double dn = static_cast<double>(n);
  const double horizon = model.config().financial.analysis_horizon_years;
  auto pct = [&](std::int64_t x) { return n ? static_cast<double>(x) / dn * 100 : 0.0; };

  cnt("total_properties", n);
  if (baseline) {
    // The no-intervention scenario reports the stock's current energy and carbon only.
    num("current_annual_energy_kwh", "kWh/yr", S(A::kBaseEnergy));
    // The predecessor priced all current energy as gas; documented mode sums each
    // dwelling's baseline emissions from its own heating fuel.
    num("current_annual_co2_kg", "kgCO2e/yr",
        model.methodology() == Methodology::kPython ? S(A::kBaseEnergy) * model.params().c_gas
                                                    : S(A::kBaseCo2));
    num("capital_cost_total", "GBP", 0);
    num("annual_energy_reduction_kwh", "kWh/yr", 0);
    num("annual_co2_reduction_kg", "kgCO2e/yr", 0);
    num("annual_bill_savings", "GBP/yr", 0);
    num("aggregate_simple_payback_years", "years", kNaN);
    txt("aggregate_simple_payback_status", "non_positive_aggregate_savings");
    cnt("payback_valid_denominator_count", 0);
    cnt("payback_non_positive_savings_count", n);
    cnt("payback_missing_input_count", 0);
    cnt("payback_non_finite_input_count", 0);
    cnt("payback_infinite_count", 0);
    num("cost_per_tco2_20yr_gbp", "GBP/tCO2e", kNaN);
    return v;
  }

  const double capex = S(A::kCapex), savings = S(A::kBillSav), co2 = S(A::kCo2Red);
  num("capital_cost_total", "GBP", capex);
  num("capital_cost_per_property", "GBP", a.sums[A::kCapex].mean());
  num("annual_energy_reduction_kwh", "kWh/yr", S(A::kEnergyRed));
  num("annual_co2_reduction_kg", "kgCO2e/yr", co2);
  num("annual_bill_savings", "GBP/yr", savings);
  num("baseline_bill_total", "GBP/yr", S(A::kBaseBill));
  num("post_measure_bill_total", "GBP/yr", S(A::kPostBill));
  num("baseline_co2_total_kg", "kgCO2e/yr", S(A::kBaseCo2));
  num("post_measure_co2_total_kg", "kgCO2e/yr", S(A::kPostCo2));
  num("baseline_annual_energy_kwh", "kWh/yr", S(A::kBaseEnergy));
  num("post_measure_energy_kwh", "kWh/yr", S(A::kPostEnergy));
  num("annual_bill_savings_low", "GBP/yr", S(A::kBillSavLow));
  num("annual_bill_savings_high", "GBP/yr", S(A::kBillSavHigh));
  num("post_measure_bill_total_low", "GBP/yr", S(A::kPostBillLow));
  num("post_measure_bill_total_high", "GBP/yr", S(A::kPostBillHigh));
  num("post_measure_co2_total_kg_low", "kgCO2e/yr", S(A::kPostCo2Low));
  num("post_measure_co2_total_kg_high", "kgCO2e/yr", S(A::kPostCo2High));
  num("heat_pump_electricity_total_kwh", "kWh/yr", S(A::kHpElec));
  num("heat_pump_electricity_total_kwh_low", "kWh/yr", S(A::kHpElecLow));
  num("heat_pump_electricity_total_kwh_high", "kWh/yr", S(A::kHpElecHigh));

  // Payback contract (§7.2).
  const double agg = savings > 0 ? capex / savings : kNaN;
  const bool agg_ok = savings > 0 && std::isfinite(agg);
  num("aggregate_simple_payback_years", "years", agg_ok ? agg : kNaN);
  txt("aggregate_simple_payback_status", agg_ok ? "valid" : "non_positive_aggregate_savings");
  num("property_simple_payback_mean_years", "years", a.sums[A::kPaybackValid].mean());
  num("property_simple_payback_median_years", "years", st.median[A::kSPayback]);
  cnt("payback_valid_denominator_count", C(A::kPbValid));
  cnt("payback_non_positive_savings_count", C(A::kPbNonPositive));
  cnt("payback_missing_input_count", C(A::kPbMissing));
  cnt("payback_non_finite_input_count", C(A::kPbNonFinite));
  cnt("payback_infinite_count", C(A::kPbInfinite));
  cnt("properties_cost_effective", C(A::kPbValid));
  cnt("properties_not_cost_effective", C(A::kPbNonPositive));
  num("pct_not_cost_effective", "%", pct(C(A::kPbNonPositive)));
  const double denom = co2 / 1000 * horizon;
  double per_t = denom > 0 ? capex / denom : kNaN;
  // The predecessor's summary table recomputed a null value whenever the reduction was
  // non-zero, giving a negative cost for scenarios that add emissions.
  if (std::isnan(per_t) && model.methodology() == Methodology::kPython && co2 != 0)
    per_t = capex / denom;
  num("cost_per_tco2_20yr_gbp", "GBP/tCO2e", per_t);

  // Energy and SAP (§7.3).
  const auto& ratio = a.sums[A::kEnergyRatio];
  num("mean_energy_reduction_pct", "%", ratio.count() ? 100 * ratio.mean() : kNaN);
  num("median_energy_reduction_pct", "%", 100 * st.median[A::kSEnergyRatio]);
  num("sap_rating_delta_total", "SAP points", n ? S(A::kSapDelta) : 0.0);
  num("sap_rating_delta_mean", "SAP points", n ? a.sums[A::kSapDelta].mean() : 0.0);
  num("sap_rating_delta_median", "SAP points", n ? st.median[A::kSSapDelta] : 0.0);
  num("sap_delta_basis_pct_mean", "%", a.sums[A::kSapBasis].mean());
  num("sap_delta_basis_pct_median", "%", st.median[A::kSSapBasis]);
  cnt("epc_band_shift_cap_applied_properties", C(A::kBandCapped));
  num("epc_band_max_improvement", "bands", 2);
  num("epc_band_shift_mean_steps", "bands", a.sums[A::kBandSteps].mean());

  // Heat-pump readiness and technology (§7.4, §7.5).
  const std::int64_t inst = C(A::kAshpInstalled), ready_after = C(A::kAshpReadyAfter);
  cnt("ashp_installed_properties", inst);
  cnt("ashp_ready_before_installation_properties", C(A::kAshpReadyBefore));
  cnt("ashp_ready_after_applied_measures_properties", ready_after);
  cnt("ashp_residual_readiness_gap_properties", inst - ready_after);
  num("ashp_ready_after_applied_measures_pct", "%",
      inst ? static_cast<double>(ready_after) / static_cast<double>(inst) * 100 : kNaN);
  cnt("ashp_zero_baseline_energy_properties", C(A::kAshpZeroBaseline));
  cnt("ashp_positive_demand_properties", C(A::kAshpPositiveDemand));
  cnt("ashp_positive_electricity_properties", C(A::kAshpPositiveElec));
  cnt("ashp_fabric_applied_properties", C(A::kAshpFabric));
  cnt("ashp_removed_properties", 0);
  cnt("hn_ready_properties", C(A::kHnReady));
  cnt("hn_assigned_properties", C(A::kHnAssigned));
  cnt("ashp_assigned_properties", C(A::kAshpAssigned));
  cnt("costing_caps_applied_properties", C(A::kCaps));

  // EPC bands (§7.7).
  const auto& labels = band_labels();
  std::int64_t before_total = 0, c_before = 0, c_after = 0, c_after_known = 0;
  for (int b = 0; b < 7; ++b) {
    const std::int64_t x = a.counts[A::kBandBefore + b];
    before_total += x;
    if (b <= 2) {
      c_before += x;
      c_after += a.counts[A::kBandAfter + b];
      c_after_known += a.counts[A::kBandAfterKnown + b];
    }
  }
  for (int b = 0; b < 7; ++b)
    cnt(("band_before_" + labels[b]).c_str(), a.counts[A::kBandBefore + b]);
  for (int b = 0; b < 7; ++b) cnt(("band_after_" + labels[b]).c_str(), a.counts[A::kBandAfter + b]);
  const std::int64_t a_before = a.counts[A::kBandBefore], a_after = a.counts[A::kBandAfter];
  const std::int64_t guardrail =
      a_before + static_cast<std::int64_t>(std::floor(dn * kBandAGuardrailShare));
  const std::int64_t hard =
      a_before + static_cast<std::int64_t>(std::floor(dn * kBandAGuardrailShare * 2));
  cnt("band_a_guardrail", guardrail);
  num("band_a_warning", "", a_after > guardrail ? 1 : 0);
  num("band_a_hard_limit_exceeded", "", a_after > hard ? 1 : 0);
  cnt("band_c_or_better_before", c_before);
  // The predecessor divided every dwelling's band after by the dwellings with a known
  // band before, so the share could exceed 100 %; documented mode counts like with like.
  const std::int64_t after_for_pct =
      model.methodology() == Methodology::kPython ? c_after : c_after_known;
  cnt("band_c_or_better_after", after_for_pct);
  const double nb = static_cast<double>(before_total);
  num("band_c_or_better_before_pct", "%",
      before_total ? static_cast<double>(c_before) / nb * 100 : kNaN);
  num("band_c_or_better_after_pct", "%",
      before_total ? static_cast<double>(after_for_pct) / nb * 100 : kNaN);

  // Payback distribution and cost-effectiveness (§7.8).
  cnt("payback_0_5_years", C(A::kPb0to5));
  cnt("payback_5_10_years", C(A::kPb5to10));
  cnt("payback_10_15_years", C(A::kPb10to15));
  cnt("payback_15_20_years", C(A::kPb15to20));
  cnt("payback_over_20_years", C(A::kPbOver20));
  cnt("payback_not_cost_effective", n - C(A::kPbFinite));
  cnt("upgrade_recommended_count", C(A::kRecommended));
  num("upgrade_recommended_pct", "%", pct(C(A::kRecommended)));
  const std::int64_t infinite = n - C(A::kPbFinite);
  cnt("cost_effective_count", C(A::kCeCost));
  num("cost_effective_pct", "%", pct(C(A::kCeCost)));
  cnt("marginal_count", C(A::kCeMarginal));
  num("marginal_pct", "%", pct(C(A::kCeMarginal)));
  cnt("not_cost_effective_count", C(A::kCeLong) + infinite);
  num("not_cost_effective_pct", "%", pct(C(A::kCeLong) + infinite));
  cnt("long_payback_count", C(A::kCeLong));
  cnt("infinite_payback_count", infinite);
  num("avg_payback_cost_effective", "years", a.sums[A::kPaybackCostEffective].mean());
  num("median_payback_cost_effective", "years", st.median[A::kSPaybackCe]);
  num("avg_payback_marginal", "years", a.sums[A::kPaybackMarginal].mean());
  num("cost_effective_threshold_years", "years", model.config().financial.max_payback_years);
  num("marginal_threshold_years", "years", marginal_threshold(model));

  // Abatement (§7.9).
  num("carbon_abatement_cost_property_mean", "GBP/tCO2e", a.sums[A::kAbatement].mean());
  num("carbon_abatement_cost_property_median", "GBP/tCO2e", st.median[A::kSAbatement]);
  num("carbon_abatement_cost_property_p10", "GBP/tCO2e", st.abatement_p10);
  num("carbon_abatement_cost_property_p90", "GBP/tCO2e", st.abatement_p90);
  return v;
}

namespace {

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

std::string number(double x) {
  if (std::isnan(x)) return "";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

}  // namespace

std::vector<SubsidyRow> subsidy_sensitivity(const SummaryGroup& g, const ScenarioModelConfig& cfg) {
  const UptakeCurve& u = cfg.subsidy.uptake;
  const double uplift = cfg.financial.subsidy_sensitivity_cost_uplift_pct / 100;
  const double horizon = cfg.financial.analysis_horizon_years;
  const double total = g.get("capital_cost_total");
  const double per = g.get("capital_cost_per_property");
  const double savings = g.get("annual_bill_savings");
  const double co2 = g.get("annual_co2_reduction_kg");
  const double n = g.get("total_properties");
  std::vector<SubsidyRow> rows;
  for (double s : cfg.subsidy.levels) {
    SubsidyRow r;
    r.subsidy_pct = s;
    const double scale = s == 0 ? 1.0 : (1 + uplift) * (1 - s / 100);
    r.capital_cost_total_uplifted = total * (1 + uplift);
    r.capital_cost_per_property_uplifted = per * (1 + uplift);
    r.capital_cost_total = s == 0 ? total : total * (1 + uplift) * (1 - s / 100);
    r.capital_cost_per_property = s == 0 ? per : per * (1 + uplift) * (1 - s / 100);
    const double pb = savings > 0 ? r.capital_cost_total / savings : kNoSavingsPayback;
    r.payback_years = savings > 0 ? pb : kNaN;
    r.property_payback_mean_years = g.get("property_simple_payback_mean_years") * scale;
    r.property_payback_median_years = g.get("property_simple_payback_median_years") * scale;
    const double z = std::min(20.0, std::max(-20.0, u.steepness * (pb - u.midpoint_years)));
    double uptake = u.ceiling / (1 + std::exp(z));
    if (u.clamp) uptake = std::min(u.ceiling, std::max(u.floor, uptake));
    r.uptake = uptake;
    r.properties_upgraded = static_cast<std::int64_t>(std::trunc(n * uptake));
    r.public_expenditure_total =
        per * (1 + uplift) * s / 100 * static_cast<double>(r.properties_upgraded);
    r.public_expenditure_per_property =
        r.properties_upgraded
            ? r.public_expenditure_total / static_cast<double>(r.properties_upgraded)
            : 0;
    const double co2_saved = co2 * uptake * horizon;
    r.abatement_cost_per_tonne =
        co2_saved > 0 ? r.public_expenditure_total / (co2_saved / 1000) : 0;
    char line[256];
    std::snprintf(line, sizeof line, "%s%% subsidy: payback %.1f years, uptake %.1f%%, ",
                  number(s).c_str(), pb, 100 * uptake);
    r.narrative = std::string(line) + "public spend GBP " + thousands(r.public_expenditure_total) +
                  ", abatement cost GBP " + thousands(r.abatement_cost_per_tonne) + "/tCO2.";
    if (s == 0) {
      const double agg = g.get("aggregate_simple_payback_years");
      const bool both_null = std::isnan(agg) && std::isnan(r.payback_years);
      if (!both_null &&
          !(std::fabs(agg - r.payback_years) <= 1e-10 * std::max(1.0, std::fabs(agg))))
        throw std::logic_error("subsidy table: payback at 0 % differs from the scenario's");
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

std::string summary_csv(const std::vector<ScenarioSummary>& summaries) {
  std::ostringstream o;
  o << "scenario,scenario_label,published,dimension,key,metric,unit,value\n";
  for (const auto& s : summaries)
    for (const auto& g : s.groups)
      for (const auto& v : g.values)
        o << csv_field(s.id) << ',' << csv_field(s.label) << ',' << (s.published ? "true" : "false")
          << ',' << g.dimension << ',' << csv_field(g.key) << ',' << v.name << ','
          << csv_field(v.unit) << ',' << (v.text.empty() ? number(v.value) : csv_field(v.text))
          << '\n';
  return o.str();
}

std::string subsidy_csv(const std::vector<ScenarioSummary>& summaries) {
  std::ostringstream o;
  o << "scenario,scenario_label,subsidy_percentage,capital_cost_total_after_subsidy,"
       "capital_cost_per_property_after_subsidy,aggregate_simple_payback_years,"
       "estimated_uptake_rate,properties_upgraded,public_expenditure_total,"
       "public_expenditure_per_property,carbon_abatement_cost_per_tonne,narrative_line\n";
  std::vector<const ScenarioSummary*> order;
  for (const auto& s : summaries) order.push_back(&s);
  std::sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->id < b->id; });
  for (const auto* s : order)
    for (const auto& r : s->subsidy)
      o << csv_field(s->id) << ',' << csv_field(s->label) << ',' << number(r.subsidy_pct) << ','
        << number(r.capital_cost_total) << ',' << number(r.capital_cost_per_property) << ','
        << number(r.payback_years) << ',' << number(r.uptake) << ',' << r.properties_upgraded << ','
        << number(r.public_expenditure_total) << ',' << number(r.public_expenditure_per_property)
        << ',' << number(r.abatement_cost_per_tonne) << ',' << csv_field(r.narrative) << '\n';
  return o.str();
}

std::string scenario_table_csv(const std::vector<ScenarioSummary>& summaries) {
  std::vector<std::string> metrics;
  for (const auto& s : summaries)
    for (const auto& v : s.overall().values)
      if (std::find(metrics.begin(), metrics.end(), v.name) == metrics.end())
        metrics.push_back(v.name);
  std::ostringstream o;
  o << "scenario_id,scenario,published";
  for (const auto& m : metrics) o << ',' << m;
  o << '\n';
  for (const auto& s : summaries) {
    o << csv_field(s.id) << ',' << csv_field(s.label) << ',' << (s.published ? "true" : "false");
    for (const auto& m : metrics) {
      o << ',';
      for (const auto& v : s.overall().values)
        if (v.name == m) o << (v.text.empty() ? number(v.value) : csv_field(v.text));
    }
    o << '\n';
  }
  return o.str();
}

}  // namespace heatstreet::scenario
