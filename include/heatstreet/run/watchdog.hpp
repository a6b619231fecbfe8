#pragma once
// A progress watchdog. A rank that is stopped (SIGSTOP, a frozen node) or hung never
// fails, so the error agreement cannot end the job: the other ranks just wait in a
// collective. Every stage start and end, and every timed part, marks progress; when a
// rank sees no progress for run.stall_timeout_s seconds it prints what it was doing and
// ends the whole job (exit 1).
#include <atomic>
#include <string>
#include <thread>

#include "heatstreet/parallel/comm.hpp"

namespace heatstreet {

// Records that this rank has moved on to `where` (a stage or part name).
void mark_progress(const std::string& where);

class Watchdog {
 public:
  // Starts watching when timeout_s > 0 (0 turns the watchdog off).
  Watchdog(double timeout_s, const Comm& comm);
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

 private:
  void watch();
  double timeout_s_;
  int rank_;
  int size_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace heatstreet
