#include "heatstreet/parallel/key_owner.hpp"

#include <algorithm>
#include <cstring>

#include "heatstreet/core/hash.hpp"
#include "heatstreet/parallel/wire.hpp"

namespace heatstreet {

void OwnerMail::open() {
  std::int64_t total = 0;
  for (std::size_t d = 0; d < counts_.size(); ++d) {
    at_[d] = total;
    total += counts_[d];
  }
  send_.resize(static_cast<std::size_t>(total));
}

std::vector<char> OwnerMail::send(const Comm& comm, std::vector<std::int64_t>& recv_counts) {
  std::vector<char> recv = comm.exchange(send_, counts_, recv_counts);
  std::vector<char>().swap(send_);
  return recv;
}

bool HashCensus::repeated(std::uint64_t hash) const {
  const std::size_t o = owner_rank(hash, owner_begin_.size() - 1);
  return std::binary_search(repeated_.begin() + static_cast<std::ptrdiff_t>(owner_begin_[o]),
                            repeated_.begin() + static_cast<std::ptrdiff_t>(owner_begin_[o + 1]),
                            hash);
}

namespace {

// Segment bounds of a buffer of parts from each source, in units of `unit` bytes.
std::vector<std::size_t> segment_bounds(const std::vector<std::int64_t>& counts, std::size_t unit) {
  std::vector<std::size_t> lo(counts.size() + 1, 0);
  for (std::size_t s = 0; s < counts.size(); ++s)
    lo[s + 1] = lo[s] + static_cast<std::size_t>(counts[s]) / unit;
  return lo;
}

// The hashes received more than once in all, ascending, from each source's sorted hashes
// merged; counts the distinct ones.
std::vector<std::uint64_t> merge_repeated(const std::uint64_t* h,
                                          const std::vector<std::size_t>& lo,
                                          std::int64_t& distinct) {
  const std::size_t p = lo.size() - 1;
  std::vector<std::uint64_t> repeated;
  std::vector<std::size_t> at(lo.begin(), lo.end() - 1);
  bool have = false;
  std::uint64_t prev = 0;
  for (;;) {
    std::size_t best = p;
    for (std::size_t s = 0; s < p; ++s)
      if (at[s] < lo[s + 1] && (best == p || h[at[s]] < h[at[best]])) best = s;
    if (best == p) break;
    const std::uint64_t v = h[at[best]++];
    if (have && v == prev) {
      if (repeated.empty() || repeated.back() != v) repeated.push_back(v);
    } else {
      ++distinct;
    }
    prev = v;
    have = true;
  }
  return repeated;
}

// The owner's answer: each source gets the repeated hashes it sent, ascending.
std::vector<char> census_reply(const std::uint64_t* h, const std::vector<std::size_t>& lo,
                               const std::vector<std::uint64_t>& repeated,
                               std::vector<std::int64_t>& reply_counts) {
  const std::size_t p = lo.size() - 1;
  std::vector<char> reply;
  reply_counts.assign(p, 0);
  for (std::size_t s = 0; s < p; ++s) {
    const std::size_t before = reply.size();
    std::size_t j = 0;
    for (std::size_t i = lo[s]; i < lo[s + 1]; ++i) {
      if (i > lo[s] && h[i] == h[i - 1]) continue;
      while (j < repeated.size() && repeated[j] < h[i]) ++j;
      if (j < repeated.size() && repeated[j] == h[i]) wire::put(reply, h[i]);
    }
    reply_counts[s] = static_cast<std::int64_t>(reply.size() - before);
  }
  return reply;
}

}  // namespace

HashCensus census_hashes(const std::vector<std::uint64_t>& hashes, const Comm& comm) {
  const auto p = static_cast<std::size_t>(comm.size());
  OwnerMail mail(p);
  for (std::uint64_t h : hashes) mail.count(h, sizeof h);
  mail.open();
  for (std::uint64_t h : hashes) std::memcpy(mail.place(h, sizeof h), &h, sizeof h);
  std::vector<std::int64_t> recv_counts;
  std::vector<char> recv = mail.send(comm, recv_counts);

  // Sort each source's hashes, then merge them to find the repeated ones.
  HashCensus census;
  auto* h = reinterpret_cast<std::uint64_t*>(recv.data());
  const std::vector<std::size_t> lo = segment_bounds(recv_counts, sizeof(std::uint64_t));
  for (std::size_t s = 0; s < p; ++s) std::sort(h + lo[s], h + lo[s + 1]);
  std::vector<char> reply;
  std::vector<std::int64_t> reply_counts, repeated_counts;
  reply = census_reply(h, lo, merge_repeated(h, lo, census.owned_distinct_), reply_counts);
  std::vector<char>().swap(recv);

  const std::vector<char> back = comm.exchange(reply, reply_counts, repeated_counts);
  census.repeated_.resize(back.size() / sizeof(std::uint64_t));
  if (!back.empty()) std::memcpy(census.repeated_.data(), back.data(), back.size());
  census.owner_begin_ = segment_bounds(repeated_counts, sizeof(std::uint64_t));
  return census;
}

namespace {

// A text on its way to its owner, with its hash.
struct HashedText {
  std::uint64_t hash;
  std::string_view text;
};

// What an owner finds among the texts of its repeated hashes.
struct OwnedTexts {
  std::int64_t distinct_texts = 0, distinct_hashes = 0;
  bool any_repeated = false;
  std::string_view first_repeated;
};

OwnedTexts tally_texts(std::vector<HashedText> texts) {
  OwnedTexts t;
  std::sort(texts.begin(), texts.end(), [](const HashedText& a, const HashedText& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.text < b.text;
  });
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const bool same_hash = i > 0 && texts[i].hash == texts[i - 1].hash;
    if (same_hash && texts[i].text == texts[i - 1].text) {
      if (!t.any_repeated || texts[i].text < t.first_repeated) t.first_repeated = texts[i].text;
      t.any_repeated = true;
      continue;
    }
    ++t.distinct_texts;
    if (!same_hash) ++t.distinct_hashes;
  }
  return t;
}

// Every text whose hash repeats, to the owner of its hash; returns the texts that arrived
// here (views into `arrived`).
std::vector<HashedText> send_repeated_texts(const std::vector<std::string_view>& texts,
                                            const std::vector<std::uint64_t>& hashes,
                                            const HashCensus& census, const Comm& comm,
                                            std::vector<char>& arrived) {
  OwnerMail mail(static_cast<std::size_t>(comm.size()));
  for (std::size_t i = 0; i < texts.size(); ++i)
    if (census.repeated(hashes[i]))
      mail.count(hashes[i], sizeof(std::uint64_t) + sizeof(std::uint32_t) + texts[i].size());
  mail.open();
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (!census.repeated(hashes[i])) continue;
    const auto n = static_cast<std::uint32_t>(texts[i].size());
    char* o = mail.place(hashes[i], sizeof hashes[i] + sizeof n + n);
    std::memcpy(o, &hashes[i], sizeof hashes[i]);
    std::memcpy(o + sizeof hashes[i], &n, sizeof n);
    if (n) std::memcpy(o + sizeof hashes[i] + sizeof n, texts[i].data(), n);
  }
  std::vector<std::int64_t> recv_counts;
  arrived = mail.send(comm, recv_counts);
  std::vector<HashedText> out;
  for (const char *q = arrived.data(), *e = q + arrived.size(); q < e;) {
    const auto h = wire::get<std::uint64_t>(q);
    out.push_back({h, wire::get_text(q)});
  }
  return out;
}

}  // namespace

