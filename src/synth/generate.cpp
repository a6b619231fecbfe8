// `heatstreet synth`: writes the synthetic register over MPI ranks. Ranks own contiguous
// slices of the certificate rows and postcodes and write them at their offsets; the zip
// members are compressed by the ranks in turn. Small files (HNPD, zones, manifest) come
// from rank 0.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "heatstreet/core/error.hpp"
#include "heatstreet/synth/certificate_files.hpp"
#include "heatstreet/synth/collective_io.hpp"
#include "heatstreet/synth/detail.hpp"
#include "heatstreet/synth/hnpd_file.hpp"
#include "heatstreet/synth/manifest.hpp"
#include "heatstreet/synth/postcode_file.hpp"
#include "heatstreet/synth/synth.hpp"
#include "heatstreet/synth/zip_writer.hpp"
#include "heatstreet/synth/zones_layer.hpp"

namespace heatstreet::synth {
namespace {

namespace fs = std::filesystem;
using detail::Counters;
using detail::Plan;

void create_output_dir(const std::string& out, int rank, MPI_Comm comm) {
  detail::collective(comm, [&] {
    if (rank != 0) return;
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) throw OutputError("synth: cannot create output directory " + out + ": " + ec.message());
  });
}

// Sizes and counts of the files that rank 0 writes, known on every rank.
struct SmallFiles {
  std::uint64_t bytes[3] = {0, 0, 0};  // hnpd, zones, manifest
  std::uint64_t counts[2] = {0, 0};    // hnpd rows, zones
};

// HNPD, zones and the manifest, from rank 0.
SmallFiles write_small_files(const Plan& plan, MPI_Comm comm, int rank, Counters& sum,
                             std::uint64_t postcode_bytes, std::uint64_t zip_bytes) {
  const std::string& out = plan.options().out_dir;
  SmallFiles small;
  detail::collective(comm, [&] {
    if (rank != 0) return;
    detail::ManifestFiles files;
    files.postcode_bytes = postcode_bytes;
    files.zip_bytes = zip_bytes;
    std::uint64_t hnpd_rows = 0;
    files.hnpd = detail::write_hnpd(plan, out, &hnpd_rows, &small.bytes[0]);
    files.zones = detail::write_zones(plan, out, &files.zone_count, &small.bytes[1]);
    small.counts[0] = hnpd_rows;
    small.counts[1] = files.zone_count;
    std::string text = detail::manifest_text(plan, sum, files);
    detail::write_whole((fs::path(out) / "manifest.json").string(), text);
    small.bytes[2] = text.size();
  });
  MPI_Bcast(small.bytes, 3, MPI_UINT64_T, 0, comm);
  MPI_Bcast(small.counts, 2, MPI_UINT64_T, 0, comm);
  return small;
}

std::vector<std::string> files_written(const Plan& plan) {
  std::vector<std::string> files;
  for (std::size_t k = 0; k < plan.la_count(); ++k) files.push_back(detail::cert_rel_path(plan, k));
  for (const char* f : {"hnpd.csv", "manifest.json", "postcodes.csv", "zones.gpkg"})
    files.push_back(f);
  if (plan.options().zip) files.push_back("certificates.zip");
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

Summary generate(const Options& options, MPI_Comm comm) {
  const auto t0 = std::chrono::steady_clock::now();
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  std::unique_ptr<Plan> plan;
  detail::collective(comm, [&] { plan = std::make_unique<Plan>(options); });
  const std::string out = options.out_dir;
  create_output_dir(out, rank, comm);

  const std::size_t K = plan->la_count();
  Counters counters(K);
  detail::write_certificates(*plan, comm, out, counters);
  const std::uint64_t postcode_bytes = detail::write_postcodes(*plan, comm, out);
  std::uint64_t zip_bytes = 0;
  if (options.zip) zip_bytes = detail::write_zip(*plan, comm, out);

  Counters sum(K);
  MPI_Reduce(counters.v.data(), sum.v.data(), static_cast<int>(counters.v.size()), MPI_UINT64_T,
             MPI_SUM, 0, comm);
  const SmallFiles small = write_small_files(*plan, comm, rank, sum, postcode_bytes, zip_bytes);

  Summary summary;
  summary.certificate_rows = options.n;
  summary.local_authorities = K;
  summary.postcodes = plan->total_postcodes();
  summary.hnpd_rows = small.counts[0];
  summary.zones = small.counts[1];
  std::uint64_t cert_bytes = 0;
  for (std::size_t k = 0; k < K; ++k) cert_bytes += sum.la_bytes(k);
  MPI_Bcast(&cert_bytes, 1, MPI_UINT64_T, 0, comm);
  summary.bytes_written =
      cert_bytes + postcode_bytes + zip_bytes + small.bytes[0] + small.bytes[1] + small.bytes[2];
  summary.files = files_written(*plan);
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return summary;
}

}  // namespace heatstreet::synth
