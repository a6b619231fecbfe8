#pragma once
// The `run` command's stages in order, and what they hand each other: one object per run,
// one method per stage. Each stage gets its own slice of the configuration (StageSettings,
// resolved once when the run starts); StageRunner keeps the ranks in step around every
// stage.
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "heatstreet/app/run_command.hpp"
#include "heatstreet/config/stage_settings.hpp"
#include "heatstreet/core/table.hpp"
#include "heatstreet/ingest/ingest_stage.hpp"
#include "heatstreet/output/results_writer.hpp"
#include "heatstreet/run/output_dir.hpp"
#include "heatstreet/run/output_lock.hpp"
#include "heatstreet/run/run_log.hpp"
#include "heatstreet/run/run_state.hpp"
#include "heatstreet/run/stage_runner.hpp"
#include "heatstreet/run/watchdog.hpp"
#include "heatstreet/scenario/scenario_model.hpp"
#include "heatstreet/scenario/summary.hpp"
#include "heatstreet/spatial/spatial_stage.hpp"
#include "heatstreet/stock/characterise.hpp"

namespace heatstreet {

class Pipeline {
 public:
  Pipeline(const Config& cfg, const StageSettings& settings, const PipelineOptions& options,
           const Comm& comm);
  // Collective: every stage, then the run record and the output directory's commit.
  void run();

 private:
  // The checkpoint name of everything written before the scenarios.
  static constexpr const char* kPropertiesDone = "properties";

  // Stages before the dwellings exist.
  void prepare_output();
  bool prepare_output_dir();
  std::vector<std::string> configured_inputs() const;
  void resolve_inputs();
  // A fresh run: the dwellings and everything known before the scenarios.
  void build_properties();
  void ingest_certificates(ingest::IngestResult& ingested);
  void check_keys();
  void place_on_grid(spatial::SpatialResult& placed);
  void add_baseline(const scenario::ScenarioModel& model);
  void characterise_stock(const scenario::ScenarioModel& model,
                          const ingest::IngestResult& ingested, stock::StockResult& stock);
  void write_properties(const ingest::IngestResult& ingested, const spatial::SpatialResult& placed,
                        const stock::StockResult& stock);
  void write_property_tables(const Table& counters, const ingest::IngestResult& ingested,
                             const spatial::SpatialResult& placed, const stock::StockResult& stock);
  void write_maps();
  // A resumed run: the dwellings from the checkpoint.
  void reopen_properties();
  // The scenarios, then the end of the run.
  void run_scenarios();
  void run_scenario(const scenario::ScenarioModel& model, std::size_t s);
  void write_scenario_results(const std::string& group, const Table& results);
  void note_written(const std::string& group);
  void finish_results();
  void write_run_record();

  void save_state();
  std::vector<std::string> input_paths() const;

  const Config& cfg_;
  const StageSettings& settings_;
  const PipelineOptions options_;
  const Comm& comm_;

  RunLog log_;
  Watchdog watchdog_;
  StageRunner stages_;
  const OutputDir out_;
  const std::string results_path_;
  const std::string state_path_;
  const std::string start_time_;

  std::unique_ptr<OutputLock> lock_;  // rank 0, for the whole run
  bool resuming_ = false;
  RunState state_;
  std::vector<ingest::InputFile> certificate_files_;
  nlohmann::json counts_ = nlohmann::json::object();
  nlohmann::json decomposition_ = nlohmann::json::object();
  Table dwellings_;
  std::unique_ptr<ResultsWriter> writer_;
  std::vector<scenario::ScenarioSummary> summaries_;
  // Scenario-independent result columns: their first dataset, which later scenarios link.
  std::map<std::string, std::string> first_copy_;
};

}  // namespace heatstreet
