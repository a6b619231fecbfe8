#pragma once
// Moving byte records (core/record_store.hpp) between ranks.
#include "heatstreet/core/record_store.hpp"
#include "heatstreet/parallel/comm.hpp"

namespace heatstreet {

// Moves records so that rank r holds the r-th equal run of the global order (rank after
// rank, each in its local order). Readers hold contiguous runs of that order already, so
// only the ends of each run move, in pieces of bounded size; a piece's memory is given
// back once it is sent. Collective.
RecordStore spread_evenly(RecordStore local, const Comm& comm);

}  // namespace heatstreet
