#include "heatstreet/parallel/record_spread.hpp"

#include <algorithm>
#include <deque>
#include <vector>

namespace heatstreet {

namespace {

using Queues = std::vector<std::deque<RecordChunk>>;

// The global index where rank r's share starts.
struct Shares {
  std::int64_t total;
  std::size_t ranks;
  std::int64_t start(std::size_t r) const {
    return static_cast<std::int64_t>(r) * total / static_cast<std::int64_t>(ranks);
  }
};

// Cuts the local pieces at the destination boundaries, so each piece has one destination;
// `first` is the global index of the first local record.
Queues cut_at_destinations(RecordStore& local, std::int64_t first, const Shares& shares) {
  const std::size_t p = shares.ranks;
  Queues queue(p);
  std::int64_t g = first;  // global index of the next record
  std::size_t d = 0;
  auto advance = [&] {
    while (d + 1 < p && shares.start(d + 1) <= g) ++d;
  };
  advance();
  for (RecordChunk& c : local.chunks()) {
    if (g + static_cast<std::int64_t>(c.rows) <= shares.start(d + 1) || d + 1 == p) {
      g += static_cast<std::int64_t>(c.rows);
      queue[d].push_back(std::move(c));
      advance();
      continue;
    }
    RecordChunk part;
    for (const char *q = c.bytes.data(), *e = q + c.bytes.size(); q < e;) {
      const std::uint32_t len = record_length(q);
      part.bytes.append(q, len);
      ++part.rows;
      ++g;
      q += len;
      if (d + 1 < p && g == shares.start(d + 1)) {
        part.bytes.shrink_to_fit();
        queue[d].push_back(std::move(part));
        part = RecordChunk();
        advance();
      }
    }
    if (part.rows) {
      part.bytes.shrink_to_fit();
      queue[d].push_back(std::move(part));
    }
    c.bytes.release();
  }
  local.clear();
  return queue;
}

// One round: up to `budget` bytes of queued pieces to each other rank; what arrives is
// appended to incoming[source].
void send_round(Queues& queue, std::vector<RecordStore>& incoming, std::size_t budget,
                const Comm& comm) {
  const std::size_t p = queue.size();
  const auto me = static_cast<std::size_t>(comm.rank());
  std::vector<char> send;
  std::vector<std::int64_t> counts(p, 0), recv_counts;
  for (std::size_t d = 0; d < p; ++d) {
    if (d == me) continue;
    const std::size_t before = send.size();
    while (!queue[d].empty() && (send.size() == before ||
                                 send.size() - before + queue[d].front().bytes.size() <= budget)) {
      const PageBuffer& b = queue[d].front().bytes;
      send.insert(send.end(), b.data(), b.data() + b.size());
      queue[d].pop_front();
    }
    counts[d] = static_cast<std::int64_t>(send.size() - before);
  }
  const std::vector<char> recv = comm.exchange(send, counts, recv_counts);
  std::vector<char>().swap(send);
  const char* q = recv.data();
  for (std::size_t s = 0; s < p; ++s) {
    if (!recv_counts[s]) continue;
    PageBuffer bytes(q, static_cast<std::size_t>(recv_counts[s]));
    const std::size_t rows = count_records(bytes.data(), bytes.size());
    incoming[s].append_chunk(std::move(bytes), rows);
    q += recv_counts[s];
  }
}

// Pieces still queued for other ranks, over all ranks.
std::int64_t pieces_left(const Queues& queue, const Comm& comm) {
  std::int64_t left = 0;
  for (std::size_t d = 0; d < queue.size(); ++d)
    if (d != static_cast<std::size_t>(comm.rank()))
      left += static_cast<std::int64_t>(queue[d].size());
  return comm.max(left);
}

}  // namespace

RecordStore spread_evenly(RecordStore local, const Comm& comm) {
  const auto p = static_cast<std::size_t>(comm.size());
  const auto me = static_cast<std::size_t>(comm.rank());
  const std::int64_t n = static_cast<std::int64_t>(local.rows());
  const std::int64_t first = comm.exscan(n);
  const Shares shares{comm.sum(n), p};
  Queues queue = cut_at_destinations(local, first, shares);
  const std::size_t budget =
      std::max<std::size_t>(RecordStore::kChunkBytes, (std::size_t(8) << 20) / p);
  std::vector<RecordStore> incoming(p);
  while (pieces_left(queue, comm) > 0) send_round(queue, incoming, budget, comm);
  RecordStore out;
  for (std::size_t s = 0; s < p; ++s) {
    std::deque<RecordChunk>& from = s == me ? queue[me] : incoming[s].chunks();
    for (RecordChunk& c : from) out.append_chunk(std::move(c.bytes), c.rows);
    from.clear();
  }
  return out;
}

}  // namespace heatstreet
