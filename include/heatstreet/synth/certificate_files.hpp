#pragma once
// The certificate files, one per local authority (certificates/<folder>/certificates.csv),
// written by every rank at once.
#include <mpi.h>

#include <cstddef>
#include <string>

#include "heatstreet/synth/detail.hpp"
#include "heatstreet/synth/manifest.hpp"

namespace heatstreet::synth::detail {

// certificates/<folder>/certificates.csv of authority k, relative to the output folder.
std::string cert_rel_path(const Plan& plan, std::size_t k);

// Collective. Writes this rank's slice of the rows and counts their ground truth into
// counters (on rank 0 also the bytes of each file).
void write_certificates(const Plan& plan, MPI_Comm comm, const std::string& out,
                        Counters& counters);

}  // namespace heatstreet::synth::detail
