#include "heatstreet/output/writeback.hpp"

#include <fcntl.h>
#include <unistd.h>

namespace heatstreet {

Writeback::~Writeback() {
  join();
  if (fd_ >= 0) ::close(fd_);
}

void Writeback::open(const std::string& path) { fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC); }

void Writeback::start() {
  if (fd_ < 0) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    wanted_ = true;
    if (busy_) return;  // the running pass goes round once more
    busy_ = true;
  }
  // Not busy: a previous thread, if any, has finished or is returning.
  if (thread_.joinable()) thread_.join();
  thread_ = std::thread([this] { run(); });
}

void Writeback::join() {
  if (thread_.joinable()) thread_.join();
}

void Writeback::run() {
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!wanted_) {
        busy_ = false;
        return;
      }
      wanted_ = false;
    }
    // Errors are not lost by ignoring them here: the checkpoint's own sync, through
    // MPI-IO's descriptor, reports them.
    ::fdatasync(fd_);
    // Rows on disk need no cache: dropping them bounds the cache the file holds (a
    // batch job's memory limit counts it) and hands the pages, just used, to the next
    // rows written, which is much faster than fresh memory on virtual machines. Pages
    // written since the sync are dirty and stay.
    ::posix_fadvise(fd_, 0, 0, POSIX_FADV_DONTNEED);
  }
}

}  // namespace heatstreet
