#include "heatstreet/ingest/duplicate_exchange.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cstring>
#include <string>
#include <string_view>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/hash.hpp"
#include "heatstreet/ingest/dedup_rule.hpp"
#include "heatstreet/ingest/dwelling_record.hpp"
#include "heatstreet/ingest/reject_table.hpp"
#include "heatstreet/parallel/key_owner.hpp"
#include "heatstreet/parallel/wire.hpp"

namespace heatstreet::ingest {

namespace {

namespace d = dwelling;
using Strings = std::array<std::string_view, RowCodec::kMaxStrings>;

// The dedup key of a record (its strings already read into `strs`).
std::string key_of_record(const CertificateBuilder& b, const IngestPolicy& policy, const char* r,
                          const Strings& strs) {
  const RowCodec& codec = b.codec();
  return dedup_key(record_value<d::kUprn>(codec, r), strs[record_text<d::kAddress>()],
                   strs[record_text<d::kPostcode>()],
                   b.file_has_uprn(record_value<d::kSourceFile>(codec, r)), policy);
}

// The hashes of the records' dedup keys, in record order; `keyed` marks the records that
// have a key (the others are all kept).
struct KeyHashes {
  std::vector<std::uint64_t> hashes;
  std::vector<bool> keyed;
};

KeyHashes hash_keys(const CertificateBuilder& b, const IngestPolicy& policy) {
  KeyHashes k;
  k.keyed.reserve(b.records().rows());
  Strings strs;
  b.records().for_each([&](const char* r) {
    b.codec().strings(r, strs.data());
    const std::string key = key_of_record(b, policy, r, strs);
    k.keyed.push_back(!key.empty());
    if (!key.empty()) k.hashes.push_back(fnv1a(key));
  });
  return k;
}

// Calls fn(index, record, hash, key, strings) for every record whose key hash repeats.
template <class F>
void for_each_candidate(const CertificateBuilder& b, const IngestPolicy& policy, const KeyHashes& k,
                        const HashCensus& census, F&& fn) {
  Strings strs;
  std::uint64_t index = 0;
  std::size_t j = 0;
  b.records().for_each([&](const char* r) {
    const std::uint64_t i = index++;
    if (!k.keyed[i]) return;
    const std::uint64_t h = k.hashes[j++];
    if (!census.repeated(h)) return;
    b.codec().strings(r, strs.data());
    fn(i, r, h, key_of_record(b, policy, r, strs), strs);
  });
}

// A candidate on the wire: index u64, lodged, inspected, file (i32), line i64, then the
// key and the certificate number (u32 length and bytes).
constexpr std::size_t kFixed = 8 + 4 + 4 + 4 + 8;

std::string_view candidate_key(const char* rec) {
  const char* q = rec + kFixed;
  return wire::get_text(q);
}

std::string_view candidate_certificate(const char* rec) {
  const char* q = rec + kFixed;
  wire::get_text(q);
  return wire::get_text(q);
}

CertificateRecency candidate_recency(const char* rec) {
  return {RowCodec::load<std::int32_t>(rec, 8), RowCodec::load<std::int32_t>(rec, 12),
          candidate_certificate(rec), RowCodec::load<std::int32_t>(rec, 16),
          RowCodec::load<std::int64_t>(rec, 20)};
}

void write_candidate(char* o, std::uint64_t index, const char* r, const RowCodec& codec,
                     std::string_view key, std::string_view certificate) {
  auto put = [&](const void* v, std::size_t n) {
    std::memcpy(o, v, n);
    o += n;
  };
  const auto lodged = record_value<d::kLodgementDate>(codec, r);
  const auto inspected = record_value<hidden::kInspectionDate>(codec, r);
  const auto file = record_value<d::kSourceFile>(codec, r);
  const auto line = record_value<d::kSourceLine>(codec, r);
  const auto klen = static_cast<std::uint32_t>(key.size());
  const auto clen = static_cast<std::uint32_t>(certificate.size());
  put(&index, 8);
  put(&lodged, 4);
  put(&inspected, 4);
  put(&file, 4);
  put(&line, 8);
  put(&klen, 4);
  put(key.data(), klen);
  put(&clen, 4);
  put(certificate.data(), clen);
}

// The comparison fields of every record whose key hash repeats, to the owner of the hash;
// returns what arrived here.
std::vector<char> send_candidates(const CertificateBuilder& b, const IngestPolicy& policy,
                                  const KeyHashes& k, const HashCensus& census, const Comm& comm,
                                  std::vector<std::int64_t>& recv_counts) {
  constexpr std::size_t kCert = record_text<d::kCertificateNumber>();
  OwnerMail mail(static_cast<std::size_t>(comm.size()));
  for_each_candidate(
      b, policy, k, census,
      [&](std::uint64_t, const char*, std::uint64_t h, const std::string& key,
          const Strings& strs) { mail.count(h, kFixed + 8 + key.size() + strs[kCert].size()); });
  mail.open();
  for_each_candidate(b, policy, k, census,
                     [&](std::uint64_t index, const char* r, std::uint64_t h,
                         const std::string& key, const Strings& strs) {
                       const std::size_t n = kFixed + 8 + key.size() + strs[kCert].size();
                       write_candidate(mail.place(h, n), index, r, b.codec(), key, strs[kCert]);
                     });
  return mail.send(comm, recv_counts);
}

// Candidates point into the received buffer; fields are read where they lie.
struct Candidate {
  std::uint64_t hash;
  const char* rec;
  std::size_t source;
};

std::vector<Candidate> read_candidates(const std::vector<char>& recv,
                                       const std::vector<std::int64_t>& recv_counts) {
  std::vector<Candidate> c;
  for (int pass = 0; pass < 2; ++pass) {
    std::size_t count = 0;
    const char* q = recv.data();
    for (std::size_t s = 0; s < recv_counts.size(); ++s) {
      const char* end = q + recv_counts[s];
      for (; q < end; ++count) {
        if (pass) c.push_back({fnv1a(candidate_key(q)), q, s});
        const std::string_view cert = candidate_certificate(q);
        q = cert.data() + cert.size();
      }
    }
    if (!pass) c.reserve(count);
  }
  return c;
}

// Per source, the indices of its candidates that are not the latest of their key.
std::vector<std::vector<char>> losers_by_source(const std::vector<char>& recv,
                                                const std::vector<std::int64_t>& recv_counts) {
  std::vector<Candidate> c = read_candidates(recv, recv_counts);
  // Within a key the newest comes first (is_newer).
  std::sort(c.begin(), c.end(), [](const Candidate& a, const Candidate& b) {
    if (a.hash != b.hash) return a.hash < b.hash;
    const std::string_view ka = candidate_key(a.rec), kb = candidate_key(b.rec);
    if (ka != kb) return ka < kb;
    return is_newer(candidate_recency(a.rec), candidate_recency(b.rec));
  });
  std::vector<std::vector<char>> lost(recv_counts.size());
  for (std::size_t i = 1; i < c.size(); ++i)
    if (c[i].hash == c[i - 1].hash && candidate_key(c[i].rec) == candidate_key(c[i - 1].rec))
      wire::put(lost[c[i].source], RowCodec::load<std::uint64_t>(c[i].rec, 0));
  return lost;
}

// Sends each source its losers; returns this rank's, ascending.
std::vector<std::uint64_t> return_losers(std::vector<std::vector<char>> lost, const Comm& comm) {
  std::vector<char> send;
  std::vector<std::int64_t> counts(lost.size()), recv_counts;
  for (std::size_t d = 0; d < lost.size(); ++d) {
    counts[d] = static_cast<std::int64_t>(lost[d].size());
    send.insert(send.end(), lost[d].begin(), lost[d].end());
    std::vector<char>().swap(lost[d]);
  }
  const std::vector<char> back = comm.exchange(send, counts, recv_counts);
  std::vector<std::uint64_t> drop(back.size() / 8);
  if (!drop.empty()) std::memcpy(drop.data(), back.data(), back.size());
  std::sort(drop.begin(), drop.end());
  return drop;
}

}  // namespace

std::vector<std::uint64_t> find_duplicates(const CertificateBuilder& b, const IngestPolicy& policy,
                                           const Comm& comm) {
  const KeyHashes keys = hash_keys(b, policy);
  const HashCensus census = census_hashes(keys.hashes, comm);
  std::vector<std::int64_t> recv_counts;
  std::vector<std::vector<char>> lost;
  {
    const std::vector<char> recv = send_candidates(b, policy, keys, census, comm, recv_counts);
    lost = losers_by_source(recv, recv_counts);
  }
  return return_losers(std::move(lost), comm);
}

RecordStore reject_records(const RowCodec& reject_codec, const Table& rejects,
                           const CertificateBuilder& b,
                           const std::vector<std::pair<std::uint64_t, epc::Reason>>& drop) {
  const auto& file = column(rejects, reject::kSourceFile);
  const auto& line = column(rejects, reject::kSourceLine);
  const auto& cert = column(rejects, reject::kCertificateNumber);
  const auto& reason = column(rejects, reject::kReason);
  RejectWriter w(reject_codec);
  RecordStore out;
  std::size_t i = 0;
  auto flush_before = [&](std::int32_t f, std::int64_t l) {
    for (; i < file.size() && (file[i] != f ? file[i] < f : line[i] < l); ++i)
      out.append(w.write({file[i], line[i], cert[i], static_cast<epc::Reason>(reason[i])}));
  };
  std::size_t next = 0;
  std::uint64_t index = 0;
  Strings strs;
  const RowCodec& codec = b.codec();
  b.records().for_each([&](const char* r) {
    if (next < drop.size() && drop[next].first == index) {
      const epc::Reason reason = drop[next].second;
      ++next;
      const std::int32_t f = record_value<d::kSourceFile>(codec, r);
      const std::int64_t l = record_value<d::kSourceLine>(codec, r);
      codec.strings(r, strs.data());
      flush_before(f, l);
      out.append(w.write({f, l, strs[record_text<d::kCertificateNumber>()], reason}));
    }
    ++index;
  });
  flush_before(INT32_MAX, INT64_MAX);
  out.seal();
  return out;
}

}  // namespace heatstreet::ingest
