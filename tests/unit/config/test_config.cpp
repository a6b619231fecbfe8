// Configuration: defaults, overrides and every kind of error, each naming key and line.
#include <gtest/gtest.h>

#include <cstdlib>

#include "heatstreet/config/config.hpp"
#include "heatstreet/config/config_node.hpp"

using namespace heatstreet;

namespace {
Config load(const std::string& yaml, std::vector<std::string> set = {}) {
  return load_config_text(yaml, "test.yaml", ConfigOverrides{std::move(set), false});
}

std::string error_of(const std::string& yaml, std::vector<std::string> set = {}) {
  try {
    load(yaml, std::move(set));
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.exit_code(), 2);
    return e.what();
  }
  ADD_FAILURE() << "expected a configuration error for:\n" << yaml;
  return "";
}
}  // namespace

TEST(Config, BundledFileEqualsBuiltInDefaults) {
  // The bundled file is the defaults under every configuration; an empty configuration
  // must therefore give exactly the documented predecessor defaults.
  const Config c = load("");
  EXPECT_EQ(c.filters.local_authorities.size(), 33u);
  EXPECT_EQ(c.filters.local_authorities.front(), "E09000001");
  EXPECT_EQ(c.filters.built_forms.size(), 4u);
  EXPECT_DOUBLE_EQ(c.validation.min_floor_area_m2, 25);
  EXPECT_DOUBLE_EQ(c.validation.max_floor_area_m2, 400);
  EXPECT_DOUBLE_EQ(c.validation.max_reject_fraction, 0.2);
  EXPECT_DOUBLE_EQ(c.spatial.cell_size_m, 125);
  EXPECT_DOUBLE_EQ(c.spatial.buffer_radius_m, 250);
  EXPECT_TRUE(c.spatial.use_circular_mask);
  EXPECT_DOUBLE_EQ(c.spatial.tier3_min_density_gwh_km2, 20);
  EXPECT_DOUBLE_EQ(c.spatial.tier4_min_density_gwh_km2, 5);
  EXPECT_EQ(c.model.methodology, Methodology::kDocumented);
  EXPECT_DOUBLE_EQ(c.model.performance_gap_factors.at("central")[3], 0.82);  // band D
  EXPECT_DOUBLE_EQ(c.model.performance_gap_factors.at("high")[6], 0.45);     // band G
  EXPECT_EQ(c.run.chunk_size, 50000);
  EXPECT_EQ(c.run.workers, 2);
  EXPECT_FALSE(c.filters.sample_window_start.has_value());
  // Struct defaults agree with the file.
  const ValidationConfig v;
  EXPECT_EQ(v.min_floor_area_m2, c.validation.min_floor_area_m2);
  const SpatialConfig s;
  EXPECT_EQ(s.tier2_distance_m, c.spatial.tier2_distance_m);
}

TEST(Config, UserValuesOverrideDefaultsKeyByKey) {
  const Config c =
      load("spatial:\n  grid:\n    cell_size_m: 250\nmodel:\n  methodology: heatstreet-python\n");
  EXPECT_DOUBLE_EQ(c.spatial.cell_size_m, 250);
  EXPECT_DOUBLE_EQ(c.spatial.buffer_radius_m, 250);  // sibling default kept
  EXPECT_EQ(c.model.methodology, Methodology::kPython);
}

