#include "heatstreet/app/cli.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "heatstreet/app/inspect_command.hpp"
#include "heatstreet/app/run_command.hpp"
#include "heatstreet/config/config.hpp"
#include "heatstreet/core/error.hpp"
#include "heatstreet/output/results_schema.hpp"
#include "heatstreet/parallel/comm.hpp"
#include "heatstreet/scenario/scenario_model.hpp"
#include "heatstreet/synth/synth.hpp"
#include "heatstreet/version.hpp"

namespace heatstreet {

namespace {

std::string version_text() {
  return std::string("heatstreet ") + kVersion + " (revision " + kGitRevision + ")";
}

struct CliOptions {
  std::string config;
  std::vector<std::string> set;
  std::string out;
  bool force = false;
  bool resume = false;
  bool dump = false;
  synth::Options synth;
  std::string results;   // inspect: the results file
  std::string scenario;  // inspect: one scenario's details
  bool schema = false;   // inspect: every dataset with type, units and meaning
};

// Prints once: rank 0 for agreed errors, the failing rank otherwise.
void print_error(const std::string& message, int rank, int size) {
  std::ostringstream line;
  line << "heatstreet: error";
  if (size > 1 && rank >= 0) line << " (rank " << rank << ")";
  line << ": " << message << "\n";
  std::fputs(line.str().c_str(), stderr);
  std::fflush(stderr);
}

int check_config(const CliOptions& o, const Comm& comm) {
  Config cfg;
  run_agreed(comm, [&] {
    cfg = load_config(o.config, ConfigOverrides{o.set, true});
    // Everything a run checks before its first stage, so that what passes here runs.
    const StageSettings settings = stage_settings(cfg);
    scenario::ScenarioModel model(settings.scenario);
  });
  if (comm.root()) {
    if (o.dump) {
      std::cout << cfg.resolved_yaml << "\n";
    } else {
      std::cout << o.config << ": configuration is valid (methodology "
                << to_string(cfg.model.methodology) << ", " << cfg.inputs.certificates.size()
                << " certificate input(s), output " << cfg.output.dir << ")\n";
    }
  }
  return 0;
}

int synth_command(const CliOptions& o, const Comm& comm) {
  synth::Summary s;
  run_agreed(comm, [&] { s = synth::generate(o.synth, comm.raw()); });
  if (comm.root())
    std::cout << "synth: " << s.certificate_rows << " certificates in " << s.local_authorities
              << " local authorities, " << s.postcodes << " postcodes, " << s.hnpd_rows
              << " HNPD rows, " << s.zones << " zones written to " << o.synth.out_dir << " ("
              << s.seconds << " s)\n";
  return 0;
}

int run_command(const CliOptions& o, const Comm& comm) {
  Config cfg;
  StageSettings settings;
  std::vector<std::string> set = o.set;
  if (!o.out.empty()) set.push_back("output.dir=" + o.out);
  run_agreed(comm, [&] {
    cfg = load_config(o.config, ConfigOverrides{set, true});
    settings = stage_settings(cfg);
  });
  PipelineOptions po;
  po.force = o.force;
  po.resume = o.resume;
  return run_pipeline(cfg, settings, po, comm);
}

// Reading needs one process: rank 0 reads and prints, the others wait for its outcome.
int inspect_command(const CliOptions& o, const Comm& comm) {
  run_agreed(comm, [&] {
    if (!comm.root()) return;
    if (o.schema)
      print_results_schema(o.results, std::cout);
    else
      inspect_results(o.results, o.scenario, std::cout);
  });
  return 0;
}

// The environment variables read outside the configuration. Every rank has the same
// environment, so every rank reaches the same verdict.
bool environment_readable(const Comm& comm) {
  try {
    Comm::agree_timeout_seconds();
    return true;
  } catch (const ConfigError& e) {
    if (comm.root()) print_error(e.what(), -1, comm.size());
    return false;
  }
}

}  // namespace

int run_cli(int argc, char** argv) {
  MpiSession mpi(&argc, &argv);
  Comm comm;
  const bool root = comm.root();

  CLI::App app{
      "HeatStreet: heat-network and heat-pump suitability, and retrofit scenarios, "
      "for every home in the EPC register.",
      "heatstreet"};
  app.set_version_flag("--version", version_text());
  app.require_subcommand(1);

  CliOptions o;
  CLI::App* run = app.add_subcommand("run", "Run the pipeline on a configuration");
  run->add_option("--config,-c", o.config, "Configuration file (YAML)")->required();
  run->add_option("--set", o.set, "Override a key: KEY.PATH=VALUE (value read as YAML)");
  run->add_option("--out,-o", o.out, "Output directory (overrides output.dir)");
  run->add_flag("--force", o.force, "Replace an existing output directory");
  run->add_flag("--resume", o.resume,
                "Continue an interrupted run (same configuration and inputs) from its last "
                "checkpoint in <out>.partial");

  CLI::App* check = app.add_subcommand("check-config", "Validate a configuration file");
  check->add_option("file", o.config, "Configuration file (YAML)")->required();
  check->add_option("--set", o.set, "Override a key: KEY.PATH=VALUE (value read as YAML)");
  check->add_flag("--dump", o.dump, "Print the resolved configuration as YAML");

  CLI::App* syn = app.add_subcommand(
      "synth", "Write synthetic register-format inputs (certificates, postcodes, HNPD, zones)");
  syn->add_option("--n", o.synth.n, "Certificate rows to write in total")->required();
  syn->add_option("--seed", o.synth.seed, "Random seed (same seed, same files)")
      ->capture_default_str();
  syn->add_option("--region", o.synth.region, "london (33 boroughs) or england (England and Wales)")
      ->check(CLI::IsMember({"london", "england"}))
      ->capture_default_str();
  syn->add_option("--dirty-fraction", o.synth.dirty_fraction,
                  "Share of rows with an injected defect")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  syn->add_flag("--zip", o.synth.zip, "Also pack the certificates into certificates.zip");
  syn->add_flag("--stock-only", o.synth.stock_only,
                "Every certificate a pre-1930 terraced house (the default stock)");
  syn->add_option("--out,-o", o.synth.out_dir, "Output directory")->required();
  CLI::App* inspect = app.add_subcommand("inspect", "Summarise a results file");
  inspect->add_option("file", o.results, "Results file (results.h5)")->required();
  inspect->add_option("--scenario", o.scenario, "Details of one scenario");
  inspect->add_flag("--schema", o.schema,
                    "List every dataset with its type, units and meaning (Markdown)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help and version are successes; anything else is a usage error (exit 2).
    if (root) app.exit(e);
    return e.get_exit_code() == 0 ? 0 : static_cast<int>(ExitCode::kUsage);
  }

  if (!environment_readable(comm)) return static_cast<int>(ExitCode::kUsage);

  try {
    if (run->parsed()) return run_command(o, comm);
    if (check->parsed()) return check_config(o, comm);
    if (syn->parsed()) return synth_command(o, comm);
    if (inspect->parsed()) return inspect_command(o, comm);
    return static_cast<int>(ExitCode::kUsage);
  } catch (const AgreedError& e) {
    if (root) print_error(e.what(), e.failed_rank(), comm.size());
    return e.exit_code();
  } catch (...) {
    // An error only this rank knows about, outside any agreement point: report it and
    // end the whole job so that no rank waits for this one.
    auto [code, message] = describe_error(std::current_exception());
    print_error(message, comm.rank(), comm.size());
    if (comm.size() > 1) MPI_Abort(MPI_COMM_WORLD, code);
    return code;
  }
}

}  // namespace heatstreet
