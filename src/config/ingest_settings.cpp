#include "heatstreet/config/ingest_settings.hpp"

namespace heatstreet {

IngestPolicy ingest_policy(Methodology m) {
  IngestPolicy p;
  if (m == Methodology::kDocumented) return p;
  p.camel_case_headers_to_snake = false;
  p.efficiency_rating_header_is_score = false;
  p.address_lines_stand_in = false;
  p.reject_short_rows = false;
  p.reject_invalid_numbers = false;
  p.reject_infinite_numbers = false;
  p.authority_matches_any_column = false;
  p.apply_missing_field_rule = false;
  p.age_band_rule_reads_key = false;
  p.age_band_rule_follows_stock = false;
  p.read_register_wording = false;
  p.boilers_classed_by_fuel = false;
  p.wall_negatives_decide_last = false;
  p.roof_mm_reads_plus = false;
  p.glazing_description_wins = false;
  p.smart_app_as_word = false;
  p.controls_code_column_is_alias = true;
  p.blank_hot_water_unknown = false;
  p.dedup_by_address_without_uprn = false;
  p.outside_grid_unlocated = false;
  p.coordinates_replace_postcodes = true;
  p.unknown_ventilation_cohort_natural = true;
  return p;
}

IngestSettings ingest_settings(const Config& cfg) {
  IngestSettings s;
  s.certificates = cfg.inputs.certificates;
  s.postcodes = cfg.inputs.postcodes;
  s.postcode_columns = cfg.inputs.postcode_columns;
  s.filters = cfg.filters;
  s.validation = cfg.validation;
  s.policy = ingest_policy(cfg.model.methodology);
  if (cfg.model.methodology == Methodology::kPython &&
      cfg.model.python_validation_path == ValidationPath::kInMemory) {
    // In memory the nulls are real, so V5 fires on them; dedup comes first.
    s.policy.apply_missing_field_rule = true;
    s.policy.missing_field_null_only = true;
    s.policy.dedup_before_validation = true;
  }
  return s;
}

}  // namespace heatstreet
