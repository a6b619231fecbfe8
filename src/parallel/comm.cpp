#include "heatstreet/parallel/comm.hpp"

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <thread>
#include <tuple>
#include <type_traits>

#include "heatstreet/parallel/wire.hpp"

namespace heatstreet {

namespace {

void check(int rc, const char* call) {
  if (rc != MPI_SUCCESS) {
    char text[MPI_MAX_ERROR_STRING];
    int len = 0;
    MPI_Error_string(rc, text, &len);
    throw Error(ExitCode::kInternal, std::string(call) + " failed: " + std::string(text, len));
  }
}

// Bytes per exchange round summed over destinations; keeps counts and displacements
// inside MPI's int range.
constexpr std::int64_t kRoundBytes = std::int64_t{1} << 30;

}  // namespace

MpiSession::MpiSession(int* argc, char*** argv) {
  int provided = 0;
  check(MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
  // Errors are checked by this layer and turned into exceptions.
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
}

MpiSession::~MpiSession() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) MPI_Finalize();
}

Comm::Comm(MPI_Comm comm) : comm_(comm) {
  MPI_Comm_rank(comm_, &rank_);
  MPI_Comm_size(comm_, &size_);
  MPI_Comm dup = MPI_COMM_NULL;
  check(MPI_Comm_dup(comm_, &dup), "MPI_Comm_dup");
  agree_comm_ = std::shared_ptr<MPI_Comm>(new MPI_Comm(dup), [](MPI_Comm* c) {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (!finalized) MPI_Comm_free(c);
    delete c;
  });
}

double Comm::agree_timeout_seconds() {
  const char* v = std::getenv("HEATSTREET_AGREE_TIMEOUT");
  if (!v || !*v) return 10.0;
  char* end = nullptr;
  const double s = std::strtod(v, &end);
  if (end == v || *end != '\0' || !(s > 0 && s <= 86400))
    throw ConfigError(std::string("environment variable HEATSTREET_AGREE_TIMEOUT='") + v +
                      "': expected a number of seconds above 0 and at most 86400");
  return s;
}

void Comm::barrier() const { check(MPI_Barrier(comm_), "MPI_Barrier"); }

std::int64_t Comm::sum(std::int64_t v) const {
  std::int64_t r = 0;
  check(MPI_Allreduce(&v, &r, 1, MPI_INT64_T, MPI_SUM, comm_), "MPI_Allreduce");
  return r;
}

std::uint64_t Comm::sum(std::uint64_t v) const {
  std::uint64_t r = 0;
  check(MPI_Allreduce(&v, &r, 1, MPI_UINT64_T, MPI_SUM, comm_), "MPI_Allreduce");
  return r;
}

double Comm::sum(double v) const {
  double r = 0;
  check(MPI_Allreduce(&v, &r, 1, MPI_DOUBLE, MPI_SUM, comm_), "MPI_Allreduce");
  return r;
}

std::int64_t Comm::max(std::int64_t v) const {
  std::int64_t r = 0;
  check(MPI_Allreduce(&v, &r, 1, MPI_INT64_T, MPI_MAX, comm_), "MPI_Allreduce");
  return r;
}

double Comm::max(double v) const {
  double r = 0;
  check(MPI_Allreduce(&v, &r, 1, MPI_DOUBLE, MPI_MAX, comm_), "MPI_Allreduce");
  return r;
}

double Comm::min(double v) const {
  double r = 0;
  check(MPI_Allreduce(&v, &r, 1, MPI_DOUBLE, MPI_MIN, comm_), "MPI_Allreduce");
  return r;
}

std::vector<std::int64_t> Comm::sum(const std::vector<std::int64_t>& v) const {
  std::vector<std::int64_t> r(v.size());
  check(MPI_Allreduce(v.data(), r.data(), static_cast<int>(v.size()), MPI_INT64_T, MPI_SUM, comm_),
        "MPI_Allreduce");
  return r;
}

