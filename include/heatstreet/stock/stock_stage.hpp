#pragma once
// The stock characterisation stage: adds the per-dwelling readiness, anomaly and
// uncertainty columns in place, then builds every archetype, readiness and report table
// across ranks (characterise.hpp). Collective; the tables are identical on every rank and
// do not depend on the rank count.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "heatstreet/config/stock_settings.hpp"
#include "heatstreet/parallel/comm.hpp"
#include "heatstreet/parallel/reducer.hpp"
#include "heatstreet/scenario/scenario_model.hpp"
#include "heatstreet/stock/characterise.hpp"

namespace heatstreet::stock {

// `model` prices the readiness work; `counters`: the ingest counters for the data-quality
// report (may be empty).
StockResult run(Table& dwellings, const StockSettings& settings,
                const scenario::ScenarioModel& model, const Comm& comm,
                const std::vector<std::pair<std::string, std::int64_t>>& counters = {});

}  // namespace heatstreet::stock
