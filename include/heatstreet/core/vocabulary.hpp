#pragma once
// Codes of the classified descriptors (data validation spec §3.4) and the names of the
// per-dwelling columns that stages hand to each other. Codes are stored as uint8 with
// kUnknownCode for missing; labels[code] is what the results file records.
#include <cstdint>
#include <string>
#include <vector>

namespace heatstreet {

inline constexpr std::uint8_t kUnknownCode = 255;

enum class Band : std::uint8_t { A, B, C, D, E, F, G };
enum class HeatingSystem : std::uint8_t { kDistrict, kGasBoiler, kElectric, kHeatPump, kOther };
enum class WallType : std::uint8_t {
  kSolidBrick,
  kCavity,
  kStone,
  kTimberFrame,
  kSystemBuilt,
  kOther,
  kUnknown
};
enum class WallInsulation : std::uint8_t {
  kNone,
  kExternal,
  kInternal,
  kCavityFilled,
  kPartial,
  kUnknown
};
enum class RoofInsulation : std::uint8_t { kNone, kMinimal, kPartial, kGood, kExcellent, kUnknown };
enum class FloorInsulation : std::uint8_t { kNone, kSome, kFull, kUnknown };
enum class Glazing : std::uint8_t { kSingle, kDouble, kTriple, kMixed, kUnknown };
enum class Ventilation : std::uint8_t { kNatural, kExtractFans, kMev, kMvhr, kOther, kUnknown };
enum class Tenure : std::uint8_t { kOwnerOccupied, kPrivateRented, kSocial, kUnknown };

// Labels in code order, as the predecessor spells them.
const std::vector<std::string>& band_labels();             // A..G
const std::vector<std::string>& heating_system_labels();   // "District/Communal/Heat Network", ...
const std::vector<std::string>& wall_type_labels();        // solid_brick, cavity, ...
const std::vector<std::string>& wall_insulation_labels();  // none, external, ...
const std::vector<std::string>& roof_insulation_labels();  // none, minimal, ...
const std::vector<std::string>& floor_insulation_labels();
const std::vector<std::string>& glazing_labels();
const std::vector<std::string>& ventilation_labels();
const std::vector<std::string>& tenure_labels();

// Band letter (any case, surrounding blanks ignored) to code, kUnknownCode otherwise.
std::uint8_t band_code(std::string_view letter);

// Column names shared between stages (and written under /properties).
namespace col {
// Identity and place (ingest)
inline constexpr const char* kCertificateNumber = "certificate_number";
inline constexpr const char* kUprn = "uprn";  // int64, -1 = none
inline constexpr const char* kAddress = "address";
inline constexpr const char* kPostcode = "postcode";
inline constexpr const char* kLocalAuthority = "local_authority";  // GSS code
inline constexpr const char* kLocalAuthorityName = "local_authority_name";
inline constexpr const char* kLodgementDate = "lodgement_date";  // int32 days since 1970-01-01
inline constexpr const char* kSourceFile = "source_file";        // int32 index into input list
inline constexpr const char* kSourceLine = "source_line";        // int64, 1-based line of row start
inline constexpr const char* kEasting = "easting";  // double m EPSG:27700, NaN unlocated
inline constexpr const char* kNorthing = "northing";
inline constexpr const char* kLocated = "located";  // uint8 0/1
// Register values
inline constexpr const char* kPropertyType = "property_type";  // string as registered
inline constexpr const char* kBuiltForm = "built_form";
inline constexpr const char* kAgeBand = "construction_age_band";
inline constexpr const char* kCurrentBand = "current_energy_rating";     // uint8 Band
inline constexpr const char* kCurrentSap = "current_energy_efficiency";  // double SAP points
inline constexpr const char* kFloorArea = "total_floor_area_m2";         // double
inline constexpr const char* kEnergyIntensity = "energy_consumption_current_kwh_m2";  // double
inline constexpr const char* kCo2 = "co2_emissions_current_t";                        // double t/yr
// Classified descriptors (uint8 codes of the enums above)
inline constexpr const char* kHeatingSystem = "heating_system_type";
inline constexpr const char* kWallType = "wall_type";
inline constexpr const char* kWallInsulation = "wall_insulation_status";
inline constexpr const char* kWallInsulated = "wall_insulated";                // uint8 0/1
inline constexpr const char* kRoofThickness = "roof_insulation_thickness_mm";  // float, NaN unknown
inline constexpr const char* kRoofCategory = "roof_insulation_category";
inline constexpr const char* kFloorInsulation = "floor_insulation";
inline constexpr const char* kGlazing = "glazing_type";
inline constexpr const char* kVentilation = "ventilation_type";
inline constexpr const char* kTenure = "tenure";
// Spatial stage
inline constexpr const char* kCell = "cell";                                // int64 cell key
inline constexpr const char* kHeatDensity = "heat_density_gwh_km2";         // double, NaN unlocated
inline constexpr const char* kTier = "tier";                                // uint8 1..5
inline constexpr const char* kDistanceToNetwork = "distance_to_network_m";  // double, NaN none
inline constexpr const char* kInHeatZone = "in_heat_zone";                  // uint8 0/1
inline constexpr const char* kHnReady = "hn_ready";                         // uint8 0/1
// Baseline
inline constexpr const char* kBaselineEnergy = "baseline_energy_kwh";  // double kWh/yr
}  // namespace col

}  // namespace heatstreet
