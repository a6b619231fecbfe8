#include "heatstreet/output/results_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <optional>
#include <type_traits>

#include "heatstreet/parallel/wire.hpp"

namespace heatstreet {

namespace {

// Largest slice one rank hands to a single H5Dwrite: MPI-IO counts are ints, and a
// bounded slice bounds the staging buffer of string columns.
constexpr std::uint64_t kMaxWriteBytes = std::uint64_t{256} << 20;
// Text is written, and stored values read back, through one reused buffer in slices of
// this size: a small buffer stays in the cache, where a column-sized one would be new
// memory each time.
constexpr std::uint64_t kStagingBytes = std::uint64_t{8} << 20;
// A rank starts a writeback after this many bytes even inside one table.
constexpr std::uint64_t kWritebackBytes = std::uint64_t{64} << 20;

// Chunks of at most 16 Ki rows and about 128 KiB, clipped to the dataset: small enough
// that every rank owns (and compresses) chunks, and a function of the global shape only,
// so the layout is the same for any rank count.
hsize_t chunk_rows(hsize_t global_rows, std::size_t element_size) {
  const hsize_t by_bytes = (hsize_t{1} << 17) / std::max<std::size_t>(element_size, 1);
  const hsize_t target = std::clamp<hsize_t>(by_bytes, 1024, 16384);
  return std::min(global_rows, target);
}

// The on-disk type of a numeric column: fixed little-endian, so files do not depend on
// the machine that wrote them.
template <class T>
hid_t file_type_of() {
  if constexpr (std::is_same_v<T, std::int8_t>) return H5T_STD_I8LE;
  if constexpr (std::is_same_v<T, std::uint8_t>) return H5T_STD_U8LE;
  if constexpr (std::is_same_v<T, std::int32_t>) return H5T_STD_I32LE;
  if constexpr (std::is_same_v<T, std::int64_t>) return H5T_STD_I64LE;
  if constexpr (std::is_same_v<T, float>) return H5T_IEEE_F32LE;
  if constexpr (std::is_same_v<T, double>) return H5T_IEEE_F64LE;
}

template <class T>
hid_t memory_type_of() {
  if constexpr (std::is_same_v<T, std::int8_t>) return H5T_NATIVE_INT8;
  if constexpr (std::is_same_v<T, std::uint8_t>) return H5T_NATIVE_UINT8;
  if constexpr (std::is_same_v<T, std::int32_t>) return H5T_NATIVE_INT32;
  if constexpr (std::is_same_v<T, std::int64_t>) return H5T_NATIVE_INT64;
  if constexpr (std::is_same_v<T, float>) return H5T_NATIVE_FLOAT;
  if constexpr (std::is_same_v<T, double>) return H5T_NATIVE_DOUBLE;
}

// A numeric column's values as bytes; text columns have none (they are always written).
struct NumericBytes {
  const void* data;
  std::size_t element_size;
};
std::optional<NumericBytes> numeric_bytes(const Column& c) {
  return std::visit(
      [](const auto& v) -> std::optional<NumericBytes> {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, StringColumn>) {
          return std::nullopt;
        } else {
          return NumericBytes{v.data(), sizeof(typename V::value_type)};
        }
      },
      c.data);
}

hid_t memory_type_of_column(const Column& c) {
  return std::visit(
      [](const auto& v) -> hid_t {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, StringColumn>) {
          return H5I_INVALID_HID;
        } else {
          return memory_type_of<typename V::value_type>();
        }
      },
      c.data);
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

// Everything about a table's columns that must agree between ranks.
std::string schema_signature(const Table& t) {
  std::string s;
  for (const Column& c : t.columns()) {
    s += c.info.name + '\x1f' + std::to_string(c.data.index()) + '\x1f' + c.info.unit + '\x1f' +
         c.info.description;
    for (const std::string& l : c.info.labels) s += '\x1e' + l;
    s += '\x1d';
  }
  return s;
}

std::string join_path(const std::string& group, const std::string& name) {
  if (group.empty() || group == "/") return "/" + name;
  return (group.back() == '/' ? group : group + "/") + name;
}

// Writes rows [first, first + count) of this rank's data at file row `offset`.
// Collective: a rank with nothing to write selects nothing but still takes part.
void write_slice(const h5::Dataset& d, const std::string& path, hid_t mem_type, const void* data,
                 hsize_t offset, hsize_t count, hid_t dxpl) {
  h5::Space file_space = h5::dataset_space(d, path);
  h5::Space mem_space = h5::make_simple_space({std::max<hsize_t>(count, 1)}, path);
  static const char dummy[16] = {};
  if (count == 0) {
    h5::check(H5Sselect_none(file_space.id()), "H5Sselect_none", path);
    h5::check(H5Sselect_none(mem_space.id()), "H5Sselect_none", path);
    data = dummy;
  } else {
    const hsize_t start[1] = {offset};
    const hsize_t cnt[1] = {count};
    h5::check(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, start, nullptr, cnt, nullptr),
              "H5Sselect_hyperslab", path);
  }
  h5::check(H5Dwrite(d.id(), mem_type, mem_space.id(), file_space.id(), dxpl, data), "H5Dwrite",
            path);
}

