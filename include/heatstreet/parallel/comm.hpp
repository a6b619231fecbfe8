#pragma once
// The thin MPI layer: session lifetime, a communicator handle with the few collectives
// the stages use, error agreement between ranks, and moving table rows to other ranks.
// Everything above this layer is plain C++.
#include <mpi.h>

#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "heatstreet/core/error.hpp"
#include "heatstreet/core/table.hpp"

namespace heatstreet {

// MPI_Init_thread / MPI_Finalize. Worker threads never call MPI (FUNNELED).
class MpiSession {
 public:
  MpiSession(int* argc, char*** argv);
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
};

class Comm {
 public:
  // Collective over `comm` (it creates the agreement communicator).
  explicit Comm(MPI_Comm comm = MPI_COMM_WORLD);
  MPI_Comm raw() const { return comm_; }
  int rank() const { return rank_; }
  int size() const { return size_; }
  bool root() const { return rank_ == 0; }

  void barrier() const;
  std::int64_t sum(std::int64_t v) const;
  std::uint64_t sum(std::uint64_t v) const;
  double sum(double v) const;  // order depends on MPI: use only for reports, never results
  std::int64_t max(std::int64_t v) const;
  double max(double v) const;
  double min(double v) const;
  std::vector<std::int64_t> sum(const std::vector<std::int64_t>& v) const;
  std::vector<std::int64_t> max(const std::vector<std::int64_t>& v) const;
  // Sum of v over lower ranks (0 on rank 0).
  std::int64_t exscan(std::int64_t v) const;
  std::vector<std::int64_t> allgather(std::int64_t v) const;
  std::string bcast(const std::string& s, int from = 0) const;
  // Gathers one string per rank on every rank.
  std::vector<std::string> allgather(const std::string& s) const;
  // Gathers one vector of 64-bit words per rank on every rank (lengths may differ).
  std::vector<std::vector<std::int64_t>> allgather(const std::vector<std::int64_t>& v) const;

  // Personalised all-to-all of byte buffers: out[d] goes to rank d; returns what each
  // rank sent here, indexed by source. Large exchanges are split into rounds so that no
  // single message exceeds MPI's int counts.
  std::vector<std::vector<char>> exchange(const std::vector<std::vector<char>>& out) const;
  // The same from one buffer holding the parts for rank 0, 1, ... back to back
  // (send_counts[d] bytes for rank d): returns what arrived, source after source, with
  // recv_counts[s] bytes from rank s. No copies beside the two buffers when they fit in
  // MPI's int counts.
  std::vector<char> exchange(const std::vector<char>& send,
                             const std::vector<std::int64_t>& send_counts,
                             std::vector<std::int64_t>& recv_counts) const;

  // Error agreement. Every rank calls it at the same point with what it caught (or
  // nullptr). If any rank failed, every rank throws the same AgreedError: the exit code
  // and message of the lowest failing rank. Agreement runs on a communicator of its own,
  // so it can never be matched with a collective of the stage. A rank that failed waits
  // at most `timeout_s` for the others (they may be blocked in a collective the failed
  // rank never reached); then it prints its message and aborts the job with its code,
  // so no rank is ever left hanging.
  void agree(std::exception_ptr local_error) const;
  // HEATSTREET_AGREE_TIMEOUT, default 10 s; ConfigError when set to anything else than
  // a positive number of seconds (checked once when the program starts).
  static double agree_timeout_seconds();

 private:
  // The byte counts of an exchange: sends send_counts[d] to rank d, fills recv_counts from
  // what the others send here, and returns this rank's received total and the largest
  // sent or received total of any rank. Collective.
  std::pair<std::int64_t, std::int64_t> exchange_counts(
      const std::vector<std::int64_t>& send_counts, std::vector<std::int64_t>& recv_counts) const;

  MPI_Comm comm_;
  std::shared_ptr<MPI_Comm> agree_comm_;
  int rank_ = 0;
  int size_ = 1;
};

// An error every rank has agreed on: it needs printing once (by rank 0), not an abort.
// failed_rank is -1 when no single rank caused it (an interrupt).
class AgreedError : public Error {
 public:
  AgreedError(ExitCode code, int failed_rank, const std::string& message)
      : Error(code, message), failed_rank_(failed_rank) {}
  int failed_rank() const { return failed_rank_; }

 private:
  int failed_rank_;
};

// Exit code and message of a caught exception, as agree() reports them.
std::pair<int, std::string> describe_error(std::exception_ptr e);

// Runs fn on every rank and agrees on the outcome: the pattern for a stage's local part.
template <class F>
void run_agreed(const Comm& comm, F&& fn) {
  std::exception_ptr err;
  try {
    fn();
  } catch (...) {
    err = std::current_exception();
  }
  comm.agree(err);
}

// Serialises rows of a table (row count, then all columns in column order) and back.
void pack_rows(const Table& t, const std::vector<std::size_t>& rows, std::vector<char>& out);
// Appends packed rows to `into`, which must have the same columns as the sender's table.
void unpack_rows(const char* data, std::size_t size, Table& into);

// Sends row i of `t` to rank dest[i]. Returns the rows this rank receives, ordered by
// source rank and, within a source, in the sender's order (so the result is
// deterministic). Collective.
Table exchange_rows(const Table& t, const std::vector<int>& dest, const Comm& comm);

}  // namespace heatstreet
