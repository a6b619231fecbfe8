#pragma once
// Progress, profiling and the run record. Rank 0 prints one line as each stage starts
// and ends; with profiling on, each stage also prints its time and memory (maximum over
// ranks). The same figures are kept for run.json whether or not they are printed. The
// stages themselves are run, in step on every rank, by StageRunner (stage_runner.hpp).
#include <cstdint>
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

  void stage_started(const std::string& name);
  // Collective: reduces this rank's figures of the stage over the ranks, records them
  // and prints them.
  void stage_finished(const std::string& name, double seconds, const StageRows& rows);

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
  // Wall-clock seconds (MPI_Wtime).
  static double now();

 private:
  void add_part(const std::string& name, double seconds);

  const Comm& comm_;
  bool profile_;
  double start_;
  std::vector<StageRecord> stages_;
  std::vector<std::pair<std::string, double>> parts_;  // of the running stage, this rank
};

}  // namespace heatstreet
