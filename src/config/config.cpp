#include "heatstreet/config/config.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "heatstreet/config/config_node.hpp"
#include "heatstreet/config/default_config.hpp"
#include "heatstreet/core/vocabulary.hpp"

namespace fs = std::filesystem;

namespace heatstreet {

const char* to_string(Methodology m) {
  return m == Methodology::kDocumented ? "documented" : "heatstreet-python";
}

const std::vector<LocalAuthority>& london_boroughs() {
  static const std::vector<LocalAuthority> v{{"E09000001", "City of London"},
                                             {"E09000002", "Barking and Dagenham"},
                                             {"E09000003", "Barnet"},
                                             {"E09000004", "Bexley"},
                                             {"E09000005", "Brent"},
                                             {"E09000006", "Bromley"},
                                             {"E09000007", "Camden"},
                                             {"E09000008", "Croydon"},
                                             {"E09000009", "Ealing"},
                                             {"E09000010", "Enfield"},
                                             {"E09000011", "Greenwich"},
                                             {"E09000012", "Hackney"},
                                             {"E09000013", "Hammersmith and Fulham"},
                                             {"E09000014", "Haringey"},
                                             {"E09000015", "Harrow"},
                                             {"E09000016", "Havering"},
                                             {"E09000017", "Hillingdon"},
                                             {"E09000018", "Hounslow"},
                                             {"E09000019", "Islington"},
                                             {"E09000020", "Kensington and Chelsea"},
                                             {"E09000021", "Kingston upon Thames"},
                                             {"E09000022", "Lambeth"},
                                             {"E09000023", "Lewisham"},
                                             {"E09000024", "Merton"},
                                             {"E09000025", "Newham"},
                                             {"E09000026", "Redbridge"},
                                             {"E09000027", "Richmond upon Thames"},
                                             {"E09000028", "Southwark"},
                                             {"E09000029", "Sutton"},
                                             {"E09000030", "Tower Hamlets"},
                                             {"E09000031", "Waltham Forest"},
                                             {"E09000032", "Wandsworth"},
                                             {"E09000033", "Westminster"}};
  return v;
}

namespace {

std::vector<std::string> default_local_authorities() {
  std::vector<std::string> v;
  for (const auto& la : london_boroughs()) v.push_back(la.code);
  return v;
}

void check_iso_date(const ConfigNode& node, const std::string& key,
                    const std::optional<std::string>& value) {
  static const std::regex iso(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
  if (value && !std::regex_match(*value, iso))
    node.fail(key, "'" + *value + "' is not an ISO date (YYYY-MM-DD)");
}

void parse_inputs(const ConfigNode& n, InputsConfig& c) {
  c.certificates = n.list<std::string>("certificates", c.certificates);
  c.postcodes = n.get<std::string>("postcodes", c.postcodes);
  const ConfigNode cols = n.child("postcode_columns");
  c.postcode_columns.postcode = cols.get<std::string>("postcode", c.postcode_columns.postcode);
  c.postcode_columns.easting = cols.get<std::string>("easting", c.postcode_columns.easting);
  c.postcode_columns.northing = cols.get<std::string>("northing", c.postcode_columns.northing);
  cols.finish();
  c.hnpd = n.get<std::string>("hnpd", c.hnpd);
  c.zones = n.list<std::string>("zones", c.zones);
  c.networks = n.list<std::string>("networks", c.networks);
  n.finish();
}

void parse_filters(const ConfigNode& n, FiltersConfig& c) {
  c.local_authorities = n.list<std::string>("local_authorities", default_local_authorities());
  c.property_types = n.list<std::string>("property_types", {"House"});
  c.built_forms = n.list<std::string>(
      "built_forms",
      {"Mid-Terrace", "End-Terrace", "Enclosed Mid-Terrace", "Enclosed End-Terrace"});
  c.age_bands =
      n.list<std::string>("age_bands", {"before 1900", "1900-1929", "1900-1920", "1920-1929"});
  const ConfigNode w = n.child("sample_window");
  c.sample_window_start = w.optional<std::string>("start");
  c.sample_window_end = w.optional<std::string>("end");
  check_iso_date(w, "start", c.sample_window_start);
  check_iso_date(w, "end", c.sample_window_end);
  if (c.sample_window_start && c.sample_window_end && *c.sample_window_start > *c.sample_window_end)
    w.fail("start", "start " + *c.sample_window_start + " is after end " + *c.sample_window_end);
  w.finish();
  n.finish();
}

void parse_validation(const ConfigNode& n, ValidationConfig& c) {
  c.min_floor_area_m2 = n.number("min_floor_area_m2", c.min_floor_area_m2, 0, 1e6);
  c.max_floor_area_m2 = n.number("max_floor_area_m2", c.max_floor_area_m2, 0, 1e6);
  if (c.max_floor_area_m2 < c.min_floor_area_m2)
    n.fail("max_floor_area_m2", "is below min_floor_area_m2");
  c.energy_clamp_floor = n.number("energy_clamp_floor_kwh_m2", c.energy_clamp_floor, -1e9, 0);
  c.co2_clamp_floor = n.number("co2_clamp_floor_t", c.co2_clamp_floor, -1e9, 0);
  c.required_fields =
      n.list<std::string>("required_fields", {"address", "postcode", "property_type", "built_form",
                                              "construction_age_band", "current_energy_rating",
                                              "walls_description", "heating_system"});
  static const std::vector<std::string> known{"address",
                                              "postcode",
                                              "property_type",
                                              "built_form",
                                              "construction_age_band",
                                              "current_energy_rating",
                                              "walls_description",
                                              "heating_system"};
  for (const auto& f : c.required_fields)
    if (std::find(known.begin(), known.end(), f) == known.end()) {
      const std::string near = nearest_key(f, known);
      n.fail("required_fields",
             "unknown field '" + f + "'" + (near.empty() ? "" : " (did you mean '" + near + "'?)"));
    }
  c.max_reject_fraction = n.number("max_reject_fraction", c.max_reject_fraction, 0, 1);
  n.finish();
}

void parse_spatial(const ConfigNode& n, SpatialConfig& c) {
  c.disable = n.get<bool>("disable", c.disable);
  n.choice("method", "grid", {"grid"});
  const ConfigNode g = n.child("grid");
  c.cell_size_m = g.get<double>("cell_size_m", c.cell_size_m);
  if (!(c.cell_size_m > 0 && c.cell_size_m <= 100000))
    g.fail("cell_size_m", "must be a positive length in metres, at most 100000");
  c.buffer_radius_m = g.number("buffer_radius_m", c.buffer_radius_m, 0, 100000);
  if (!(c.buffer_radius_m > 0)) g.fail("buffer_radius_m", "must be a positive length in metres");
  c.use_circular_mask = g.get<bool>("use_circular_mask", c.use_circular_mask);
  g.finish();
  const ConfigNode t = n.child("tiers");
  c.tier1_distance_m = t.number("tier1_distance_m", c.tier1_distance_m, 0, 100000);
  c.tier2_distance_m = t.number("tier2_distance_m", c.tier2_distance_m, 0, 100000);
  c.tier3_min_density_gwh_km2 =
      t.number("tier3_min_density_gwh_km2", c.tier3_min_density_gwh_km2, 0, 1e6);
  c.tier4_min_density_gwh_km2 =
      t.number("tier4_min_density_gwh_km2", c.tier4_min_density_gwh_km2, 0, 1e6);
  if (c.tier4_min_density_gwh_km2 > c.tier3_min_density_gwh_km2)
    t.fail("tier4_min_density_gwh_km2", "must not exceed tier3_min_density_gwh_km2");
  c.ready_tier_max = static_cast<int>(t.integer("ready_tier_max", c.ready_tier_max, 0, 5));
  t.finish();
  const ConfigNode h = n.child("hnpd");
  c.hnpd_region_filter = h.get<std::string>("region_filter", c.hnpd_region_filter);
  c.tier1_statuses = h.list<std::string>("tier1_statuses", c.tier1_statuses);
  c.tier2_statuses = h.list<std::string>("tier2_statuses", c.tier2_statuses);
  h.finish();
  n.finish();
}

BandFactors parse_band_factors(const ConfigNode& n) {
  BandFactors f{};
  const auto& letters = std::vector<std::string>{"A", "B", "C", "D", "E", "F", "G"};
  for (std::size_t i = 0; i < letters.size(); ++i) {
    if (!n.has(letters[i])) n.fail(letters[i], "is required (a factor for every band A-G)");
    f[i] = n.number(letters[i], 1.0, 0, 10);
  }
  n.finish();
  return f;
}

void parse_model(const ConfigNode& n, ModelConfig& c) {
  const std::string m = n.choice("methodology", "documented", {"documented", "heatstreet-python"});
  c.methodology = m == "documented" ? Methodology::kDocumented : Methodology::kPython;
  const std::string path = n.choice("python_validation_path", "staged", {"staged", "in-memory"});
  c.python_validation_path = path == "staged" ? ValidationPath::kStaged : ValidationPath::kInMemory;
  if (c.python_validation_path == ValidationPath::kInMemory &&
      c.methodology != Methodology::kPython)
    n.fail("python_validation_path",
           "is 'in-memory', a path of the predecessor: it applies with model.methodology: "
           "heatstreet-python only (the documented methodology validates, then deduplicates)");

  const ConfigNode pre = n.child("prebound");
  c.prebound_variant =
      pre.choice("default_variant", c.prebound_variant, {"central", "low", "high"});
  const ConfigNode gaps = pre.child("performance_gap_factors");
  c.performance_gap_factors = {{"central", {1.00, 1.00, 0.92, 0.82, 0.72, 0.55, 0.52}},
                               {"low", {1.00, 1.00, 0.96, 0.87, 0.78, 0.62, 0.60}},
                               {"high", {1.00, 1.00, 0.88, 0.77, 0.66, 0.48, 0.45}}};
  for (const char* v : {"central", "low", "high"})
    if (gaps.has(v))
      c.performance_gap_factors[v] = parse_band_factors(gaps.child(v));
    else
      gaps.allow({v});
  gaps.finish();
  pre.finish();

  const ConfigNode unc = n.child("uncertainty");
  c.demand_error_low = unc.number("demand_error_low", c.demand_error_low, -1, 0);
  c.demand_error_high = unc.number("demand_error_high", c.demand_error_high, 0, 10);
  c.anomaly_demand_error_low =
      unc.number("anomaly_demand_error_low", c.anomaly_demand_error_low, -1, 0);
  c.anomaly_demand_error_high =
      unc.number("anomaly_demand_error_high", c.anomaly_demand_error_high, 0, 10);
  const ConfigNode sap = unc.child("sap_uncertainty");
  const char* sap_keys[] = {"high_rating", "good_rating", "average_rating", "low_rating"};
  for (std::size_t i = 0; i < 4; ++i)
    c.sap_uncertainty[i] = sap.number(sap_keys[i], c.sap_uncertainty[i], 0, 100);
  sap.finish();
  unc.finish();

  const ConfigNode an = n.child("anomaly_detection");
  c.anomaly_roof_insulation_threshold_mm =
      an.number("roof_insulation_threshold_mm", c.anomaly_roof_insulation_threshold_mm, 0, 10000);
  c.anomaly_suspicious_bands = an.list<std::string>("suspicious_bands", c.anomaly_suspicious_bands);
  for (const auto& b : c.anomaly_suspicious_bands)
    if (band_code(b) == kUnknownCode) an.fail("suspicious_bands", "'" + b + "' is not a band A-G");
  an.finish();
  n.finish();
}

void parse_run(const ConfigNode& n, RunConfig& c) {
  c.chunk_size = n.integer("chunk_size", c.chunk_size, 1, std::int64_t{1} << 40);
  c.workers = static_cast<int>(n.integer("workers", c.workers, 1, 1024));
  c.profile = n.get<bool>("profile", c.profile);
  c.stall_timeout_s = n.number("stall_timeout_s", c.stall_timeout_s, 0, 7 * 86400.0);
  n.finish();
}

void parse_output(const ConfigNode& n, OutputConfig& c) {
  c.dir = n.get<std::string>("dir", c.dir);
  if (c.dir.empty()) n.fail("dir", "must name a directory");
  c.maps = n.get<bool>("maps", c.maps);
  c.tables = n.get<bool>("tables", c.tables);
  c.compression_level = static_cast<int>(n.integer("compression_level", c.compression_level, 0, 9));
  c.case_street = n.get<std::string>("case_street", c.case_street);
  n.finish();
}

// Environment variables with the predecessor's names override their keys.
void apply_environment(YAML::Node& root, ConfigSource& source) {
  struct Var {
    const char* name;
    const char* key;
    bool boolean;
  };
  for (const Var& v : {Var{"HEATSTREET_WORKERS", "run.workers", false},
                       Var{"HEATSTREET_CHUNK_SIZE", "run.chunk_size", false},
                       Var{"HEATSTREET_PROFILE", "run.profile", true}}) {
    const char* raw = std::getenv(v.name);
    if (!raw || !*raw) continue;
    const std::string value(raw);
    const std::regex whole(R"(\s*[0-9]+\s*)");
    if (v.boolean) {
      if (value != "0" && value != "1")
        throw ConfigError(std::string("environment variable ") + v.name + "='" + value +
                          "': expected 0 or 1");
      set_yaml_path(root, v.key, value == "1" ? "true" : "false", v.name);
    } else {
      if (!std::regex_match(value, whole) || std::stoll(value) < 1)
        throw ConfigError(std::string("environment variable ") + v.name + "='" + value +
                          "': expected a whole number of at least 1");
      set_yaml_path(root, v.key, value, v.name);
    }
    source.overrides[v.key] = std::string("environment variable ") + v.name;
  }
}

// At most this many nodes in a configuration once its aliases are followed: the shipped
// configuration has about 600, and a few aliases nested inside each other could otherwise
// stand for billions ("alias bomb").
constexpr std::size_t kMaxConfigNodes = 100000;

std::string line_of(const std::string& name, const YAML::Node& n) {
  return n.Mark().is_null() ? name : name + ":" + std::to_string(n.Mark().line + 1);
}

// Checks the user's tree before anything reads it: keys are plain names (YAML also allows
// a list or a map as a key, which no setting has), no key appears twice in one map (yaml-cpp
// would silently keep the first), and the tree is of a sane size.
void check_user_tree(const YAML::Node& n, const std::string& name, std::size_t& visited) {
  if (++visited > kMaxConfigNodes)
    throw ConfigError(name + ": the configuration expands to more than " +
                      std::to_string(kMaxConfigNodes) +
                      " values (aliases nested too deeply?); refused");
  if (n.IsMap()) {
    std::map<std::string, YAML::Node> seen;
    for (const auto& kv : n) {
      if (!kv.first.IsScalar())
        throw ConfigError(line_of(name, kv.first) + ": a key must be a plain name, not a " +
                          (kv.first.IsMap()        ? "map"
                           : kv.first.IsSequence() ? "list"
                                                   : "null"));
      const auto [it, fresh] = seen.emplace(kv.first.Scalar(), kv.first);
      if (!fresh)
        throw ConfigError(line_of(name, kv.first) + ": key '" + kv.first.Scalar() +
                          "' is given twice in the same map (also at line " +
                          std::to_string(it->second.Mark().line + 1) + ")");
      check_user_tree(kv.second, name, visited);
    }
  } else if (n.IsSequence()) {
    for (const auto& item : n) check_user_tree(item, name, visited);
  }
}

// Lays `over` onto `base`: maps merge key by key (base order first, then keys only
// `over` has), anything else is replaced whole. The user's nodes are kept as they are,
// with their line numbers.
YAML::Node merge(const YAML::Node& base, const YAML::Node& over) {
  if (!base.IsMap() || !over.IsMap()) return over;
  YAML::Node out(YAML::NodeType::Map);
  for (const auto& kv : base) {
    const std::string key = kv.first.as<std::string>();
    const YAML::Node o = over[key];
    out[kv.first] = o.IsDefined() ? merge(kv.second, o) : kv.second;
  }
  for (const auto& kv : over) {
    if (!base[kv.first.as<std::string>()].IsDefined()) out[kv.first] = kv.second;
  }
  return out;
}

Config build(YAML::Node user, const std::string& name, const ConfigOverrides& overrides) {
  auto source = std::make_shared<ConfigSource>();
  source->file = name;
  if (!user.IsDefined() || user.IsNull()) user.reset(YAML::Node(YAML::NodeType::Map));
  if (!user.IsMap()) throw ConfigError(name + ": the configuration must be a map of sections");
  std::size_t visited = 0;
  check_user_tree(user, name, visited);
  source->user.reset(user);
  source->has_user = true;
  // A configuration may set only what differs from the documented defaults.
  YAML::Node root = merge(YAML::Load(default_config_yaml()), user);

  for (const std::string& s : overrides.set) {
    const auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0)
      throw ConfigError("--set '" + s + "': expected KEY.PATH=VALUE");
    const std::string key = s.substr(0, eq);
    set_yaml_path(root, key, s.substr(eq + 1), "--set");
    source->overrides[key] = "--set";
  }
  if (overrides.use_environment) apply_environment(root, *source);

  Config c;
  c.source_file = name;
  const ConfigNode top(root, "", source);
  parse_inputs(top.child("inputs"), c.inputs);
  parse_filters(top.child("filters"), c.filters);
  parse_validation(top.child("validation"), c.validation);
  parse_spatial(top.child("spatial"), c.spatial);
  parse_scenario_model(top, c.scenario);
  parse_model(top.child("model"), c.model);
  parse_run(top.child("run"), c.run);
  parse_output(top.child("output"), c.output);
  top.finish();

  YAML::Emitter out;
  out << root;
  c.resolved_yaml = out.c_str();
  return c;
}

}  // namespace

Config load_config_text(const std::string& yaml, const std::string& name,
                        const ConfigOverrides& overrides) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    std::ostringstream m;
    m << name;
    if (!e.mark.is_null()) m << ":" << (e.mark.line + 1);
    m << ": not valid YAML: " << e.msg;
    throw ConfigError(m.str());
  }
  try {
    return build(root, name, overrides);
  } catch (const YAML::Exception& e) {
    // Every value is read through checks that name the key; this is the safety net for
    // a YAML shape none of them expected, so it still ends as a configuration error.
    std::ostringstream m;
    m << name;
    if (!e.mark.is_null()) m << ":" << (e.mark.line + 1);
    m << ": invalid configuration: " << e.msg;
    throw ConfigError(m.str());
  }
}

Config load_config(const std::string& file, const ConfigOverrides& overrides) {
  return load_config_text(read_config_file(file), file, overrides);
}

std::string read_config_file(const std::string& file) {
  std::error_code ec;
  const fs::file_status st = fs::status(file, ec);
  if (ec || !fs::exists(st)) throw ConfigError(file + ": no such configuration file");
  if (fs::is_directory(st)) throw ConfigError(file + ": is a directory, not a configuration file");
  if (!fs::is_regular_file(st))
    throw ConfigError(file + ": not a regular file (a configuration must be a YAML file)");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(file + ": cannot read the configuration file");
  // Read one byte past the cap, so that a file that grows while being read is refused too.
  std::string text(kMaxConfigBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) throw ConfigError(file + ": cannot read the configuration file");
  if (text.size() > kMaxConfigBytes)
    throw ConfigError(file + ": larger than " + std::to_string(kMaxConfigBytes / 1024) +
                      " KiB; a configuration file is refused above that size");
  return text;
}

}  // namespace heatstreet
