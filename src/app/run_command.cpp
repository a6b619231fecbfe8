#include "heatstreet/app/run_command.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <system_error>

#include "heatstreet/core/csv_table.hpp"
#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/ingest/ingest_stage.hpp"
#include "heatstreet/ingest/unique_certificates.hpp"
#include "heatstreet/output/grid_maps.hpp"
#include "heatstreet/output/map_cells.hpp"
#include "heatstreet/output/results_reader.hpp"
#include "heatstreet/output/results_writer.hpp"
#include "heatstreet/run/interrupt.hpp"
#include "heatstreet/run/output_dir.hpp"
#include "heatstreet/run/provenance.hpp"
#include "heatstreet/run/run_log.hpp"
#include "heatstreet/run/run_state.hpp"
#include "heatstreet/run/stage_runner.hpp"
#include "heatstreet/scenario/scenario_stage.hpp"
#include "heatstreet/scenario/summary_json.hpp"
#include "heatstreet/scenario/summary_tables.hpp"
#include "heatstreet/spatial/grid.hpp"
#include "heatstreet/spatial/spatial_stage.hpp"
#include "heatstreet/stock/stock_stage.hpp"
#include "heatstreet/version.hpp"

namespace fs = std::filesystem;

namespace heatstreet {

namespace {

constexpr const char* kPropertiesDone = "properties";

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw OutputError(path + ": cannot write");
}

void make_dir(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw OutputError("cannot create " + dir + ": " + ec.message());
}

// Every input file the configuration names, for provenance and the resume check.
std::vector<std::string> input_paths(const Config& cfg,
                                     const std::vector<ingest::InputFile>& certificates) {
  std::vector<std::string> paths;
  for (const ingest::InputFile& f : certificates) {
    // A zip member is recorded as its archive.
    std::string p = f.name;
    const auto zip = p.find(".zip/");
    if (zip != std::string::npos) p = p.substr(0, zip + 4);
    if (paths.empty() || paths.back() != p) paths.push_back(p);
  }
  for (const std::string& p : {cfg.inputs.postcodes, cfg.inputs.hnpd})
    if (!p.empty()) paths.push_back(p);
  for (const auto& list : {cfg.inputs.zones, cfg.inputs.networks})
    for (const std::string& p : list)
      if (fs::is_regular_file(p)) paths.push_back(p);
  return paths;
}

Table counters_table(const nlohmann::json& counts) {
  Table t;
  auto& name = t.add_strings({"counter", "", "Counter name (docs/ingest.md)", {}});
  auto& value = t.add<std::int64_t>({"value", "", "Count over all ranks", {}});
  for (const auto& [k, v] : counts.items()) {
    name.push_back(k);
    value.push_back(v.get<std::int64_t>());
  }
  return t;
}

Table suitability_table(const std::vector<tiers::SuitabilityRow>& rows) {
  Table t;
  auto& tier = t.add<std::int32_t>({"tier", "", "Heat-network tier, 1 (best) to 5", {}});
  auto& label = t.add_strings({"label", "", "Tier name", {}});
  auto& count = t.add<std::int64_t>({"dwellings", "", "Dwellings in the tier", {}});
  auto& pct = t.add<double>({"percentage", "%", "Share of all dwellings, one decimal", {}});
  auto& pathway = t.add_strings({"recommended_pathway", "", "Recommended pathway", {}});
  auto& note = t.add_strings({"note", "", "Criteria of the tier", {}});
  for (const auto& r : rows) {
    tier.push_back(r.tier);
    label.push_back(r.label);
    count.push_back(r.count);
    pct.push_back(r.percentage);
    pathway.push_back(r.pathway);
    note.push_back(r.note);
  }
  return t;
}

// One row per summary value of one scenario: whole stock, each local authority, each tier.
Table summary_table(const scenario::ScenarioSummary& s) {
  Table t;
  auto& dim = t.add_strings({"dimension", "", "all, local_authority or tier", {}});
  auto& key = t.add_strings({"key", "", "GSS code or tier number (empty for all)", {}});
  auto& metric = t.add_strings({"metric", "", "Summary value (docs/output-format.md)", {}});
  auto& unit = t.add_strings({"unit", "", "Unit of the value", {}});
  auto& value = t.add<double>({"value", "", "Numeric value (NaN: none or text)", {}});
  auto& text = t.add_strings({"text", "", "Text value, where the value is text", {}});
  for (const auto& g : s.groups)
    for (const auto& v : g.values) {
      dim.push_back(g.dimension);
      key.push_back(g.key);
      metric.push_back(v.name);
      unit.push_back(v.unit);
      value.push_back(v.value);
      text.push_back(v.text);
    }
  return t;
}

void write_maps(const Table& dwellings, const Config& cfg, const OutputDir& out, const Comm& comm) {
  const auto& cell = dwellings.get<std::int64_t>(dwelling::kCell);
  const auto& density = dwellings.get<double>(dwelling::kHeatDensity);
  const auto& tier = dwellings.get<std::uint8_t>(dwelling::kHeatNetworkTier);
  std::vector<std::int64_t> ix, iy;
  std::vector<double> d;
  std::vector<std::uint8_t> t;
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (cell[i] == grid::kNoCell) continue;
    const grid::Cell c = grid::unpack(cell[i]);
    ix.push_back(c.ix);
    iy.push_back(c.iy);
    d.push_back(density[i]);
    t.push_back(tier[i]);
  }
  const std::vector<CellValue> cells = gather_map_cells(tally_cells(ix, iy, d, t), comm);
  run_agreed(comm, [&] {
    if (comm.root() && !cells.empty()) write_grid_maps(out.temp(), cells, cfg.spatial.cell_size_m);
  });
}

}  // namespace

