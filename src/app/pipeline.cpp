#include "heatstreet/app/pipeline.hpp"

#include <filesystem>
#include <fstream>
#include <system_error>

#include "heatstreet/run/interrupt.hpp"
#include "heatstreet/run/provenance.hpp"
#include "heatstreet/version.hpp"

namespace fs = std::filesystem;

namespace heatstreet {

namespace {

void make_dir(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw OutputError("cannot create " + dir + ": " + ec.message());
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) throw OutputError(path + ": cannot write");
}

}  // namespace

Pipeline::Pipeline(const Config& cfg, const StageSettings& settings, const PipelineOptions& options,
                   const Comm& comm)
    : cfg_(cfg),
      settings_(settings),
      options_(options),
      comm_(comm),
      log_(comm, cfg.run.profile),
      stages_(comm, log_),
      out_(cfg.output.dir, OutputDir::temp_name(cfg.output.dir)),
      results_path_(out_.file("results.h5")),
      state_path_(out_.file("checkpoint/state.json")),
      start_time_(utc_now_iso8601()) {}

void Pipeline::run() {
  log_.info(std::string("heatstreet ") + kVersion + ": " + std::to_string(comm_.size()) +
            " rank(s), methodology " + to_string(cfg_.model.methodology) + ", output " +
            cfg_.output.dir + (options_.resume ? " (resuming)" : ""));
  prepare_output();
  resolve_inputs();
  if (!state_.done(kPropertiesDone))
    build_properties();
  else
    reopen_properties();
  run_scenarios();
  finish_results();
  write_run_record();
  log_.info("results in " + out_.final_path());
}

void Pipeline::prepare_output() {
  stages_.run("preflight", [&] {
    if (cfg_.inputs.certificates.empty())
      throw ConfigError(cfg_.source_file + ": inputs.certificates: no register files given");
    if (comm_.root()) {
      if (options_.resume) {
        if (!fs::exists(state_path_))
          throw InputError("cannot resume: " + out_.temp() +
                           " holds no interrupted run of this output directory");
        OutputDir::preflight(out_.final_path(), options_.force);
      } else {
        OutputDir::preflight(out_.final_path(), options_.force);
        std::error_code ec;
        fs::remove_all(out_.temp(), ec);  // a previous failed run's leftovers
        make_dir(out_.temp());
      }
      make_dir(out_.file("checkpoint"));
      if (cfg_.output.tables) make_dir(out_.file("tables"));
    }
    return StageRows{};
  });
}

// What this run was started with, and (resuming) what the interrupted run recorded.
void Pipeline::resolve_inputs() {
  state_.config_yaml = result_relevant_yaml(cfg_);
  stages_.run("inputs", [&] {
    certificate_files_ = ingest::resolve_inputs(settings_.ingest);
    state_.inputs = stamp_inputs(input_paths());
    if (options_.resume) {
      // Rank 0 reads the state; every rank parses the same bytes and reaches the same verdict.
      std::string json;
      if (comm_.root()) json = RunState::read_text(state_path_);
      const RunState saved = RunState::parse(comm_.bcast(json), state_path_);
      check_resumable(saved, state_);
      state_.completed = saved.completed;
      state_.data = saved.data;
    }
    return StageRows{};
  });
}

// Every input file the configuration names, for provenance and the resume check.
std::vector<std::string> Pipeline::input_paths() const {
  std::vector<std::string> paths;
  for (const ingest::InputFile& f : certificate_files_) {
    // A zip member is recorded as its archive.
    std::string p = f.name;
    const auto zip = p.find(".zip/");
    if (zip != std::string::npos) p = p.substr(0, zip + 4);
    if (paths.empty() || paths.back() != p) paths.push_back(p);
  }
  for (const std::string& p : {cfg_.inputs.postcodes, cfg_.inputs.hnpd})
    if (!p.empty()) paths.push_back(p);
  for (const auto& list : {cfg_.inputs.zones, cfg_.inputs.networks})
    for (const std::string& p : list)
      if (fs::is_regular_file(p)) paths.push_back(p);
  return paths;
}

void Pipeline::save_state() {
  run_agreed(comm_, [&] {
    if (comm_.root()) state_.save(state_path_);
  });
}

void Pipeline::write_run_record() {
  run_agreed(comm_, [&] {
    if (!comm_.root()) return;
    nlohmann::json j = log_.to_json();
    j["version"] = kVersion;
    j["git_revision"] = kGitRevision;
    j["methodology"] = to_string(cfg_.model.methodology);
    j["configuration_file"] = cfg_.source_file;
    j["counts"] = counts_;
    j["decomposition"] = decomposition_;
    write_text(out_.file("run.json"), j.dump(2) + "\n");
    std::error_code ec;
    fs::remove_all(out_.file("checkpoint"), ec);
    out_.commit(options_.force);
  });
}

int run_pipeline(const Config& cfg, const StageSettings& settings, const PipelineOptions& options,
                 const Comm& comm) {
  install_interrupt_handlers();
  Pipeline(cfg, settings, options, comm).run();
  return 0;
}

}  // namespace heatstreet
