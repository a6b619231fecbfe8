#pragma once
// The per-dwelling scenario calculation (spec: scenario model §4-§6): baseline and
// prebound, heat-pump readiness, the measure plan, fabric savings with rebound, flow
// temperature and COP, the heat-supply branch, costs, bills, carbon, SAP shift and
// payback. Pure functions of one dwelling and the parameters: no MPI, no threads.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "heatstreet/config/scenario_settings.hpp"

namespace heatstreet::scenario {

// Measure tokens of the catalogue (spec §3.1), concrete first, then placeholders.
enum class Measure : std::uint8_t {
  kLoft,
  kWall,
  kDoubleGlazing,
  kTripleGlazing,
  kFloor,
  kDraught,
  kAshp,
  kEmitter,
  kDistrict,
  kFabricImprovements,
  kModestFabric,
  kBundleTippingPoint,
  kBundleMinimumAshp,
  kHnWhereAvailable,
  kAshpElsewhere
};
inline constexpr int kMeasureCount = 15;
const char* measure_token(Measure m);
// The tokens in Measure order: labels of a bit mask of measures (bit i = labels[i]).
const std::vector<std::string>& measure_labels();
std::optional<Measure> measure_from_token(const std::string& token);

// Which supply a dwelling ends with, and the hybrid allocation (codes with labels).
enum class Technology : std::uint8_t { kGas, kHeatPump, kHeatNetwork };
enum class HybridPathway : std::uint8_t { kNone, kHeatNetwork, kAshp };
const std::vector<std::string>& technology_labels();
const std::vector<std::string>& hybrid_pathway_labels();

struct ItemCost {
  double cost = 0;
  bool cap_applied = false;
};

// A priced item: its rule (if the configuration has one) or the flat legacy cost.
struct CostItem {
  bool has_rule = false;
  CostRule rule;
  double legacy_cost = 0;
  // rule.basis as a code, set by cost_item() so pricing a dwelling compares no strings;
  // kUnresolved (an item built by hand) reads rule.basis instead.
  enum class Basis : std::uint8_t { kUnresolved, kPerM2, kPerUnit, kFixed };
  Basis basis = Basis::kUnresolved;
};

// The cost item of a configured name (`costs` and `cost_rules` keys, e.g.
// "hot_water_cylinder"): its rule when there is one, else the flat cost.
CostItem cost_item(const ScenarioModelConfig& cfg, const std::string& name);

// Discount factors (1 + rate)^y for y = 1..50 (index y - 1), computed once so that the
// discounted payback needs no pow per dwelling: the same values pow gives, so the same
// results to the bit. `reciprocal_sum` (the sum of 1 / factor) bounds what 50 years of
// savings can add up to.
struct DiscountTable {
  std::array<double, 50> factor{};
  double reciprocal_sum = 0;
};
DiscountTable discount_table(double rate);

// Everything the kernel needs, resolved once from the configuration.
struct KernelParams {
  ScenarioPolicy policy;
  double p_gas = 0, p_elec = 0, c_gas = 0, c_elec = 0;
  double heating_fraction = 0.8;
  double hn_efficiency = 0.9, hn_tariff = 0.08, hn_carbon = 0.073;
  CopCurve cop;
  double min_flow_temp = 35;
  double max_heat_demand = 100;
  int min_epc_band = 2;                                // band index (C)
  std::array<double, kMeasureCount> saving{};          // fraction of baseline energy
  std::array<double, kMeasureCount> flow_reduction{};  // K
  double wall_cavity_saving = 0.20, wall_solid_saving = 0.30;
  // Cost items, by measure (wall has two).
  CostItem loft, wall_cavity, wall_internal, double_glazing, triple_glazing, floor, draught, ashp,
      emitter, district;
  double horizon_years = 20, discount_rate = 0.035, max_payback_years = 15;
  DiscountTable discount;              // of discount_rate
  std::array<double, 7> gap_factor{};  // prebound performance-gap factor by band
  // Enabling fabric for heat pumps, in the order the readiness projection applies it.
  std::vector<Measure> fabric_minimum;
};

KernelParams make_kernel_params(const ScenarioSettings& settings,
                                const std::vector<Measure>& fabric_minimum);

// One dwelling's inputs (codes as in vocabulary.hpp).
struct Dwelling {
  double floor_area = 0;    // m2, NaN unknown
  double intensity = 0;     // register energy, kWh/m2/yr
  double sap = 0;           // SAP points, NaN unknown
  std::uint8_t band = 255;  // Band code, 255 unknown
  std::uint8_t wall_type = 255;
  std::uint8_t wall_insulated = 0;
  std::uint8_t glazing = 255;
  std::uint8_t hn_ready = 0;
  std::uint8_t heating_system = 255;  // HeatingSystem code; read when the policy prices by it
};

// The fuel a dwelling heats with before any measure: price per kWh delivered, carbon per
// kWh of input and the delivered share of input (a heat network loses heat on the way).
struct Fuel {
  double price = 0;
  double carbon = 0;
  double efficiency = 1;
  double bill(double delivered) const { return delivered * price; }
  double co2(double delivered) const { return delivered / efficiency * carbon; }
};
// Documented mode: electric heating and heat pumps at the electricity price and carbon
// factor, district heating at the network tariff and carbon, everything else (gas, oil,
// LPG, solid fuel, unknown) as gas; every home as gas without
// policy.baseline_priced_by_heating_fuel (the predecessor).
Fuel existing_fuel(std::uint8_t heating_system, const KernelParams& p);

// Scenario-independent quantities of a dwelling (§4.3, §5).
struct Baseline {
  double intensity = 0;  // prebound-adjusted kWh/m2/yr
  double energy = 0;     // E0, kWh/yr
  double rebound = 1;
  double flow_temp = 0;  // estimated flow temperature, deg C
  bool ashp_ready = false, projected_ready = false, fabric_needed = false,
       not_ready_after_fabric = false;
  bool is_cavity = false;  // as the model sees it (never without policy.cavity_walls_recognised)
};
Baseline dwelling_baseline(const Dwelling& d, const KernelParams& p);

struct Plan {
  std::vector<Measure> measures;
  HybridPathway hybrid = HybridPathway::kNone;
  bool fabric_inserted = false;
};
// The measures applied to a dwelling (§3.5) from the scenario's resolved list.
Plan dwelling_plan(const std::vector<Measure>& resolved, bool hn_ready, bool ashp_ready,
                   const KernelParams& p);

struct DwellingResult {
  double capital_cost = 0, energy_reduction = 0, co2_reduction = 0, bill_savings = 0;
  double baseline_energy = 0, post_energy = 0, baseline_bill = 0, post_bill = 0;
  double baseline_co2 = 0, post_co2 = 0;
  std::uint8_t band_before = 6, band_after = 6, band_shift_steps = 0;
  bool band_shift_capped = false;
  double sap_before = 0, sap_after = 0, sap_delta = 0, sap_basis_pct = 0;
  double payback = 0, discounted_payback = 0, abatement = 0;
  bool recommended = false;
  Technology technology = Technology::kGas;
  double operating_flow_temp = 0;
  double cop_central = 0, cop_low = 0, cop_high = 0;
  double post_fabric_intensity = 0;
  bool ready_after_measures = false;
  double hp_electricity = 0, hp_electricity_low = 0, hp_electricity_high = 0;
  double bill_savings_low = 0, bill_savings_high = 0, post_bill_low = 0, post_bill_high = 0;
  double post_co2_low = 0, post_co2_high = 0;
  bool cap_applied = false;
};
DwellingResult compute_dwelling(const Dwelling& d, const Baseline& b, const Plan& plan,
                                const KernelParams& p);

// --- building blocks, exposed for tests ---------------------------------------------
// NumPy interp: clamped at both ends, linear between knots.
double interp(double x, const std::vector<double>& xs, const std::vector<double>& ys);
// SAP points for a percentage energy saving, tapered over 20-point steps.
double tapered_sap_gain(double pct);
// Band index (0 = A) of a SAP rating; NaN and below 0 give G.
std::uint8_t band_of_sap(double sap);
double band_upper_sap(std::uint8_t band);
// Size factor for fixed costs (NaN area: 1.0).
double size_factor(double area);
ItemCost item_cost(const CostItem& item, double area);
// First year (1..50) whose discounted cumulative savings reach capex; infinity if none.
// zero_capex_pays_at_once: 0 for capex <= 0 with savings > 0 (otherwise infinity).
double discounted_payback(double capex, double savings, double rate, bool zero_capex_pays_at_once);
// The same with the rate's discount_table().
double discounted_payback(double capex, double savings, const DiscountTable& table,
                          bool zero_capex_pays_at_once);
double simple_payback(double capex, double savings);
double flow_temperature(double sap, bool wall_insulated, bool single_glazed);

}  // namespace heatstreet::scenario
