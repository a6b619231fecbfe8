#pragma once
// What the scenario stage reads of the configuration (its slice, not the whole), and the
// scenario policy: one named behaviour for each place where the documented methodology and the
// predecessor differ (docs/methodology.md). The policy is resolved from model.methodology
// here, once; the stage and its modules read behaviours, never the methodology.
#include <cstdint>
#include <map>
#include <string>

#include "heatstreet/config/config.hpp"

namespace heatstreet {

// Each field's default is the documented methodology; `false` is the predecessor's
// behaviour (spec: scenario model §12).
struct ScenarioPolicy {
  // --- Baseline and heat-pump readiness (kernel: dwelling_baseline) ---
  // Cavity walls are recognised from the wall type, and priced and saved as cavity
  // insulation; otherwise no wall is a cavity wall (the predecessor compared its
  // lower-case wall labels with "Cavity", which never matches).
  bool cavity_walls_recognised = true;
  // The readiness projection saves on walls by wall type (the cavity or solid saving);
  // otherwise by wall insulation's plain kwh_saving_pct (0 when it has none).
  bool readiness_wall_saving_by_type = true;

  // --- The fuel a dwelling has today (kernel: existing_fuel; scenario_model: inputs) ---
  // The baseline, and the energy left on the dwelling's fuel after the measures, are priced
  // at the dwelling's own heating fuel, so the heating-system column is required; otherwise
  // every home is priced as gas.
  bool baseline_priced_by_heating_fuel = true;

  // --- One dwelling's measures (kernel: compute_dwelling) ---
  // Fabric savings compound: each measure saves its fraction of what the previous ones
  // left (S = 1 - prod(1 - s)); otherwise the fractions of the baseline add up (capped at
  // the baseline). The rebound factor then scales the combined saving once either way.
  bool fabric_savings_compound = true;
  // The heat-network tariff is a price per kWh of heat delivered; otherwise it is charged
  // on the network's input (delivered heat over the distribution efficiency).
  bool hn_tariff_on_delivered_heat = true;
  // A missing baseline (no saving fraction) gains no SAP points; otherwise min(1, NaN)
  // reads it as a 100 % saving.
  bool missing_baseline_gains_no_sap = true;
  // The band after the measures is never worse than the band before; otherwise the band
  // of the estimated SAP rating stands.
  bool band_never_worsens = true;
  // Measures costing nothing that save money pay back at once (discounted payback 0);
  // otherwise never (infinity).
  bool free_measures_pay_back_at_once = true;

  // --- Aggregates (row aggregation, summary values) ---
  // Paybacks up to financial.max_payback_marginal are marginal; otherwise up to 25 years
  // (the predecessor never read the setting).
  bool marginal_payback_configured = true;
  // The baseline scenario's current emissions sum each dwelling's own (its heating fuel);
  // otherwise the stock's baseline energy times the gas carbon factor.
  bool current_co2_summed_per_dwelling = true;
  // The stock's abatement cost is null unless emissions fall; otherwise any non-zero
  // reduction gives capital / (reduction x horizon), negative when emissions rise.
  bool abatement_null_unless_emissions_fall = true;
  // Band C or better after the measures counts the dwellings with a known band before,
  // like the share's denominator; otherwise every dwelling (the share may exceed 100 %).
  bool band_after_counts_known_before = true;
  // Heat-network and heat-pump assignments count the technology each dwelling ends with;
  // otherwise only the hybrid allocation (pure heat-pump and heat-network scenarios
  // report 0).
  bool assignments_count_technology = true;
};

ScenarioPolicy scenario_policy(Methodology m);

struct ScenarioSettings {
  // The scenario-model sections: scenarios, costs, prices, carbon, heat pump/network, ...
  ScenarioModelConfig scenario;
  // model.prebound_variant and model.performance_gap_factors: the prebound adjustment.
  std::string prebound_variant = "central";
  std::map<std::string, BandFactors> performance_gap_factors;
  // run.chunk_size and run.workers: dwellings per chunk, threads per rank.
  std::int64_t chunk_size = 50000;
  int workers = 2;
  ScenarioPolicy policy;
};

ScenarioSettings scenario_settings(const Config& cfg);

}  // namespace heatstreet