// Serialises a value to bytes and back, to broadcast it through Comm::bcast(string).
template <class T>
T bcast_value(const Comm& comm, T v) {
  std::string bytes(reinterpret_cast<const char*>(&v), sizeof v);
  bytes = comm.bcast(bytes);
  std::memcpy(&v, bytes.data(), sizeof v);
  return v;
}

}  // namespace

ResultsWriter::ResultsWriter(const std::string& path, const Comm& comm, int compression_level,
                             Mode mode)
    : path_(path), comm_(comm), compression_level_(std::clamp(compression_level, 0, 9)) {
  run_agreed(comm_, [&] {
    h5::silence_library_errors();
    h5::guard_library_shutdown();
    h5::PropList fapl = h5::make_plist(H5P_FILE_ACCESS, path_);
    h5::check(H5Pset_fapl_mpio(fapl.id(), comm_.raw(), MPI_INFO_NULL), "H5Pset_fapl_mpio", path_);
    // Metadata reads and writes done collectively: at scale this avoids every rank
    // reading the same object headers independently.
    h5::check(H5Pset_all_coll_metadata_ops(fapl.id(), true), "H5Pset_all_coll_metadata_ops", path_);
    h5::check(H5Pset_coll_metadata_write(fapl.id(), true), "H5Pset_coll_metadata_write", path_);
    if (mode == Mode::kAppend) {
      file_ = h5::File(h5::check(H5Fopen(path_.c_str(), H5F_ACC_RDWR, fapl.id()), "H5Fopen", path_),
                       H5Fclose);
    } else {
      file_ = h5::File(h5::check(H5Fcreate(path_.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.id()),
                                 "H5Fcreate", path_),
                       H5Fclose);
    }
  });
  // A descriptor of our own for early writeback; without it (an odd file system) the
  // checkpoints still sync everything, only later.
  writeback_fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
}

ResultsWriter::~ResultsWriter() {
  join_writeback();
  if (writeback_fd_ >= 0) ::close(writeback_fd_);
  // After a failed HDF5 operation the ranks' HDF5 states may differ and a collective
  // close could hang: leave the file unclosed (it has no `complete` marker).
  if (failed_) h5::abandon_file(file_);
}

void ResultsWriter::start_writeback() {
  if (writeback_fd_ < 0) return;
  {
    std::lock_guard<std::mutex> lock(writeback_mutex_);
    writeback_wanted_ = true;
    if (writeback_busy_) return;  // the running pass goes round once more
    writeback_busy_ = true;
  }
  // Not busy: a previous thread, if any, has finished or is returning.
  if (writeback_thread_.joinable()) writeback_thread_.join();
  writeback_thread_ = std::thread([this] {
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(writeback_mutex_);
        if (!writeback_wanted_) {
          writeback_busy_ = false;
          return;
        }
        writeback_wanted_ = false;
      }
      // Errors are not lost by ignoring them here: the checkpoint's own sync, through
      // MPI-IO's descriptor, reports them.
      ::fdatasync(writeback_fd_);
      // Rows on disk need no cache: dropping them bounds the cache the file holds (a
      // batch job's memory limit counts it) and hands the pages, just used, to the next
      // rows written, which is much faster than fresh memory on virtual machines. Pages
      // written since the sync are dirty and stay.
      ::posix_fadvise(writeback_fd_, 0, 0, POSIX_FADV_DONTNEED);
    }
  });
}

