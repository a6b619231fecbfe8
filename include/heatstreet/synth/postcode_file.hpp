#pragma once
// postcodes.csv: every postcode of the plan with its centroid, written by every rank at
// once.
#include <mpi.h>

#include <cstdint>
#include <string>

#include "heatstreet/synth/detail.hpp"

namespace heatstreet::synth::detail {

// Collective. Returns the size of the file in bytes.
std::uint64_t write_postcodes(const Plan& plan, MPI_Comm comm, const std::string& out);

}  // namespace heatstreet::synth::detail
