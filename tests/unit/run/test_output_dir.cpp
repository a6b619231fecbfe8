// The output directory's safety rules: what --force may replace, what a run may clear,
// and the lock that keeps two runs apart.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "heatstreet/core/error.hpp"
#include "heatstreet/run/output_dir.hpp"
#include "heatstreet/run/output_lock.hpp"

using namespace heatstreet;
namespace fs = std::filesystem;

namespace {
class OutputDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("heatstreet-outdir-" + std::to_string(::getpid()));
    fs::create_directories(root_);
  }
  void TearDown() override {
    fs::current_path(fs::temp_directory_path());
    fs::remove_all(root_);
  }
  std::string message_of(const std::string& dir, const std::vector<std::string>& inputs) {
    try {
      OutputDir::check_removable(dir, inputs, "replaced");
    } catch (const OutputError& e) {
      return e.what();
    }
    return "";
  }
  fs::path root_;
};
}  // namespace

TEST_F(OutputDirTest, NormalFormOfTheName) {
  fs::current_path(root_);
  const std::string here = fs::current_path().string();
  EXPECT_EQ(OutputDir::normalise("out/"), here + "/out");
  EXPECT_EQ(OutputDir::normalise("./out//"), here + "/out");
  EXPECT_EQ(OutputDir::normalise("."), here);
  EXPECT_EQ(OutputDir::normalise("a/../out"), here + "/out");
  EXPECT_EQ(OutputDir::temp_name(OutputDir::normalise("out/")), here + "/out.partial");
  EXPECT_THROW(OutputDir::normalise(""), OutputError);
}

TEST_F(OutputDirTest, OnlyItsOwnDirectoriesAreReplaced) {
  const fs::path ours = root_ / "ours";
  OutputDir(ours.string(), (root_ / "ours.partial").string()).create();
  fs::rename(root_ / "ours.partial", ours);
  EXPECT_EQ(message_of(ours.string(), {}), "");

  const fs::path theirs = root_ / "theirs";
  fs::create_directories(theirs);
  EXPECT_NE(message_of(theirs.string(), {}).find("HeatStreet did not write it"), std::string::npos);
  std::ofstream(root_ / "file") << "x";
  EXPECT_NE(message_of((root_ / "file").string(), {}).find("not a directory"), std::string::npos);
}

TEST_F(OutputDirTest, NeverTheWorkingDirectoryOrOneHoldingAnInput) {
  const fs::path ours = root_ / "ours";
  OutputDir(ours.string(), (root_ / "ours.partial").string()).create();
  fs::rename(root_ / "ours.partial", ours);
  fs::create_directories(ours / "inner");
  fs::current_path(ours / "inner");
  EXPECT_NE(message_of(ours.string(), {}).find("working directory"), std::string::npos);
  fs::current_path(root_);
  EXPECT_NE(
      message_of(ours.string(), {(ours / "inner/certs.csv").string()}).find("holds the input"),
      std::string::npos);
  // Relative and unnormalised inputs are resolved first.
  EXPECT_NE(message_of(ours.string(), {"ours/./inner/../x.csv"}).find("holds the input"),
            std::string::npos);
  EXPECT_EQ(message_of(ours.string(), {(root_ / "ours-other/x.csv").string()}), "");
}

TEST_F(OutputDirTest, ForcedCommitReplacesOnlyWhatItMay) {
  const std::string final_dir = (root_ / "out").string();
  const OutputDir first(final_dir, final_dir + ".partial");
  first.create();
  first.commit(false, {});
  EXPECT_TRUE(fs::exists(fs::path(final_dir) / OutputDir::kMarker));
  const OutputDir second(final_dir, final_dir + ".partial");
  second.create();
  std::ofstream(second.file("results.h5")) << "new";
  EXPECT_THROW(second.commit(false, {}), OutputError);
  second.commit(true, {});
  EXPECT_TRUE(fs::exists(fs::path(final_dir) / "results.h5"));
  EXPECT_FALSE(fs::exists(final_dir + ".replaced"));
  EXPECT_FALSE(fs::exists(final_dir + ".partial"));
}

TEST_F(OutputDirTest, TheLockKeepsASecondRunOut) {
  const std::string final_dir = (root_ / "out").string();
  {
    OutputLock held(final_dir);
    try {
      OutputLock second(final_dir);
      ADD_FAILURE() << "two locks on one output";
    } catch (const OutputError& e) {
      EXPECT_EQ(e.exit_code(), 4);
      EXPECT_NE(std::string(e.what()).find("is in use by heatstreet process " +
                                           std::to_string(::getpid())),
                std::string::npos)
          << e.what();
    }
  }
  EXPECT_FALSE(fs::exists(OutputLock::lock_name(final_dir)));
  EXPECT_NO_THROW(OutputLock again(final_dir));
}
