#include "heatstreet/run/run_state.hpp"

#include <sys/stat.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <sstream>

namespace heatstreet {

bool RunState::done(const std::string& stage) const {
  return std::find(completed.begin(), completed.end(), stage) != completed.end();
}

void RunState::save(const std::string& path) const {
  nlohmann::json inputs_json = nlohmann::json::array();
  for (const InputStamp& s : inputs)
    inputs_json.push_back({{"path", s.path}, {"size", s.size}, {"mtime_ns", s.mtime_ns}});
  const nlohmann::json j{{"format", "heatstreet-run-state"}, {"version", 1},
                         {"config_yaml", config_yaml},       {"inputs", inputs_json},
                         {"completed", completed},           {"data", data}};
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << j.dump(1) << "\n";
    out.close();
    if (!out) throw OutputError(tmp + ": cannot write the run state");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    throw OutputError(path + ": cannot replace the run state");
}

std::string RunState::read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": no resumable state (the run never completed a stage)");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

RunState RunState::load(const std::string& path) { return parse(read_text(path), path); }

RunState RunState::parse(const std::string& json_text, const std::string& name) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(json_text);
  } catch (const std::exception& e) {
    throw InputError(name + ": the run state is unreadable: " + e.what());
  }
  if (!j.is_object() || j.value("format", "") != "heatstreet-run-state")
    throw InputError(name + ": not a HeatStreet run state");
  RunState s;
  s.config_yaml = j.at("config_yaml").get<std::string>();
  for (const auto& i : j.at("inputs"))
    s.inputs.push_back({i.at("path").get<std::string>(), i.at("size").get<std::int64_t>(),
                        i.at("mtime_ns").get<std::int64_t>()});
  s.completed = j.at("completed").get<std::vector<std::string>>();
  s.data = j.at("data");
  return s;
}

std::string result_relevant_yaml(const Config& cfg) {
  YAML::Node root = YAML::Load(cfg.resolved_yaml);
  // Tuning and the output's place do not change any result.
  root.remove("run");
  if (root["output"]) root["output"].remove("dir");
  YAML::Emitter out;
  out << root;
  return out.c_str();
}

std::vector<InputStamp> stamp_inputs(const std::vector<std::string>& paths) {
  std::vector<InputStamp> stamps;
  for (const std::string& p : paths) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) {
      stamps.push_back({p, -1, 0});
      continue;
    }
    stamps.push_back(
        {p, static_cast<std::int64_t>(st.st_size),
         static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec});
  }
  return stamps;
}

void check_resumable(const RunState& saved, const RunState& now) {
  if (saved.config_yaml != now.config_yaml) {
    // Name the first line that differs, so the user sees which key changed.
    std::istringstream a(saved.config_yaml), b(now.config_yaml);
    std::string la, lb;
    int line = 0;
    while (true) {
      const bool ga = static_cast<bool>(std::getline(a, la));
      const bool gb = static_cast<bool>(std::getline(b, lb));
      ++line;
      if (!ga && !gb) break;
      if (!ga || !gb || la != lb) break;
    }
    throw ConfigError(
        "cannot resume: the configuration differs from the interrupted run's "
        "(resolved configuration line " +
        std::to_string(line) + ": was '" + la + "', now '" + lb + "'); run again without --resume");
  }
  auto named = [](const std::vector<InputStamp>& list, const std::string& path) {
    return std::find_if(list.begin(), list.end(),
                        [&](const InputStamp& s) { return s.path == path; }) != list.end();
  };
  for (const InputStamp& s : now.inputs)
    if (!named(saved.inputs, s.path))
      throw InputError("cannot resume: input " + s.path +
                       " was not an input of the interrupted run; run again without --resume");
  for (const InputStamp& s : saved.inputs)
    if (!named(now.inputs, s.path))
      throw InputError("cannot resume: input " + s.path +
                       " of the interrupted run is not an input now; run again without --resume");
  for (std::size_t i = 0; i < saved.inputs.size() && i < now.inputs.size(); ++i)
    if (!(saved.inputs[i] == now.inputs[i]))
      throw InputError("cannot resume: input " + now.inputs[i].path +
                       " changed since the interrupted run (size or modification time)");
}

}  // namespace heatstreet
