#pragma once
// Errors that carry the process exit code of the product contract, so that whatever
// stage raises them, every rank ends with the same, documented code.
#include <stdexcept>
#include <string>

namespace heatstreet {

enum class ExitCode : int {
  kSuccess = 0,
  kInternal = 1,
  kUsage = 2,         // usage or configuration error
  kInputData = 3,     // missing or unreadable input, absent column, too many rejects
  kOutput = 4,        // cannot write, disk full
  kInterrupted = 130  // SIGINT / SIGTERM
};

class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ExitCode code() const noexcept { return code_; }
  int exit_code() const noexcept { return static_cast<int>(code_); }

 private:
  ExitCode code_;
};

struct UsageError : Error {
  explicit UsageError(const std::string& m) : Error(ExitCode::kUsage, m) {}
};
struct ConfigError : Error {
  explicit ConfigError(const std::string& m) : Error(ExitCode::kUsage, m) {}
};
struct InputError : Error {
  explicit InputError(const std::string& m) : Error(ExitCode::kInputData, m) {}
};
struct OutputError : Error {
  explicit OutputError(const std::string& m) : Error(ExitCode::kOutput, m) {}
};
struct InterruptedError : Error {
  explicit InterruptedError(const std::string& m) : Error(ExitCode::kInterrupted, m) {}
};

}  // namespace heatstreet
