#pragma once
// Reads a group of per-row datasets from a results file back into a Table, each rank
// taking a contiguous block of rows (rank r after rank r-1), with parallel HDF5. Used to
// resume an interrupted run from the /properties it had already written.
#include <string>

#include "heatstreet/core/table.hpp"
#include "heatstreet/parallel/comm.hpp"

namespace heatstreet {

// Every dataset of `group` becomes a column (name order), with its units, description
// and labels. Strings come back without their NUL padding. Collective; throws
// InputError (agreed) naming the file and dataset when something cannot be read.
Table read_table(const std::string& path, const std::string& group, const Comm& comm);

}  // namespace heatstreet
