// Configuration text a user did not mean, or that is not a configuration at all: each is
// refused at once, naming where it came from.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "heatstreet/config/config.hpp"

using namespace heatstreet;

namespace {
std::string error_of(const std::string& yaml, std::vector<std::string> set = {}) {
  try {
    load_config_text(yaml, "user.yaml", ConfigOverrides{std::move(set), false});
  } catch (const ConfigError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected a configuration error for:\n" << yaml;
  return "";
}
}  // namespace

TEST(ConfigHostile, DuplicateKeysAreRefusedWithBothLines) {
  EXPECT_EQ(error_of("spatial:\n  grid:\n    cell_size_m: 100\n    cell_size_m: 200\n"),
            "user.yaml:4: key 'cell_size_m' is given twice in the same map (also at line 3)");
  EXPECT_NE(error_of("inputs:\n  hnpd: a\nrun:\n  workers: 1\ninputs:\n  hnpd: b\n")
                .find("user.yaml:5: key 'inputs' is given twice"),
            std::string::npos);
}

TEST(ConfigHostile, AliasBombIsRefusedQuickly) {
  std::string yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string prev = "a";
  for (const char* l : {"b", "c", "d", "e", "f", "g", "h"}) {
    yaml += std::string(l) + ": &" + l + " [";
    for (int i = 0; i < 10; ++i) yaml += (i ? ", *" : "*") + prev;
    yaml += "]\n";
    prev = l;
  }
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_NE(error_of(yaml).find("expands to more than"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
}

TEST(ConfigHostile, DefaultsAndOverridesAreNamedAsSuch) {
  // tier4 (a default) above the user's tier3: the default is not a line of the user's file.
  EXPECT_EQ(error_of("spatial:\n  tiers:\n    tier3_min_density_gwh_km2: 1\n"),
            "user.yaml (built-in default): spatial.tiers.tier4_min_density_gwh_km2: must not "
            "exceed tier3_min_density_gwh_km2");
  EXPECT_EQ(error_of("", {"spatial.grid.cell_sise_m=5"}),
            "--set spatial.grid.cell_sise_m: unknown key 'spatial.grid.cell_sise_m' (did you "
            "mean 'spatial.grid.cell_size_m'?)");
  // The user's own line is still named.
  EXPECT_EQ(error_of("\nspatial:\n  grid:\n    buffer_radius_m: 0\n"),
            "user.yaml:4: spatial.grid.buffer_radius_m: must be a positive length in metres");
}

TEST(ConfigHostile, ScenarioNamesAreSafeForGroupsAndFiles) {
  for (const char* bad : {"a/b", "..", ".hidden", "-x", "a b", "x\\\\y"}) {
    const std::string e =
        error_of(std::string("scenarios:\n  \"") + bad + "\":\n    measures: [draught_proofing]\n");
    EXPECT_NE(e.find("is not allowed"), std::string::npos) << bad << ": " << e;
  }
  EXPECT_NO_THROW(load_config_text("scenarios:\n  my-case_2:\n    measures: [draught_proofing]\n",
                                   "user.yaml", ConfigOverrides{{}, false}));
}

TEST(ConfigHostile, MoneyAndPriceKeysHaveSaneRanges) {
  EXPECT_EQ(error_of("costs:\n  ashp_installation: 1e308\n"),
            "user.yaml:2: costs.ashp_installation: value 1e+308 is out of range [0, 1e+06]");
  EXPECT_EQ(error_of("heat_network:\n  tariff_per_kwh: 1e9\n"),
            "user.yaml:2: heat_network.tariff_per_kwh: value 1e+09 is out of range [0, 10]");
  EXPECT_NE(error_of("cost_rules:\n  double_glazing:\n    basis: per_m2\n    rate: 1e200\n")
                .find("cost_rules.double_glazing.rate"),
            std::string::npos);
}

TEST(ConfigHostile, OnlyRegularFilesOfSaneSizeAreRead) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "heatstreet-config-hostile";
  fs::create_directories(dir);
  EXPECT_THROW(read_config_file(dir.string()), ConfigError);
  EXPECT_THROW(read_config_file("/dev/zero"), ConfigError);
  EXPECT_THROW(read_config_file((dir / "absent.yaml").string()), ConfigError);
  const fs::path big = dir / "big.yaml";
  std::ofstream(big) << std::string(kMaxConfigBytes + 1, '#');
  try {
    read_config_file(big.string());
    ADD_FAILURE() << "an oversized file was read";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("larger than 1024 KiB"), std::string::npos);
  }
  std::ofstream(big, std::ios::trunc) << "run:\n  workers: 1\n";
  EXPECT_EQ(read_config_file(big.string()), "run:\n  workers: 1\n");
  fs::remove_all(dir);
}

// The predecessor's in-memory validation path belongs to its methodology alone.
TEST(ConfigHostile, InMemoryValidationPathOnlyWithThePredecessorsMethodology) {
  EXPECT_NE(error_of("model:\n  python_validation_path: in-memory\n")
                .find("user.yaml:2: model.python_validation_path: is 'in-memory'"),
            std::string::npos)
      << error_of("model:\n  python_validation_path: in-memory\n");
  EXPECT_NE(error_of("model:\n  python_validation_path: memory\n").find("python_validation_path"),
            std::string::npos);
  const Config c = load_config_text(
      "model:\n  methodology: heatstreet-python\n  python_validation_path: in-memory\n", "u.yaml",
      ConfigOverrides{});
  EXPECT_EQ(c.model.python_validation_path, ValidationPath::kInMemory);
}
