#pragma once
// Rule V8 of the data validation spec: every modelled dwelling has a certificate number,
// not blank and unique over the whole cohort. Checked across ranks by sending each
// number to the owner rank of its hash (parallel/key_owner.hpp), so no rank ever holds
// them all.
#include <string>

#include "heatstreet/core/table.hpp"
#include "heatstreet/parallel/comm.hpp"

namespace heatstreet {

// Throws InputError (agreed) naming the first blank or repeated certificate number
// (smallest in byte order, so the message is the same for any rank count). Collective.
void check_unique_certificates(const Table& dwellings, const std::string& column, const Comm& comm);

}  // namespace heatstreet
