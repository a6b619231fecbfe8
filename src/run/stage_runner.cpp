#include "heatstreet/run/stage_runner.hpp"

#include <cstdlib>

#include "heatstreet/run/interrupt.hpp"

namespace heatstreet {

void maybe_inject_failure(const std::string& stage, const Comm& comm) {
  const char* v = std::getenv("HEATSTREET_TEST_FAIL_STAGE");
  if (!v) return;
  const std::string spec(v);
  const auto at = spec.find('@');
  if (at == std::string::npos || spec.substr(0, at) != stage) return;
  const int failing = std::atoi(spec.c_str() + at + 1);
  // ":collective": the other ranks are meanwhile blocked in a collective the failing
  // rank never joins, the case agreement alone cannot resolve.
  const bool in_collective = spec.find(":collective") != std::string::npos;
  if (comm.rank() == failing)
    throw InputError("injected failure in stage '" + stage + "' (HEATSTREET_TEST_FAIL_STAGE)");
  if (in_collective) comm.barrier();
}

void StageRunner::stop_if_interrupted(const std::string& name) const {
  const std::int64_t sig = comm_.max(static_cast<std::int64_t>(pending_interrupt()));
  if (sig != 0)
    throw AgreedError(ExitCode::kInterrupted, -1,
                      std::string("interrupted by ") + signal_name(static_cast<int>(sig)) +
                          " before stage '" + name + "'");
}

void StageRunner::run(const std::string& name, const std::function<StageRows()>& body) {
  stop_if_interrupted(name);
  log_.stage_started(name);
  const double t0 = RunLog::now();
  StageRows rows;
  run_agreed(comm_, [&] {
    maybe_inject_failure(name, comm_);
    rows = body();
  });
  log_.stage_finished(name, RunLog::now() - t0, rows);
}

}  // namespace heatstreet
