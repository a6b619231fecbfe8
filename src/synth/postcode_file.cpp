// postcodes.csv: each rank measures its slice of the postcodes, the ranks exchange those
// sizes (MPI_Exscan) and every rank writes its slice at its offset.
#include "heatstreet/synth/postcode_file.hpp"

#include <algorithm>
#include <filesystem>

#include "heatstreet/synth/collective_io.hpp"

namespace heatstreet::synth::detail {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kBlockRows = 65536;

// Rows [first, last) of postcodes.csv (global postcode indices).
void append_postcode_rows(const Plan& plan, std::uint64_t first, std::uint64_t last,
                          std::string& buf) {
  std::size_t k = 0;
  while (plan.postcode_begin(k + 1) <= first) ++k;
  for (std::uint64_t i = first; i < last; ++i) {
    while (plan.postcode_begin(k + 1) <= i) ++k;
    std::uint64_t p = i - plan.postcode_begin(k);
    long e, n;
    plan.postcode_centroid(k, p, &e, &n);
    buf += plan.postcode(k, p);
    buf += ',';
    buf += std::to_string(e);
    buf += ',';
    buf += std::to_string(n);
    buf += '\n';
  }
}

}  // namespace

std::uint64_t write_postcodes(const Plan& plan, MPI_Comm comm, const std::string& out) {
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  const std::uint64_t P = plan.total_postcodes();
  const auto [lo, hi] = slice(P, rank, size);
  std::uint64_t mine = 0;
  std::string buf;
  collective(comm, [&] {
    for (std::uint64_t b = lo; b < hi; b += kBlockRows) {
      buf.clear();
      append_postcode_rows(plan, b, std::min(hi, b + kBlockRows), buf);
      mine += buf.size();
    }
  });
  std::uint64_t offset = 0, total = 0;
  MPI_Exscan(&mine, &offset, 1, MPI_UINT64_T, MPI_SUM, comm);
  if (rank == 0) offset = 0;
  MPI_Allreduce(&mine, &total, 1, MPI_UINT64_T, MPI_SUM, comm);
  const std::string header = "postcode,easting,northing\n";
  const std::string path = (fs::path(out) / "postcodes.csv").string();
  collective(comm, [&] {
    if (rank == 0) write_whole(path, header);
  });
  collective(comm, [&] {
    if (lo >= hi) return;
    File f(path, false);
    std::uint64_t pos = header.size() + offset;
    for (std::uint64_t b = lo; b < hi; b += kBlockRows) {
      buf.clear();
      append_postcode_rows(plan, b, std::min(hi, b + kBlockRows), buf);
      f.write_at(buf.data(), buf.size(), pos);
      pos += buf.size();
    }
    f.close();
  });
  return header.size() + total;
}

}  // namespace heatstreet::synth::detail
