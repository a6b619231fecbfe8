#include "heatstreet/output/results_writer.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <type_traits>

#include "heatstreet/core/disk_space.hpp"
#include "heatstreet/parallel/wire.hpp"

namespace heatstreet {

namespace {

// Largest slice one rank hands to a single H5Dwrite: MPI-IO counts are ints, and a
// bounded slice bounds the staging buffer of string columns.
constexpr std::uint64_t kMaxWriteBytes = std::uint64_t{256} << 20;
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

bool is_skipped(const std::vector<std::string>& skip, const Column& c) {
  return std::find(skip.begin(), skip.end(), c.info.name) != skip.end();
}

// This rank's block of a table's rows: all its rows, or with root_only those of rank 0
// alone. Collective.
RowBlock block_of_rows(const Table& t, bool root_only, const Comm& comm) {
  RowBlock block;
  block.count = root_only ? (comm.root() ? static_cast<std::int64_t>(t.num_rows()) : 0)
                          : static_cast<std::int64_t>(t.num_rows());
  block.offset = comm.exscan(block.count);
  block.global_rows = comm.sum(block.count);
  return block;
}

// Per column: the width of its text over all ranks (0 for numbers). Collective.
std::vector<std::int64_t> string_widths(const Table& t, std::int64_t contributed,
                                        const Comm& comm) {
  std::vector<std::int64_t> local;
  for (const Column& c : t.columns()) {
    std::size_t width = 0;
    if (auto* s = std::get_if<StringColumn>(&c.data)) width = contributed ? s->max_length() : 0;
    local.push_back(static_cast<std::int64_t>(width));
  }
  return comm.max(local);
}

// The bytes of one element of a column: text takes its width over all ranks (at least 1).
std::size_t element_size(const Column& c, std::int64_t width) {
  return std::visit(
      [&](const auto& v) -> std::size_t {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, StringColumn>) {
          return static_cast<std::size_t>(std::max<std::int64_t>(width, 1));
        } else {
          return sizeof(typename V::value_type);
        }
      },
      c.data);
}

// Per column: the number of write rounds, the same on every rank. Collective.
std::vector<std::int64_t> write_rounds(const Table& t, const std::vector<std::int64_t>& widths,
                                       std::int64_t contributed, const Comm& comm) {
  std::vector<std::int64_t> local;
  for (std::size_t k = 0; k < t.columns().size(); ++k) {
    const Column& c = t.columns()[k];
    const std::uint64_t bytes =
        static_cast<std::uint64_t>(contributed) * element_size(c, widths[k]);
    const std::uint64_t slice =
        std::holds_alternative<StringColumn>(c.data) ? kStagingBytes : kMaxWriteBytes;
    local.push_back(
        static_cast<std::int64_t>(std::max<std::uint64_t>(1, (bytes + slice - 1) / slice)));
  }
  return comm.max(local);
}

// The transfer properties of a table's writes.
h5::PropList transfer_plist(const std::string& path, int compression_level) {
  h5::PropList dxpl = h5::make_plist(H5P_DATASET_XFER, path);
  h5::check(H5Pset_dxpl_mpio(dxpl.id(), H5FD_MPIO_COLLECTIVE), "H5Pset_dxpl_mpio", path);
  // Uncompressed datasets are contiguous, and each rank's block of rows is one
  // contiguous range of the file: two-phase collective buffering could only add a copy
  // through an aggregator and a synchronisation per column. The transfer stays
  // collective in HDF5; MPI-IO writes each rank's range directly. Chunked datasets keep
  // collective MPI-IO, which the parallel filter pipeline is built around.
  if (compression_level == 0)
    h5::check(H5Pset_dxpl_mpio_collective_opt(dxpl.id(), H5FD_MPIO_INDIVIDUAL_IO),
              "H5Pset_dxpl_mpio_collective_opt", path);
  return dxpl;
}

// A column's elements as HDF5 holds them: in the file and in memory, and their size.
struct ElementType {
  h5::Type text;  // owns the fixed-length string type of a text column
  hid_t file = H5I_INVALID_HID;
  hid_t memory = H5I_INVALID_HID;
  std::size_t size = 0;
  bool is_text = false;
};

ElementType element_type_of(const Column& c, std::size_t width, const std::string& dpath) {
  ElementType e;
  std::visit(
      [&](const auto& v) {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, StringColumn>) {
          e.text = h5::make_string_type(width, dpath);
          e.file = e.memory = e.text.id();
          e.size = width;
          e.is_text = true;
        } else {
          using T = typename V::value_type;
          e.file = file_type_of<T>();
          e.memory = memory_type_of<T>();
          e.size = sizeof(T);
        }
      },
      c.data);
  return e;
}

