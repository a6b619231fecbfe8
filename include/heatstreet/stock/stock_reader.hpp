#pragma once
// One dwelling of the dwelling table as the stock rules read it (StockDwelling).
#include <cstdint>
#include <vector>

#include "heatstreet/core/table.hpp"
#include "heatstreet/stock/readiness_rules.hpp"

namespace heatstreet::stock {

// Reads what the rules need of row i (throws InputError for a missing column).
class StockReader {
 public:
  explicit StockReader(const Table& t);
  StockDwelling operator()(std::size_t i) const;

 private:
  const std::vector<std::uint8_t>&band_, &wall_type_, &wall_status_, &wall_ins_, &roof_text_,
      &roof_rating_, &glazing_, &floor_present_;
  const std::vector<double>&sap_, &area_, &energy_;
  const std::vector<float>& roof_mm_;
};

}  // namespace heatstreet::stock
