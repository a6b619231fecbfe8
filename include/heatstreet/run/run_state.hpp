#pragma once
// The record that makes a run resumable: which stages are complete, what they produced
// that later stages need (small: counters, summaries), and what the run was started
// with, so that a resume with another configuration or other inputs is refused. It is a
// JSON file in the output's temporary directory, replaced atomically after each stage.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "heatstreet/config/config.hpp"

namespace heatstreet {

struct InputStamp {
  std::string path;
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
  bool operator==(const InputStamp& o) const {
    return path == o.path && size == o.size && mtime_ns == o.mtime_ns;
  }
};

struct RunState {
  std::string config_yaml;             // the resolved configuration, less keys that do not
                                       // change results (run.*, output.dir)
  std::vector<InputStamp> inputs;      // every input file
  std::vector<std::string> completed;  // stage names, in order
  nlohmann::json data = nlohmann::json::object();  // what later stages need

  bool done(const std::string& stage) const;
  void save(const std::string& path) const;  // atomic: write beside, then rename
  static RunState load(const std::string& path);
  static std::string read_text(const std::string& path);
  // `name` stands for the file in messages.
  static RunState parse(const std::string& json_text, const std::string& name);
};

// The part of the configuration that determines results (for the resume check).
std::string result_relevant_yaml(const Config& cfg);
// Size and modification time of every input the configuration names.
std::vector<InputStamp> stamp_inputs(const std::vector<std::string>& paths);
// Throws ConfigError (configuration changed) or InputError (an input changed) naming
// the first difference between a saved state and the current run.
void check_resumable(const RunState& saved, const RunState& now);

}  // namespace heatstreet
