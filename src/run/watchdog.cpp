#include "heatstreet/run/watchdog.hpp"

#include <mpi.h>

#include <chrono>
#include <cstdio>
#include <mutex>

#include "heatstreet/core/error.hpp"

namespace heatstreet {

namespace {

using Clock = std::chrono::steady_clock;

std::mutex g_mutex;
Clock::time_point g_last = Clock::now();
std::string g_where = "start";

}  // namespace

void mark_progress(const std::string& where) {
  const std::lock_guard<std::mutex> lock(g_mutex);
  g_last = Clock::now();
  g_where = where;
}

Watchdog::Watchdog(double timeout_s, const Comm& comm)
    : timeout_s_(timeout_s), rank_(comm.rank()), size_(comm.size()) {
  if (timeout_s_ <= 0) return;
  mark_progress("start");
  thread_ = std::thread([this] { watch(); });
}

Watchdog::~Watchdog() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void Watchdog::watch() {
  const auto step = std::chrono::milliseconds(200);
  while (!stop_) {
    std::this_thread::sleep_for(step);
    double idle = 0;
    std::string where;
    {
      const std::lock_guard<std::mutex> lock(g_mutex);
      idle = std::chrono::duration<double>(Clock::now() - g_last).count();
      where = g_where;
    }
    if (idle < timeout_s_) continue;
    std::fprintf(stderr,
                 "heatstreet: error (rank %d of %d): no progress for %.0f s in '%s' "
                 "(run.stall_timeout_s); another rank may be stopped or hung: ending the job\n",
                 rank_, size_, idle, where.c_str());
    std::fflush(stderr);
    // Abort from this thread: the main thread is blocked in MPI and cannot return.
    // Open MPI ends every rank of the job, stopped ones included (SIGKILL).
    MPI_Abort(MPI_COMM_WORLD, static_cast<int>(ExitCode::kInternal));
    std::_Exit(static_cast<int>(ExitCode::kInternal));
  }
}

}  // namespace heatstreet
