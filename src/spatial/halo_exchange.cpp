#include "heatstreet/spatial/halo_exchange.hpp"

#include <algorithm>
#include <cstring>
#include <string>

namespace heatstreet::spatial {

namespace {

template <class T>
void put(std::vector<char>& out, const T& v) {
  const char* p = reinterpret_cast<const char*>(&v);
  out.insert(out.end(), p, p + sizeof(T));
}

template <class T>
T take(const char*& p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  p += sizeof(T);
  return v;
}

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

CellMap exchange_halo(const CellMap& owned, const std::vector<grid::Offset>& offsets,
                      const Partition& part, const Comm& comm, std::int64_t* requested) {
  const auto p = static_cast<std::size_t>(comm.size());
  // 1. The keys this rank needs, grouped by owner, sorted and distinct.
  std::vector<std::vector<std::int64_t>> want(p);
  for (const auto& [key, energy] : owned) {
    const grid::Cell c = grid::unpack(key);
    for (const grid::Offset& o : offsets) {
      if (o.dx == 0 && o.dy == 0) continue;
      const grid::Cell n{c.ix + o.dx, c.iy + o.dy};
      if (n.ix < grid::kMinIndex || n.ix > grid::kMaxIndex || n.iy < grid::kMinIndex ||
          n.iy > grid::kMaxIndex)
        continue;
      const int r = part.owner(n);
      if (r != comm.rank()) want[static_cast<std::size_t>(r)].push_back(grid::pack(n));
    }
  }
  std::vector<std::vector<char>> out(p);
  std::int64_t asked = 0;
  for (std::size_t r = 0; r < p; ++r) {
    auto& w = want[r];
    std::sort(w.begin(), w.end());
    w.erase(std::unique(w.begin(), w.end()), w.end());
    asked += static_cast<std::int64_t>(w.size());
    for (std::int64_t k : w) put(out[r], k);
  }
  if (requested) *requested = asked;

  // 2. Owners answer each request in order: energy (fixed, Kahan) and dwelling count;
  // a cell that is not populated answers zeros.
  const std::vector<std::vector<char>> asks = comm.exchange(out);
  std::vector<std::vector<char>> answers(p);
  for (std::size_t s = 0; s < p; ++s) {
    const char* q = asks[s].data();
    const std::size_t n = asks[s].size() / sizeof(std::int64_t);
    for (std::size_t i = 0; i < n; ++i) {
      const auto key = take<std::int64_t>(q);
      density::CellEnergy e;
      if (auto it = owned.find(key); it != owned.end()) e = it->second;
      put(answers[s], e.fixed);
      put(answers[s], e.kahan);
      put(answers[s], e.dwellings);
    }
  }
  const std::vector<std::vector<char>> got = comm.exchange(answers);

  // 3. Match answers with the keys asked.
  CellMap halo;
  for (std::size_t r = 0; r < p; ++r) {
    const char* q = got[r].data();
    for (std::int64_t key : want[r]) {
      density::CellEnergy e;
      e.fixed = take<density::Fixed>(q);
      e.kahan = take<double>(q);
      e.dwellings = take<std::int64_t>(q);
      if (e.dwellings > 0) halo.emplace(key, e);
    }
  }
  return halo;
}

}  // namespace heatstreet::spatial
