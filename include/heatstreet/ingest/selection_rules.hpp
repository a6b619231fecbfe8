#pragma once
// Stock selection (spec §2.1-§2.5) and the validation rules V2-V7 (§3.2) on one parsed
// certificate, with the reason codes recorded for every rejected row. Pure code.
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heatstreet/config/config.hpp"
#include "heatstreet/config/ingest_settings.hpp"
#include "heatstreet/ingest/register_layout.hpp"

namespace heatstreet::epc {

// Why a certificate was rejected (the `reason` column of the rejects table).
enum class Reason : std::uint8_t {
  kUnterminatedQuote,  // scanner: input ended inside a quoted field
  kFieldCount,         // scanner: more (or, reject_short_rows, fewer) fields than the header
  kInvalidNumber,      // reject_invalid_numbers: a numeric field that is not a number
  kRecordTooLong,      // scanner: a record over the size limit
  kFloorArea,          // V2
  kNegativeEnergy,     // V3b
  kNegativeCo2,        // V3d
  kBuiltForm,          // V4
  kMissingField,       // V5
  kAgeBandMismatch,    // V6
  kDuplicate,          // V1
};
inline constexpr int kNumReasons = 11;
const std::vector<std::string>& reason_labels();

// Why a certificate is not in the selected stock (counted, not rejected).
enum class Exclusion : std::uint8_t {
  kNone,
  kSampleWindow,
  kLocalAuthority,
  kPropertyType,
  kBuiltForm,
  kAgeBand
};

// The values of one certificate the rules and the output need. Text values are views
// into the scanner's record; null tokens are empty views with the `null` bit set.
struct Certificate {
  std::vector<std::string_view> text = std::vector<std::string_view>(kNumFields);
  std::vector<bool> null = std::vector<bool>(kNumFields, true);
  std::vector<bool> present = std::vector<bool>(kNumFields, false);  // column in the file
  double floor_area = NAN, sap = NAN, energy = NAN, co2 = NAN, latitude = NAN, longitude = NAN;
  std::optional<std::int32_t> lodgement, inspection;
  std::int64_t uprn = -1;
  std::string_view value(Field f) const { return text[f]; }
  bool is_null(Field f) const { return null[f]; }
};

// Fills a Certificate from a record's fields. Returns the reason if the row is
// malformed under the policy (reject_invalid_numbers, reject_infinite_numbers).
std::optional<Reason> parse_certificate(const std::vector<std::string_view>& fields,
                                        const FileSchema& schema, const IngestPolicy& policy,
                                        Certificate& out);

class StockSelector {
 public:
  StockSelector(const FiltersConfig& filters, const IngestPolicy& policy);
  Exclusion check(const Certificate& c) const;

 private:
  bool matches_authority(const Certificate& c) const;
  bool any_column_authority_;
  std::optional<std::int32_t> start_, end_;
  std::vector<std::string> authorities_, property_types_, built_forms_, age_bands_;
};

// Age band without an optional "England and Wales: " prefix, trimmed and lower-cased.
std::string age_band_key(std::string_view band);

struct ValidationResult {
  std::optional<Reason> drop;
  bool negative_energy = false, energy_clamped = false;
  bool negative_co2 = false, co2_clamped = false;
  bool illogical_insulation = false;  // V7 flag
};

// A ValidationResult in a number, for a record that waits for deduplication before its
// validation counts: the reason + 1 (0 none) in the low byte, the flags above.
std::int32_t pack_validation(const ValidationResult& r);
ValidationResult unpack_validation(std::int32_t packed);

class Validator {
 public:
  // `stock_age_bands`: filters.age_bands, which V6 follows under the policy.
  Validator(const ValidationConfig& v, const IngestPolicy& policy,
            const std::vector<std::string>& stock_age_bands);
  // Applies V2-V7 in the predecessor's order; clamps energy and CO2 in place (V3a/c).
  ValidationResult check(Certificate& c) const;

 private:
  std::optional<Reason> check_energy_and_co2(Certificate& c, ValidationResult& r) const;
  bool missing_critical_field(const Certificate& c) const;
  bool later_age_band(const Certificate& c) const;
  ValidationConfig cfg_;
  bool missing_field_rule_;
  bool missing_field_null_only_;
  bool age_band_key_;
  bool age_band_follows_stock_;
  std::vector<std::string> stock_age_bands_;  // age_band_key of each configured band
  std::vector<std::vector<Field>> required_;  // per logical field, its column aliases
  std::vector<std::string> required_names_;
};

}  // namespace heatstreet::epc
