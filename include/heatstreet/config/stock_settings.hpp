#pragma once
// What the stock stage reads of the configuration (its slice, not the whole), and the
// stock policy: one named behaviour for each place where the documented methodology and the
// predecessor differ (docs/methodology.md). The policy is resolved from model.methodology
// here, once; the stage and its modules read behaviours, never the methodology.
#include <array>
#include <string>
#include <vector>

#include "heatstreet/config/config.hpp"

namespace heatstreet {

// Each field's default is the documented methodology; `false` is the predecessor's
// behaviour (data validation spec §5, §7, §8.1; docs/methodology.md, "Stock
// characterisation").
struct StockPolicy {
  // --- Loft (readiness_rules: assess_loft, assess_readiness) ---
  // The roof text says a loft is uninsulated only in words ("no insulation",
  // "uninsulated"); otherwise `0 mm|0mm` anywhere in it counts too, which matches every
  // thickness ending in 0 ("100 mm", "270 mm"), so nearly every loft described in mm
  // "needs" a top-up.
  bool loft_none_from_words_only = true;
  // A parsed thickness of 0 mm is the loft category "None"; otherwise "Low (<100mm)".
  bool parsed_zero_mm_loft_is_none = true;

  // --- Roof points of the deficiency score (readiness_rules: assess_readiness) ---
  // The dwelling's roof rating decides when it has one, and its text stands in when the
  // rating is blank; otherwise the rating decides whenever the file has a ROOF_ENERGY_EFF
  // column (a blank rating scores nothing) and the text only without that column.
  bool roof_text_stands_in_per_dwelling = true;
  // The text scores what it states: poor for no insulation or a parsed 0 mm, thin for a
  // parsed thickness up to 100 mm; otherwise the predecessor's substrings: poor for
  // `no insulation|0 mm|uninsulated`, thin for `50mm|75mm|100mm` (which "150mm" matches).
  bool roof_text_scored_on_thickness = true;

  // --- Archetype statistics (archetypes: energy_consumption) ---
  // The energy section takes the register's intensity as it is (always per m2);
  // otherwise, when the stock's mean exceeds 1000, the figures are read as absolute
  // kWh/yr and divided by the floor area.
  bool energy_intensity_as_registered = true;

  // --- Local authority breakdown (local_authority_breakdown) ---
  // Dwellings without a local authority form a row of their own (blank code), so the rows
  // add up to the stock; otherwise they are left out (pandas' groupby skips nulls).
  bool blank_authority_kept = true;
  // The means are as computed; otherwise rounded to 1 decimal place.
  bool authority_means_unrounded = true;

  // --- Case street (case_street) ---
  // The street matches the address ignoring case; otherwise as a case-sensitive substring.
  bool case_street_ignores_case = true;
};

StockPolicy stock_policy(Methodology m);

// The model section's SAP and demand uncertainty.
struct StockUncertaintySettings {
  std::array<double, 4> sap_points{};  // model.sap_uncertainty: SAP >=85, 70-84, 55-69, <55
  double demand_error_low = 0;         // model.demand_error_low/high: fractions of demand
  double demand_error_high = 0;
  double anomaly_demand_error_low = 0;  // model.anomaly_demand_error_low/high: for anomalies
  double anomaly_demand_error_high = 0;
};

// The model section's EPC/fabric anomaly rule (spec §3.6).
struct StockAnomalySettings {
  double roof_threshold_mm = 0;               // model.anomaly_roof_insulation_threshold_mm
  std::vector<std::string> suspicious_bands;  // model.anomaly_suspicious_bands (A-G)
};

// stock_settings(cfg) fills every field from the configuration.
struct StockSettings {
  StockUncertaintySettings uncertainty;
  StockAnomalySettings anomaly;
  HeatPumpReadinessConfig readiness;  // scenario.heat_pump.readiness
  std::string case_street;            // output.case_street
  StockPolicy policy;
};

StockSettings stock_settings(const Config& cfg);

}  // namespace heatstreet
