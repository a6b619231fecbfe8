#pragma once
// The register's file layout: header normalisation (spec §1.2), where each field the
// pipeline reads sits in a file, null tokens (§1.6) and value parsing. Pure code.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heatstreet/config/ingest_settings.hpp"

namespace heatstreet::epc {

// Normalised column name: camelCase names of the newer API mapped (§1.2 step 1; with
// the policy, any other camelCase name becomes UPPER_SNAKE and
// currentEnergyEfficiencyRating maps to the SAP score, not the band), surrounding
// blanks trimmed, inner blanks and hyphens to '_', upper case.
std::string normalise_header(std::string_view raw, const IngestPolicy& policy);

// The fields the pipeline reads.
enum Field : int {
  kCertificateNumber,
  kLmkKey,
  kUprn,
  kAddress,
  kAddress1,
  kAddress2,
  kAddress3,
  kPostcode,
  kLocalAuthority,
  kLocalAuthorityLabel,
  kCouncil,
  kBorough,
  kPropertyType,
  kBuiltForm,
  kAgeBand,
  kLodgementDate,
  kInspectionDate,
  kFloorArea,
  kCurrentRating,
  kCurrentEfficiency,
  kEnergyCurrent,
  kCo2Current,
  kWallsDescription,
  kWallDescription,
  kRoofDescription,
  kRoofEnergyEff,
  kFloorDescription,
  kWindowsDescription,
  kGlazedType,
  kWindowsEnergyEff,
  kMainheatDescription,
  kHeatingSystem,
  kMainheatContDescription,
  kMainheatcontDescription,
  kMainHeatContDescription,
  kHeatingControlsDescription,
  kMainHeatingControls,
  kVentilationType,
  kMechanicalVentilation,
  kTenure,
  kLatitude,
  kLongitude,
  kWallsEnergyEff,
  kHotwaterDescription,
  kHotWaterSystem,
  kNumFields
};
// The normalised column name of a field.
const char* field_name(Field f);

// Column index of every field in one file (-1 = absent), from its header row.
struct FileSchema {
  std::vector<int> index = std::vector<int>(kNumFields, -1);
  std::size_t num_columns = 0;
  bool has(Field f) const { return index[f] >= 0; }
};

// Builds the schema; leftmost of duplicate names wins. Throws InputError naming `file`
// and the first required column that is missing.
FileSchema make_schema(const std::vector<std::string_view>& header, const IngestPolicy& policy,
                       const std::string& file);

// pandas' default null tokens (§1.6): empty, NA, N/A, NULL, nan, ...
bool is_null_token(std::string_view v);
std::string_view trim(std::string_view v);

enum class Parse { kNull, kOk, kInvalid };
// A number with optional surrounding blanks; null tokens give kNull.
Parse parse_number(std::string_view v, double& out);
// A UPRN: digits, optionally written as a float ("100023000001.0"); -1 if none.
std::int64_t parse_uprn(std::string_view v);
// "YYYY-MM-DD" (a time part after it is ignored) to days since 1970-01-01.
std::optional<std::int32_t> parse_date(std::string_view v);
std::int32_t days_from_civil(int y, int m, int d);
std::string date_to_iso(std::int32_t days);

// Postcode key (spatial spec §2.3): upper case, spaces removed, one space before the
// last three characters when at least five remain.
std::string normalise_postcode(std::string_view v);

}  // namespace heatstreet::epc
