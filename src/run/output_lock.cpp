#include "heatstreet/run/output_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <string>

#include "heatstreet/core/error.hpp"

namespace heatstreet {

namespace {

std::string holder_text(int fd) {
  char buf[512];
  const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  std::string text(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0')) text.pop_back();
  return text.empty() ? "another run" : text;
}

std::string this_run() {
  char host[256] = "unknown host";
  ::gethostname(host, sizeof host - 1);
  host[sizeof host - 1] = '\0';
  const std::time_t now = std::time(nullptr);
  char when[32] = "";
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return "heatstreet process " + std::to_string(::getpid()) + " on " + host + ", started " + when +
         "\n";
}

// True when the open file is still the one the path names: a holder that just finished
// may have removed it, and a lock on a removed file would guard nothing.
bool still_named(int fd, const std::string& path) {
  struct stat open_file {
  }, named{};
  if (::fstat(fd, &open_file) != 0 || ::stat(path.c_str(), &named) != 0) return false;
  return open_file.st_dev == named.st_dev && open_file.st_ino == named.st_ino;
}

}  // namespace

OutputLock::OutputLock(const std::string& final_dir) : path_(lock_name(final_dir)) {
  for (int attempt = 0; attempt < 10; ++attempt) {
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw OutputError("cannot create the lock " + path_ + ": " + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      const int err = errno;
      const std::string holder = holder_text(fd_);
      ::close(fd_);
      fd_ = -1;
      if (err == EWOULDBLOCK)
        throw OutputError("output directory " + final_dir + " is in use by " + holder + " (lock " +
                          path_ + "); wait for it to end or choose another --out");
      throw OutputError("cannot lock " + path_ + ": " + std::strerror(err));
    }
    if (still_named(fd_, path_)) {
      const std::string me = this_run();
      if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, me.data(), me.size(), 0) < 0)
        throw OutputError("cannot write the lock " + path_ + ": " + std::strerror(errno));
      return;
    }
    ::close(fd_);
    fd_ = -1;
  }
  throw OutputError("cannot lock " + path_ + ": it keeps being replaced by another run");
}

OutputLock::~OutputLock() {
  if (fd_ < 0) return;
  // Removed while still held, so no other run can lock the old file in between.
  ::unlink(path_.c_str());
  ::close(fd_);
}

}  // namespace heatstreet
