#include "heatstreet/run/run_log.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "heatstreet/run/watchdog.hpp"

namespace heatstreet {

namespace {
std::uint64_t proc_status_kb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string key = std::string(field) + ":";
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) == 0) return std::strtoull(line.c_str() + key.size(), nullptr, 10);
  }
  return 0;
}

std::string format_seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s);
  return buf;
}

std::string format_mb(double mb) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", mb);
  return buf;
}
}  // namespace

std::uint64_t current_rss_bytes() { return proc_status_kb("VmRSS") * 1024; }
std::uint64_t peak_rss_bytes() { return proc_status_kb("VmHWM") * 1024; }

RunLog::RunLog(const Comm& comm, bool profile)
    : comm_(comm), profile_(profile), start_(MPI_Wtime()) {}

void RunLog::info(const std::string& line) const {
  if (comm_.root()) {
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
  }
}

double RunLog::now() { return MPI_Wtime(); }

void RunLog::add_part(const std::string& name, double seconds) {
  mark_progress(name + " (done)");
  for (auto& [n, t] : parts_)
    if (n == name) {
      t += seconds;
      return;
    }
  parts_.emplace_back(name, seconds);
}

void RunLog::stage_started(const std::string& name) {
  mark_progress("stage " + name);
  info("[stage] " + name + ": started");
  parts_.clear();
}

void RunLog::stage_finished(const std::string& name, double elapsed, const StageRows& rows) {
  mark_progress("end of stage " + name);
  StageRecord r;
  r.name = name;
  r.seconds_max = comm_.max(elapsed);
  r.seconds_min = comm_.min(elapsed);
  // -1 on any rank means the figure does not apply.
  const std::vector<std::int64_t> counted =
      comm_.max(std::vector<std::int64_t>{rows.in < 0 ? 1 : 0, rows.out < 0 ? 1 : 0});
  r.rows_in = counted[0] ? -1 : comm_.sum(rows.in);
  r.rows_out = counted[1] ? -1 : comm_.sum(rows.out);
  const double rss = static_cast<double>(current_rss_bytes()) / (1024.0 * 1024.0);
  r.rss_mb_max = comm_.max(rss);
  r.rss_mb_sum = comm_.sum(rss);
  const std::vector<std::int64_t> peaks =
      comm_.allgather(static_cast<std::int64_t>(peak_rss_bytes()));
  for (std::int64_t p : peaks)
    r.peak_rss_mb_per_rank.push_back(static_cast<double>(p) / (1024.0 * 1024.0));
  for (const auto& [part_name, seconds] : parts_)
    r.parts.emplace_back(part_name, comm_.max(seconds));
  parts_.clear();
  stages_.push_back(r);

  std::ostringstream line;
  line << "[stage] " << name << ": done";
  if (r.rows_in >= 0) line << ", rows in " << r.rows_in;
  if (r.rows_out >= 0) line << ", rows out " << r.rows_out;
  line << ", " << format_seconds(r.seconds_max) << " s";
  info(line.str());
  if (profile_) {
    info("[PROFILE] " + name + ": " + format_seconds(r.seconds_max) + " s (max over ranks)");
    for (const auto& [part_name, seconds] : r.parts)
      info("[PROFILE]   " + name + " / " + part_name + ": " + format_seconds(seconds) + " s");
    info("[MEMORY] " + name + " END: " + format_mb(r.rss_mb_max) + " MB RSS (max over ranks), " +
         format_mb(r.rss_mb_sum) + " MB (sum)");
  }
}

nlohmann::json RunLog::to_json() const {
  nlohmann::json stages = nlohmann::json::array();
  for (const StageRecord& r : stages_) {
    nlohmann::json s{{"name", r.name},
                     {"seconds_max", r.seconds_max},
                     {"seconds_min", r.seconds_min},
                     {"rss_mb_max", r.rss_mb_max},
                     {"rss_mb_sum", r.rss_mb_sum},
                     {"peak_rss_mb_per_rank", r.peak_rss_mb_per_rank}};
    if (r.rows_in >= 0) s["rows_in"] = r.rows_in;
    if (r.rows_out >= 0) s["rows_out"] = r.rows_out;
    if (!r.parts.empty()) {
      nlohmann::json parts = nlohmann::json::object();
      for (const auto& [part_name, seconds] : r.parts) parts[part_name] = seconds;
      s["parts_seconds_max"] = parts;
    }
    stages.push_back(s);
  }
  return nlohmann::json{
      {"ranks", comm_.size()}, {"elapsed_seconds", MPI_Wtime() - start_}, {"stages", stages}};
}

}  // namespace heatstreet
