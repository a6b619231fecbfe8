// The certificate files, written by every rank at once: each rank first measures its
// slice of the rows (bytes per file), the ranks exchange those sizes (MPI_Exscan) and then
// every rank regenerates its slice and writes it at its offset with pwrite.
#include "heatstreet/synth/certificate_files.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <vector>

#include "heatstreet/core/error.hpp"
#include "heatstreet/synth/collective_io.hpp"

namespace heatstreet::synth::detail {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kFlushBytes = 4u << 20;

// Pass 1: the bytes of rows [lo, hi) per authority, and their ground truth.
std::vector<std::uint64_t> measure_rows(const Plan& plan, std::uint64_t lo, std::uint64_t hi,
                                        Counters& counters) {
  std::vector<std::uint64_t> bytes(plan.la_count(), 0);
  RowGenerator gen(plan);
  std::string line;
  RowTruth t;
  for (std::uint64_t g = lo; g < hi; ++g) {
    line.clear();
    gen.row(g, line, t);
    bytes[t.la] += line.size();
    counters.add(t);
  }
  return bytes;
}

// Every file with its header line.
void create_files(const Plan& plan, const std::string& out) {
  for (std::size_t k = 0; k < plan.la_count(); ++k) {
    fs::path p = fs::path(out) / cert_rel_path(plan, k);
    std::error_code ec;
    fs::create_directories(p.parent_path(), ec);
    if (ec)
      throw OutputError("synth: cannot create directory " + p.parent_path().string() + ": " +
                        ec.message());
    write_whole(p.string(), plan.header_line(k));
  }
}

// Where the rows go: the file of the current authority and the position in it.
class RowSink {
 public:
  RowSink(const Plan& plan, const std::string& out, const std::vector<std::uint64_t>& offset)
      : plan_(plan), out_(out), offset_(offset) {}
  void open(std::size_t k) {
    file_ = std::make_unique<File>((fs::path(out_) / cert_rel_path(plan_, k)).string(), false);
    pos_ = plan_.header_line(k).size() + offset_[k];
  }
  void flush(std::string& buffer) {
    if (buffer.empty()) return;
    file_->write_at(buffer.data(), buffer.size(), pos_);
    pos_ += buffer.size();
    buffer.clear();
  }
  void close() { file_->close(); }

 private:
  const Plan& plan_;
  const std::string& out_;
  const std::vector<std::uint64_t>& offset_;
  std::unique_ptr<File> file_;
  std::uint64_t pos_ = 0;
};

// Pass 2: regenerates rows [lo, hi) and writes them at their offsets.
void write_rows(const Plan& plan, const std::string& out, std::uint64_t lo, std::uint64_t hi,
                const std::vector<std::uint64_t>& offset) {
  if (lo >= hi) return;
  RowGenerator gen(plan);
  RowTruth t;
  std::string buffer;
  buffer.reserve(kFlushBytes + (1u << 16));
  std::size_t cur = plan.la_of_row(lo);
  RowSink sink(plan, out, offset);
  sink.open(cur);
  for (std::uint64_t g = lo; g < hi; ++g) {
    std::size_t k = plan.la_of_row(g);
    if (k != cur) {
      sink.flush(buffer);
      sink.close();
      cur = k;
      sink.open(cur);
    }
    gen.row(g, buffer, t);
    if (buffer.size() >= kFlushBytes) sink.flush(buffer);
  }
  sink.flush(buffer);
  sink.close();
}

}  // namespace

std::string cert_rel_path(const Plan& plan, std::size_t k) {
  return "certificates/" + folder_name(plan.places()[k]) + "/certificates.csv";
}

void write_certificates(const Plan& plan, MPI_Comm comm, const std::string& out,
                        Counters& counters) {
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  const std::size_t K = plan.la_count();
  const auto [lo, hi] = slice(plan.options().n, rank, size);

  std::vector<std::uint64_t> bytes(K, 0);
  collective(comm, [&] { bytes = measure_rows(plan, lo, hi, counters); });
  std::vector<std::uint64_t> offset(K, 0), total(K, 0);
  MPI_Exscan(bytes.data(), offset.data(), static_cast<int>(K), MPI_UINT64_T, MPI_SUM, comm);
  if (rank == 0) std::fill(offset.begin(), offset.end(), 0);
  MPI_Allreduce(bytes.data(), total.data(), static_cast<int>(K), MPI_UINT64_T, MPI_SUM, comm);

  // Rank 0 creates every file with its header; the others wait.
  collective(comm, [&] {
    if (rank == 0) create_files(plan, out);
  });
  for (std::size_t k = 0; k < K; ++k) {
    counters.la_bytes(k) = rank == 0 ? plan.header_line(k).size() + total[k] : 0;
  }
  collective(comm, [&] { write_rows(plan, out, lo, hi, offset); });
}

}  // namespace heatstreet::synth::detail
