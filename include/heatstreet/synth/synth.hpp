#pragma once
// Synthetic register-format inputs (`heatstreet synth`): domestic EPC certificates in the
// register's bulk layout, a postcode-centroid table, a Heat Network Planning Database
// extract, heat-network zone polygons and a manifest with the ground truth of every defect
// that was injected. See docs/synthetic-data.md.
//
// Deterministic: for a given seed (and n, region, dirty_fraction, stock_only) every file is
// byte-identical whatever the number of ranks.
#include <mpi.h>

#include <cstdint>
#include <string>
#include <vector>

namespace heatstreet::synth {

struct Options {
  std::uint64_t n = 0;  // certificate rows in total (duplicates and dirty rows included)
  std::uint64_t seed = 1;
  std::string region = "london";  // "london" (33 boroughs) or "england" (England and Wales)
  double dirty_fraction = 0.02;   // share of rows carrying exactly one injected defect (0..0.5)
  bool zip = false;               // also pack the certificates into certificates.zip
  // Every certificate a pre-1930 terraced house (in London: all in the default stock), so
  // the modelled stock is about as large as the register: for benchmarks by dwellings.
  bool stock_only = false;
  std::string out_dir;  // created if missing
};

struct Summary {
  std::uint64_t certificate_rows = 0;
  std::uint64_t local_authorities = 0;  // certificate files written (one per authority)
  std::uint64_t postcodes = 0;          // rows of postcodes.csv
  std::uint64_t hnpd_rows = 0;
  std::uint64_t zones = 0;
  std::uint64_t bytes_written = 0;  // all files, zip included
  std::vector<std::string> files;   // paths relative to out_dir, sorted
  double seconds = 0.0;             // wall time of generate() (not part of any file)
};

// Collective over comm. Throws UsageError (bad options) or OutputError (cannot write) on
// every rank alike.
Summary generate(const Options& options, MPI_Comm comm);

// The register's certificates.csv columns, in file order (spec data-validation §1.3).
const std::vector<std::string>& certificate_columns();

}  // namespace heatstreet::synth
