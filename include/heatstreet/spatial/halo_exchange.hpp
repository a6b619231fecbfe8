#pragma once
// The MPI part of the spatial stage: agreeing on the decomposition of the grid, and the
// sparse halo exchange of per-cell energy. See docs/spatial-decomposition.md.
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "heatstreet/parallel/comm.hpp"
#include "heatstreet/spatial/decomposition.hpp"
#include "heatstreet/spatial/grid.hpp"
#include "heatstreet/spatial/heat_density.hpp"

namespace heatstreet::spatial {

// Contiguous ranges of the Hilbert order, one per rank.
struct Partition {
  std::vector<std::uint64_t> starts;  // start of ranks 1..p-1
  int owner(const grid::Cell& c) const { return decomp::owner_of(grid::hilbert_index(c), starts); }
};

// Collective. `hilbert` holds the Hilbert index of each located dwelling on this rank
// (any rank may hold any dwelling). Cuts at cell granularity by cumulative dwelling
// count, the same on every rank.
Partition decompose(const std::vector<std::uint64_t>& hilbert, const Comm& comm);

using CellMap = std::unordered_map<std::int64_t, density::CellEnergy>;  // by cell key

// Collective. For every cell within the mask of an owned cell and owned by another rank,
// asks that rank for its energy; returns the populated ones. Handles ranges of any shape,
// including ranges thinner than the halo (then the answer comes from a rank further away).
CellMap exchange_halo(const CellMap& owned, const std::vector<grid::Offset>& offsets,
                      const Partition& part, const Comm& comm, std::int64_t* requested = nullptr);

}  // namespace heatstreet::spatial
