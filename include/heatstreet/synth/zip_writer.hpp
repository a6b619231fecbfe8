#pragma once
// certificates.zip: the certificate files packed into one archive (deflate, Zip64 where
// needed), compressed by the ranks in turn and laid out in a fixed order.
#include <mpi.h>

#include <cstdint>
#include <string>

#include "heatstreet/synth/detail.hpp"

namespace heatstreet::synth::detail {

// Collective, after the certificate files are written. Returns the size of the archive.
std::uint64_t write_zip(const Plan& plan, MPI_Comm comm, const std::string& out);

}  // namespace heatstreet::synth::detail
