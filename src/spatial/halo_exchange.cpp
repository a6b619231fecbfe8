#include "heatstreet/spatial/halo_exchange.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "heatstreet/parallel/wire.hpp"

namespace heatstreet::spatial {

namespace {

std::string pack_counts(const std::vector<decomp::KeyCount>& v) {
  std::string s(v.size() * sizeof(decomp::KeyCount), '\0');
  if (!v.empty()) std::memcpy(s.data(), v.data(), s.size());
  return s;
}

// Gathers every rank's counts and adds them up: the same sorted list on every rank.
std::vector<decomp::KeyCount> allgather_counts(const std::vector<decomp::KeyCount>& local,
                                               const Comm& comm) {
  std::vector<decomp::KeyCount> all;
  for (const std::string& s : comm.allgather(pack_counts(local))) {
    const std::size_t n = s.size() / sizeof(decomp::KeyCount);
    const std::size_t at = all.size();
    all.resize(at + n);
    if (n) std::memcpy(all.data() + at, s.data(), s.size());
  }
  return decomp::merge_counts(std::move(all));
}

}  // namespace

Partition decompose(const std::vector<std::uint64_t>& hilbert, const Comm& comm) {
  Partition part;
  if (comm.size() == 1) return part;
  std::unordered_map<std::uint64_t, std::int64_t> tile_count;
  for (std::uint64_t h : hilbert) ++tile_count[decomp::tile_of(h)];
  std::vector<decomp::KeyCount> local_tiles;
  for (const auto& [k, n] : tile_count) local_tiles.push_back({k, n});
  const std::vector<decomp::KeyCount> tiles = allgather_counts(local_tiles, comm);

  // Only the tiles holding a cut need per-cell counts.
  const std::vector<std::uint64_t> refine = decomp::tiles_to_refine(tiles, comm.size());
  std::unordered_map<std::uint64_t, std::int64_t> cell_count;
  for (std::uint64_t h : hilbert)
    if (std::binary_search(refine.begin(), refine.end(), decomp::tile_of(h))) ++cell_count[h];
  std::vector<decomp::KeyCount> local_cells;
  for (const auto& [k, n] : cell_count) local_cells.push_back({k, n});
  const std::vector<decomp::KeyCount> cells = allgather_counts(local_cells, comm);

  part.starts = decomp::cut_starts(tiles, cells, comm.size());
  return part;
}

namespace {

bool representable(const grid::Cell& c) {
  return c.ix >= grid::kMinIndex && c.ix <= grid::kMaxIndex && c.iy >= grid::kMinIndex &&
         c.iy <= grid::kMaxIndex;
}

// The keys this rank needs from each other rank: cells within the mask of an owned cell,
// grouped by owner, sorted and distinct.
std::vector<std::vector<std::int64_t>> halo_keys_by_owner(const CellMap& owned,
                                                          const std::vector<grid::Offset>& offsets,
                                                          const Partition& part, const Comm& comm) {
  std::vector<std::vector<std::int64_t>> want(static_cast<std::size_t>(comm.size()));
  for (const auto& [key, energy] : owned) {
    const grid::Cell c = grid::unpack(key);
    for (const grid::Offset& o : offsets) {
      if (o.dx == 0 && o.dy == 0) continue;
      const grid::Cell n{c.ix + o.dx, c.iy + o.dy};
      if (!representable(n)) continue;
      const int r = part.owner(n);
      if (r != comm.rank()) want[static_cast<std::size_t>(r)].push_back(grid::pack(n));
    }
  }
  for (auto& w : want) {
    std::sort(w.begin(), w.end());
    w.erase(std::unique(w.begin(), w.end()), w.end());
  }
  return want;
}

// The owner's answer to each request, in order: energy (fixed, Kahan) and dwelling count;
// a cell that is not populated answers zeros.
std::vector<std::vector<char>> answer_halo_requests(const std::vector<std::vector<char>>& asks,
                                                    const CellMap& owned) {
  std::vector<std::vector<char>> answers(asks.size());
  for (std::size_t s = 0; s < asks.size(); ++s) {
    const char* q = asks[s].data();
    const std::size_t n = asks[s].size() / sizeof(std::int64_t);
    for (std::size_t i = 0; i < n; ++i) {
      const auto key = wire::get<std::int64_t>(q);
      density::CellEnergy e;
      if (auto it = owned.find(key); it != owned.end()) e = it->second;
      wire::put(answers[s], e.fixed);
      wire::put(answers[s], e.kahan);
      wire::put(answers[s], e.dwellings);
    }
  }
  return answers;
}

// Matches the answers with the keys asked; keeps the populated cells.
CellMap halo_from_answers(const std::vector<std::vector<std::int64_t>>& want,
                          const std::vector<std::vector<char>>& got) {
  CellMap halo;
  for (std::size_t r = 0; r < want.size(); ++r) {
    const char* q = got[r].data();
    for (std::int64_t key : want[r]) {
      density::CellEnergy e;
      e.fixed = wire::get<density::Fixed>(q);
      e.kahan = wire::get<double>(q);
      e.dwellings = wire::get<std::int64_t>(q);
      if (e.dwellings > 0) halo.emplace(key, e);
    }
  }
  return halo;
}

}  // namespace

CellMap exchange_halo(const CellMap& owned, const std::vector<grid::Offset>& offsets,
                      const Partition& part, const Comm& comm, std::int64_t* requested) {
  const std::vector<std::vector<std::int64_t>> want =
      halo_keys_by_owner(owned, offsets, part, comm);
  std::vector<std::vector<char>> asks(want.size());
  std::int64_t asked = 0;
  for (std::size_t r = 0; r < want.size(); ++r) {
    asked += static_cast<std::int64_t>(want[r].size());
    for (std::int64_t k : want[r]) wire::put(asks[r], k);
  }
  if (requested) *requested = asked;
  const std::vector<std::vector<char>> answers = answer_halo_requests(comm.exchange(asks), owned);
  return halo_from_answers(want, comm.exchange(answers));
}

}  // namespace heatstreet::spatial
