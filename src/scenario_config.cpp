#include "heatstreet/scenario_config.hpp"

namespace heatstreet {

void parse_scenario_model(const ConfigNode& root, ScenarioModelConfig&) {
  for (const auto& s : scenario_sections()) (void)root.child(s);
}

}  // namespace heatstreet
