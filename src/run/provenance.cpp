#include "heatstreet/run/provenance.hpp"

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "heatstreet/output/results_writer.hpp"
#include "heatstreet/run/sha256.hpp"
#include "heatstreet/version.hpp"

namespace heatstreet {

std::string iso8601_utc(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string utc_now_iso8601() {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
    char* end = nullptr;
    const long long v = std::strtoll(epoch, &end, 10);
    if (end != epoch && *end == '\0') return iso8601_utc(static_cast<std::time_t>(v));
  }
  return iso8601_utc(std::time(nullptr));
}

std::vector<InputDigest> describe_inputs(const std::vector<std::string>& paths, const Comm& comm) {
  // Each rank describes its share as lines "index size sha256".
  std::ostringstream mine;
  run_agreed(comm, [&] {
    for (std::size_t i = static_cast<std::size_t>(comm.rank()); i < paths.size();
         i += static_cast<std::size_t>(comm.size())) {
      std::error_code ec;
      const std::uintmax_t size = std::filesystem::file_size(paths[i], ec);
      if (ec) throw InputError(paths[i] + ": cannot read its size: " + ec.message());
      mine << i << ' ' << size << ' ' << sha256_file_hex(paths[i]) << '\n';
    }
  });
  std::vector<InputDigest> out(paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) out[i].path = paths[i];
  for (const std::string& part : comm.allgather(mine.str())) {
    std::istringstream in(part);
    std::size_t i;
    std::uint64_t size;
    std::string hash;
    while (in >> i >> size >> hash) {
      out[i].size_bytes = size;
      out[i].sha256 = hash;
    }
  }
  return out;
}

void write_provenance(ResultsWriter& w, const Provenance& p) {
  w.write_attribute("/", "format", "heatstreet-results");
  w.write_attribute("/", "version", kVersion);
  w.write_attribute("/", "git_revision", kGitRevision);
  w.write_attribute("/", "methodology", p.methodology);
  w.write_attribute("/", "configuration", p.configuration_yaml);
  std::vector<std::string> files, hashes;
  std::vector<std::int64_t> sizes;
  for (const InputDigest& f : p.inputs) {
    files.push_back(f.path);
    sizes.push_back(static_cast<std::int64_t>(f.size_bytes));
    hashes.push_back(f.sha256);
  }
  w.write_attribute("/", "input_files", files);
  w.write_attribute("/", "input_sizes_bytes", sizes);
  w.write_attribute("/", "input_sha256", hashes);
  w.write_attribute("/", "ranks", static_cast<std::int64_t>(w.comm().size()));
  w.write_attribute("/", "start_time", p.start_time);
}

void write_end_time(ResultsWriter& writer) {
  writer.write_attribute("/", "end_time", utc_now_iso8601());
}

}  // namespace heatstreet
