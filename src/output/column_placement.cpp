#include "heatstreet/output/column_placement.hpp"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <optional>

namespace heatstreet {

namespace {

// The numeric columns of a table not skipped, which may be views, and their digests on
// this rank.
struct Viewable {
  std::vector<bool> eligible;
  std::vector<ColumnDigest> digests;
};

Viewable find_viewable(const Table& t, const std::vector<std::string>& skip) {
  const std::size_t m = t.columns().size();
  Viewable v{std::vector<bool>(m, false), std::vector<ColumnDigest>(m)};
  for (std::size_t k = 0; k < m; ++k) {
    const Column& c = t.columns()[k];
    const std::optional<NumericBytes> b = numeric_bytes(c);
    if (!b || std::find(skip.begin(), skip.end(), c.info.name) != skip.end()) continue;
    v.eligible[k] = true;
    v.digests[k] = digest_column(b->data, t.num_rows(), b->element_size);
  }
  return v;
}

// Appends the number of earlier viewable columns of `t` equal to column k on this rank,
// then their indices.
void append_equal_earlier(std::vector<std::int64_t>& mine, const Table& t, const Viewable& v,
                          std::size_t k) {
  const Column& c = t.columns()[k];
  const ColumnDigest& d = v.digests[k];
  const NumericBytes here = *numeric_bytes(c);
  const std::size_t equal_at = mine.size();
  mine.push_back(0);
  for (std::size_t j = 0; j < k; ++j) {
    const ColumnDigest& dj = v.digests[j];
    if (!v.eligible[j] || t.columns()[j].data.index() != c.data.index() || dj.hash != d.hash)
      continue;
    // Two columns of one value here are equal here when the value is.
    const bool equal_here = d.uniform || dj.uniform
                                ? d.uniform && dj.uniform && d.first == dj.first
                                : std::memcmp(numeric_bytes(t.columns()[j])->data, here.data,
                                              t.num_rows() * here.element_size) == 0;
    if (equal_here) {
      mine.push_back(static_cast<std::int64_t>(j));
      ++mine[equal_at];
    }
  }
}

// Appends the number of stored datasets that may hold the values of `c`, then their
// indices.
void append_stored_candidates(std::vector<std::int64_t>& mine,
                              const std::vector<StoredDataset>& stored, const Column& c,
                              const ColumnDigest& d, const RowBlock& block) {
  const std::size_t stored_at = mine.size();
  mine.push_back(0);
  for (std::size_t e = 0; e < stored.size(); ++e) {
    const StoredDataset& s = stored[e];
    // Where this rank's rows of the stored dataset are other rows than this table's,
    // the hashes say nothing: it stays a candidate, and the check reads its values.
    const bool aligned = s.offset == block.offset && s.count == block.count;
    if (s.type == c.data.index() && s.rows == block.global_rows && (!aligned || s.hash == d.hash)) {
      mine.push_back(static_cast<std::int64_t>(e));
      ++mine[stored_at];
    }
  }
}

// What this rank sees of each viewable column: whether it has rows, whether they are
// one value and which, the earlier columns of this table equal to it here, and the
// stored datasets whose rows here hash the same.
std::vector<std::int64_t> describe_here(const Table& t, const Viewable& v,
                                        const std::vector<StoredDataset>& stored,
                                        const RowBlock& block) {
  std::vector<std::int64_t> mine;
  for (std::size_t k = 0; k < t.columns().size(); ++k) {
    if (!v.eligible[k]) continue;
    const ColumnDigest& d = v.digests[k];
    mine.push_back(block.count > 0 ? 1 : 0);
    mine.push_back(d.uniform ? 1 : 0);
    mine.push_back(static_cast<std::int64_t>(d.first));
    append_equal_earlier(mine, t, v, k);
    append_stored_candidates(mine, stored, t.columns()[k], d, block);
  }
  return mine;
}

// The n values of v from index i on.
std::vector<std::int64_t> list_at(const std::vector<std::int64_t>& v, std::size_t i,
                                  std::size_t n) {
  return std::vector<std::int64_t>(v.begin() + static_cast<std::ptrdiff_t>(i),
                                   v.begin() + static_cast<std::ptrdiff_t>(i + n));
}

// The elements of sorted `a` also in sorted [b, b + n).
std::vector<std::int64_t> intersect(const std::vector<std::int64_t>& a, const std::int64_t* b,
                                    std::size_t n) {
  std::vector<std::int64_t> out;
  std::set_intersection(a.begin(), a.end(), b, b + n, std::back_inserter(out));
  return out;
}

// One column as all ranks see it: whether its values are one value, and which, and the
// earlier columns and stored datasets that may equal it on every rank.
struct SeenEverywhere {
  bool uniform = true;
  bool seen = false;  // some rank has rows
  std::uint64_t value = 0;
  std::vector<std::int64_t> equal;
  std::vector<std::int64_t> candidates;
};

// Reads the next column from every rank's description, moving each rank's cursor on.
SeenEverywhere merge_ranks(const std::vector<std::vector<std::int64_t>>& all,
                           std::vector<std::size_t>& cursor) {
  SeenEverywhere out;
  for (std::size_t r = 0; r < all.size(); ++r) {
    const std::vector<std::int64_t>& v = all[r];
    std::size_t& i = cursor[r];
    const bool has_rows = v[i] != 0, uni = v[i + 1] != 0;
    const auto first = static_cast<std::uint64_t>(v[i + 2]);
    i += 3;
    if (has_rows) {
      if (!uni || (out.seen && first != out.value)) out.uniform = false;
      out.seen = true;
      out.value = first;
    }
    const auto n_equal = static_cast<std::size_t>(v[i++]);
    out.equal = r == 0 ? list_at(v, i, n_equal) : intersect(out.equal, v.data() + i, n_equal);
    i += n_equal;
    const auto n_stored = static_cast<std::size_t>(v[i++]);
    out.candidates =
        r == 0 ? list_at(v, i, n_stored) : intersect(out.candidates, v.data() + i, n_stored);
    i += n_stored;
  }
  return out;
}

// Equal hashes on every rank: confirms with the stored values, earliest first. Returns
// the first stored dataset equal on every rank, or none. Collective.
const StoredDataset* first_equal_stored(const std::vector<std::int64_t>& candidates,
                                        const std::vector<StoredDataset>& stored, const Column& c,
                                        const StoredRowsCheck& rows_equal, const Comm& comm) {
  for (const std::int64_t e : candidates) {
    const StoredDataset& s = stored[static_cast<std::size_t>(e)];
    const bool same = rows_equal(s, c);
    if (comm.max(static_cast<std::int64_t>(same ? 0 : 1)) == 0) return &s;
  }
  return nullptr;
}

}  // namespace

void ColumnPlacement::hold_rows(const std::string& group, const Table& local_rows) {
  const auto count = static_cast<std::int64_t>(local_rows.num_rows());
  const std::int64_t offset = comm_.exscan(count);
  const std::int64_t rows = comm_.sum(count);
  if (rows == 0) return;
  for (const Column& c : local_rows.columns()) {
    const std::optional<NumericBytes> b = numeric_bytes(c);
    if (!b) continue;
    const std::string path = join_path(group, c.info.name);
    auto it = std::find_if(stored_.begin(), stored_.end(),
                           [&](const StoredDataset& s) { return s.path == path; });
    if (it == stored_.end()) {
      const ColumnDigest d = digest_column(b->data, local_rows.num_rows(), b->element_size);
      stored_.push_back({path, c.data.index(), rows, offset, count, d.hash});
      it = std::prev(stored_.end());
    }
    const bool same_rows = it->rows == rows && it->offset == offset && it->count == count;
    if (it->type == c.data.index() && same_rows) it->held = &c;
  }
}

std::vector<Placement> ColumnPlacement::place(const std::string& group, const Table& t,
                                              const std::vector<std::string>& skip,
                                              const RowBlock& block,
                                              const StoredRowsCheck& rows_equal) {
  const Viewable v = find_viewable(t, skip);
  const std::vector<std::vector<std::int64_t>> all =
      comm_.allgather(describe_here(t, v, stored_, block));
  // Every rank reads the same lists in the same order, so every decision below (and the
  // collective checks it makes) is the same on every rank.
  std::vector<Placement> out(t.columns().size());
  std::vector<std::size_t> cursor(all.size(), 0);
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (!v.eligible[k]) continue;
    const SeenEverywhere seen = merge_ranks(all, cursor);
    Placement& p = out[k];
    p.viewable = true;
    p.hash = v.digests[k].hash;
    if (seen.uniform && seen.seen) {
      p.kind = Placement::Kind::kFill;
      p.fill = seen.value;
    } else if (!seen.equal.empty()) {
      // Equal to an earlier column of this table: view what that one views, or it.
      const auto j = static_cast<std::size_t>(seen.equal.front());
      p.kind = Placement::Kind::kView;
      p.source = out[j].kind == Placement::Kind::kView ? out[j].source
                                                       : join_path(group, t.columns()[j].info.name);
    } else if (const StoredDataset* s = first_equal_stored(seen.candidates, stored_, t.columns()[k],
                                                           rows_equal, comm_)) {
      p.kind = Placement::Kind::kView;
      p.source = s->path;
    }
  }
  return out;
}

