#include "heatstreet/ingest/register_text.hpp"

#include <cctype>

#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/ingest/classify.hpp"
#include "heatstreet/ingest/register_layout.hpp"

namespace heatstreet::stock {

double roof_text_mm(std::string_view d, const IngestPolicy& policy) {
  return epc::millimetres(d, policy.roof_mm_reads_plus).value_or(-1);
}

std::uint8_t roof_text_code(std::string_view roof, bool rating_column, const IngestPolicy& policy) {
  const std::string d = epc::lower(roof);
  std::uint8_t code = rating_column ? kRoofRatingColumn : 0;
  if (!epc::trim(d).empty()) code |= kRoofDescribed;
  if (roof_text_mm(d, policy) >= 0) code |= kRoofMmParsed;
  if (epc::has(d, "no insulation") || epc::has(d, "uninsulated")) code |= kRoofNoInsulation;
  if (epc::has(d, "0 mm")) code |= kRoofZeroMmSpaced;
  if (epc::has(d, "0mm")) code |= kRoofZeroMmCompact;
  if (epc::has(d, "50mm") || epc::has(d, "75mm") || epc::has(d, "100mm")) code |= kRoofThinCompact;
  return code;
}

std::uint8_t rating_code(std::string_view text) {
  const std::string t = epc::lower(epc::trim(text));
  const auto& l = rating_labels();
  for (std::size_t i = 0; i < l.size(); ++i)
    if (t == epc::lower(l[i])) return static_cast<std::uint8_t>(i);
  return kUnknownCode;
}

std::uint8_t hot_water_code(std::string_view description, bool column_present,
                            const IngestPolicy& policy) {
  if (!column_present) return kUnknownCode;
  const std::string d = epc::lower(description);
  if (epc::trim(d).empty() && policy.blank_hot_water_unknown) return kUnknownCode;
  HotWater h = HotWater::kOther;
  if (epc::has(d, "immersion")) h = HotWater::kImmersion;
  if (epc::has(d, "combi")) h = HotWater::kCombi;
  if (epc::has(d, "system")) h = HotWater::kSystemBoiler;
  return static_cast<std::uint8_t>(h);
}

const std::vector<std::string>& recorded_field_names() {
  static const std::vector<std::string> n{
      "TOTAL_FLOOR_AREA",      "CURRENT_ENERGY_EFFICIENCY", "ENERGY_CONSUMPTION_CURRENT",
      "CO2_EMISSIONS_CURRENT", "WALLS_DESCRIPTION",         "WALLS_ENERGY_EFF",
      "ROOF_DESCRIPTION",      "ROOF_ENERGY_EFF",           "WINDOWS_DESCRIPTION",
      "MAINHEAT_DESCRIPTION",  "MAINHEAT_CONT_DESCRIPTION", "POSTCODE"};
  return n;
}

}  // namespace heatstreet::stock
