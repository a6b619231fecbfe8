#pragma once
// The archetype statistics of the whole stock (data validation spec §5): eleven sections
// in a fixed order, category counts and numeric statistics.
#include <string>
#include <vector>

#include "heatstreet/parallel/reducer.hpp"
#include "heatstreet/stock/named_table.hpp"
#include "heatstreet/stock/table_builders.hpp"

namespace heatstreet::stock {

// Archetype section names in their fixed order.
const std::vector<std::string>& archetype_sections();

// The sections, in that order. Collective: the same reducer calls on every rank.
std::vector<NamedTable> archetype_tables(const StockInputs& in, const Reducer& r);

}  // namespace heatstreet::stock