std::vector<std::int64_t> Comm::max(const std::vector<std::int64_t>& v) const {
  std::vector<std::int64_t> r(v.size());
  check(MPI_Allreduce(v.data(), r.data(), static_cast<int>(v.size()), MPI_INT64_T, MPI_MAX, comm_),
        "MPI_Allreduce");
  return r;
}

std::int64_t Comm::exscan(std::int64_t v) const {
  std::int64_t r = 0;
  check(MPI_Exscan(&v, &r, 1, MPI_INT64_T, MPI_SUM, comm_), "MPI_Exscan");
  return rank_ == 0 ? 0 : r;  // MPI leaves rank 0's result undefined
}

std::vector<std::int64_t> Comm::allgather(std::int64_t v) const {
  std::vector<std::int64_t> r(static_cast<std::size_t>(size_));
  check(MPI_Allgather(&v, 1, MPI_INT64_T, r.data(), 1, MPI_INT64_T, comm_), "MPI_Allgather");
  return r;
}

std::string Comm::bcast(const std::string& s, int from) const {
  std::int64_t n = static_cast<std::int64_t>(s.size());
  check(MPI_Bcast(&n, 1, MPI_INT64_T, from, comm_), "MPI_Bcast");
  std::string r = rank_ == from ? s : std::string(static_cast<std::size_t>(n), '\0');
  if (n > 0) check(MPI_Bcast(r.data(), static_cast<int>(n), MPI_CHAR, from, comm_), "MPI_Bcast");
  return r;
}

std::vector<std::string> Comm::allgather(const std::string& s) const {
  std::vector<std::vector<char>> out(static_cast<std::size_t>(size_),
                                     std::vector<char>(s.begin(), s.end()));
  std::vector<std::vector<char>> in = exchange(out);
  std::vector<std::string> r;
  r.reserve(in.size());
  for (auto& b : in) r.emplace_back(b.begin(), b.end());
  return r;
}

std::vector<std::vector<std::int64_t>> Comm::allgather(const std::vector<std::int64_t>& v) const {
  const char* first = reinterpret_cast<const char*>(v.data());
  std::vector<std::vector<char>> out(
      static_cast<std::size_t>(size_),
      std::vector<char>(first, first + v.size() * sizeof(std::int64_t)));
  std::vector<std::vector<std::int64_t>> r;
  for (const auto& b : exchange(out)) {
    std::vector<std::int64_t> w(b.size() / sizeof(std::int64_t));
    if (!w.empty()) std::memcpy(w.data(), b.data(), w.size() * sizeof(std::int64_t));
    r.push_back(std::move(w));
  }
  return r;
}

std::pair<std::int64_t, std::int64_t> Comm::exchange_counts(
    const std::vector<std::int64_t>& send_counts, std::vector<std::int64_t>& recv_counts) const {
  const auto p = static_cast<std::size_t>(size_);
  recv_counts.assign(p, 0);
  check(MPI_Alltoall(send_counts.data(), 1, MPI_INT64_T, recv_counts.data(), 1, MPI_INT64_T, comm_),
        "MPI_Alltoall");
  std::int64_t send_total = 0, recv_total = 0;
  for (std::size_t d = 0; d < p; ++d) {
    send_total += send_counts[d];
    recv_total += recv_counts[d];
  }
  return {recv_total, max(std::max(send_total, recv_total))};
}

