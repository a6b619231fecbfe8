#pragma once
// Configuration of the scenario model: scenarios, costs, cost_rules, measure_savings,
// prices, carbon, heat_pump, heat_network, financial and subsidy sections.
#include "heatstreet/config_node.hpp"

namespace heatstreet {

struct ScenarioModelConfig {};

// The scenario-model sections of the configuration root, in their section order.
inline const std::vector<std::string>& scenario_sections() {
  static const std::vector<std::string> s{"scenarios",    "costs",         "cost_rules",
                                          "measure_savings", "prices",      "carbon",
                                          "heat_pump",    "heat_network",  "financial",
                                          "subsidy"};
  return s;
}

// Reads those sections from the configuration root.
void parse_scenario_model(const ConfigNode& root, ScenarioModelConfig& out);

}  // namespace heatstreet
