#pragma once
// Which certificates belong to one dwelling, and which of them is the latest (data
// validation spec §3.3, path B). The stage applies the rule across ranks
// (duplicate_exchange.hpp); choose_latest applies it to one table. Pure code.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "heatstreet/config/ingest_settings.hpp"
#include "heatstreet/core/table.hpp"

namespace heatstreet::ingest {

// The key that groups certificates of one dwelling: the UPRN; without one, the
// normalised address and postcode (no key when both are blank) under
// dedup_by_address_without_uprn, else the predecessor's grouping of every UPRN-less row
// together.
std::string dedup_key(std::int64_t uprn, std::string_view address, std::string_view postcode,
                      bool file_has_uprn, const IngestPolicy& policy);

// What decides which certificate of a dwelling is the latest.
struct CertificateRecency {
  std::int32_t lodged = 0;     // kNoDate when not recorded
  std::int32_t inspected = 0;  // kNoDate when not recorded
  std::string_view certificate;
  std::int32_t file = 0;
  std::int64_t line = 0;
};

// Whether certificate a is newer than b: lodgement date, inspection date, certificate
// number, all descending with nulls last, then the earliest source position.
bool is_newer(const CertificateRecency& a, const CertificateRecency& b);

// Latest certificate per dedup key among the rows of `t` (a dwelling table with the
// hidden dedup key and inspection date). Rows without a key are all kept. Fills the kept
// and the dropped row indices, each in ascending order.
void choose_latest(const Table& t, std::vector<std::size_t>& keep,
                   std::vector<std::size_t>& dropped);

}  // namespace heatstreet::ingest