void ResultsWriter::join_writeback() {
  if (writeback_thread_.joinable()) writeback_thread_.join();
}

template <class F>
void ResultsWriter::agreed(F&& fn) {
  try {
    run_agreed(comm_, [&] {
      try {
        fn();
      } catch (const OutputError& e) {
        throw OutputError(path_ + ": " + e.what());  // name the file, too
      }
    });
  } catch (...) {
    failed_ = true;
    throw;
  }
}

void ResultsWriter::require_open(const char* what) const {
  if (!file_) throw std::logic_error(std::string("ResultsWriter::") + what + " after finish()");
}

void ResultsWriter::write_table(const std::string& group, const Table& local_rows,
                                const std::vector<std::string>& skip, Repeats repeats) {
  require_open("write_table");
  write_columns(group, local_rows, false, skip, repeats);
  // The rows are in the page cache now: send them to the disk while the caller computes,
  // so that the next checkpoint's sync (flush, finish) has little left to wait for.
  start_writeback();
}

void ResultsWriter::write_small_table(const std::string& group, const Table& table) {
  require_open("write_small_table");
  write_columns(group, table, true, {}, Repeats::kWrite);
}

void ResultsWriter::hold_rows(const std::string& group, const Table& local_rows) {
  require_open("hold_rows");
  const auto count = static_cast<std::int64_t>(local_rows.num_rows());
  const std::int64_t offset = comm_.exscan(count);
  const std::int64_t rows = comm_.sum(count);
  if (rows == 0) return;
  for (const Column& c : local_rows.columns()) {
    const std::optional<NumericBytes> b = numeric_bytes(c);
    if (!b) continue;
    const std::string path = join_path(group, c.info.name);
    auto it = std::find_if(stored_.begin(), stored_.end(),
                           [&](const Stored& s) { return s.path == path; });
    if (it == stored_.end()) {
      const ColumnDigest d = digest_column(b->data, local_rows.num_rows(), b->element_size);
      stored_.push_back({path, c.data.index(), rows, offset, count, d.hash});
      it = std::prev(stored_.end());
    }
    const bool same_rows = it->rows == rows && it->offset == offset && it->count == count;
    if (it->type == c.data.index() && same_rows) it->held = &c;
  }
}

