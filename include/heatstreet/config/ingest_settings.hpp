#pragma once
// What the ingest stage reads of the configuration (its slice, not the whole), and the
// ingest policy: one named behaviour for each place where the documented methodology and the
// predecessor differ (docs/methodology.md). The policy is resolved from model.methodology
// here, once; the stage and its modules read behaviours, never the methodology.
#include <string>
#include <vector>

#include "heatstreet/config/config.hpp"

namespace heatstreet {

// Each field's default is the documented methodology; `false` (or `true` where said) is
// the predecessor's behaviour.
struct IngestPolicy {
  // --- Reading the register (register_layout, selection_rules) ---
  // camelCase header names other than the newer API's become UPPER_SNAKE
  // (totalFloorArea -> TOTAL_FLOOR_AREA); otherwise they are only upper-cased.
  bool camel_case_headers_to_snake = true;
  // currentEnergyEfficiencyRating is the SAP score (CURRENT_ENERGY_EFFICIENCY); otherwise it
  // is read as the band (CURRENT_ENERGY_RATING).
  bool efficiency_rating_header_is_score = true;
  // The newer API's ADDRESS_LINE1-3 stand in for missing legacy ADDRESS1-3 columns.
  bool address_lines_stand_in = true;
  // A row with fewer fields than the header is malformed; otherwise pandas pads it with
  // nulls. (A row with more fields is malformed either way.)
  bool reject_short_rows = true;
  // A numeric field that is not a number rejects the row (invalid_number); otherwise it
  // reads as null.
  bool reject_invalid_numbers = true;
  // An infinite number ("inf") rejects the row; otherwise pandas keeps it.
  bool reject_infinite_numbers = true;

  // --- Stock selection and validation (selection_rules) ---
  // The local-authority filter matches any non-null borough column; otherwise only the
  // first borough column the file has.
  bool authority_matches_any_column = true;
  // V5 (critical fields present) rejects rows; otherwise it never fires (the predecessor
  // reads nulls back as the text "nan").
  bool apply_missing_field_rule = true;
  // V5 reads only null tokens as missing (pandas in memory); otherwise also blank,
  // whitespace-only and "nan" text.
  bool missing_field_null_only = false;
  // Deduplication runs before the validation rules V2-V7 (the predecessor's in-memory
  // path); otherwise after them.
  bool dedup_before_validation = false;
  // V6 compares the age band without its "England and Wales: " prefix, trimmed and lower
  // case; otherwise the text as registered.
  bool age_band_rule_reads_key = true;
  // V6 drops an age band outside the configured stock (filters.age_bands; none when the
  // list is empty); otherwise it drops the predecessor's fixed list of post-1930 bands.
  bool age_band_rule_follows_stock = true;

  // --- Classification (classify, register_text) ---
  // The register's real wording (register_wording.hpp): placeholders read as missing,
  // bilingual and Welsh-only text in English, U-values read as numbers, the first of two
  // main heating systems, "granite or whin" as stone; otherwise the text as written.
  bool read_register_wording = true;
  // Oil, LPG and solid-fuel boilers are "Other"; otherwise every boiler is a gas boiler.
  bool boilers_classed_by_fuel = true;
  // Wall insulation: positive evidence first, negative phrases last, and "insulated" alone
  // means insulated; otherwise the predecessor's order, where "as built, no insulation"
  // of a cavity wall reads as a filled cavity.
  bool wall_negatives_decide_last = true;
  // A loft thickness may be written "300+ mm"; otherwise only digits then "mm" are read.
  bool roof_mm_reads_plus = true;
  // The windows description wins over GLAZED_TYPE when both match; otherwise the later
  // column overwrites.
  bool glazing_description_wins = true;
  // "app" marks smart controls only as a word; otherwise any text containing it
  // ("appliance thermostats").
  bool smart_app_as_word = true;
  // MAIN_HEATING_CONTROLS (a code) is one of the heating-controls aliases (true in the
  // predecessor; false: a code is not a description).
  bool controls_code_column_is_alias = false;
  // A blank hot-water description is unknown; otherwise "Other" (the predecessor
  // classifies the text "nan").
  bool blank_hot_water_unknown = true;

  // --- Deduplication ---
  // A certificate without a UPRN is keyed on its normalised address and postcode;
  // otherwise every UPRN-less row of a file with a UPRN column shares one key and a file
  // without the column keys on the raw address.
  bool dedup_by_address_without_uprn = true;

  // --- Geocoding and the cohort ---
  // Register coordinates that project outside the British National Grid leave the
  // dwelling unlocated; otherwise any projected point is placed.
  bool outside_grid_unlocated = true;
  // When any row has register coordinates, they are used for every row and postcodes are
  // not looked up (true in the predecessor; false: postcodes first, coordinates after).
  bool coordinates_replace_postcodes = false;
  // When no dwelling of the cohort has a known ventilation type, all read as natural
  // (true in the predecessor).
  bool unknown_ventilation_cohort_natural = false;
};

IngestPolicy ingest_policy(Methodology m);

struct IngestSettings {
  std::vector<std::string> certificates;  // inputs.certificates
  std::string postcodes;                  // inputs.postcodes ("" = none)
  PostcodeColumns postcode_columns;       // inputs.postcode_columns
  FiltersConfig filters;
  ValidationConfig validation;
  IngestPolicy policy;
};

IngestSettings ingest_settings(const Config& cfg);

}  // namespace heatstreet
