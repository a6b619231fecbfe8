#include "heatstreet/stock/stock_reader.hpp"

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/stock/table_builders.hpp"

namespace heatstreet::stock {

StockReader::StockReader(const Table& t)
    : band_(need(t, dwelling::kCurrentBand)),
      wall_type_(need(t, dwelling::kWallType)),
      wall_status_(need(t, dwelling::kWallInsulation)),
      wall_ins_(need(t, dwelling::kWallInsulated)),
      roof_text_(need(t, dwelling::kRoofText)),
      roof_rating_(need(t, dwelling::kRoofRating)),
      glazing_(need(t, dwelling::kGlazing)),
      floor_present_(need(t, dwelling::kFloorInsulationPresent)),
      sap_(need(t, dwelling::kCurrentSap)),
      area_(need(t, dwelling::kFloorArea)),
      energy_(need(t, dwelling::kEnergyIntensity)),
      roof_mm_(need(t, dwelling::kRoofThickness)) {}

StockDwelling StockReader::operator()(std::size_t i) const {
  StockDwelling d;
  d.band = band_[i];
  d.sap = sap_[i];
  d.floor_area = area_[i];
  d.heat_demand = energy_[i];
  d.wall_type = wall_type_[i];
  d.wall_status = wall_status_[i];
  d.wall_insulated = wall_ins_[i];
  d.roof_mm = static_cast<double>(roof_mm_[i]);
  d.roof_text = roof_text_[i];
  d.roof_rating = roof_rating_[i];
  d.glazing = glazing_[i];
  d.floor_present = floor_present_[i];
  return d;
}

}  // namespace heatstreet::stock
