#pragma once
// Runs the stages of a run on every rank in step: a stage starts only if no rank has been
// asked to stop (SIGTERM/SIGINT reach the ranks at different moments, so they agree at
// each stage boundary), and whatever a stage throws on any rank becomes the same
// AgreedError on every rank, so no rank is ever left waiting for another. What a stage
// did (time, rows, memory) goes to the RunLog.
#include <functional>
#include <string>

#include "heatstreet/parallel/comm.hpp"
#include "heatstreet/run/run_log.hpp"

namespace heatstreet {

class StageRunner {
 public:
  StageRunner(const Comm& comm, RunLog& log) : comm_(comm), log_(log) {}

  // Collective. `body` returns the rows in and out on this rank. Throws AgreedError
  // (exit 130) before the stage if an interrupt is pending on any rank, and the agreed
  // error of the lowest failing rank if the stage failed anywhere.
  void run(const std::string& name, const std::function<StageRows()>& body);

 private:
  void stop_if_interrupted(const std::string& name) const;
  const Comm& comm_;
  RunLog& log_;
};

// Testing aid: HEATSTREET_TEST_FAIL_STAGE=<stage>@<rank>[:collective] makes that stage
// fail on that rank with an input error, to show that every rank ends together.
void maybe_inject_failure(const std::string& stage, const Comm& comm);

}  // namespace heatstreet
