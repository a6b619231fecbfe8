#pragma once
// The `run` command: the stages in order, from the inputs to the output directory.
#include "heatstreet/config/config.hpp"
#include "heatstreet/config/stage_settings.hpp"
#include "heatstreet/parallel/comm.hpp"

namespace heatstreet {

struct PipelineOptions {
  bool force = false;   // replace an existing output directory
  bool resume = false;  // continue an interrupted run from its last checkpoint
};

// Collective. Returns the exit code; errors are thrown as AgreedError. `settings` are
// stage_settings(cfg).
int run_pipeline(const Config& cfg, const StageSettings& settings, const PipelineOptions& options,
                 const Comm& comm);

}  // namespace heatstreet
