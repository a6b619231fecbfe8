#pragma once
// An exclusive lock on an output directory for the whole of a run: the lock file
// "<dir>.lock" beside it covers both "<dir>.partial" and "<dir>", so two runs given the
// same output can never write into each other's files. The lock is an flock(2) lock: the
// kernel releases it when the holder ends in any way, so a killed run never blocks the
// next one (its lock file may remain; it is reused).
#include <string>

namespace heatstreet {

class OutputLock {
 public:
  // Takes the lock at once or throws OutputError (exit 4) naming the run that holds it.
  explicit OutputLock(const std::string& final_dir);
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

  const std::string& path() const { return path_; }
  static std::string lock_name(const std::string& final_dir) { return final_dir + ".lock"; }

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace heatstreet
