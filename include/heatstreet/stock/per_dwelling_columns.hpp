#pragma once
// The per-dwelling columns of the stock characterisation (core/dwelling_columns.hpp,
// "Stock characterisation"): heat-pump readiness and its costs, the EPC/fabric anomaly
// flags, and the demand and SAP uncertainty. Pure.
#include "heatstreet/config/stock_settings.hpp"
#include "heatstreet/core/table.hpp"
#include "heatstreet/stock/readiness_rules.hpp"

namespace heatstreet::stock {

// Adds the per-dwelling columns (replacing them if present).
void add_dwelling_columns(Table& dwellings, const StockSettings& settings,
                          const ReadinessCosts& costs);

}  // namespace heatstreet::stock