// How a dataset of n rows stores its values: as the fill value, as a view of another
// dataset, or as data of its own, chunked and compressed when asked.
h5::PropList creation_plist(const std::string& dpath, const Placement& place,
                            const ElementType& type, const h5::Space& space, hsize_t n,
                            int compression_level) {
  h5::PropList dcpl = h5::make_plist(H5P_DATASET_CREATE, dpath);
  if (place.kind == Placement::Kind::kFill) {
    // No mappings: every element reads as the fill value.
    h5::check(H5Pset_layout(dcpl.id(), H5D_VIRTUAL), "H5Pset_layout", dpath);
    h5::check(H5Pset_fill_value(dcpl.id(), type.memory, &place.fill), "H5Pset_fill_value", dpath);
  } else if (place.kind == Placement::Kind::kView) {
    // "." is this file, whatever its name becomes.
    h5::check(H5Pset_virtual(dcpl.id(), space.id(), ".", place.source.c_str(), space.id()),
              "H5Pset_virtual", dpath);
  } else if (compression_level > 0 && n > 0) {
    const hsize_t chunk[1] = {chunk_rows(n, type.size)};
    h5::check(H5Pset_chunk(dcpl.id(), 1, chunk), "H5Pset_chunk", dpath);
    if (type.size > 1 && !type.is_text)
      h5::check(H5Pset_shuffle(dcpl.id()), "H5Pset_shuffle", dpath);
    h5::check(H5Pset_deflate(dcpl.id(), static_cast<unsigned>(compression_level)), "H5Pset_deflate",
              dpath);
  }
  return dcpl;
}

// A column's dataset of n rows in group g, without its values.
h5::Dataset create_dataset(const h5::Group& g, const std::string& dpath, const std::string& name,
                           const Placement& place, const ElementType& type, hsize_t n,
                           int compression_level) {
  h5::Space space = h5::make_simple_space({n}, dpath);
  h5::PropList dcpl = creation_plist(dpath, place, type, space, n, compression_level);
  return h5::Dataset(h5::check(H5Dcreate2(g.id(), name.c_str(), type.file, space.id(), H5P_DEFAULT,
                                          dcpl.id(), H5P_DEFAULT),
                               "H5Dcreate2", dpath),
                     H5Dclose);
}

void write_column_attributes(const h5::Dataset& d, const std::string& dpath,
                             const ColumnInfo& info) {
  h5::write_attribute(d.id(), dpath, "units", info.unit);
  h5::write_attribute(d.id(), dpath, "description", info.description);
  if (!info.labels.empty()) {
    h5::write_attribute(d.id(), dpath, "labels", info.labels);
    h5::write_attribute(d.id(), dpath, "missing_code", std::uint8_t{255});
  }
}