TextCensus census_texts(const std::vector<std::string_view>& texts, const Comm& comm) {
  std::vector<std::uint64_t> hashes(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) hashes[i] = fnv1a(texts[i]);
  return census_texts(texts, hashes, comm);
}

TextCensus census_texts(const std::vector<std::string_view>& texts,
                        const std::vector<std::uint64_t>& hashes, const Comm& comm) {
  const HashCensus census = census_hashes(hashes, comm);
  std::vector<char> arrived;
  const OwnedTexts owned = tally_texts(send_repeated_texts(texts, hashes, census, comm, arrived));
  // A repeated hash, counted once by the census, stands for as many distinct texts as
  // arrived with it.
  TextCensus out;
  out.distinct = comm.sum(census.owned_distinct() - owned.distinct_hashes + owned.distinct_texts);
  // Agree on the smallest repeated text anywhere ("" from a rank that has none).
  const std::string mine = owned.any_repeated ? "1" + std::string(owned.first_repeated) : "";
  for (const std::string& r : comm.allgather(mine)) {
    if (r.empty()) continue;
    const std::string_view text = std::string_view(r).substr(1);
    if (!out.any_repeated || text < out.first_repeated) out.first_repeated = std::string(text);
    out.any_repeated = true;
  }
  return out;
}

}  // namespace heatstreet
