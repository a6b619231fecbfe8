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
      watchdog_(cfg.run.stall_timeout_s, comm),
      stages_(comm, log_),
      out_(OutputDir::normalise(cfg.output.dir),
           OutputDir::temp_name(OutputDir::normalise(cfg.output.dir))),
      results_path_(out_.file("results.h5")),
      state_path_(out_.file("checkpoint/state.json")),
      start_time_(utc_now_iso8601()) {}

void Pipeline::run() {
  log_.info(std::string("heatstreet ") + kVersion + ": " + std::to_string(comm_.size()) +
            " rank(s), methodology " + to_string(cfg_.model.methodology) + ", output " +
            out_.final_path() + (options_.resume ? " (resuming if interrupted)" : ""));
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
  bool resuming = false;
  stages_.run("preflight", [&] {
    if (cfg_.inputs.certificates.empty())
      throw ConfigError(cfg_.source_file + ": inputs.certificates: no register files given");
    if (comm_.root()) resuming = prepare_output_dir();
    return StageRows{};
  });
  resuming_ = comm_.max(std::int64_t{resuming ? 1 : 0}) == 1;
}

// Rank 0: locks the output, checks what may be replaced, and creates (or, resuming, keeps)
// the temporary directory. True when an interrupted run's checkpoint is there to resume.
bool Pipeline::prepare_output_dir() {
  OutputDir::check_parent(out_.final_path());
  lock_ = std::make_unique<OutputLock>(out_.final_path());
  const std::vector<std::string> inputs = configured_inputs();
  std::error_code ec;
  if (fs::exists(fs::symlink_status(out_.final_path(), ec))) {
    if (!options_.force)
      throw OutputError("output directory " + out_.final_path() +
                        " already exists; choose another or pass --force to replace it");
    OutputDir::check_removable(out_.final_path(), inputs, "replaced");
  }
  const bool resuming = options_.resume && fs::is_regular_file(state_path_, ec);
  if (options_.resume && !resuming)
    log_.info("nothing to resume in " + out_.temp() + ": starting from the beginning");
  if (!resuming) {
    if (fs::exists(fs::symlink_status(out_.temp(), ec))) {
      // A previous failed run's leftovers.
      OutputDir::check_removable(out_.temp(), inputs, "cleared");
      fs::remove_all(out_.temp(), ec);
      if (ec) throw OutputError("cannot clear " + out_.temp() + ": " + ec.message());
    }
    out_.create();
  }
  make_dir(out_.file("checkpoint"));
  if (cfg_.output.tables) make_dir(out_.file("tables"));
  return resuming;
}

// Every path the configuration reads from, as written (no file is opened): the output
// must never replace or clear a directory that holds one of them.
std::vector<std::string> Pipeline::configured_inputs() const {
  std::vector<std::string> paths = cfg_.inputs.certificates;
  for (const std::string& p : {cfg_.inputs.postcodes, cfg_.inputs.hnpd, cfg_.source_file})
    paths.push_back(p);
  paths.insert(paths.end(), cfg_.inputs.zones.begin(), cfg_.inputs.zones.end());
  paths.insert(paths.end(), cfg_.inputs.networks.begin(), cfg_.inputs.networks.end());
  return paths;
}

// What this run was started with, and (resuming) what the interrupted run recorded.
void Pipeline::resolve_inputs() {
  state_.config_yaml = result_relevant_yaml(cfg_);
  stages_.run("inputs", [&] {
    certificate_files_ = ingest::resolve_inputs(settings_.ingest);
    state_.inputs = stamp_inputs(input_paths());
    if (resuming_) {
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
    out_.commit(options_.force, configured_inputs());
  });
}

int run_pipeline(const Config& cfg, const StageSettings& settings, const PipelineOptions& options,
                 const Comm& comm) {
  install_interrupt_handlers();
  Pipeline(cfg, settings, options, comm).run();
  return 0;
}

}  // namespace heatstreet