std::vector<ResultsWriter::Placement> ResultsWriter::place_columns(
    const std::string& group, const Table& t, const std::vector<bool>& eligible,
    const std::vector<ColumnDigest>& digests, std::int64_t offset, std::int64_t global_rows) {
  const std::size_t m = t.columns().size();
  const auto count = static_cast<std::int64_t>(t.num_rows());
  // What this rank sees of each eligible column: whether it has rows, whether they are
  // one value and which, the earlier columns of this table equal to it here, and the
  // stored datasets whose rows here hash the same.
  std::vector<std::int64_t> mine;
  for (std::size_t k = 0; k < m; ++k) {
    if (!eligible[k]) continue;
    const Column& c = t.columns()[k];
    const ColumnDigest& d = digests[k];
    const NumericBytes here = *numeric_bytes(c);
    mine.push_back(count > 0 ? 1 : 0);
    mine.push_back(d.uniform ? 1 : 0);
    mine.push_back(static_cast<std::int64_t>(d.first));
    const std::size_t equal_at = mine.size();
    mine.push_back(0);
    for (std::size_t j = 0; j < k; ++j) {
      if (!eligible[j] || t.columns()[j].data.index() != c.data.index() ||
          digests[j].hash != d.hash)
        continue;
      // Two columns of one value here are equal here when the value is.
      const bool equal_here = d.uniform || digests[j].uniform
                                  ? d.uniform && digests[j].uniform && d.first == digests[j].first
                                  : std::memcmp(numeric_bytes(t.columns()[j])->data, here.data,
                                                t.num_rows() * here.element_size) == 0;
      if (equal_here) {
        mine.push_back(static_cast<std::int64_t>(j));
        ++mine[equal_at];
      }
    }
    const std::size_t stored_at = mine.size();
    mine.push_back(0);
    for (std::size_t e = 0; e < stored_.size(); ++e) {
      const Stored& s = stored_[e];
      // Where this rank's rows of the stored dataset are other rows than this table's,
      // the hashes say nothing: it stays a candidate, and the check reads its values.
      const bool aligned = s.offset == offset && s.count == count;
      if (s.type == c.data.index() && s.rows == global_rows && (!aligned || s.hash == d.hash)) {
        mine.push_back(static_cast<std::int64_t>(e));
        ++mine[stored_at];
      }
    }
  }
  const std::vector<std::vector<std::int64_t>> all = comm_.allgather(mine);

  // Every rank reads the same lists in the same order, so every decision below (and the
  // collective checks it makes) is the same on every rank.
  std::vector<Placement> out(m);
  std::vector<std::size_t> cursor(all.size(), 0);
  for (std::size_t k = 0; k < m; ++k) {
    if (!eligible[k]) continue;
    bool uniform = true, seen = false;
    std::uint64_t value = 0;
    std::vector<std::int64_t> equal, candidates;
    for (std::size_t r = 0; r < all.size(); ++r) {
      const std::vector<std::int64_t>& v = all[r];
      std::size_t& i = cursor[r];
      const bool has_rows = v[i] != 0, uni = v[i + 1] != 0;
      const auto first = static_cast<std::uint64_t>(v[i + 2]);
      i += 3;
      if (has_rows) {
        if (!uni || (seen && first != value)) uniform = false;
        seen = true;
        value = first;
      }
      const auto n_equal = static_cast<std::size_t>(v[i++]);
      equal = r == 0 ? list_at(v, i, n_equal) : intersect(equal, v.data() + i, n_equal);
      i += n_equal;
      const auto n_stored = static_cast<std::size_t>(v[i++]);
      candidates = r == 0 ? list_at(v, i, n_stored) : intersect(candidates, v.data() + i, n_stored);
      i += n_stored;
    }
    Placement& p = out[k];
    if (uniform && seen) {
      p.kind = Placement::Kind::kFill;
      p.fill = value;
      continue;
    }
    if (!equal.empty()) {
      // Equal to an earlier column of this table: view what that one views, or it.
      const auto j = static_cast<std::size_t>(equal.front());
      p.kind = Placement::Kind::kView;
      p.source = out[j].kind == Placement::Kind::kView ? out[j].source
                                                       : join_path(group, t.columns()[j].info.name);
      continue;
    }
    // Equal hashes on every rank: confirm with the stored values, earliest first.
    for (const std::int64_t e : candidates) {
      const Stored& s = stored_[static_cast<std::size_t>(e)];
      bool same = false;
      agreed([&] { same = rows_equal_stored(s, t.columns()[k], offset); });
      if (comm_.max(static_cast<std::int64_t>(same ? 0 : 1)) == 0) {
        p.kind = Placement::Kind::kView;
        p.source = s.path;
        break;
      }
    }
  }
  return out;
}

char* ResultsWriter::scratch(std::size_t bytes) {
  // Never empty, so that even a rank with no rows passes a real buffer on.
  const std::size_t want = std::max<std::size_t>(bytes, 1);
  if (scratch_.size() < want) scratch_.resize(want);
  return scratch_.data();
}

