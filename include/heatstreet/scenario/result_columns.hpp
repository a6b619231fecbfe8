#pragma once
// The per-dwelling result columns of a scenario (spec: scenario model §6.9), declared once,
// in the order of the results table: name, type, unit, description and code labels, and
// whether the values depend on the scenario. ScenarioModel::compute makes its table from
// these declarations; the aggregates, the results file and the tests read them.
#include <cstdint>
#include <string>
#include <vector>

#include "heatstreet/core/column_spec.hpp"
#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/scenario/kernel.hpp"

namespace heatstreet::scenario::result {

// A result column: its ColumnSpec and whether its values are the same in every scenario.
// Those columns hold the state before any measure: they depend on the dwelling and the
// configuration only, so the results file stores them once and links the other
// scenarios' names to that copy (docs/output-format.md).
template <class T>
struct ResultColumn : ColumnSpec<T> {
  bool scenario_independent = false;
};

inline constexpr bool kSameInEveryScenario = true;

template <class T>
using Spec = ColumnSpec<T>;
using Flag = std::uint8_t;  // 0 no, 1 yes (labels "no", "yes")

// Contract columns first.
inline constexpr ResultColumn<double> kCapitalCost{
    Spec<double>{"capital_cost_gbp", "GBP", "Capital cost of the measures applied"}};
inline constexpr ResultColumn<double> kPostEnergy{
    Spec<double>{"post_energy_kwh", "kWh/yr", "Delivered energy after the measures"}};
inline constexpr ResultColumn<double> kBillSavings{
    Spec<double>{"annual_bill_savings_gbp", "GBP/yr", "Annual bill saving, central COP"}};
inline constexpr ResultColumn<double> kCo2Reduction{
    Spec<double>{"co2_reduction_kg", "kgCO2e/yr", "Annual CO2 reduction"}};
inline constexpr ResultColumn<double> kSimplePayback{Spec<double>{
    "simple_payback_years", "years", "Capital cost over annual bill saving (inf: never)"}};
inline constexpr ResultColumn<std::uint8_t> kBandAfter{
    Spec<std::uint8_t>{"epc_band_after", "", "EPC band after the measures", band_labels}};
inline constexpr ResultColumn<std::uint8_t> kBandBefore{
    Spec<std::uint8_t>{"epc_band_before", "", "EPC band before (register, or from SAP)",
                       band_labels},
    kSameInEveryScenario};
inline constexpr ResultColumn<double> kEnergyReduction{Spec<double>{
    "annual_energy_reduction_kwh", "kWh/yr", "Baseline energy minus post-measure energy"}};
// Described as in the scenario tables, not as the /properties column of the same name.
inline constexpr ResultColumn<double> kBaselineEnergy{
    Spec<double>{dwelling::kBaselineEnergy.name, dwelling::kBaselineEnergy.unit,
                 "Baseline delivered energy after the prebound adjustment"},
    kSameInEveryScenario};
inline constexpr ResultColumn<double> kBaselineBill{
    Spec<double>{"baseline_bill_gbp", "GBP/yr",
                 "Baseline bill at the price of the dwelling's heating fuel (heatstreet-python: "
                 "gas)"},
    kSameInEveryScenario};
inline constexpr ResultColumn<double> kPostBill{
    Spec<double>{"post_bill_gbp", "GBP/yr", "Bill after the measures, central COP"}};
inline constexpr ResultColumn<double> kBaselineCo2{
    Spec<double>{"baseline_co2_kg", "kgCO2e/yr",
                 "Baseline emissions of the dwelling's heating fuel (heatstreet-python: gas)"},
    kSameInEveryScenario};
inline constexpr ResultColumn<double> kPostCo2{
    Spec<double>{"post_co2_kg", "kgCO2e/yr", "Emissions after the measures, central COP"}};
inline constexpr ResultColumn<double> kSapBefore{
    Spec<double>{"sap_rating_before", "SAP points", "SAP rating before"}, kSameInEveryScenario};
inline constexpr ResultColumn<double> kSapAfter{Spec<double>{
    "sap_rating_after", "SAP points", "SAP rating after (tapered gain, band guardrails)"}};
inline constexpr ResultColumn<double> kSapDelta{
    Spec<double>{"sap_rating_delta", "SAP points", "SAP rating change"}};
inline constexpr ResultColumn<double> kSapBasisPct{
    Spec<double>{"sap_delta_basis_pct", "%", "Energy saving the SAP gain is based on"}};
inline constexpr ResultColumn<std::uint8_t> kBandShiftSteps{
    Spec<std::uint8_t>{"band_shift_steps", "bands", "EPC bands gained (at most 2)"}};
inline constexpr ResultColumn<Flag> kBandShiftCapped{
    Spec<Flag>{"band_shift_capped", "", "Band gain capped at two bands", yes_no_labels}};
inline constexpr ResultColumn<double> kDiscountedPayback{
    Spec<double>{"discounted_payback_years", "years",
                 "First year discounted savings cover the cost (inf: not within 50)"}};
inline constexpr ResultColumn<double> kAbatementCost{
    Spec<double>{"carbon_abatement_cost_gbp_per_t", "GBP/tCO2e",
                 "Capital cost per tonne abated over the horizon (inf: no reduction)"}};
inline constexpr ResultColumn<Flag> kRecommended{Spec<Flag>{
    "upgrade_recommended", "",
    "Simple payback within financial.cost_effectiveness.max_payback_years", yes_no_labels}};
inline constexpr ResultColumn<std::uint8_t> kTechnology{Spec<std::uint8_t>{
    "technology", "", "Heating technology after the measures", technology_labels}};
inline constexpr ResultColumn<std::uint8_t> kHybridPathway{Spec<std::uint8_t>{
    "hybrid_pathway", "", "Hybrid allocation from hn_ready", hybrid_pathway_labels}};
inline constexpr ResultColumn<std::int32_t> kMeasuresApplied{Spec<std::int32_t>{
    "measures_applied", "", "Measures applied, bit i = labels[i]", measure_labels}};
inline constexpr ResultColumn<Flag> kFabricInserted{Spec<Flag>{
    "fabric_inserted_for_hp", "", "Enabling fabric inserted before the heat pump", yes_no_labels}};
inline constexpr ResultColumn<Flag> kAshpReady{dwelling::kAshpReady, kSameInEveryScenario};
inline constexpr ResultColumn<Flag> kAshpProjectedReady{dwelling::kAshpProjectedReady,
                                                        kSameInEveryScenario};
inline constexpr ResultColumn<Flag> kAshpFabricNeeded{Spec<Flag>{
    "ashp_fabric_needed", "", "Not ready today, ready after the minimum fabric", yes_no_labels}};
inline constexpr ResultColumn<Flag> kAshpNotReadyAfterFabric{Spec<Flag>{
    "ashp_not_ready_after_fabric", "", "Not ready even after the minimum fabric", yes_no_labels}};
inline constexpr ResultColumn<Flag> kReadyAfterMeasures{
    Spec<Flag>{"ashp_ready_after_applied_measures", "",
               "Post-fabric demand within the heat-pump limit", yes_no_labels}};
inline constexpr ResultColumn<double> kFlowTemp{dwelling::kFlowTemp, kSameInEveryScenario};
inline constexpr ResultColumn<double> kOperatingFlowTemp{
    Spec<double>{"operating_flow_temp_c", "degC",
                 "Flow temperature after the measures (at least the heat-pump minimum)"}};
inline constexpr ResultColumn<double> kCopCentral{Spec<double>{
    "heat_pump_cop_central", "", "Heat-pump seasonal COP, central (NaN: no heat pump)"}};
inline constexpr ResultColumn<double> kCopLow{
    Spec<double>{"heat_pump_cop_low", "", "Heat-pump seasonal COP, low"}};
inline constexpr ResultColumn<double> kCopHigh{
    Spec<double>{"heat_pump_cop_high", "", "Heat-pump seasonal COP, high"}};
inline constexpr ResultColumn<double> kPostFabricIntensity{Spec<double>{
    "post_fabric_heat_demand_kwh_m2", "kWh/m2/yr", "Energy intensity after fabric and rebound"}};
inline constexpr ResultColumn<double> kHpElectricity{
    Spec<double>{"heat_pump_electricity_kwh", "kWh/yr", "Heat-pump electricity, central COP"}};
inline constexpr ResultColumn<double> kHpElectricityLow{
    Spec<double>{"heat_pump_electricity_kwh_low", "kWh/yr", "Heat-pump electricity, low COP"}};
inline constexpr ResultColumn<double> kHpElectricityHigh{
    Spec<double>{"heat_pump_electricity_kwh_high", "kWh/yr", "Heat-pump electricity, high COP"}};
inline constexpr ResultColumn<double> kBillSavingsLow{
    Spec<double>{"annual_bill_savings_low_gbp", "GBP/yr", "Annual bill saving, low COP"}};
inline constexpr ResultColumn<double> kBillSavingsHigh{
    Spec<double>{"annual_bill_savings_high_gbp", "GBP/yr", "Annual bill saving, high COP"}};
inline constexpr ResultColumn<double> kPostBillLow{
    Spec<double>{"post_bill_low_gbp", "GBP/yr", "Bill after the measures, low COP"}};
inline constexpr ResultColumn<double> kPostBillHigh{
    Spec<double>{"post_bill_high_gbp", "GBP/yr", "Bill after the measures, high COP"}};
inline constexpr ResultColumn<double> kPostCo2Low{
    Spec<double>{"post_co2_low_kg", "kgCO2e/yr", "Emissions after the measures, low COP"}};
inline constexpr ResultColumn<double> kPostCo2High{
    Spec<double>{"post_co2_high_kg", "kgCO2e/yr", "Emissions after the measures, high COP"}};
inline constexpr ResultColumn<Flag> kCostCapApplied{Spec<Flag>{
    "costing_cap_applied", "", "A cost item was capped at its per-home maximum", yes_no_labels}};

// Calls f(column) for every result column, in table order.
template <class F>
void for_each_column(F&& f) {
  f(kCapitalCost);
  f(kPostEnergy);
  f(kBillSavings);
  f(kCo2Reduction);
  f(kSimplePayback);
  f(kBandAfter);
  f(kBandBefore);
  f(kEnergyReduction);
  f(kBaselineEnergy);
  f(kBaselineBill);
  f(kPostBill);
  f(kBaselineCo2);
  f(kPostCo2);
  f(kSapBefore);
  f(kSapAfter);
  f(kSapDelta);
  f(kSapBasisPct);
  f(kBandShiftSteps);
  f(kBandShiftCapped);
  f(kDiscountedPayback);
  f(kAbatementCost);
  f(kRecommended);
  f(kTechnology);
  f(kHybridPathway);
  f(kMeasuresApplied);
  f(kFabricInserted);
  f(kAshpReady);
  f(kAshpProjectedReady);
  f(kAshpFabricNeeded);
  f(kAshpNotReadyAfterFabric);
  f(kReadyAfterMeasures);
  f(kFlowTemp);
  f(kOperatingFlowTemp);
  f(kCopCentral);
  f(kCopLow);
  f(kCopHigh);
  f(kPostFabricIntensity);
  f(kHpElectricity);
  f(kHpElectricityLow);
  f(kHpElectricityHigh);
  f(kBillSavingsLow);
  f(kBillSavingsHigh);
  f(kPostBillLow);
  f(kPostBillHigh);
  f(kPostCo2Low);
  f(kPostCo2High);
  f(kCostCapApplied);
}

// The names of the scenario-independent columns, in table order.
inline std::vector<std::string> scenario_independent_columns() {
  std::vector<std::string> names;
  for_each_column([&](const auto& c) {
    if (c.scenario_independent) names.emplace_back(c.name);
  });
  return names;
}

}  // namespace heatstreet::scenario::result
