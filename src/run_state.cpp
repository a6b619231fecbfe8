#include "heatstreet/run_state.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <sstream>

#include <yaml-cpp/yaml.h>

namespace heatstreet {

bool RunState::done(const std::string& stage) const {
  return std::find(completed.begin(), completed.end(), stage) != completed.end();
}

void RunState::save(const std::string& path) const {
  nlohmann::json inputs_json = nlohmann::json::array();
  for (const InputStamp& s : inputs)
    inputs_json.push_back({{"path", s.path}, {"size", s.size}, {"mtime_ns", s.mtime_ns}});
  const nlohmann::json j{{"format", "heatstreet-run-state"},
                         {"version", 1},
                         {"config_yaml", config_yaml},
                         {"inputs", inputs_json},
                         {"completed", completed},
                         {"data", data}};
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
    stamps.push_back({p, static_cast<std::int64_t>(st.st_size),
                      static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 +
                          st.st_mtim.tv_nsec});
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
    throw ConfigError("cannot resume: the configuration differs from the interrupted run's "
                      "(resolved configuration line " + std::to_string(line) + ": was '" + la +
                      "', now '" + lb + "'); run again without --resume");
  }
  if (saved.inputs.size() != now.inputs.size())
    throw InputError("cannot resume: the inputs differ from the interrupted run's");
  for (std::size_t i = 0; i < saved.inputs.size(); ++i)
    if (!(saved.inputs[i] == now.inputs[i]))
      throw InputError("cannot resume: input " + now.inputs[i].path +
                       " changed since the interrupted run (size or modification time)");
}

namespace {
nlohmann::json number(double v) {
  return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v);
}
double number_from(const nlohmann::json& j) {
  return j.is_null() ? std::numeric_limits<double>::quiet_NaN() : j.get<double>();
}
}  // namespace

nlohmann::json to_json(const scenario::ScenarioSummary& s) {
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : s.groups) {
    nlohmann::json values = nlohmann::json::array();
    for (const auto& v : g.values)
      values.push_back({v.name, v.unit, number(v.value), v.text});
    groups.push_back({{"dimension", g.dimension}, {"key", g.key}, {"values", values}});
  }
  nlohmann::json subsidy = nlohmann::json::array();
  for (const auto& r : s.subsidy)
    subsidy.push_back({number(r.subsidy_pct), number(r.capital_cost_total),
                       number(r.capital_cost_per_property), number(r.capital_cost_total_uplifted),
                       number(r.capital_cost_per_property_uplifted), number(r.payback_years),
                       number(r.property_payback_mean_years),
                       number(r.property_payback_median_years), number(r.uptake),
                       r.properties_upgraded, number(r.public_expenditure_total),
                       number(r.public_expenditure_per_property),
                       number(r.abatement_cost_per_tonne), r.narrative});
  return {{"id", s.id},         {"label", s.label},       {"measures", s.measures},
          {"published", s.published}, {"baseline", s.baseline}, {"groups", groups},
          {"subsidy", subsidy}};
}

scenario::ScenarioSummary summary_from_json(const nlohmann::json& j) {
  scenario::ScenarioSummary s;
  s.id = j.at("id").get<std::string>();
  s.label = j.at("label").get<std::string>();
  s.measures = j.at("measures").get<std::vector<std::string>>();
  s.published = j.at("published").get<bool>();
  s.baseline = j.at("baseline").get<bool>();
  for (const auto& g : j.at("groups")) {
    scenario::SummaryGroup group;
    group.dimension = g.at("dimension").get<std::string>();
    group.key = g.at("key").get<std::string>();
    for (const auto& v : g.at("values"))
      group.values.push_back({v[0].get<std::string>(), v[1].get<std::string>(),
                              number_from(v[2]), v[3].get<std::string>()});
    s.groups.push_back(std::move(group));
  }
  for (const auto& r : j.at("subsidy")) {
    scenario::SubsidyRow row;
    row.subsidy_pct = number_from(r[0]);
    row.capital_cost_total = number_from(r[1]);
    row.capital_cost_per_property = number_from(r[2]);
    row.capital_cost_total_uplifted = number_from(r[3]);
    row.capital_cost_per_property_uplifted = number_from(r[4]);
    row.payback_years = number_from(r[5]);
    row.property_payback_mean_years = number_from(r[6]);
    row.property_payback_median_years = number_from(r[7]);
    row.uptake = number_from(r[8]);
    row.properties_upgraded = r[9].get<std::int64_t>();
    row.public_expenditure_total = number_from(r[10]);
    row.public_expenditure_per_property = number_from(r[11]);
    row.abatement_cost_per_tonne = number_from(r[12]);
    row.narrative = r[13].get<std::string>();
    s.subsidy.push_back(std::move(row));
  }
  return s;
}

}  // namespace heatstreet
