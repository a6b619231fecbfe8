#include "heatstreet/ingest/dedup_rule.hpp"

#include <cctype>
#include <unordered_map>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/ingest/dwelling_record.hpp"
#include "heatstreet/ingest/register_layout.hpp"

namespace heatstreet::ingest {

std::string dedup_key(std::int64_t uprn, std::string_view address, std::string_view postcode,
                      bool file_has_uprn, const IngestPolicy& policy) {
  if (uprn >= 0) return "U" + std::to_string(uprn);
  if (!policy.dedup_by_address_without_uprn) {
    // pandas groups every missing UPRN together; a file without the column keys on the
    // raw address instead.
    return file_has_uprn ? std::string("N") : "R" + std::string(address);
  }
  std::string a;
  bool space = false;
  for (char ch : address) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      if (space && !a.empty()) a.push_back(' ');
      a.push_back(static_cast<char>(std::toupper(c)));
      space = false;
    } else {
      space = true;
    }
  }
  const std::string pc = epc::normalise_postcode(postcode);
  if (a.empty() && pc.empty()) return "";
  return "A" + a + "|" + pc;
}

bool is_newer(const CertificateRecency& a, const CertificateRecency& b) {
  // kNoDate is the smallest int32, so "descending" already puts nulls last; an empty
  // certificate number likewise sorts last.
  if (a.lodged != b.lodged) return a.lodged > b.lodged;
  if (a.inspected != b.inspected) return a.inspected > b.inspected;
  if (a.certificate != b.certificate) return a.certificate > b.certificate;
  if (a.file != b.file) return a.file < b.file;
  return a.line < b.line;
}

void choose_latest(const Table& t, std::vector<std::size_t>& keep,
                   std::vector<std::size_t>& dropped) {
  keep.clear();
  dropped.clear();
  const auto& key = column(t, hidden::kDedupKey);
  const auto& lodged = column(t, dwelling::kLodgementDate);
  const auto& inspected = column(t, hidden::kInspectionDate);
  const auto& cert = column(t, dwelling::kCertificateNumber);
  const auto& file = column(t, dwelling::kSourceFile);
  const auto& line = column(t, dwelling::kSourceLine);
  auto recency = [&](std::size_t i) {
    return CertificateRecency{lodged[i], inspected[i], cert[i], file[i], line[i]};
  };
  std::unordered_map<std::string_view, std::size_t> best;
  const std::size_t n = t.num_rows();
  std::vector<char> winner(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (key[i].empty()) {
      winner[i] = 1;
      continue;
    }
    auto [it, inserted] = best.emplace(key[i], i);
    if (!inserted && is_newer(recency(i), recency(it->second))) it->second = i;
  }
  for (const auto& kv : best) winner[kv.second] = 1;
  for (std::size_t i = 0; i < n; ++i) (winner[i] ? keep : dropped).push_back(i);
}

}  // namespace heatstreet::ingest
