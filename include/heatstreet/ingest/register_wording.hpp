#pragma once
// The register's descriptions as they are really written, read into the English wording
// the classifier knows (docs/methodology.md, "The register's wording"): placeholders as
// missing, the English half of bilingual text, Welsh-only phrases in English, and the
// U-value form of recent certificates as a number. Pure code.
#include <optional>
#include <string>
#include <string_view>

namespace heatstreet::epc {

// The text the classifier reads, lower case: "" for a placeholder ("SAP05:..."
// "NO DATA!", "INVALID!"); the part before '|' of "English|Welsh"; every Welsh phrase of
// the register's table replaced by its English wording (a lost apostrophe, written '?',
// read as one).
std::string english_wording(std::string_view text);

// The English half of "English|Welsh" (the Welsh half when the English one is blank),
// trimmed; the text itself when it has no '|'.
std::string_view english_part(std::string_view text);

// True for the register's placeholders for "no description".
bool placeholder(std::string_view text);

// The number of "Average thermal transmittance 0.28 W/m²K" (the unit in any of the
// register's encodings: W/m²K, W/mÂ²K, W/m?K, W/m&#0178;K, W/m2K), in W/m²K; nothing when
// the text is not a U-value. Reads lower- or upper-case text.
std::optional<double> u_value(std::string_view text);

// The first of two main heating systems written in one description ("Boiler and
// radiators, mains gas, Electric storage heaters": the register starts the second
// system with a capital after ", "); the whole text when it names one.
std::string_view first_main_system(std::string_view mainheat);

// U-value thresholds (W/m²K) at or below which an element counts as insulated: an
// uninsulated cavity wall is about 1.5 and solid brick 2.1, a filled cavity 0.5-0.7; an
// uninsulated suspended or solid floor 0.6-1.2, an insulated one 0.25-0.45.
inline constexpr double kWallInsulatedAtMost = 0.7;
inline constexpr double kFloorInsulatedAtMost = 0.5;
// A roof's U-value as the loft insulation thickness that gives it, mm: mineral wool
// (0.04 W/mK) of thickness t has U ≈ 0.04 / t, so t = 40 / U mm (0.16 → 250 mm).
double roof_equivalent_mm(double u);

}  // namespace heatstreet::epc
