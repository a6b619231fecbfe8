#pragma once
// The ingest stage: reads the register's certificates on all ranks (files and byte
// ranges of large files), selects the stock, validates, classifies, keeps the latest
// certificate per dwelling and locates each dwelling. Collective. docs/ingest.md.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "heatstreet/config/config.hpp"
#include "heatstreet/core/table.hpp"
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
std::vector<InputFile> resolve_inputs(const Config& cfg);

struct IngestReport {
  std::vector<std::pair<std::string, std::int64_t>> counters;  // summed over ranks
  std::vector<InputFile> input_files;                          // index = source_file
};

struct IngestResult {
  Table dwellings;  // kept dwellings, global order (source_file, source_line) across ranks
  Table rejects;    // every rejected certificate, same order
  IngestReport report;
};

struct IngestOptions {
  std::int64_t min_split_bytes = 8 << 20;  // plain files below this are read whole
  std::size_t block_bytes = 1 << 20;       // read buffer
};

IngestResult run(const Config& cfg, const Comm& comm, const IngestOptions& options = {});

}  // namespace heatstreet::ingest
