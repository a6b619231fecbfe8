#include "heatstreet/config/stage_settings.hpp"

namespace heatstreet {

StageSettings stage_settings(const Config& cfg) {
  return StageSettings{ingest_settings(cfg), spatial_settings(cfg), scenario_settings(cfg),
                       stock_settings(cfg)};
}

}  // namespace heatstreet
