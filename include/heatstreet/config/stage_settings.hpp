#pragma once
// Every stage's slice of a configuration, with its methodology policy resolved: built once
// when a run starts (and by check-config, so that it refuses what a run would refuse).
#include "heatstreet/config/config.hpp"
#include "heatstreet/config/ingest_settings.hpp"
#include "heatstreet/config/scenario_settings.hpp"
#include "heatstreet/config/spatial_settings.hpp"
#include "heatstreet/config/stock_settings.hpp"

namespace heatstreet {

struct StageSettings {
  IngestSettings ingest;
  SpatialSettings spatial;
  ScenarioSettings scenario;
  StockSettings stock;
};

// Throws ConfigError naming the key at fault.
StageSettings stage_settings(const Config& cfg);

}  // namespace heatstreet
