#include "heatstreet/pipeline.hpp"

#include <filesystem>
#include <fstream>
#include <system_error>

#include "heatstreet/ingest.hpp"
#include "heatstreet/output_dir.hpp"
#include "heatstreet/scenario_stage.hpp"
#include "heatstreet/spatial_stage.hpp"
#include "heatstreet/stock_stage.hpp"
#include "heatstreet/run_log.hpp"
#include "heatstreet/version.hpp"

namespace fs = std::filesystem;

namespace heatstreet {

namespace {

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw OutputError(path + ": cannot write");
}

void write_run_json(const std::string& path, const RunLog& log, const Config& cfg,
                    const nlohmann::json& counts) {
  nlohmann::json j = log.to_json();
  j["counts"] = counts;
  j["version"] = kVersion;
  j["git_revision"] = kGitRevision;
  j["methodology"] = to_string(cfg.model.methodology);
  j["configuration_file"] = cfg.source_file;
  std::ofstream out(path);
  out << j.dump(2) << "\n";
  if (!out) throw OutputError(path + ": cannot write");
}

}  // namespace

int run_pipeline(const Config& cfg, const PipelineOptions& options, const Comm& comm) {
  RunLog log(comm, cfg.run.profile);
  log.info(std::string("heatstreet ") + kVersion + ": " + std::to_string(comm.size()) +
           " rank(s), methodology " + to_string(cfg.model.methodology) + ", output " +
           cfg.output.dir);

  const OutputDir out(cfg.output.dir, OutputDir::temp_name(cfg.output.dir));
  log.stage("preflight", [&] {
    if (cfg.inputs.certificates.empty())
      throw ConfigError(cfg.source_file + ": inputs.certificates: no register files given");
    if (comm.root()) {
      OutputDir::preflight(out.final_path(), options.force);
      std::error_code ec;
      fs::remove_all(out.temp(), ec);  // a previous failed run's leftovers
      fs::create_directories(out.temp(), ec);
      if (ec) throw OutputError("cannot create " + out.temp() + ": " + ec.message());
    }
    return StageRows{};
  });

  nlohmann::json counts = nlohmann::json::object();
  ingest::IngestResult ingested;
  log.stage("ingest", [&] {
    ingested = ingest::run(cfg, comm);
    std::int64_t read = 0;
    for (const auto& [name, value] : ingested.report.counters) {
      counts[name] = value;
      if (name == "rows_read") read = value;
    }
    // Rows in are counted over all ranks already; report them from rank 0 only.
    return StageRows{comm.root() ? read : 0,
                     static_cast<std::int64_t>(ingested.dwellings.num_rows())};
  });

  spatial::SpatialResult placed;
  log.stage("spatial", [&] {
    placed = spatial::run(ingested.dwellings, cfg, comm);
    for (const std::string& w : placed.warnings) log.info("warning: " + w);
    counts["located"] = placed.located;
    counts["unlocated"] = placed.unlocated;
    counts["populated_cells"] = placed.populated_cells;
    counts["load_imbalance"] = placed.imbalance;
    for (std::size_t t = 0; t < placed.tier_counts.size(); ++t)
      counts["tier_" + std::to_string(t + 1)] = placed.tier_counts[t];
    const auto n = static_cast<std::int64_t>(ingested.dwellings.num_rows());
    return StageRows{n, n};
  });

  // Scenario-independent columns (baseline energy, readiness flags) join the dwellings.
  const scenario::ScenarioModel model(cfg);
  log.stage("baseline", [&] {
    Table base = model.baseline_columns(ingested.dwellings, cfg.run.chunk_size, cfg.run.workers);
    for (Column& c : base.columns()) ingested.dwellings.columns().push_back(std::move(c));
    const auto n = static_cast<std::int64_t>(ingested.dwellings.num_rows());
    return StageRows{n, n};
  });

  // Stock characterisation: readiness columns join the dwellings; archetype, readiness
  // and report tables (identical on every rank) are written by rank 0.
  log.stage("characterise", [&] {
    const stock::StockResult stock =
        stock::run(ingested.dwellings, cfg, model, comm, ingested.report.counters);
    for (std::size_t t = 0; t < stock.headline.readiness_tiers.size(); ++t)
      counts["readiness_tier_" + std::to_string(t + 1)] = stock.headline.readiness_tiers[t];
    counts["epc_fabric_anomalies"] = stock.headline.anomalies;
    counts["case_street_dwellings"] = stock.headline.case_street_dwellings;
    if (comm.root() && cfg.output.tables) {
      const std::string dir = out.file("tables");
      std::error_code ec;
      fs::create_directories(dir, ec);
      if (ec) throw OutputError("cannot create " + dir + ": " + ec.message());
      const std::pair<const char*, const std::vector<stock::NamedTable>*> groups[] = {
          {"archetypes", &stock.archetypes}, {"readiness", &stock.readiness}, {"reports", &stock.reports}};
      for (const auto& [group, tables] : groups)
        for (const stock::NamedTable& t : *tables)
          write_text(dir + "/" + stock::csv_file_name(group, t.name), stock::table_csv(t.table));
    }
    const auto n = static_cast<std::int64_t>(ingested.dwellings.num_rows());
    return StageRows{n, n};
  });

  std::vector<scenario::ScenarioSummary> summaries;
  for (std::size_t s = 0; s < model.scenarios().size(); ++s) {
    const std::string id = model.scenarios()[s].definition.id;
    log.stage("scenario " + id, [&] {
      const Table results =
          model.compute(ingested.dwellings, s, cfg.run.chunk_size, cfg.run.workers);
      summaries.push_back(scenario::summarise(model, s, ingested.dwellings, results, comm));
      const auto n = static_cast<std::int64_t>(ingested.dwellings.num_rows());
      return StageRows{n, static_cast<std::int64_t>(results.num_rows())};
    });
  }
  scenario::add_subsidy_tables(model, summaries);

  log.stage("tables", [&] {
    if (comm.root() && cfg.output.tables) {
      const std::string dir = out.file("tables");
      std::error_code ec;
      fs::create_directories(dir, ec);
      if (ec) throw OutputError("cannot create " + dir + ": " + ec.message());
      write_text(dir + "/scenario_summary.csv", scenario::scenario_table_csv(summaries));
      write_text(dir + "/scenario_breakdown.csv", scenario::summary_csv(summaries));
      write_text(dir + "/subsidy_sensitivity.csv", scenario::subsidy_csv(summaries));
    }
    return StageRows{};
  });

  run_agreed(comm, [&] {
    if (comm.root()) {
      write_run_json(out.file("run.json"), log, cfg, counts);
      out.commit(options.force);
    }
  });
  log.info("results in " + out.final_path());
  return 0;
}

}  // namespace heatstreet
