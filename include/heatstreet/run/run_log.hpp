#pragma once
// Progress, profiling and the run record. Rank 0 prints one line as each stage starts
// and ends; with profiling on, each stage also prints its time and memory (maximum over
// ranks). The same figures are kept for run.json whether or not they are printed.
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "heatstreet/parallel/comm.hpp"

namespace heatstreet {

// Resident memory of this process, in bytes (current and peak), from /proc.
std::uint64_t current_rss_bytes();
std::uint64_t peak_rss_bytes();

struct StageRecord {
  std::string name;
  double seconds_max = 0;     // slowest rank
  double seconds_min = 0;     // fastest rank
  std::int64_t rows_in = -1;  // -1: not applicable
  std::int64_t rows_out = -1;
  double rss_mb_max = 0;  // RSS at the stage's end, max over ranks
  double rss_mb_sum = 0;
  std::vector<double> peak_rss_mb_per_rank;
  // Named parts of the stage (see RunLog::part), in the order first run, each the
  // slowest rank's total.
  std::vector<std::pair<std::string, double>> parts;
};

// What a stage reports about the rows it saw (summed over ranks by the log).
struct StageRows {
  std::int64_t in = -1;
  std::int64_t out = -1;
};

class RunLog {
 public:
  RunLog(const Comm& comm, bool profile);

  // Runs one stage on every rank: prints its start, runs `body` (which returns the rows
  // in and out on this rank), agrees on errors (every rank throws the same AgreedError if
  // any failed), then records and prints the timings and memory.
  void stage(const std::string& name, const std::function<StageRows()>& body);

  // Times `body` as a named part of the running stage; repeated names add up. Every rank
  // must run the same parts in the same order (they are reduced in that order).
  template <class F>
  void part(const std::string& name, F&& body) {
    const double t0 = now();
    body();
    add_part(name, now() - t0);
  }

  const std::vector<StageRecord>& stages() const { return stages_; }
  // Prints a line on rank 0.
  void info(const std::string& line) const;
  nlohmann::json to_json() const;

 private:
  static double now();
  void add_part(const std::string& name, double seconds);

  const Comm& comm_;
  bool profile_;
  double start_;
  std::vector<StageRecord> stages_;
  std::vector<std::pair<std::string, double>> parts_;  // of the running stage, this rank
};

// Testing aid: HEATSTREET_TEST_FAIL_STAGE=<stage>@<rank>[:collective] makes that stage
// fail on that rank with an input error, to show that every rank ends together.
void maybe_inject_failure(const std::string& stage, const Comm& comm);

}  // namespace heatstreet
