#include "heatstreet/config/scenario_settings.hpp"

namespace heatstreet {

ScenarioPolicy scenario_policy(Methodology m) {
  ScenarioPolicy p;
  if (m == Methodology::kDocumented) return p;
  p.cavity_walls_recognised = false;
  p.readiness_wall_saving_by_type = false;
  p.baseline_priced_by_heating_fuel = false;
  p.fabric_savings_compound = false;
  p.hn_tariff_on_delivered_heat = false;
  p.missing_baseline_gains_no_sap = false;
  p.band_never_worsens = false;
  p.free_measures_pay_back_at_once = false;
  p.marginal_payback_configured = false;
  p.current_co2_summed_per_dwelling = false;
  p.abatement_null_unless_emissions_fall = false;
  p.band_after_counts_known_before = false;
  p.assignments_count_technology = false;
  return p;
}

ScenarioSettings scenario_settings(const Config& cfg) {
  ScenarioSettings s;
  s.scenario = cfg.scenario;
  s.prebound_variant = cfg.model.prebound_variant;
  s.performance_gap_factors = cfg.model.performance_gap_factors;
  s.chunk_size = cfg.run.chunk_size;
  s.workers = cfg.run.workers;
  s.policy = scenario_policy(cfg.model.methodology);
  return s;
}

}  // namespace heatstreet
