#pragma once
// The scenario model: built once from the configuration (validates it, runs the fabric
// tipping-point analysis, resolves every scenario's measures), then computes every
// dwelling of a table for one scenario, in chunks and on worker threads. Pure: no MPI.
// Each row depends only on its own inputs, so results do not depend on chunk size,
// worker count or how rows are split over ranks.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "heatstreet/config/config.hpp"
#include "heatstreet/core/table.hpp"
#include "heatstreet/scenario/fabric_tipping_point.hpp"
#include "heatstreet/scenario/kernel.hpp"

namespace heatstreet::scenario {

struct ResolvedScenario {
  ScenarioDefinition definition;  // as configured
  std::vector<Measure> measures;  // placeholders expanded (hybrid tokens kept)
  bool published = false;
  bool is_baseline() const { return measures.empty(); }
  std::vector<std::string> measure_tokens() const;
};

// Per-dwelling result column names (contract names first).
namespace out {
inline constexpr const char* kCapitalCost = "capital_cost_gbp";
inline constexpr const char* kPostEnergy = "post_energy_kwh";
inline constexpr const char* kBillSavings = "annual_bill_savings_gbp";
inline constexpr const char* kCo2Reduction = "co2_reduction_kg";
inline constexpr const char* kSimplePayback = "simple_payback_years";
inline constexpr const char* kBandAfter = "epc_band_after";
inline constexpr const char* kBandBefore = "epc_band_before";
inline constexpr const char* kEnergyReduction = "annual_energy_reduction_kwh";
inline constexpr const char* kBaselineEnergy = "baseline_energy_kwh";
inline constexpr const char* kBaselineBill = "baseline_bill_gbp";
inline constexpr const char* kPostBill = "post_bill_gbp";
inline constexpr const char* kBaselineCo2 = "baseline_co2_kg";
inline constexpr const char* kPostCo2 = "post_co2_kg";
inline constexpr const char* kSapBefore = "sap_rating_before";
inline constexpr const char* kSapAfter = "sap_rating_after";
inline constexpr const char* kSapDelta = "sap_rating_delta";
inline constexpr const char* kSapBasisPct = "sap_delta_basis_pct";
inline constexpr const char* kBandShiftSteps = "band_shift_steps";
inline constexpr const char* kBandShiftCapped = "band_shift_capped";
inline constexpr const char* kDiscountedPayback = "discounted_payback_years";
inline constexpr const char* kAbatementCost = "carbon_abatement_cost_gbp_per_t";
inline constexpr const char* kRecommended = "upgrade_recommended";
inline constexpr const char* kTechnology = "technology";
inline constexpr const char* kHybridPathway = "hybrid_pathway";
inline constexpr const char* kMeasuresApplied = "measures_applied";
inline constexpr const char* kFabricInserted = "fabric_inserted_for_hp";
inline constexpr const char* kAshpReady = "ashp_ready";
inline constexpr const char* kAshpProjectedReady = "ashp_projected_ready";
inline constexpr const char* kAshpFabricNeeded = "ashp_fabric_needed";
inline constexpr const char* kAshpNotReadyAfterFabric = "ashp_not_ready_after_fabric";
inline constexpr const char* kReadyAfterMeasures = "ashp_ready_after_applied_measures";
inline constexpr const char* kFlowTemp = "estimated_flow_temp_c";
inline constexpr const char* kOperatingFlowTemp = "operating_flow_temp_c";
inline constexpr const char* kCopCentral = "heat_pump_cop_central";
inline constexpr const char* kCopLow = "heat_pump_cop_low";
inline constexpr const char* kCopHigh = "heat_pump_cop_high";
inline constexpr const char* kPostFabricIntensity = "post_fabric_heat_demand_kwh_m2";
inline constexpr const char* kHpElectricity = "heat_pump_electricity_kwh";
inline constexpr const char* kHpElectricityLow = "heat_pump_electricity_kwh_low";
inline constexpr const char* kHpElectricityHigh = "heat_pump_electricity_kwh_high";
inline constexpr const char* kBillSavingsLow = "annual_bill_savings_low_gbp";
inline constexpr const char* kBillSavingsHigh = "annual_bill_savings_high_gbp";

// Columns every scenario has whose values depend on the dwelling and the configuration
// only, never on the scenario: the state before any measure. The results file stores
// them once and links the other scenarios' names to them (docs/output-format.md).
inline constexpr const char* kScenarioIndependent[] = {
    kBaselineEnergy, kBaselineBill, kBaselineCo2, kSapBefore,
    kBandBefore,     kFlowTemp,     kAshpReady,   kAshpProjectedReady};
inline constexpr const char* kPostBillLow = "post_bill_low_gbp";
inline constexpr const char* kPostBillHigh = "post_bill_high_gbp";
inline constexpr const char* kPostCo2Low = "post_co2_low_kg";
inline constexpr const char* kPostCo2High = "post_co2_high_kg";
inline constexpr const char* kCostCapApplied = "costing_cap_applied";
}  // namespace out

class ScenarioModel {
 public:
  // Throws ConfigError when a scenario cannot be resolved.
  explicit ScenarioModel(const Config& cfg);

  const std::vector<ResolvedScenario>& scenarios() const { return scenarios_; }  // calculate order
  // Index of a scenario id in scenarios(), or -1.
  int find(const std::string& id) const;
  const FabricBundles& bundles() const { return bundles_; }
  const KernelParams& params() const { return params_; }
  const ScenarioModelConfig& config() const { return cfg_; }
  Methodology methodology() const { return methodology_; }

  // Scenario-independent per-dwelling columns for /properties: baseline energy (kWh/yr,
  // after the prebound adjustment), adjusted intensity, rebound factor, flow temperature
  // and heat-pump readiness flags. Rows aligned with `dwellings`.
  Table baseline_columns(const Table& dwellings, std::int64_t chunk_size, int workers) const;

  // Per-dwelling results of one scenario, rows aligned with `dwellings`. Throws
  // InputError naming the certificate of a row that cannot be modelled.
  Table compute(const Table& dwellings, std::size_t scenario, std::int64_t chunk_size,
                int workers) const;

 private:
  ScenarioModelConfig cfg_;
  Methodology methodology_;
  FabricBundles bundles_;
  KernelParams params_;
  std::vector<ResolvedScenario> scenarios_;
};

// Reads dwelling i of a validated table (the columns the kernel needs).
class DwellingReader {
 public:
  explicit DwellingReader(const Table& t);  // throws InputError for a missing column
  Dwelling operator()(std::size_t i) const;
  std::string id(std::size_t i) const;
  // Whether row i's certificate number is blank (never without the column: ids are "row N").
  bool blank_id(std::size_t i) const;
  std::size_t size() const { return n_; }
  // The heating-system column is optional here (only documented mode prices by it).
  bool has_heating_system() const { return heating_ != nullptr; }

 private:
  std::size_t n_;
  const StringColumn* cert_;
  const std::vector<double>*floor_, *intensity_, *sap_;
  const std::vector<std::uint8_t>*band_, *wall_, *insulated_, *glazing_, *hn_;
  const std::vector<std::uint8_t>* heating_;
};

// Runs fn(begin, end) over [0, n) in chunks of chunk_size, each chunk split over up to
// `workers` threads in contiguous ranges. Rethrows the error of the lowest failing row range.
void for_chunks(std::size_t n, std::int64_t chunk_size, int workers,
                const std::function<void(std::size_t, std::size_t)>& fn);

}  // namespace heatstreet::scenario