bool ResultsWriter::rows_equal_stored(const Stored& s, const Column& c, std::int64_t offset) {
  const NumericBytes here = *numeric_bytes(c);
  const auto count = static_cast<std::uint64_t>(c.size());
  if (s.held && s.offset == offset && static_cast<std::uint64_t>(s.count) == count)
    return count == 0 ||
           std::memcmp(numeric_bytes(*s.held)->data, here.data, count * here.element_size) == 0;
  h5::Dataset d = h5::open_dataset(file_.id(), s.path);
  // Independent reads: the ranks' slice counts need not match.
  const std::uint64_t per = std::max<std::uint64_t>(1, kStagingBytes / here.element_size);
  char* buf = scratch(std::min(count, per) * here.element_size);
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

void ResultsWriter::write_columns(const std::string& group, const Table& t, bool root_only,
                                  const std::vector<std::string>& skip, Repeats repeats) {
  // The columns must be the same everywhere: each dataset is created collectively.
  agreed([&] {
    const std::string mine = schema_signature(t);
    if (comm_.bcast(mine) != mine)
      throw Error(ExitCode::kInternal, "results " + group + ": rank " +
                                           std::to_string(comm_.rank()) +
                                           " holds other columns than rank 0");
  });

  const std::int64_t contributed =
      root_only ? (comm_.root() ? static_cast<std::int64_t>(t.num_rows()) : 0)
                : static_cast<std::int64_t>(t.num_rows());
  const std::int64_t offset = comm_.exscan(contributed);
  const std::int64_t global_rows = comm_.sum(contributed);

  // Per column: string width over all ranks, and the number of write rounds.
  std::vector<std::int64_t> local_meta;
  for (const Column& c : t.columns()) {
    std::size_t width = 0;
    if (auto* s = std::get_if<StringColumn>(&c.data)) width = contributed ? s->max_length() : 0;
    local_meta.push_back(static_cast<std::int64_t>(width));
  }
  const std::vector<std::int64_t> widths = comm_.max(local_meta);
  std::vector<std::int64_t> local_rounds;
  for (std::size_t k = 0; k < t.columns().size(); ++k) {
    const Column& c = t.columns()[k];
    const std::size_t elem = std::visit(
        [&](const auto& v) -> std::size_t {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, StringColumn>) {
            return static_cast<std::size_t>(std::max<std::int64_t>(widths[k], 1));
          } else {
            return sizeof(typename V::value_type);
          }
        },
        c.data);
    const std::uint64_t bytes = static_cast<std::uint64_t>(contributed) * elem;
    const std::uint64_t slice =
        std::holds_alternative<StringColumn>(c.data) ? kStagingBytes : kMaxWriteBytes;
    local_rounds.push_back(
        static_cast<std::int64_t>(std::max<std::uint64_t>(1, (bytes + slice - 1) / slice)));
  }
  const std::vector<std::int64_t> rounds = comm_.max(local_rounds);

  // With kView the numeric columns of a table of rows may be views, and those written
  // with their data are sources of later views.
  const std::size_t m = t.columns().size();
  auto skipped = [&](const Column& c) {
    return std::find(skip.begin(), skip.end(), c.info.name) != skip.end();
  };
  const bool rows_table = !root_only && global_rows > 0 && repeats == Repeats::kView;
  std::vector<bool> eligible(m, false);
  std::vector<ColumnDigest> digests(m);
  for (std::size_t k = 0; k < m && rows_table; ++k) {
    const Column& c = t.columns()[k];
    const std::optional<NumericBytes> b = numeric_bytes(c);
    if (!b || skipped(c)) continue;
    eligible[k] = true;
    digests[k] = digest_column(b->data, t.num_rows(), b->element_size);
  }
  std::vector<Placement> placement(m);
  if (rows_table) placement = place_columns(group, t, eligible, digests, offset, global_rows);

  h5::Group g;
  agreed([&] {
    g = h5::ensure_group(file_.id(), group);
    h5::write_attribute(g.id(), group, "num_rows", global_rows);
  });

  h5::PropList dxpl = h5::make_plist(H5P_DATASET_XFER, path_);
  h5::check(H5Pset_dxpl_mpio(dxpl.id(), H5FD_MPIO_COLLECTIVE), "H5Pset_dxpl_mpio", path_);
  // Uncompressed datasets are contiguous, and each rank's block of rows is one
  // contiguous range of the file: two-phase collective buffering could only add a copy
  // through an aggregator and a synchronisation per column. The transfer stays
  // collective in HDF5; MPI-IO writes each rank's range directly. Chunked datasets keep
  // collective MPI-IO, which the parallel filter pipeline is built around.
  if (compression_level_ == 0)
    h5::check(H5Pset_dxpl_mpio_collective_opt(dxpl.id(), H5FD_MPIO_INDIVIDUAL_IO),
              "H5Pset_dxpl_mpio_collective_opt", path_);

  std::uint64_t unsynced = 0;  // bytes this rank wrote since it last started a writeback
  for (std::size_t k = 0; k < t.columns().size(); ++k) {
    const Column& c = t.columns()[k];
    if (skipped(c)) continue;
    const std::string dpath = join_path(group, c.info.name);
    const Placement& place = placement[k];
    agreed([&] {
      std::visit(
          [&](const auto& v) {
            using V = std::decay_t<decltype(v)>;
            constexpr bool is_string = std::is_same_v<V, StringColumn>;
            const std::size_t width =
                static_cast<std::size_t>(std::max<std::int64_t>(widths[k], 1));

            h5::Type string_type;
            hid_t ftype, mtype;
            std::size_t elem;
            if constexpr (is_string) {
              string_type = h5::make_string_type(width, dpath);
              ftype = mtype = string_type.id();
              elem = width;
            } else {
              using T = typename V::value_type;
              ftype = file_type_of<T>();
              mtype = memory_type_of<T>();
              elem = sizeof(T);
            }

            const hsize_t n = static_cast<hsize_t>(global_rows);
            h5::Space space = h5::make_simple_space({n}, dpath);
            h5::PropList dcpl = h5::make_plist(H5P_DATASET_CREATE, dpath);
            if (place.kind == Placement::Kind::kFill) {
              // No mappings: every element reads as the fill value.
              h5::check(H5Pset_layout(dcpl.id(), H5D_VIRTUAL), "H5Pset_layout", dpath);
              h5::check(H5Pset_fill_value(dcpl.id(), mtype, &place.fill), "H5Pset_fill_value",
                        dpath);
            } else if (place.kind == Placement::Kind::kView) {
              // "." is this file, whatever its name becomes.
              h5::check(
                  H5Pset_virtual(dcpl.id(), space.id(), ".", place.source.c_str(), space.id()),
                  "H5Pset_virtual", dpath);
            } else if (compression_level_ > 0 && n > 0) {
              const hsize_t chunk[1] = {chunk_rows(n, elem)};
              h5::check(H5Pset_chunk(dcpl.id(), 1, chunk), "H5Pset_chunk", dpath);
              if (elem > 1 && !is_string)
                h5::check(H5Pset_shuffle(dcpl.id()), "H5Pset_shuffle", dpath);
              h5::check(H5Pset_deflate(dcpl.id(), static_cast<unsigned>(compression_level_)),
                        "H5Pset_deflate", dpath);
            }
            h5::Dataset d(h5::check(H5Dcreate2(g.id(), c.info.name.c_str(), ftype, space.id(),
                                               H5P_DEFAULT, dcpl.id(), H5P_DEFAULT),
                                    "H5Dcreate2", dpath),
                          H5Dclose);

            h5::write_attribute(d.id(), dpath, "units", c.info.unit);
            h5::write_attribute(d.id(), dpath, "description", c.info.description);
            if (!c.info.labels.empty()) {
              h5::write_attribute(d.id(), dpath, "labels", c.info.labels);
              h5::write_attribute(d.id(), dpath, "missing_code", std::uint8_t{255});
            }

            // A dataset with no rows, or a view, has nothing to write.
            if (n == 0 || place.kind != Placement::Kind::kData) {
              d.close("H5Dclose", dpath);
              return;
            }
            // This rank's rows, in `rounds[k]` slices (the same count on every rank).
            const std::uint64_t mine = static_cast<std::uint64_t>(contributed);
            const std::uint64_t nr = static_cast<std::uint64_t>(rounds[k]);
            const std::uint64_t per = (mine + nr - 1) / nr;
            for (std::uint64_t r = 0; r < nr; ++r) {
              const std::uint64_t first = std::min(mine, r * per);
              const std::uint64_t count = std::min(mine, first + per) - first;
              const void* data = nullptr;
              if constexpr (is_string) {
                char* staging = scratch(count * width);
                std::memset(staging, 0, count * width);
                for (std::uint64_t i = 0; i < count; ++i) {
                  const std::string_view s = v[first + i];
                  if (!s.empty()) std::memcpy(staging + i * width, s.data(), s.size());
                }
                data = staging;
              } else {
                data = v.data() + first;
              }
              write_slice(d, dpath, mtype, data, static_cast<hsize_t>(offset) + first, count,
                          dxpl.id());
            }
            d.close("H5Dclose", dpath);
            if (eligible[k])
              stored_.push_back(
                  {dpath, c.data.index(), global_rows, offset, contributed, digests[k].hash});
            // Within a large table too: the pages of its first columns, once on disk,
            // take its later ones.
            unsynced += mine * elem;
            if (unsynced >= kWritebackBytes) {
              start_writeback();
              unsynced = 0;
            }
          },
          c.data);
    });
  }
  agreed([&] { g.close("H5Gclose", group); });
}

