#pragma once
// What a results file records about the run that wrote it: program version and
// revision, the resolved configuration, the input files with sizes and checksums, the
// rank count and the start and end times (root attributes of results.h5).
#include <cstdint>
#include <ctime>
#include <string>
#include <vector>

#include "heatstreet/parallel/comm.hpp"

namespace heatstreet {

class ResultsWriter;

// An input file as the results record it: path, size and checksum.
struct InputDigest {
  std::string path;
  std::uint64_t size_bytes = 0;
  std::string sha256;  // lower-case hex
};

struct Provenance {
  std::string configuration_yaml;  // Config::resolved_yaml
  std::string methodology;         // to_string(Config::model.methodology)
  std::vector<InputDigest> inputs;
  std::string start_time;  // ISO 8601 UTC
};

// "2024-05-01T12:34:56Z".
std::string iso8601_utc(std::time_t t);
// The current time as iso8601_utc, or SOURCE_DATE_EPOCH when that variable is set (the
// reproducible-builds convention), so that two runs can give byte-identical files.
std::string utc_now_iso8601();

// Sizes and SHA-256 of the input files, in the given order. Collective: file i is read
// by rank i mod size, so large inputs are hashed in parallel. Throws InputError
// (agreed) naming a file that cannot be read.
std::vector<InputDigest> describe_inputs(const std::vector<std::string>& paths, const Comm& comm);

// Root attributes: version, git_revision, methodology, configuration, input_files,
// input_sizes_bytes, input_sha256, ranks, start_time. Collective.
void write_provenance(ResultsWriter& writer, const Provenance& p);
// Root attribute end_time (utc_now_iso8601), written just before the file is finished.
// Collective.
void write_end_time(ResultsWriter& writer);

}  // namespace heatstreet
