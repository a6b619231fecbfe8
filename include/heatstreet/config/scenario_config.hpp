#pragma once
// Configuration of the scenario model: scenarios, costs, cost_rules, measure_savings,
// prices, carbon, heat_pump, heat_network, financial and subsidy sections. Member
// initialisers carry the predecessor's configured values, so an absent key behaves as in
// the shipped configuration (config/heatstreet.yaml lists every key).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "heatstreet/config/config_node.hpp"

namespace heatstreet {

// One scenario: an id (the key in `scenarios`), a label, and measures from the catalogue.
struct ScenarioDefinition {
  std::string id;
  std::string name;                   // human label; the id when absent
  std::vector<std::string> measures;  // measure tokens, placeholders not yet expanded
};

struct ScenariosConfig {
  std::vector<std::string> calculate;  // ids, run order
  std::vector<std::string> publish;    // ids shown in the headline table (subset of calculate)
  std::vector<ScenarioDefinition> definitions;  // in file order
};

// How a measure item is priced (spec: scenario model §2.2, §6.6).
struct CostRule {
  std::string basis = "fixed";          // fixed | per_m2 | per_unit
  double rate = 0;                      // GBP per m2 (per_m2)
  double area_share_of_floor = 1.0;     // treated area as a share of floor area
  double area_multiplier = 1.0;         // treated area multiplier (wall area from floor area)
  double floor_area_fallback_m2 = 100;  // used when the floor area is unknown
  double unit_size_m2 = 1;              // floor area served per unit (per_unit)
  double unit_rate = 0;                 // GBP per unit
  double min_units = 0;
  std::optional<double> fixed_cost;    // fixed basis; absent = costs[<item>]
  std::optional<double> min_total;     // GBP floor of the item cost
  std::optional<double> cap_per_home;  // GBP ceiling of the item cost
  bool apply_size_adjustment = true;   // fixed basis: scale by the dwelling size factor
};

struct MeasureSaving {
  std::optional<double> kwh_saving_pct;         // fraction of baseline energy saved (0..1)
  std::optional<double> cavity_kwh_saving_pct;  // wall_insulation only
  std::optional<double> solid_kwh_saving_pct;   // wall_insulation only
  double flow_temp_reduction_k = 0;             // K off the heating flow temperature
};

struct PriceProfile {
  std::string id;
  std::string label;
  std::string effective_period;
  double gas_gbp_per_kwh = 0.0624;
  double electricity_gbp_per_kwh = 0.245;
  std::string source_note;
};

struct PricesConfig {
  std::string default_profile = "january_client_report_provisional";
  std::vector<PriceProfile> profiles;  // parsed; the selected one is `active`
  PriceProfile active;                 // the profile named by default_profile
};

struct CarbonConfig {
  double gas_kg_per_kwh = 0.183;          // carbon.current.gas
  double electricity_kg_per_kwh = 0.225;  // carbon.current.electricity
};

struct CopCurve {
  std::vector<double> temperatures_c{35, 45, 55, 65};
  std::vector<double> central{3.6, 3.2, 2.7, 2.3};
  std::vector<double> low{3.2, 2.8, 2.4, 2.0};
  std::vector<double> high{4.0, 3.5, 3.0, 2.6};
};

// Heat-pump readiness of the stock characterisation (data validation spec §7): fabric
// savings of the post-fabric demand, the deficiency score and its tiers, and sizing.
struct HeatPumpReadinessConfig {
  double loft_saving = 0.15;                    // fraction of demand saved by a loft top-up
  double solid_wall_saving = 0.35;              // by external insulation of solid walls
  double cavity_wall_saving = 0.35;             // by cavity fill
  double glazing_saving = 0.10;                 // by replacing single glazing
  double loft_topup_below_mm = 200;             // loft needs a top-up below this thickness
  double radiator_upsizing_above_kwh_m2 = 100;  // post-fabric demand needing bigger emitters
  // Deficiency score points.
  double score_wall_uninsulated = 2.0;
  double score_solid_wall_uninsulated = 0.5;  // added to the above for solid walls
  double score_roof_poor = 1.0;
  double score_roof_thin = 0.5;
  double score_single_glazing = 1.0;
  double score_floor_uninsulated = 0.5;
  double score_sap_low = 1.0;       // SAP below sap_low_below
  double score_sap_moderate = 0.5;  // SAP from sap_low_below to below sap_moderate_below
  double sap_low_below = 40;
  double sap_moderate_below = 55;
  double sap_missing = 50;  // SAP assumed when not recorded
  // Upper score of tiers 1..4 (tier 5 above the last).
  std::vector<double> tier_max_score{0.5, 1.5, 2.5, 4.0};
  // Heat-pump size: floor area x kW/m2 chosen by post-fabric demand.
  std::vector<double> size_demand_breaks_kwh_m2{100, 150};
  std::vector<double> size_kw_per_m2{0.05, 0.08, 0.10};
  double min_size_kw = 5;
  double max_size_kw = 16;
  double size_without_area_kw = 8;
};

struct HeatPumpConfig {
  std::vector<double> design_flow_temps{35, 45, 55, 65};
  double heating_demand_fraction = 0.8;  // share of delivered energy used for space heating
  CopCurve cop;
  double max_heat_demand_kwh_per_m2 = 100;  // eligibility.max_heat_demand_kwh_per_m2
  std::string min_epc_band = "C";           // eligibility.min_epc_band
  HeatPumpReadinessConfig readiness;        // readiness
  // Lowest flow temperature a heat pump is run at (min of design_flow_temps).
  double min_flow_temp_c() const;
};

struct HeatNetworkConfig {
  double tariff_per_kwh = 0.08;
  double distribution_efficiency = 0.90;
  double carbon_intensity_kg_per_kwh = 0.073;
};

struct FinancialConfig {
  double discount_rate = 0.035;
  double analysis_horizon_years = 20;
  double subsidy_sensitivity_cost_uplift_pct = 0;
  double max_payback_years = 15;     // cost_effectiveness.max_payback_years
  double max_payback_marginal = 25;  // cost_effectiveness.max_payback_marginal
};

struct UptakeCurve {
  double ceiling = 0.85;
  double floor = 0.02;
  double midpoint_years = 12.0;
  double steepness = 0.20;
  bool clamp = true;
  std::string interpretation = "modelled sensitivity, not forecast";
  std::string source_notes =
      "Logistic smooth uptake curve against simple payback; illustrative, not calibrated.";
};

struct SubsidyConfig {
  std::vector<double> levels{0, 25, 50, 75, 100};  // percent of capital cost
  std::vector<std::string> scenarios{"heat_pump", "hybrid", "heat_network"};
  UptakeCurve uptake;
};

struct ScenarioModelConfig {
  ScenariosConfig scenarios;
  std::map<std::string, double> costs;         // legacy flat costs, GBP per home
  std::map<std::string, CostRule> cost_rules;  // by cost item
  std::map<std::string, MeasureSaving> measure_savings;
  PricesConfig prices;
  CarbonConfig carbon;
  HeatPumpConfig heat_pump;
  HeatNetworkConfig heat_network;
  FinancialConfig financial;
  SubsidyConfig subsidy;

  ScenarioModelConfig();  // fills the predecessor's catalogues and scenarios
  const ScenarioDefinition* find(const std::string& id) const;
};

// The measure tokens a scenario may name (spec §3.1): concrete measures then placeholders.
const std::vector<std::string>& measure_catalogue();

// The scenario-model sections of the configuration root, in their section order.
inline const std::vector<std::string>& scenario_sections() {
  static const std::vector<std::string> s{"scenarios", "costs",  "cost_rules", "measure_savings",
                                          "prices",    "carbon", "heat_pump",  "heat_network",
                                          "financial", "subsidy"};
  return s;
}

// Reads those sections from the configuration root. Throws ConfigError naming the key
// path and line of a bad value; unknown keys are refused with a suggestion.
void parse_scenario_model(const ConfigNode& root, ScenarioModelConfig& out);

}  // namespace heatstreet
