#pragma once
// Files written by several ranks: errors that reach every rank, positioned writes and the
// slice of a range that each rank owns.
#include <mpi.h>

#include <cstdint>
#include <exception>
#include <string>
#include <utility>

#include "heatstreet/core/error.hpp"

namespace heatstreet::synth::detail {

// Collective: if any rank failed (code != 0), every rank throws the first failing rank's
// error with its exit code.
void agree_on_failure(MPI_Comm comm, int code, std::string message);

// Runs f on this rank; if any rank failed, every rank throws the first failing rank's
// error with its exit code.
template <typename F>
void collective(MPI_Comm comm, F&& f) {
  int code = 0;
  std::string message;
  try {
    f();
  } catch (const Error& e) {
    code = e.exit_code();
    message = e.what();
  } catch (const std::exception& e) {
    code = static_cast<int>(ExitCode::kInternal);
    message = e.what();
  }
  agree_on_failure(comm, code, std::move(message));
}

// A file opened for writing at given offsets (pwrite), so that ranks can fill one file.
class File {
 public:
  File(const std::string& path, bool create);
  ~File();
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  void write_at(const char* data, std::size_t size, std::uint64_t offset);
  void close();

 private:
  std::string path_;
  int fd_ = -1;
};

void write_whole(const std::string& path, const std::string& content);

// Rows [lo, hi) of n that rank `rank` of `size` owns.
std::pair<std::uint64_t, std::uint64_t> slice(std::uint64_t n, int rank, int size);

}  // namespace heatstreet::synth::detail
