#pragma once
// Classification of the register's free-text descriptors into the codes of
// vocabulary.hpp (data validation spec §3.4). Hand-written matchers with the meaning of
// a case-insensitive `re.search` of the spec's patterns. Pure functions.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "heatstreet/config/ingest_settings.hpp"
#include "heatstreet/core/vocabulary.hpp"

namespace heatstreet::epc {

// Text helpers with regex-search meaning on lower-cased ASCII text.
std::string lower(std::string_view s);
bool has(std::string_view text, std::string_view needle);
// `a.*b`: a, then b later on the same line ('.' does not cross a line feed).
bool has_seq(std::string_view text, std::string_view a, std::string_view b);
// `\bword\b`
bool has_word(std::string_view text, std::string_view word);

HeatingSystem classify_heating(std::string_view mainheat, const IngestPolicy& policy);

struct WallClass {
  WallType type = WallType::kUnknown;
  WallInsulation status = WallInsulation::kUnknown;
  bool insulated = false;
  std::optional<double> u_value;  // W/m2K when the text is a U-value
};
// `present` = the file has a walls column (absent: unknown/unknown/false).
WallClass classify_walls(std::string_view walls, bool present, const IngestPolicy& policy);

struct RoofClass {
  std::optional<double> thickness_mm;  // empty = unknown
  RoofInsulation category = RoofInsulation::kUnknown;
  std::optional<double> u_value;      // W/m2K when the text is a U-value
  bool other_dwelling_above = false;  // "(another dwelling above)": no roof of its own
};
RoofClass classify_roof(std::string_view roof, std::string_view roof_energy_eff,
                        const IngestPolicy& policy);
RoofInsulation roof_category(std::optional<double> thickness_mm);

// The number of the first digit run followed by optional blanks and "mm" (`(\d+)\s*mm`);
// with `plus`, a '+' may sit between the digits and the blanks ("300+ mm").
std::optional<double> millimetres(std::string_view text, bool plus);

struct FloorClass {
  FloorInsulation insulation = FloorInsulation::kUnknown;
  std::uint8_t present = kUnknownCode;  // 0/1, kUnknownCode = not known
  std::optional<double> u_value;        // W/m2K when the text is a U-value
  bool other_dwelling_below = false;    // "(another dwelling below)": no ground floor
};
FloorClass classify_floor(std::string_view floor, const IngestPolicy& policy);

// Columns in the order visited; empty views for absent or null values.
Glazing classify_glazing(std::string_view windows_description, std::string_view glazed_type,
                         std::string_view windows_energy_eff, const IngestPolicy& policy);

Ventilation classify_ventilation(std::string_view ventilation_type,
                                 std::string_view mechanical_ventilation);

Tenure classify_tenure(std::string_view tenure, bool present);

struct ControlsClass {
  bool trv = false;
  bool programmer = false;
  bool room_thermostat = false;
  bool smart = false;
};
ControlsClass classify_controls(std::string_view controls, const IngestPolicy& policy);

// V7: "solid" together with a filled cavity (spec §3.2).
bool illogical_insulation(std::string_view walls);

}  // namespace heatstreet::epc
