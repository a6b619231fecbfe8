#pragma once
// The ingest stage: reads the register's certificates on all ranks (files and byte
// ranges of large files), selects the stock, validates, classifies, keeps the latest
// certificate per dwelling and locates each dwelling. Collective. docs/ingest.md.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "heatstreet/config/ingest_settings.hpp"
#include "heatstreet/core/table.hpp"
#include "heatstreet/ingest/input_files.hpp"
#include "heatstreet/parallel/comm.hpp"

namespace heatstreet::ingest {

struct IngestReport {
  std::vector<std::pair<std::string, std::int64_t>> counters;  // summed over ranks
  std::vector<InputFile> input_files;                          // index = source_file
  // Values read as missing or rows left out, each with its first example (the same on
  // every rank).
  std::vector<std::string> warnings;
  // The most frequent wordings the classifier could not place, per descriptor
  // (WordingCensus::top), the same on every rank.
  Table unrecognised_wording;
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

IngestResult run(const IngestSettings& settings, const Comm& comm,
                 const IngestOptions& options = {});

}  // namespace heatstreet::ingest