std::vector<std::vector<char>> Comm::exchange(const std::vector<std::vector<char>>& out) const {
  const auto p = static_cast<std::size_t>(size_);
  if (out.size() != p) throw Error(ExitCode::kInternal, "exchange: one buffer per rank needed");
  std::vector<std::int64_t> send_n(p), recv_n;
  for (std::size_t d = 0; d < p; ++d) send_n[d] = static_cast<std::int64_t>(out[d].size());
  const std::int64_t largest = exchange_counts(send_n, recv_n).second;
  const std::int64_t rounds = std::max<std::int64_t>(1, (largest + kRoundBytes - 1) / kRoundBytes);
  auto slice = [rounds](std::int64_t n, std::int64_t r) {
    const std::int64_t step = (n + rounds - 1) / rounds;
    const std::int64_t lo = std::min(n, r * step);
    return std::pair<std::int64_t, std::int64_t>{lo, std::min(n, lo + step)};
  };

  std::vector<std::vector<char>> in(p);
  for (std::size_t s = 0; s < p; ++s) in[s].resize(static_cast<std::size_t>(recv_n[s]));
  std::vector<int> sc(p), sd(p), rc(p), rd(p);
  std::vector<char> sbuf, rbuf;
  for (std::int64_t r = 0; r < rounds; ++r) {
    int so = 0, ro = 0;
    sbuf.clear();
    for (std::size_t d = 0; d < p; ++d) {
      auto [lo, hi] = slice(send_n[d], r);
      sbuf.insert(sbuf.end(), out[d].begin() + lo, out[d].begin() + hi);
      sc[d] = static_cast<int>(hi - lo);
      sd[d] = so;
      so += sc[d];
      auto [rlo, rhi] = slice(recv_n[d], r);
      rc[d] = static_cast<int>(rhi - rlo);
      rd[d] = ro;
      ro += rc[d];
    }
    rbuf.resize(static_cast<std::size_t>(ro));
    check(MPI_Alltoallv(sbuf.data(), sc.data(), sd.data(), MPI_BYTE, rbuf.data(), rc.data(),
                        rd.data(), MPI_BYTE, comm_),
          "MPI_Alltoallv");
    for (std::size_t s = 0; s < p; ++s) {
      auto [rlo, rhi] = slice(recv_n[s], r);
      // memcpy from or to an empty vector's null data() is undefined even for 0 bytes.
      if (rhi > rlo)
        std::memcpy(in[s].data() + rlo, rbuf.data() + rd[s], static_cast<std::size_t>(rhi - rlo));
    }
  }
  return in;
}

std::vector<char> Comm::exchange(const std::vector<char>& send,
                                 const std::vector<std::int64_t>& send_counts,
                                 std::vector<std::int64_t>& recv_counts) const {
  const auto p = static_cast<std::size_t>(size_);
  if (send_counts.size() != p)
    throw Error(ExitCode::kInternal, "exchange: one count per rank needed");
  const auto [recv_total, largest] = exchange_counts(send_counts, recv_counts);
  if (largest > INT_MAX) {
    // Too large for one call: the rounds of the per-rank form.
    std::vector<std::vector<char>> out(p);
    std::int64_t at = 0;
    for (std::size_t d = 0; d < p; ++d) {
      out[d].assign(send.begin() + at, send.begin() + at + send_counts[d]);
      at += send_counts[d];
    }
    std::vector<std::vector<char>> in = exchange(out);
    out.clear();
    std::vector<char> r;
    r.reserve(static_cast<std::size_t>(recv_total));
    for (auto& b : in) {
      r.insert(r.end(), b.begin(), b.end());
      std::vector<char>().swap(b);
    }
    return r;
  }
  std::vector<int> sc(p), sd(p), rc(p), rd(p);
  int so = 0, ro = 0;
  for (std::size_t d = 0; d < p; ++d) {
    sc[d] = static_cast<int>(send_counts[d]);
    sd[d] = so;
    so += sc[d];
    rc[d] = static_cast<int>(recv_counts[d]);
    rd[d] = ro;
    ro += rc[d];
  }
  std::vector<char> r(static_cast<std::size_t>(recv_total));
  // Some MPI builds reject null buffers even with zero counts.
  char dummy = 0;
  check(MPI_Alltoallv(send.empty() ? &dummy : send.data(), sc.data(), sd.data(), MPI_BYTE,
                      r.empty() ? &dummy : r.data(), rc.data(), rd.data(), MPI_BYTE, comm_),
        "MPI_Alltoallv");
  return r;
}

std::pair<int, std::string> describe_error(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const Error& x) {
    return {x.exit_code(), x.what()};
  } catch (const std::bad_alloc&) {
    return {static_cast<int>(ExitCode::kInternal), "out of memory"};
  } catch (const std::exception& x) {
    return {static_cast<int>(ExitCode::kInternal), std::string("internal error: ") + x.what()};
  } catch (...) {
    return {static_cast<int>(ExitCode::kInternal), "internal error: unknown exception"};
  }
}

