#pragma once
// Register text the stock characterisation needs beyond the classified descriptors of
// vocabulary.hpp (data validation spec §5, §7, §8.1): what the roof description says in
// the predecessor's own loft rules, the roof rating, the hot-water type, and which key
// fields a certificate recorded. Kept as small codes at ingest so no free text has to
// travel with the dwellings. Pure functions.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "heatstreet/config/ingest_settings.hpp"

namespace heatstreet::stock {

// Bits of the per-dwelling `roof_text` code.
enum RoofTextBit : std::uint8_t {
  kRoofDescribed = 1,       // ROOF_DESCRIPTION not blank
  kRoofMmParsed = 2,        // a thickness in mm was read from it (the roof column holds it)
  kRoofNoInsulation = 4,    // `no insulation` or `uninsulated`
  kRoofZeroMmSpaced = 8,    // the substring `0 mm` (also inside "100 mm", "270 mm")
  kRoofZeroMmCompact = 16,  // the substring `0mm`
  kRoofThinCompact = 32,    // `50mm`, `75mm` or `100mm`
  kRoofRatingColumn = 64,   // the certificate's file has a ROOF_ENERGY_EFF column
};
std::uint8_t roof_text_code(std::string_view roof_description, bool rating_column,
                            const IngestPolicy& policy);

// First `(\d+)\s*mm` of lower-case text; with roof_mm_reads_plus also "300+ mm" (as the
// roof classification of ingest does). Negative when there is none.
double roof_text_mm(std::string_view lower_text, const IngestPolicy& policy);

// Code of a rating (Rating, core/vocabulary.hpp) (case and surrounding blanks ignored),
// kUnknownCode otherwise.
std::uint8_t rating_code(std::string_view text);

// Hot-water system type (HotWater, core/vocabulary.hpp; §5 `hot_water`): Other, then
// immersion, combi, system (later wins).
// kUnknownCode when the file has no hot-water column; a blank value is kUnknownCode with
// blank_hot_water_unknown, else "Other" (the predecessor classifies the text "nan").
std::uint8_t hot_water_code(std::string_view description, bool column_present,
                            const IngestPolicy& policy);

// Bits of the per-dwelling `recorded_fields` code: the data-quality report's key fields
// (§8.1 item 5) that the certificate recorded (not blank).
enum RecordedField : int {
  kRecFloorArea,
  kRecSap,
  kRecEnergy,
  kRecCo2,
  kRecWalls,
  kRecWallsEff,
  kRecRoof,
  kRecRoofEff,
  kRecWindows,
  kRecMainheat,
  kRecControls,
  kRecPostcode,
  kNumRecordedFields
};
// Register column names in bit order.
const std::vector<std::string>& recorded_field_names();

}  // namespace heatstreet::stock