// Rows [first, first + count) of a text column, NUL-padded to `width` bytes each, in
// the staging buffer.
const char* stage_text(const StringColumn& s, std::uint64_t first, std::uint64_t count,
                       std::size_t width, StagingBuffer& staging) {
  char* out = staging.at_least(count * width);
  std::memset(out, 0, count * width);
  for (std::uint64_t i = 0; i < count; ++i) {
    const std::string_view v = s[first + i];
    if (!v.empty()) std::memcpy(out + i * width, v.data(), v.size());
  }
  return out;
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

// This rank's rows of a column, in `rounds` slices (the same count on every rank):
// numbers straight from the column, text through the staging buffer. Collective.
void write_rows(const h5::Dataset& d, const std::string& dpath, const Column& c,
                const ElementType& type, const RowBlock& block, std::uint64_t rounds, hid_t dxpl,
                StagingBuffer& staging) {
  const auto* text = std::get_if<StringColumn>(&c.data);
  const char* numbers = text ? nullptr : static_cast<const char*>(numeric_bytes(c)->data);
  const std::uint64_t mine = static_cast<std::uint64_t>(block.count);
  const std::uint64_t per = (mine + rounds - 1) / rounds;
  for (std::uint64_t r = 0; r < rounds; ++r) {
    const std::uint64_t first = std::min(mine, r * per);
    const std::uint64_t count = std::min(mine, first + per) - first;
    const void* data = text ? stage_text(*text, first, count, type.size, staging)
                            : static_cast<const void*>(numbers + first * type.size);
    write_slice(d, dpath, type.memory, data, static_cast<hsize_t>(block.offset) + first, count,
                dxpl);
  }
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

struct ResultsWriter::TableLayout {
  RowBlock block;
  std::vector<std::int64_t> widths;  // per column: text width over all ranks (0: numbers)
  std::vector<std::int64_t> rounds;  // per column: write rounds, the same on every rank
  std::vector<Placement> placement;  // per column
};

ResultsWriter::ResultsWriter(const std::string& path, const Comm& comm, int compression_level,
                             Mode mode)
    : path_(path),
      comm_(comm),
      compression_level_(std::clamp(compression_level, 0, 9)),
      placement_(comm) {
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
  // Once the file exists: the writeback opens a descriptor of its own on it.
  writeback_.open(path_);
}

ResultsWriter::~ResultsWriter() {
  // After a failed HDF5 operation the ranks' HDF5 states may differ and a collective
  // close could hang: leave the file unclosed (it has no `complete` marker).
  if (failed_) h5::abandon_file(file_);
}

template <class F>
void ResultsWriter::agreed(F&& fn) {
  try {
    run_agreed(comm_, [&] {
      try {
        fn();
      } catch (const OutputError& e) {
        // Name the file, and say so when its disk is full.
        throw OutputError(path_ + ": " + e.what() + disk_full_note(path_));
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
  writeback_.start();
}

void ResultsWriter::write_small_table(const std::string& group, const Table& table) {
  require_open("write_small_table");
  write_columns(group, table, true, {}, Repeats::kWrite);
}

void ResultsWriter::hold_rows(const std::string& group, const Table& local_rows) {
  require_open("hold_rows");
  placement_.hold_rows(group, local_rows);
}

void ResultsWriter::require_same_columns(const std::string& group, const Table& t) {
  // The columns must be the same everywhere: each dataset is created collectively.
  agreed([&] {
    const std::string mine = schema_signature(t);
    if (comm_.bcast(mine) != mine)
      throw Error(ExitCode::kInternal, "results " + group + ": rank " +
                                           std::to_string(comm_.rank()) +
                                           " holds other columns than rank 0");
  });
}

ResultsWriter::TableLayout ResultsWriter::lay_out_table(const std::string& group, const Table& t,
                                                        bool root_only,
                                                        const std::vector<std::string>& skip,
                                                        Repeats repeats) {
  TableLayout layout;
  layout.block = block_of_rows(t, root_only, comm_);
  layout.widths = string_widths(t, layout.block.count, comm_);
  layout.rounds = write_rounds(t, layout.widths, layout.block.count, comm_);
  layout.placement.resize(t.columns().size());
  // With kView the numeric columns of a table of rows may be views, and those written
  // with their data are sources of later views.
  if (!root_only && layout.block.global_rows > 0 && repeats == Repeats::kView) {
    const StoredRowsCheck rows_equal = [&](const StoredDataset& s, const Column& c) {
      bool same = false;
      agreed([&] { same = rows_equal_stored(file_.id(), s, c, layout.block.offset, staging_); });
      return same;
    };
    layout.placement = placement_.place(group, t, skip, layout.block, rows_equal);
  }
  return layout;
}

std::uint64_t ResultsWriter::write_column(const h5::Group& g, const std::string& dpath,
                                          std::size_t k, const Column& c, const TableLayout& layout,
                                          hid_t dxpl) {
  const Placement& place = layout.placement[k];
  const ElementType type = element_type_of(c, element_size(c, layout.widths[k]), dpath);
  const auto n = static_cast<hsize_t>(layout.block.global_rows);
  h5::Dataset d = create_dataset(g, dpath, c.info.name, place, type, n, compression_level_);
  write_column_attributes(d, dpath, c.info);
  // A dataset with no rows, or a view, has nothing to write.
  if (n == 0 || place.kind != Placement::Kind::kData) {
    d.close("H5Dclose", dpath);
    return 0;
  }
  write_rows(d, dpath, c, type, layout.block, static_cast<std::uint64_t>(layout.rounds[k]), dxpl,
             staging_);
  d.close("H5Dclose", dpath);
  placement_.record_written(dpath, c, place, layout.block);
  return static_cast<std::uint64_t>(layout.block.count) * type.size;
}

void ResultsWriter::write_columns(const std::string& group, const Table& t, bool root_only,
                                  const std::vector<std::string>& skip, Repeats repeats) {
  require_same_columns(group, t);
  const TableLayout layout = lay_out_table(group, t, root_only, skip, repeats);
  h5::Group g;
  agreed([&] {
    g = h5::ensure_group(file_.id(), group);
    h5::write_attribute(g.id(), group, "num_rows", layout.block.global_rows);
  });
  const h5::PropList dxpl = transfer_plist(path_, compression_level_);
  std::uint64_t unsynced = 0;  // bytes this rank wrote since it last started a writeback
  for (std::size_t k = 0; k < t.columns().size(); ++k) {
    const Column& c = t.columns()[k];
    if (is_skipped(skip, c)) continue;
    const std::string dpath = join_path(group, c.info.name);
    agreed([&] {
      unsynced += write_column(g, dpath, k, c, layout, dxpl.id());
      // Within a large table too: the pages of its first columns, once on disk, take its
      // later ones.
      if (unsynced >= kWritebackBytes) {
        writeback_.start();
        unsynced = 0;
      }
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
  writeback_.join();
  agreed([&] { h5::check(H5Fflush(file_.id(), H5F_SCOPE_GLOBAL), "H5Fflush", path_); });
}

void ResultsWriter::remove(const std::string& group) {
  require_open("remove");
  agreed([&] {
    if (h5::link_exists(file_.id(), group))
      h5::check(H5Ldelete(file_.id(), group.c_str(), H5P_DEFAULT), "H5Ldelete", group);
  });
  placement_.forget(group);
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
  writeback_.join();
  // Everything else must be on disk before the marker that says the file is whole.
  agreed([&] { h5::check(H5Fflush(file_.id(), H5F_SCOPE_GLOBAL), "H5Fflush", path_); });
  write_attribute("/", "complete", std::int64_t{1});
  agreed([&] { file_.close("H5Fclose", path_); });
}

}  // namespace heatstreet