void Comm::agree(std::exception_ptr local_error) const {
  const MPI_Comm ac = *agree_comm_;
  int code = 0;
  std::string message;
  if (local_error) std::tie(code, message) = describe_error(local_error);

  int mine = local_error ? rank_ : INT_MAX;
  int first = INT_MAX;
  MPI_Request req;
  check(MPI_Iallreduce(&mine, &first, 1, MPI_INT, MPI_MIN, ac, &req), "MPI_Iallreduce");
  if (!local_error) {
    check(MPI_Wait(&req, MPI_STATUS_IGNORE), "MPI_Wait");
  } else {
    const double deadline = MPI_Wtime() + agree_timeout_seconds();
    int done = 0;
    while (true) {
      check(MPI_Test(&req, &done, MPI_STATUS_IGNORE), "MPI_Test");
      if (done) break;
      if (MPI_Wtime() > deadline) {
        std::fprintf(stderr, "heatstreet: error (rank %d): %s\n", rank_, message.c_str());
        std::fflush(stderr);
        MPI_Abort(MPI_COMM_WORLD, code);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  if (first == INT_MAX) return;
  check(MPI_Bcast(&code, 1, MPI_INT, first, ac), "MPI_Bcast");
  std::int64_t n = static_cast<std::int64_t>(message.size());
  check(MPI_Bcast(&n, 1, MPI_INT64_T, first, ac), "MPI_Bcast");
  message.resize(static_cast<std::size_t>(n));
  if (n > 0)
    check(MPI_Bcast(message.data(), static_cast<int>(n), MPI_CHAR, first, ac), "MPI_Bcast");
  throw AgreedError(static_cast<ExitCode>(code), first, message);
}

// Row packing (wire.hpp): the row count (uint64), then for each column in order the
// selected values; strings as texts.
void pack_rows(const Table& t, const std::vector<std::size_t>& rows, std::vector<char>& out) {
  wire::put(out, static_cast<std::uint64_t>(rows.size()));
  for (const Column& c : t.columns()) {
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, StringColumn>) {
            for (std::size_t i : rows) wire::put_text(out, v[i]);
          } else {
            using T = typename V::value_type;
            const std::size_t at = out.size();
            out.resize(at + rows.size() * sizeof(T));
            char* dst = out.data() + at;
            for (std::size_t i : rows) {
              std::memcpy(dst, &v[i], sizeof(T));
              dst += sizeof(T);
            }
          }
        },
        c.data);
  }
}

void unpack_rows(const char* data, std::size_t size, Table& into) {
  if (size == 0) return;
  const char* p = data;
  const auto n = wire::get<std::uint64_t>(p);
  for (Column& c : into.columns()) {
    std::visit(
        [&](auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, StringColumn>) {
            for (std::uint64_t i = 0; i < n; ++i) v.push_back(wire::get_text(p));
          } else {
            using T = typename V::value_type;
            const std::size_t at = v.size();
            v.resize(at + n);
            if (n) std::memcpy(v.data() + at, p, n * sizeof(T));
            p += n * sizeof(T);
          }
        },
        c.data);
  }
  if (p != data + size) throw Error(ExitCode::kInternal, "unpack_rows: message size mismatch");
}

Table exchange_rows(const Table& t, const std::vector<int>& dest, const Comm& comm) {
  const auto p = static_cast<std::size_t>(comm.size());
  std::vector<std::vector<std::size_t>> rows(p);
  for (std::size_t i = 0; i < dest.size(); ++i)
    rows[static_cast<std::size_t>(dest[i])].push_back(i);
  std::vector<std::vector<char>> out(p);
  for (std::size_t d = 0; d < p; ++d) {
    pack_rows(t, rows[d], out[d]);
  }
  std::vector<std::vector<char>> in = comm.exchange(out);
  out.clear();
  Table result = t.empty_like();
  for (const auto& buf : in) unpack_rows(buf.data(), buf.size(), result);
  return result;
}

}  // namespace heatstreet
