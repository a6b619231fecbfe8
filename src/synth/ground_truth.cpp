// Names of the ground truth that the manifest reports for every row: why a row is or is
// not in the default stock, which defect it carries and whether validation drops it.
#include "heatstreet/synth/detail.hpp"

namespace heatstreet::synth::detail {

const char* stock_reason_name(StockReason r) {
  switch (r) {
    case StockReason::kInStock:
      return "in_stock";
    case StockReason::kOutsideLondon:
      return "outside_london";
    case StockReason::kNotHouse:
      return "not_house";
    case StockReason::kNotTerraced:
      return "not_terraced";
    case StockReason::kNotPre1930:
      return "not_pre_1930";
    default:
      return "?";
  }
}

const char* defect_name(Defect d) {
  switch (d) {
    case Defect::kNone:
      return "none";
    case Defect::kFloorAreaOutOfBounds:
      return "floor_area_out_of_bounds";
    case Defect::kFloorAreaMalformed:
      return "floor_area_malformed";
    case Defect::kEnergySlightlyNegative:
      return "energy_slightly_negative";
    case Defect::kEnergySeverelyNegative:
      return "energy_severely_negative";
    case Defect::kEnergyMalformed:
      return "energy_malformed";
    case Defect::kCo2SlightlyNegative:
      return "co2_slightly_negative";
    case Defect::kCo2SeverelyNegative:
      return "co2_severely_negative";
    case Defect::kMissingAddress:
      return "missing_address";
    case Defect::kMissingPostcode:
      return "missing_postcode";
    case Defect::kMissingEnergyRating:
      return "missing_current_energy_rating";
    case Defect::kMissingWallsDescription:
      return "missing_walls_description";
    case Defect::kMissingMainheatDescription:
      return "missing_mainheat_description";
    case Defect::kUnknownPostcode:
      return "unknown_postcode";
    case Defect::kPostcodeUnnormalised:
      return "postcode_unnormalised";
    case Defect::kAddressQuoting:
      return "address_quoting";
    default:
      return "?";
  }
}

bool defect_drops_row(Defect d) {
  switch (d) {
    case Defect::kFloorAreaOutOfBounds:
    case Defect::kFloorAreaMalformed:
    case Defect::kEnergySeverelyNegative:
    case Defect::kCo2SeverelyNegative:
    case Defect::kMissingAddress:
    case Defect::kMissingPostcode:
    case Defect::kMissingEnergyRating:
    case Defect::kMissingWallsDescription:
    case Defect::kMissingMainheatDescription:
      return true;
    default:
      return false;
  }
}

}  // namespace heatstreet::synth::detail