int run_pipeline(const Config& cfg, const PipelineOptions& options, const Comm& comm) {
  install_interrupt_handlers();
  RunLog log(comm, cfg.run.profile);
  StageRunner stages(comm, log);
  log.info(std::string("heatstreet ") + kVersion + ": " + std::to_string(comm.size()) +
           " rank(s), methodology " + to_string(cfg.model.methodology) + ", output " +
           cfg.output.dir + (options.resume ? " (resuming)" : ""));

  const OutputDir out(cfg.output.dir, OutputDir::temp_name(cfg.output.dir));
  const std::string results_path = out.file("results.h5");
  const std::string state_path = out.file("checkpoint/state.json");
  const std::string start_time = utc_now_iso8601();

  stages.run("preflight", [&] {
    if (cfg.inputs.certificates.empty())
      throw ConfigError(cfg.source_file + ": inputs.certificates: no register files given");
    if (comm.root()) {
      if (options.resume) {
        if (!fs::exists(state_path))
          throw InputError("cannot resume: " + out.temp() +
                           " holds no interrupted run of this output directory");
        OutputDir::preflight(out.final_path(), options.force);
      } else {
        OutputDir::preflight(out.final_path(), options.force);
        std::error_code ec;
        fs::remove_all(out.temp(), ec);  // a previous failed run's leftovers
        make_dir(out.temp());
      }
      make_dir(out.file("checkpoint"));
      if (cfg.output.tables) make_dir(out.file("tables"));
    }
    return StageRows{};
  });

  // What this run was started with, and (resuming) what the interrupted run recorded.
  RunState state;
  state.config_yaml = result_relevant_yaml(cfg);
  std::vector<ingest::InputFile> certificate_files;
  stages.run("inputs", [&] {
    certificate_files = ingest::resolve_inputs(ingest_settings(cfg));
    state.inputs = stamp_inputs(input_paths(cfg, certificate_files));
    if (options.resume) {
      // Rank 0 reads the state; every rank parses the same bytes and reaches the same verdict.
      std::string json;
      if (comm.root()) json = RunState::read_text(state_path);
      const RunState saved = RunState::parse(comm.bcast(json), state_path);
      check_resumable(saved, state);
      state.completed = saved.completed;
      state.data = saved.data;
    }
    return StageRows{};
  });
  auto save_state = [&] {
    run_agreed(comm, [&] {
      if (comm.root()) state.save(state_path);
    });
  };

  nlohmann::json counts = nlohmann::json::object();
  nlohmann::json decomposition = nlohmann::json::object();
  Table dwellings;
  std::unique_ptr<ResultsWriter> writer;

  if (!state.done(kPropertiesDone)) {
    ingest::IngestResult ingested;
    stages.run("ingest", [&] {
      ingested = ingest::run(ingest_settings(cfg), comm);
      std::int64_t read = 0;
      for (const auto& [name, value] : ingested.report.counters) {
        counts[name] = value;
        if (name == "rows_read") read = value;
      }
      // Rows in are counted over all ranks already; report them from rank 0 only.
      return StageRows{comm.root() ? read : 0,
                       static_cast<std::int64_t>(ingested.dwellings.num_rows())};
    });
    dwellings = std::move(ingested.dwellings);
    stages.run("check keys", [&] {
      check_unique_certificates(dwellings, dwelling::kCertificateNumber, comm);
      const auto n = static_cast<std::int64_t>(dwellings.num_rows());
      return StageRows{n, n};
    });

    spatial::SpatialResult placed;
    stages.run("spatial", [&] {
      placed = spatial::run(dwellings, spatial_settings(cfg), comm);
      for (const std::string& w : placed.warnings) log.info("warning: " + w);
      counts["located"] = placed.located;
      counts["unlocated"] = placed.unlocated;
      counts["populated_cells"] = placed.populated_cells;
      // Decomposition figures depend on the rank count: run.json only, never the results.
      decomposition["load_imbalance"] = placed.imbalance;
      decomposition["dwellings_per_rank"] = placed.dwellings_per_rank;
      decomposition["halo_cells_requested"] = placed.halo_cells_requested;
      for (std::size_t t = 0; t < placed.tier_counts.size(); ++t)
        counts["tier_" + std::to_string(t + 1)] = placed.tier_counts[t];
      const auto n = static_cast<std::int64_t>(dwellings.num_rows());
      return StageRows{n, n};
    });

    const ScenarioSettings scenario_cfg = scenario_settings(cfg);
    const scenario::ScenarioModel model(scenario_cfg);
    stages.run("baseline", [&] {
      Table base = model.baseline_columns(dwellings, scenario_cfg.chunk_size, scenario_cfg.workers);
      for (Column& c : base.columns()) dwellings.columns().push_back(std::move(c));
      const auto n = static_cast<std::int64_t>(dwellings.num_rows());
      return StageRows{n, n};
    });

    // Stock characterisation: readiness columns join the dwellings; the archetype,
    // readiness and report tables are identical on every rank.
    stock::StockResult stock_tables;
    stages.run("characterise", [&] {
      stock_tables =
          stock::run(dwellings, stock_settings(cfg), model, comm, ingested.report.counters);
      for (std::size_t t = 0; t < stock_tables.headline.readiness_tiers.size(); ++t)
        counts["readiness_tier_" + std::to_string(t + 1)] =
            stock_tables.headline.readiness_tiers[t];
      counts["epc_fabric_anomalies"] = stock_tables.headline.anomalies;
      counts["case_street_dwellings"] = stock_tables.headline.case_street_dwellings;
      const auto n = static_cast<std::int64_t>(dwellings.num_rows());
      return StageRows{n, n};
    });

    // /properties and everything known before the scenarios; together with the run
    // state this is the checkpoint a resumed run starts from.
    stages.run("write properties", [&] {
      writer = std::make_unique<ResultsWriter>(results_path, comm, cfg.output.compression_level);
      Provenance p;
      p.configuration_yaml = cfg.resolved_yaml;
      p.methodology = to_string(cfg.model.methodology);
      log.part("input checksums",
               [&] { p.inputs = describe_inputs(input_paths(cfg, certificate_files), comm); });
      p.start_time = start_time;
      log.part("provenance", [&] { write_provenance(*writer, p); });
      log.part("properties", [&] { writer->write_table("/properties", dwellings); });
      std::vector<std::string> names;
      for (const auto& f : ingested.report.input_files) names.push_back(f.name);
      writer->write_attribute("/properties/source_file", "files", names);
      writer->write_table("/grid", placed.grid_cells);
      writer->write_table("/rejects", ingested.rejects);
      writer->write_attribute("/rejects/source_file", "files", names);
      const Table counters = counters_table(counts);
      writer->write_small_table("/validation", counters);
      const Table suitability = suitability_table(placed.suitability);
      writer->write_small_table("/tiers/pathway_suitability", suitability);
      const std::pair<const char*, const std::vector<stock::NamedTable>*> stock_groups[] = {
          {"archetypes", &stock_tables.archetypes},
          {"readiness", &stock_tables.readiness},
          {"reports", &stock_tables.reports}};
      for (const auto& [group, tables] : stock_groups)
        for (const stock::NamedTable& t : *tables)
          writer->write_small_table(stock::results_path(group, t.name), t.table);
      if (cfg.output.maps) log.part("maps", [&] { write_maps(dwellings, cfg, out, comm); });
      run_agreed(comm, [&] {
        if (comm.root() && cfg.output.tables) {
          write_csv_file(out.file("tables/validation_report.csv"), counters);
          write_csv_file(out.file("tables/pathway_suitability_by_tier.csv"), suitability);
          for (const auto& [group, tables] : stock_groups)
            for (const stock::NamedTable& t : *tables)
              write_csv_file(out.file("tables/" + stock::csv_file_name(group, t.name)), t.table);
        }
      });
      writer->flush();
      state.completed.push_back(kPropertiesDone);
      state.data["counts"] = counts;
      save_state();
      const auto n = static_cast<std::int64_t>(dwellings.num_rows());
      return StageRows{n, n};
    });
  } else {
    stages.run("resume", [&] {
      counts = state.data.at("counts");
      dwellings = read_table(results_path, "/properties", comm);
      writer = std::make_unique<ResultsWriter>(results_path, comm, cfg.output.compression_level,
                                               ResultsWriter::Mode::kAppend);
      const auto n = static_cast<std::int64_t>(dwellings.num_rows());
      return StageRows{n, n};
    });
  }

  // The scenarios' views of /properties columns are confirmed against these rows.
  writer->hold_rows("/properties", dwellings);
  const ScenarioSettings scenario_cfg = scenario_settings(cfg);
  const scenario::ScenarioModel model(scenario_cfg);
  std::vector<scenario::ScenarioSummary> summaries;
  // The scenario-independent columns are written with the first scenario; every later
  // scenario's names link to those datasets (the same values, stored once).
  std::map<std::string, std::string> first_copy;
  auto note_written = [&](const std::string& group) {
    for (const std::string& c : scenario::result::scenario_independent_columns())
      first_copy.emplace(c, group + "/" + c);
  };
  for (std::size_t s = 0; s < model.scenarios().size(); ++s) {
    const std::string id = model.scenarios()[s].definition.id;
    const std::string stage = "scenario " + id;
    if (state.done(stage)) {
      note_written("/scenarios/" + id);
      summaries.push_back(scenario::summary_from_json(state.data.at("summaries").at(id)));
      continue;
    }
    stages.run(stage, [&] {
      const std::string group = "/scenarios/" + id;
      writer->remove(group);  // a part written before an interruption
      Table results;
      log.part("model", [&] {
        results = model.compute(dwellings, s, scenario_cfg.chunk_size, scenario_cfg.workers);
      });
      log.part("write", [&] {
        std::vector<std::string> linked;
        for (const auto& [column, existing] : first_copy)
          if (results.has(column)) linked.push_back(column);
        // Columns repeating values already in the file (a scenario's unchanged state, the
        // heat-pump figures of a scenario without heat pumps) are stored as views.
        writer->write_table(group, results, linked, ResultsWriter::Repeats::kView);
        for (const std::string& column : linked)
          writer->link(first_copy.at(column), group + "/" + column);
        note_written(group);
      });
      log.part("summarise", [&] {
        summaries.push_back(scenario::summarise(model, s, dwellings, results, comm));
      });
      log.part("write", [&] {
        writer->write_small_table(group + "/summary", summary_table(summaries.back()));
        writer->write_attribute(group, "label", summaries.back().label);
        writer->flush();
      });
      state.completed.push_back(stage);
      state.data["summaries"][id] = scenario::to_json(summaries.back());
      save_state();
      const auto n = static_cast<std::int64_t>(dwellings.num_rows());
      return StageRows{n, static_cast<std::int64_t>(results.num_rows())};
    });
  }
  scenario::add_subsidy_tables(model, summaries);

  stages.run("finish", [&] {
    run_agreed(comm, [&] {
      if (comm.root() && cfg.output.tables) {
        write_csv_file(out.file("tables/scenario_summary.csv"),
                       scenario::scenario_table(summaries));
        write_csv_file(out.file("tables/scenario_breakdown.csv"),
                       scenario::breakdown_table(summaries));
        write_csv_file(out.file("tables/subsidy_sensitivity.csv"),
                       scenario::subsidy_table(summaries));
      }
    });
    writer->write_attribute("/", "ranks", static_cast<std::int64_t>(comm.size()));
    write_end_time(*writer);
    writer->finish();
    writer.reset();
    return StageRows{};
  });

  run_agreed(comm, [&] {
    if (comm.root()) {
      nlohmann::json j = log.to_json();
      j["version"] = kVersion;
      j["git_revision"] = kGitRevision;
      j["methodology"] = to_string(cfg.model.methodology);
      j["configuration_file"] = cfg.source_file;
      j["counts"] = counts;
      j["decomposition"] = decomposition;
      write_text(out.file("run.json"), j.dump(2) + "\n");
      std::error_code ec;
      fs::remove_all(out.file("checkpoint"), ec);
      out.commit(options.force);
    }
  });
  log.info("results in " + out.final_path());
  return 0;
}

}  // namespace heatstreet
