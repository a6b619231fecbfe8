// Stages run in step on every rank: a failure on one rank becomes the same agreed error
// on all of them (the lowest failing rank's), a pending interrupt on any rank stops every
// rank before the next stage, and the log records each completed stage with its rows
// summed over the ranks.
#include <gtest/gtest.h>

#include <csignal>
#include <string>

#include "heatstreet/parallel/comm.hpp"
#include "heatstreet/run/interrupt.hpp"
#include "heatstreet/run/run_log.hpp"
#include "heatstreet/run/stage_runner.hpp"

using namespace heatstreet;

TEST(StageRunner, RecordsRowsSummedOverRanks) {
  Comm comm;
  RunLog log(comm, false);
  StageRunner stages(comm, log);
  stages.run("count", [&] { return StageRows{comm.rank() + 1, 2}; });
  stages.run("no rows", [&] { return StageRows{}; });
  ASSERT_EQ(log.stages().size(), 2u);
  const std::int64_t p = comm.size();
  EXPECT_EQ(log.stages()[0].name, "count");
  EXPECT_EQ(log.stages()[0].rows_in, p * (p + 1) / 2);
  EXPECT_EQ(log.stages()[0].rows_out, 2 * p);
  EXPECT_EQ(log.stages()[1].rows_in, -1);
  EXPECT_GE(log.stages()[0].seconds_max, log.stages()[0].seconds_min);
}

TEST(StageRunner, AFailureOnOneRankIsTheSameErrorOnEveryRank) {
  Comm comm;
  RunLog log(comm, false);
  StageRunner stages(comm, log);
  const int failing = comm.size() - 1;
  try {
    stages.run("fragile", [&]() -> StageRows {
      if (comm.rank() >= failing)
        throw OutputError("disk full on rank " + std::to_string(comm.rank()));
      return {};
    });
    FAIL() << "no error";
  } catch (const AgreedError& e) {
    EXPECT_EQ(e.exit_code(), 4);
    EXPECT_EQ(e.failed_rank(), failing);
    EXPECT_NE(std::string(e.what()).find("disk full on rank " + std::to_string(failing)),
              std::string::npos)
        << e.what();
  }
  // The failed stage is not recorded; the ranks are still in step for the next one.
  EXPECT_TRUE(log.stages().empty());
  stages.run("after", [] { return StageRows{}; });
  EXPECT_EQ(log.stages().size(), 1u);
}

TEST(StageRunner, AnInterruptOnOneRankStopsEveryRankBeforeTheNextStage) {
  Comm comm;
  RunLog log(comm, false);
  StageRunner stages(comm, log);
  install_interrupt_handlers();
  if (comm.rank() == 0) std::raise(SIGTERM);
  bool ran = false;
  try {
    stages.run("next", [&] {
      ran = true;
      return StageRows{};
    });
    FAIL() << "not stopped";
  } catch (const AgreedError& e) {
    EXPECT_EQ(e.exit_code(), 130);
    EXPECT_NE(std::string(e.what()).find("SIGTERM before stage 'next'"), std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(ran);
}