TEST(Config, UnknownKeyNamesLineAndSuggestion) {
  const std::string e = error_of("filters:\n  sampel_window:\n    start: 2020-01-01\n");
  EXPECT_NE(e.find("test.yaml:2"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown key 'filters.sampel_window'"), std::string::npos) << e;
  EXPECT_NE(e.find("did you mean 'filters.sample_window'"), std::string::npos) << e;
  const std::string top = error_of("spatail:\n  disable: true\n");
  EXPECT_NE(top.find("did you mean 'spatial'"), std::string::npos) << top;
}

TEST(Config, WrongTypesAndRangesNameKeyAndLine) {
  std::string e = error_of("run:\n  workers: 2\n  chunk_size: lots\n");
  EXPECT_NE(e.find("test.yaml:3: run.chunk_size: expected a whole number"), std::string::npos) << e;
  e = error_of("run:\n  chunk_size: 0\n");
  EXPECT_NE(e.find("run.chunk_size: value 0 is out of range"), std::string::npos) << e;
  e = error_of("spatial:\n  grid:\n    cell_size_m: 0\n");
  EXPECT_NE(e.find("test.yaml:3: spatial.grid.cell_size_m"), std::string::npos) << e;
  e = error_of("spatial:\n  grid:\n    use_circular_mask: maybe\n");
  EXPECT_NE(e.find("expected true or false"), std::string::npos) << e;
  e = error_of("model:\n  methodology: pandas\n");
  EXPECT_NE(e.find("'pandas' is not one of: documented, heatstreet-python"), std::string::npos)
      << e;
  e = error_of("filters:\n  sample_window:\n    start: 2020-13-01\n");
  EXPECT_NE(e.find("not an ISO date"), std::string::npos) << e;
  e = error_of("filters:\n  sample_window:\n    start: 2021-01-01\n    end: 2020-01-01\n");
  EXPECT_NE(e.find("is after end"), std::string::npos) << e;
  e = error_of("validation:\n  required_fields: [adress]\n");
  EXPECT_NE(e.find("did you mean 'address'"), std::string::npos) << e;
  e = error_of("inputs: [a, b]\n");
  EXPECT_NE(e.find("inputs: expected a map of keys"), std::string::npos) << e;
  e = error_of("run:\n  chunk_size: [1\n");
  EXPECT_NE(e.find("test.yaml:3: not valid YAML"), std::string::npos)
      << e;  // where the parser gave up
}

TEST(Config, SetOverridesAnyKeyAndReadsValuesAsYaml) {
  const Config c =
      load("", {"inputs.certificates=[a.zip,b/]", "spatial.grid.use_circular_mask=false",
                "filters.sample_window.start=2015-01-01"});
  ASSERT_EQ(c.inputs.certificates.size(), 2u);
  EXPECT_EQ(c.inputs.certificates[1], "b/");
  EXPECT_FALSE(c.spatial.use_circular_mask);
  EXPECT_EQ(c.filters.sample_window_start.value(), "2015-01-01");
  const std::string e = error_of("", {"run.chunk_size=-5"});
  EXPECT_NE(e.find("--set run.chunk_size"), std::string::npos) << e;
  EXPECT_NE(error_of("", {"nodots"}).find("expected KEY.PATH=VALUE"), std::string::npos);
  EXPECT_NE(error_of("", {"nodots=3"}).find("unknown key 'nodots'"), std::string::npos);
  EXPECT_NE(error_of("", {"=3"}).find("expected KEY.PATH=VALUE"), std::string::npos);
  EXPECT_NE(error_of("", {"run.workers.x=3"}).find("'workers' is not a map"), std::string::npos);
}

TEST(Config, EnvironmentVariablesOverrideTheirKeys) {
  setenv("HEATSTREET_WORKERS", "3", 1);
  setenv("HEATSTREET_CHUNK_SIZE", "7", 1);
  setenv("HEATSTREET_PROFILE", "1", 1);
  const Config c = load_config_text("run:\n  workers: 1\n", "t.yaml");
  EXPECT_EQ(c.run.workers, 3);
  EXPECT_EQ(c.run.chunk_size, 7);
  EXPECT_TRUE(c.run.profile);
  setenv("HEATSTREET_CHUNK_SIZE", "0", 1);
  try {
    load_config_text("", "t.yaml");
    ADD_FAILURE() << "chunk size 0 must be refused";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("HEATSTREET_CHUNK_SIZE='0'"), std::string::npos)
        << e.what();
  }
  setenv("HEATSTREET_CHUNK_SIZE", "7", 1);
  setenv("HEATSTREET_PROFILE", "yes", 1);
  EXPECT_THROW(load_config_text("", "t.yaml"), ConfigError);
  unsetenv("HEATSTREET_WORKERS");
  unsetenv("HEATSTREET_CHUNK_SIZE");
  unsetenv("HEATSTREET_PROFILE");
}

TEST(Config, ResolvedYamlReloadsToTheSameConfiguration) {
  const Config a = load("run:\n  workers: 4\n", {"spatial.tiers.ready_tier_max=2"});
  const Config b = load(a.resolved_yaml);
  EXPECT_EQ(b.run.workers, 4);
  EXPECT_EQ(b.spatial.ready_tier_max, 2);
  // Reloading the dump changes nothing (the first dump may differ only in YAML style).
  EXPECT_EQ(b.resolved_yaml, load(b.resolved_yaml).resolved_yaml);
}

TEST(ConfigNode, NearestKey) {
  EXPECT_EQ(nearest_key("sampel_window", {"sample_window", "local_authorities"}), "sample_window");
  EXPECT_EQ(nearest_key("zzzzzzzz", {"inputs", "run"}), "");
}
