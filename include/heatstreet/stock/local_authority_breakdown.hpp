#pragma once
// The local authority breakdown (data validation spec §8.1 item 1): dwellings, mean SAP,
// energy, CO2 and floor area, and the modal band of each local authority, largest first.
// Collective: the same reducer calls on every rank.
#include "heatstreet/core/table.hpp"
#include "heatstreet/parallel/reducer.hpp"
#include "heatstreet/stock/table_builders.hpp"

namespace heatstreet::stock {

Table local_authority_breakdown(const StockInputs& in, const Reducer& r);

}  // namespace heatstreet::stock
