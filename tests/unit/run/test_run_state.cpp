// The resumable run record: saved and loaded unchanged, and a changed configuration or
// input is refused with what changed.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>

#include "heatstreet/run/run_state.hpp"

using namespace heatstreet;

TEST(RunState, SavesAndLoads) {
  RunState s;
  s.config_yaml = "a: 1\n";
  s.inputs = {{"x.csv", 10, 123}};
  s.completed = {"ingest", "spatial"};
  s.data["counts"] = {{"kept", 5}};
  const std::string path = ::testing::TempDir() + "/state.json";
  s.save(path);
  const RunState t = RunState::load(path);
  EXPECT_EQ(t.config_yaml, s.config_yaml);
  EXPECT_TRUE(t.inputs[0] == s.inputs[0]);
  EXPECT_TRUE(t.done("spatial"));
  EXPECT_FALSE(t.done("scenario hybrid"));
  EXPECT_EQ(t.data["counts"]["kept"], 5);
  std::remove(path.c_str());
  EXPECT_THROW(RunState::load(path), InputError);
}

TEST(RunState, RefusesChangedConfigurationOrInputs) {
  RunState a, b;
  a.config_yaml = "spatial:\n  cell: 125\nfilters: x\n";
  b.config_yaml = "spatial:\n  cell: 250\nfilters: x\n";
  try {
    check_resumable(a, b);
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("line 2: was '  cell: 125', now '  cell: 250'"),
              std::string::npos)
        << e.what();
  }
  b.config_yaml = a.config_yaml;
  a.inputs = {{"in.csv", 100, 1}};
  b.inputs = {{"in.csv", 101, 1}};
  EXPECT_THROW(check_resumable(a, b), InputError);
  b.inputs = a.inputs;
  EXPECT_NO_THROW(check_resumable(a, b));
}

TEST(RunState, TuningKeysDoNotBlockAResume) {
  Config c1 = load_config_text("run:\n  workers: 1\n  chunk_size: 7\n", "a.yaml", {{}, false});
  Config c2 =
      load_config_text("run:\n  workers: 2\noutput:\n  dir: elsewhere\n", "b.yaml", {{}, false});
  EXPECT_EQ(result_relevant_yaml(c1), result_relevant_yaml(c2));
  Config c3 = load_config_text("spatial:\n  grid:\n    cell_size_m: 250\n", "c.yaml", {{}, false});
  EXPECT_NE(result_relevant_yaml(c1), result_relevant_yaml(c3));
}
