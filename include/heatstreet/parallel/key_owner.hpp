#pragma once
// Keys meet at their owner rank: the fnv1a hash of a key (core/hash.hpp) goes to rank
// hash % P, so every copy of a key, from any rank, reaches the same rank and no rank holds
// all keys. A census sends only the 64-bit hashes and answers each rank with those of its
// hashes the owner received more than once; callers then send in full just the keys whose
// hash repeats, which resolves hash collisions exactly. Every answer is exact and the same
// for any rank count. Collective calls.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "heatstreet/parallel/comm.hpp"

namespace heatstreet {

inline std::size_t owner_rank(std::uint64_t hash, std::size_t ranks) {
  return static_cast<std::size_t>(hash % ranks);
}

// Messages to the owners of hashes, written straight into one send buffer: first the size
// of every message (count), then its bytes (place), so no second copy is ever held.
class OwnerMail {
 public:
  explicit OwnerMail(std::size_t ranks) : counts_(ranks, 0), at_(ranks, 0) {}
  void count(std::uint64_t hash, std::size_t bytes) {
    counts_[owner_rank(hash, counts_.size())] += static_cast<std::int64_t>(bytes);
  }
  // After counting: makes room for every counted message.
  void open();
  // Where the next `bytes` bytes for the owner of `hash` go.
  char* place(std::uint64_t hash, std::size_t bytes) {
    std::int64_t& at = at_[owner_rank(hash, counts_.size())];
    char* p = send_.data() + at;
    at += static_cast<std::int64_t>(bytes);
    return p;
  }
  // Sends the messages; returns what arrived here, source after source, with
  // recv_counts[s] bytes from rank s. Collective.
  std::vector<char> send(const Comm& comm, std::vector<std::int64_t>& recv_counts);

 private:
  std::vector<std::int64_t> counts_, at_;
  std::vector<char> send_;
};

// The owners' answers to a census of hashes.
class HashCensus {
 public:
  // Whether `hash` (one this rank sent) reached its owner more than once, from any ranks.
  bool repeated(std::uint64_t hash) const;
  // Distinct hashes this rank received as their owner.
  std::int64_t owned_distinct() const { return owned_distinct_; }

 private:
  friend HashCensus census_hashes(const std::vector<std::uint64_t>& hashes, const Comm& comm);
  std::vector<std::uint64_t> repeated_;   // owner after owner, each ascending
  std::vector<std::size_t> owner_begin_;  // owner o's part: [owner_begin_[o], owner_begin_[o+1])
  std::int64_t owned_distinct_ = 0;
};

// Sends every hash (one per key occurrence, repeats included) to its owner. Collective.
HashCensus census_hashes(const std::vector<std::uint64_t>& hashes, const Comm& comm);

// Texts counted across ranks, exactly: a census of their hashes, then the texts whose
// hash repeats, in full, to the owner.
struct TextCensus {
  std::int64_t distinct = 0;   // distinct texts over all ranks
  bool any_repeated = false;   // some text occurs more than once over all ranks
  std::string first_repeated;  // the smallest such text (byte order)
};
TextCensus census_texts(const std::vector<std::string_view>& texts, const Comm& comm);
// The same with hashes[i] any function of texts[i] (census_texts above uses fnv1a): a poor
// hash costs time, never exactness.
TextCensus census_texts(const std::vector<std::string_view>& texts,
                        const std::vector<std::uint64_t>& hashes, const Comm& comm);

}  // namespace heatstreet
