#pragma once
// The heat-pump readiness tables of the whole stock (data validation spec §7): tiers,
// interventions, costs and the summary, from the per-dwelling readiness columns.
// Collective: the same reducer calls on every rank.
#include <array>
#include <cstdint>
#include <vector>

#include "heatstreet/parallel/reducer.hpp"
#include "heatstreet/stock/named_table.hpp"
#include "heatstreet/stock/table_builders.hpp"

namespace heatstreet::stock {

struct ReadinessTables {
  std::vector<NamedTable> tables;  // tiers, interventions, costs, summary
  std::array<std::int64_t, 5> tiers{};
  std::int64_t anomalies = 0;
  double mean_total = kNaN;  // GBP per dwelling, full ASHP
};

ReadinessTables readiness_tables(const StockInputs& in, const Reducer& r);

}  // namespace heatstreet::stock
