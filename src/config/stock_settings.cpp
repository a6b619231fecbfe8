#include "heatstreet/config/stock_settings.hpp"

namespace heatstreet {

StockPolicy stock_policy(Methodology m) {
  StockPolicy p;
  if (m == Methodology::kDocumented) return p;
  p.loft_none_from_words_only = false;
  p.parsed_zero_mm_loft_is_none = false;
  p.roof_text_stands_in_per_dwelling = false;
  p.roof_text_scored_on_thickness = false;
  p.energy_intensity_as_registered = false;
  p.blank_authority_kept = false;
  p.authority_means_unrounded = false;
  p.case_street_ignores_case = false;
  return p;
}

StockSettings stock_settings(const Config& cfg) {
  StockSettings s;
  s.uncertainty.sap_points = cfg.model.sap_uncertainty;
  s.uncertainty.demand_error_low = cfg.model.demand_error_low;
  s.uncertainty.demand_error_high = cfg.model.demand_error_high;
  s.uncertainty.anomaly_demand_error_low = cfg.model.anomaly_demand_error_low;
  s.uncertainty.anomaly_demand_error_high = cfg.model.anomaly_demand_error_high;
  s.anomaly.roof_threshold_mm = cfg.model.anomaly_roof_insulation_threshold_mm;
  s.anomaly.suspicious_bands = cfg.model.anomaly_suspicious_bands;
  s.readiness = cfg.scenario.heat_pump.readiness;
  s.case_street = cfg.output.case_street;
  s.policy = stock_policy(cfg.model.methodology);
  return s;
}

}  // namespace heatstreet
