#pragma once
// Stock characterisation (data validation spec §3.6, §4-§8.1): from dwellings that carry
// the per-dwelling readiness, anomaly and uncertainty columns (per_dwelling_columns.hpp),
// the archetype statistics, readiness tables, fabric breakdowns and reports, as small
// Tables identical on every rank. The whole-stock steps go through a Reducer
// (parallel/reducer.hpp), so this file has no MPI in it. docs/stock-characterisation.md
// describes every table and column.
#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "heatstreet/config/stock_settings.hpp"
#include "heatstreet/core/table.hpp"
#include "heatstreet/parallel/reducer.hpp"
#include "heatstreet/stock/named_table.hpp"

namespace heatstreet::stock {

struct StockHeadline {
  std::int64_t dwellings = 0;
  std::array<std::int64_t, 5> readiness_tiers{};
  std::int64_t anomalies = 0;
  double mean_total_cost_gbp = 0;
  std::int64_t case_street_dwellings = 0;
};

struct StockResult {
  std::vector<NamedTable> archetypes;  // the eleven sections, fixed order
  std::vector<NamedTable> readiness;   // tiers, interventions, costs, summary
  std::vector<NamedTable>
      reports;  // fabric_*, local_authority_breakdown, case_street*, data_quality
  StockHeadline headline;
};

// Every table from dwellings that carry the per-dwelling columns. `counters` are the
// ingest counters (name, value) for the data-quality report (may be empty). Every call
// on the reducer is made in the same order on every rank.
StockResult characterise(const Table& dwellings, const StockSettings& settings,
                         const Reducer& reducer,
                         const std::vector<std::pair<std::string, std::int64_t>>& counters);

// Where a table goes: "archetypes_<name>.csv" / "/archetypes/<name>", "readiness_<name>.csv"
// / "/readiness/<name>", "<name>.csv" / "/reports/<name>".
std::string csv_file_name(const std::string& group, const std::string& name);
std::string results_path(const std::string& group, const std::string& name);

}  // namespace heatstreet::stock