void ResultsWriter::write_attribute(const std::string& object_path, const std::string& name,
                                    const std::string& value) {
  require_open("write_attribute");
  const std::string v = comm_.bcast(value);
  agreed([&] {
    if (!h5::link_exists(file_.id(), object_path)) h5::ensure_group(file_.id(), object_path);
    h5::Object o = h5::open_object(file_.id(), object_path);
    h5::write_attribute(o.id(), object_path, name, v);
  });
}

void ResultsWriter::write_attribute(const std::string& object_path, const std::string& name,
                                    std::int64_t value) {
  require_open("write_attribute");
  const std::int64_t v = bcast_value(comm_, value);
  agreed([&] {
    if (!h5::link_exists(file_.id(), object_path)) h5::ensure_group(file_.id(), object_path);
    h5::Object o = h5::open_object(file_.id(), object_path);
    h5::write_attribute(o.id(), object_path, name, v);
  });
}

void ResultsWriter::write_attribute(const std::string& object_path, const std::string& name,
                                    double value) {
  require_open("write_attribute");
  const double v = bcast_value(comm_, value);
  agreed([&] {
    if (!h5::link_exists(file_.id(), object_path)) h5::ensure_group(file_.id(), object_path);
    h5::Object o = h5::open_object(file_.id(), object_path);
    h5::write_attribute(o.id(), object_path, name, v);
  });
}