void ColumnPlacement::record_written(const std::string& path, const Column& c, const Placement& p,
                                     const RowBlock& block) {
  if (p.viewable)
    stored_.push_back({path, c.data.index(), block.global_rows, block.offset, block.count, p.hash});
}

void ColumnPlacement::forget(const std::string& group) {
  const std::string prefix = join_path(group, "");
  stored_.erase(
      std::remove_if(stored_.begin(), stored_.end(),
                     [&](const StoredDataset& s) { return s.path.rfind(prefix, 0) == 0; }),
      stored_.end());
}

bool rows_equal_stored(hid_t file, const StoredDataset& s, const Column& c, std::int64_t offset,
                       StagingBuffer& staging) {
  const NumericBytes here = *numeric_bytes(c);
  const auto count = static_cast<std::uint64_t>(c.size());
  if (s.held && s.offset == offset && static_cast<std::uint64_t>(s.count) == count)
    return count == 0 ||
           std::memcmp(numeric_bytes(*s.held)->data, here.data, count * here.element_size) == 0;
  h5::Dataset d = h5::open_dataset(file, s.path);
  // Independent reads: the ranks' slice counts need not match.
  const std::uint64_t per = std::max<std::uint64_t>(1, kStagingBytes / here.element_size);
  char* buf = staging.at_least(std::min(count, per) * here.element_size);
  bool same = true;
  for (std::uint64_t first = 0; first < count && same; first += per) {
    const std::uint64_t n = std::min(per, count - first);
    h5::Space fs = h5::dataset_space(d, s.path);
    h5::Space ms = h5::make_simple_space({static_cast<hsize_t>(n)}, s.path);
    const hsize_t start[1] = {static_cast<hsize_t>(offset) + first};
    const hsize_t cnt[1] = {static_cast<hsize_t>(n)};
    h5::check(H5Sselect_hyperslab(fs.id(), H5S_SELECT_SET, start, nullptr, cnt, nullptr),
              "H5Sselect_hyperslab", s.path);
    h5::check(H5Dread(d.id(), memory_type_of_column(c), ms.id(), fs.id(), H5P_DEFAULT, buf),
              "H5Dread", s.path);
    same = std::memcmp(buf, static_cast<const char*>(here.data) + first * here.element_size,
                       n * here.element_size) == 0;
  }
  d.close("H5Dclose", s.path);
  return same;
}

}  // namespace heatstreet
