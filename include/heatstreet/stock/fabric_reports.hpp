#pragma once
// The fabric breakdowns of the whole stock (data validation spec §6): the summary of
// every fabric descriptor, the breakdown by tenure and the EPC/fabric anomalies summary.
// Collective: the same reducer calls on every rank.
#include "heatstreet/core/table.hpp"
#include "heatstreet/parallel/reducer.hpp"
#include "heatstreet/stock/table_builders.hpp"

namespace heatstreet::stock {

// fabric_breakdown_summary: category, subcategory, count, share_pct.
Table fabric_summary(const StockInputs& in, const Reducer& r);
// fabric_breakdown_by_tenure: one row per tenure present.
Table fabric_by_tenure(const StockInputs& in, const Reducer& r);
// fabric_anomalies_summary: anomalies in total, by band, by reason, by wall insulation.
Table anomalies_summary(const StockInputs& in, const Reducer& r);

}  // namespace heatstreet::stock