void ResultsWriter::write_attribute(const std::string& object_path, const std::string& name,
                                    const std::vector<std::string>& values) {
  require_open("write_attribute");
  std::vector<std::string> v;
  wire::unpack_strings(comm_.bcast(wire::pack_strings(values)), v);
  agreed([&] {
    if (!h5::link_exists(file_.id(), object_path)) h5::ensure_group(file_.id(), object_path);
    h5::Object o = h5::open_object(file_.id(), object_path);
    h5::write_attribute(o.id(), object_path, name, v);
  });
}

void ResultsWriter::write_attribute(const std::string& object_path, const std::string& name,
                                    const std::vector<std::int64_t>& values) {
  require_open("write_attribute");
  std::string bytes(reinterpret_cast<const char*>(values.data()),
                    values.size() * sizeof(std::int64_t));
  bytes = comm_.bcast(bytes);
  std::vector<std::int64_t> v(bytes.size() / sizeof(std::int64_t));
  std::memcpy(v.data(), bytes.data(), bytes.size());
  agreed([&] {
    if (!h5::link_exists(file_.id(), object_path)) h5::ensure_group(file_.id(), object_path);
    h5::Object o = h5::open_object(file_.id(), object_path);
    h5::write_attribute(o.id(), object_path, name, v);
  });
}

void ResultsWriter::flush() {
  require_open("flush");
  join_writeback();
  agreed([&] { h5::check(H5Fflush(file_.id(), H5F_SCOPE_GLOBAL), "H5Fflush", path_); });
}

void ResultsWriter::remove(const std::string& group) {
  require_open("remove");
  agreed([&] {
    if (h5::link_exists(file_.id(), group))
      h5::check(H5Ldelete(file_.id(), group.c_str(), H5P_DEFAULT), "H5Ldelete", group);
  });
  const std::string prefix = join_path(group, "");
  stored_.erase(std::remove_if(stored_.begin(), stored_.end(),
                               [&](const Stored& s) { return s.path.rfind(prefix, 0) == 0; }),
                stored_.end());
}

void ResultsWriter::link(const std::string& existing, const std::string& new_path) {
  require_open("link");
  agreed([&] {
    const std::size_t cut = new_path.rfind('/');
    if (cut != std::string::npos && cut > 0) h5::ensure_group(file_.id(), new_path.substr(0, cut));
    h5::check(H5Lcreate_hard(file_.id(), existing.c_str(), file_.id(), new_path.c_str(),
                             H5P_DEFAULT, H5P_DEFAULT),
              "H5Lcreate_hard", new_path);
  });
}

void ResultsWriter::finish() {
  require_open("finish");
  join_writeback();
  // Everything else must be on disk before the marker that says the file is whole.
  agreed([&] { h5::check(H5Fflush(file_.id(), H5F_SCOPE_GLOBAL), "H5Fflush", path_); });
  write_attribute("/", "complete", std::int64_t{1});
  agreed([&] { file_.close("H5Fclose", path_); });
}

}  // namespace heatstreet
