#pragma once
// The data-quality report (data validation spec §8.1 item 5): volumes, the ingest
// counters, completeness of the key fields, value ranges, certificate uniqueness, means of
// the adjustments and the known limitations. Collective: the same reducer calls on every
// rank.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "heatstreet/core/table.hpp"
#include "heatstreet/parallel/reducer.hpp"
#include "heatstreet/stock/table_builders.hpp"

namespace heatstreet::stock {

// The ten fixed notes of the limitations section.
const std::vector<std::string>& known_limitations();

// `counters`: the ingest counters (name, value); may be empty.
Table data_quality(const StockInputs& in, const Reducer& r,
                   const std::vector<std::pair<std::string, std::int64_t>>& counters);

}  // namespace heatstreet::stock
