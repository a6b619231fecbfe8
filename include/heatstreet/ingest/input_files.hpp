#pragma once
// The certificate files of a run: inputs.certificates resolved to files, zip members and
// gzip files, read through GDAL's virtual file system.
#include <cstdint>
#include <string>
#include <vector>

#include "heatstreet/config/ingest_settings.hpp"
#include "heatstreet/parallel/comm.hpp"

namespace heatstreet::ingest {

// One input after resolving the configured paths: a plain CSV (may be split into byte
// ranges), a zip member or a gzip file (read whole through GDAL's virtual file system).
struct InputFile {
  std::string name;  // as shown to users: the path, or "archive.zip/member.csv"
  std::string vsi;   // what GDAL opens
  std::int64_t size = 0;
  bool splittable = false;
};

// Resolves inputs.certificates: globs, folders (walked for certificates.csv), .csv,
// .zip (members ending .csv, without "recommendation", year-pruned to the sample
// window) and .gz. Sorted and without repeats. Throws InputError naming the entry.
std::vector<InputFile> resolve_inputs(const IngestSettings& settings);

// resolve_inputs on rank 0, the same list on every rank. Collective.
std::vector<InputFile> shared_inputs(const IngestSettings& settings, const Comm& comm);

// Whether a name ends with `suffix` (lower case), in any letter case.
bool ends_with_ci(const std::string& s, const std::string& suffix);
// Size in bytes of what GDAL opens as `vsi`, or -1 when it cannot.
std::int64_t vsi_size(const std::string& vsi);

}  // namespace heatstreet::ingest
