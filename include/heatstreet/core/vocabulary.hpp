#pragma once
// Codes of the classified descriptors (data validation spec §3.4) and of the other coded
// per-dwelling columns (core/dwelling_columns.hpp declares the columns). Codes are stored
// as uint8 with kUnknownCode for missing; labels[code] is what the results file records.
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

// Register ratings (ROOF_ENERGY_EFF and the other *_ENERGY_EFF): Very Poor .. Very Good.
enum class Rating : std::uint8_t { kVeryPoor, kPoor, kAverage, kGood, kVeryGood };
const std::vector<std::string>& rating_labels();
// Hot-water system type (data validation spec §5 `hot_water`).
enum class HotWater : std::uint8_t { kOther, kImmersion, kCombi, kSystemBoiler };
const std::vector<std::string>& hot_water_labels();

// Heat-network tier codes 1-5 (code 0 unused); the tiers' names are in spatial/tiers.hpp.
const std::vector<std::string>& heat_network_tier_labels();  // "", "1", ... "5"
// Heat-pump readiness tiers (data validation spec §7), index 0 = Tier 1.
const std::vector<std::string>& readiness_tier_labels();
// The same as codes 1-5 of a column (code 0 unused).
const std::vector<std::string>& readiness_tier_code_labels();
// Wall insulation needed before a heat pump.
enum class WallWork : std::uint8_t { kNone, kSolidWallEwi, kCavityWall };
const std::vector<std::string>& wall_work_labels();  // none, solid_wall_ewi, cavity_wall
// EPC/fabric anomaly flags (data validation spec §3.6), as bits of one code.
enum AnomalyBit : std::uint8_t {
  kUninsulatedButGoodEpc = 1,
  kSingleGlazedGoodEpc = 2,
  kNoFabricInsulationGoodEpc = 4,
};
// The reason names one by one, in bit order.
const std::vector<std::string>& anomaly_reason_names();
// Reason text of each bit combination ("" for none; reasons joined by ';').
const std::vector<std::string>& anomaly_reason_labels();
// "no", "yes" for 0/1 columns.
const std::vector<std::string>& yes_no_labels();

// Band letter (any case, surrounding blanks ignored) to code, kUnknownCode otherwise.
std::uint8_t band_code(std::string_view letter);

}  // namespace heatstreet
