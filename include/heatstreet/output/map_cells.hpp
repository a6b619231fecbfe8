#pragma once
// Brings the per-cell tier counts of every rank to rank 0 for the maps: the grid is
// small (cells, not dwellings), so one rank can draw it.
#include <vector>

#include "heatstreet/output/grid_maps.hpp"
#include "heatstreet/parallel/comm.hpp"

namespace heatstreet {

// Collective. Rank 0 receives the merged cells (merge_tallies over the ranks' tallies
// in rank order); other ranks get an empty vector. The result is the same for any
// number of ranks as long as a cell's density is the same wherever it is tallied.
std::vector<CellValue> gather_map_cells(const std::vector<CellTally>& local, const Comm& comm);

}  // namespace heatstreet
