#include "heatstreet/pipeline.hpp"

#include <filesystem>
#include <fstream>
#include <system_error>

#include "heatstreet/output_dir.hpp"
#include "heatstreet/run_log.hpp"
#include "heatstreet/version.hpp"

namespace fs = std::filesystem;

namespace heatstreet {

namespace {

void write_run_json(const std::string& path, const RunLog& log, const Config& cfg) {
  nlohmann::json j = log.to_json();
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

  // The data stages are added here as they are built.
  log.stage("load", [&]() -> StageRows {
    throw Error(ExitCode::kInternal,
                "the load stage is not part of this build yet; only configuration checks and "
                "the output directory are in place");
  });

  run_agreed(comm, [&] {
    if (comm.root()) {
      write_run_json(out.file("run.json"), log, cfg);
      out.commit(options.force);
    }
  });
  log.info("results in " + out.final_path());
  return 0;
}

}  // namespace heatstreet
