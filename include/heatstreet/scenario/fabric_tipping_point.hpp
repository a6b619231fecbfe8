#pragma once
// Fabric tipping-point analysis (spec: scenario model §3.2): a greedy sequence of fabric
// measures by kWh saved per pound on a reference home, the marginal-cost curve along it,
// and the two bundles the scenarios use (to the tipping point; minimum for a heat pump).
// Pure; computed once when the model is built.
#include <string>
#include <vector>

#include "heatstreet/config/scenario_config.hpp"

namespace heatstreet::scenario {

struct FabricStep {
  std::string id;     // catalogue id, e.g. "cavity_wall_insulation"
  std::string token;  // scenario measure token, e.g. "wall_insulation"
  double capex = 0;   // GBP (flat costs block)
  double saving = 0;  // fraction of remaining demand
  double kwh = 0;     // kWh/yr saved at this step on the reference home
  double cumulative_kwh = 0;
  double marginal_cost = 0;  // GBP per kWh/yr
  bool beyond_tipping_point = false;
};

struct FabricBundles {
  std::vector<FabricStep> curve;
  double threshold = 0;                      // 2 x the cheapest marginal cost
  std::vector<std::string> full_to_tipping;  // measure tokens, de-duplicated
  std::vector<std::string> minimum_to_ashp;
};

inline constexpr double kTippingReferenceDemandKwh = 15000;
inline constexpr double kTippingAshpTargetSaving = 0.25;
inline constexpr double kTippingFactor = 2.0;

FabricBundles fabric_bundles(const ScenarioModelConfig& cfg);

}  // namespace heatstreet::scenario
