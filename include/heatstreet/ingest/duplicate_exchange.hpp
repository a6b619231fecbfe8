#pragma once
// The dedup rule (dedup_rule.hpp) across ranks: certificates of one dwelling may have been
// read by different ranks. Only keys, dates and certificate numbers travel, never whole
// rows. Collective.
#include <cstdint>
#include <vector>

#include "heatstreet/config/ingest_settings.hpp"
#include "heatstreet/core/record_store.hpp"
#include "heatstreet/core/table.hpp"
#include "heatstreet/ingest/certificate_builder.hpp"
#include "heatstreet/parallel/comm.hpp"

namespace heatstreet::ingest {

// Latest certificate per dwelling across ranks (spec §3.3 path B): first a census of the
// hashes of every dedup key at their owner ranks (parallel/key_owner.hpp); then the
// comparison fields of just the rows whose key hash repeats, to the same owners, which
// answer with the losers. Returns the local indices of the builder's records to drop,
// ascending.
std::vector<std::uint64_t> find_duplicates(const CertificateBuilder& b, const IngestPolicy& policy,
                                           const Comm& comm);

// Rejects as records of make_reject_table()'s layout: the builder's rejects, merged in
// source order with the records `drop` of the builder (index ascending, with the reason).
RecordStore reject_records(const RowCodec& reject_codec, const Table& rejects,
                           const CertificateBuilder& b,
                           const std::vector<std::pair<std::uint64_t, epc::Reason>>& drop);

}  // namespace heatstreet::ingest
