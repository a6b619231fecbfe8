#pragma once
// Early writeback of the results file: after each table the writer asks a thread of this
// rank to run fdatasync on a descriptor of its own, overlapping the disk writes with the
// caller's next work, so that a checkpoint's sync (flush, finish) has little left to wait
// for.
#include <mutex>
#include <string>
#include <thread>

namespace heatstreet {

class Writeback {
 public:
  Writeback() = default;
  // Joins the thread and closes the descriptor.
  ~Writeback();
  Writeback(const Writeback&) = delete;
  Writeback& operator=(const Writeback&) = delete;

  // Opens the descriptor of the file at `path`, which must exist. Without it (an odd
  // file system) nothing is written back early: the checkpoints still sync everything,
  // only later.
  void open(const std::string& path);
  // Starts a pass over what is written so far, or asks a running one to go round again.
  void start();
  // Waits for the running pass, if any.
  void join();

 private:
  // The thread's loop: passes until no more are wanted.
  void run();

  int fd_ = -1;
  std::thread thread_;
  std::mutex mutex_;
  bool wanted_ = false;  // guarded by mutex_
  bool busy_ = false;    // guarded by mutex_
};

}  // namespace heatstreet
