// Files written by several ranks: errors that reach every rank, positioned writes, slices.
#include "heatstreet/synth/collective_io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>

namespace heatstreet::synth::detail {

void agree_on_failure(MPI_Comm comm, int code, std::string message) {
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  int mine = code ? rank : INT_MAX, first = INT_MAX;
  MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, comm);
  if (first == INT_MAX) return;
  int len = static_cast<int>(message.size());
  MPI_Bcast(&code, 1, MPI_INT, first, comm);
  MPI_Bcast(&len, 1, MPI_INT, first, comm);
  message.resize(static_cast<std::size_t>(len));
  MPI_Bcast(message.data(), len, MPI_CHAR, first, comm);
  switch (code) {
    case 2:
      throw UsageError(message);
    case 3:
      throw InputError(message);
    case 4:
      throw OutputError(message);
    default:
      throw Error(static_cast<ExitCode>(code), message);
  }
}

File::File(const std::string& path, bool create) : path_(path) {
  fd_ = ::open(path.c_str(), create ? (O_WRONLY | O_CREAT | O_TRUNC) : O_WRONLY, 0644);
  if (fd_ < 0)
    throw OutputError("synth: cannot open " + path + " for writing: " + std::strerror(errno));
}

File::~File() {
  if (fd_ >= 0) ::close(fd_);
}

void File::write_at(const char* data, std::size_t size, std::uint64_t offset) {
  while (size > 0) {
    ssize_t w = ::pwrite(fd_, data, size, static_cast<off_t>(offset));
    if (w < 0) {
      if (errno == EINTR) continue;
      throw OutputError("synth: cannot write " + path_ + ": " + std::strerror(errno));
    }
    data += w;
    size -= static_cast<std::size_t>(w);
    offset += static_cast<std::uint64_t>(w);
  }
}

void File::close() {
  if (fd_ >= 0 && ::close(fd_) != 0) {
    fd_ = -1;
    throw OutputError("synth: cannot close " + path_ + ": " + std::strerror(errno));
  }
  fd_ = -1;
}

void write_whole(const std::string& path, const std::string& content) {
  File f(path, true);
  f.write_at(content.data(), content.size(), 0);
  f.close();
}

std::pair<std::uint64_t, std::uint64_t> slice(std::uint64_t n, int rank, int size) {
  auto lo = static_cast<std::uint64_t>((static_cast<unsigned __int128>(n) * rank) / size);
  auto hi = static_cast<std::uint64_t>((static_cast<unsigned __int128>(n) * (rank + 1)) / size);
  return {lo, hi};
}

}  // namespace heatstreet::synth::detail
