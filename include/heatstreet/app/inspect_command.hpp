#pragma once
// `heatstreet inspect FILE.h5`: a readable summary of a results file, read by one
// process (no MPI needed): provenance, dwellings per tier and per local authority, and
// each scenario's headline figures, computed from the stored datasets.
#include <iosfwd>
#include <string>

namespace heatstreet {

// Prints the summary of `path` to `out`; with a scenario name, that scenario's details
// (mean, min and max of every dataset, and its EPC band distribution). Returns 0.
// Throws InputError (exit 3) for a missing file, a file that is not HDF5, not a
// HeatStreet results file (no /properties) or incomplete (no `complete` = 1), and
// UsageError (exit 2) for an unknown scenario, listing the available ones.
int inspect_results(const std::string& path, const std::string& scenario, std::ostream& out);

}  // namespace heatstreet
