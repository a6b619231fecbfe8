#pragma once
// Turns scanned records into the dwelling table: parse, select the stock, validate,
// classify, and record every rejected row; then choose the latest certificate per
// dwelling. Pure code (the MPI stage in ingest.hpp moves the rows between ranks).
#include <cmath>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "heatstreet/config/config.hpp"
#include "heatstreet/core/table.hpp"
#include "heatstreet/core/text_memo.hpp"
#include "heatstreet/ingest/classify.hpp"
#include "heatstreet/ingest/csv_scanner.hpp"
#include "heatstreet/ingest/register_layout.hpp"
#include "heatstreet/ingest/selection_rules.hpp"

namespace heatstreet::ingest {

// Stage counters, in report order (docs/ingest.md explains each).
enum Counter : int {
  kRowsRead,
  kMalformedRows,
  kExcludedSampleWindow,
  kExcludedLocalAuthority,
  kExcludedPropertyType,
  kExcludedBuiltForm,
  kExcludedAgeBand,
  kValidated,
  kImplausibleFloorAreas,
  kNegativeEnergyValues,
  kEnergyValuesClamped,
  kEnergyValuesDropped,
  kNegativeCo2Values,
  kCo2ValuesClamped,
  kCo2ValuesDropped,
  kInconsistentBuiltForm,
  kMissingCriticalFields,
  kConstructionDateMismatches,
  kIllogicalInsulation,
  kHeatingControlsConflicts,
  kRecordsPassed,
  kDuplicatesRemoved,
  kKept,
  kLocatedByPostcode,
  kLocatedByCoordinates,
  kUnlocated,
  kCoordinatesOutsideGrid,
  kNumCounters
};
const std::vector<std::string>& counter_names();

// Internal columns carried through the stage and removed before it returns.
namespace hidden {
inline constexpr const char* kInspectionDate = "_inspection_date";  // int32, kNoDate if none
inline constexpr const char* kDedupKey = "_dedup_key";              // string, "" = no key
inline constexpr const char* kLatitude = "_latitude";               // double WGS84, NaN none
inline constexpr const char* kLongitude = "_longitude";
}  // namespace hidden
inline constexpr std::int32_t kNoDate = INT32_MIN;


// Empty tables with every column, unit, description and code labels set.
Table make_dwelling_table();
Table make_reject_table();  // source_file, source_line, certificate_number, reason

// Rows of a table layout kept as compact byte records while the stage runs, so that a
// certificate costs about its text and values (no per-column offsets or growth slack)
// until its fate is known. A record is: u32 total length, the fixed-size columns at fixed
// offsets (table order), the string columns as varint length and bytes (table order),
// then an optional tail the codec does not interpret.
class RowCodec {
 public:
  // `columns` is the layout; `hidden` names columns stored but not decoded into tables.
  // Throws std::logic_error for a layout of more than kMaxStrings string columns.
  RowCodec(const Table& columns, const std::vector<std::string>& hidden = {});
  static constexpr std::size_t kMaxStrings = 64;
  struct Col {
    std::size_t type = 0;    // ColumnData variant index
    std::size_t width = 0;   // bytes of a fixed-size value, 0 for strings
    std::size_t offset = 0;  // fixed-size: byte offset in the record; string: its ordinal
    bool decoded = true;
  };
  const std::vector<Col>& cols() const { return cols_; }
  std::size_t column(std::string_view name) const;  // index in the layout
  std::size_t fixed_bytes() const { return fixed_; }
  std::size_t num_strings() const { return strings_; }
  // An empty table with the decoded columns.
  Table empty_table() const;
  // Start of the string section of a record.
  std::size_t strings_at() const { return 4 + fixed_; }

  template <class T>
  static T load(const char* record, std::size_t offset) {
    T v;
    std::memcpy(&v, record + offset, sizeof v);
    return v;
  }
  template <class T>
  T get(const char* record, std::size_t col) const {
    return load<T>(record, cols_[col].offset);
  }
  template <class T>
  void set(char* record, std::size_t col, T v) const {
    std::memcpy(record + cols_[col].offset, &v, sizeof v);
  }
  // The string columns of a record, in layout order; returns the end of the section.
  const char* strings(const char* record, std::string_view* out) const;

 private:
  Table template_;
  std::vector<Col> cols_;
  std::size_t fixed_ = 0;
  std::size_t strings_ = 0;
};

// Appends one record column by column, in layout order.
class RowWriter {
 public:
  explicit RowWriter(const RowCodec& codec) : codec_(codec) {}
  void begin();
  template <class T>
  void put(T v) {
    check(sizeof(T));
    std::memcpy(buf_.data() + codec_.cols()[next_].offset, &v, sizeof v);
    ++next_;
  }
  void put_str(std::string_view s);
  // Bytes after the columns (the tail).
  void put_tail(const void* p, std::size_t n);
  // The finished record.
  std::string_view finish();

 private:
  void check(std::size_t width);
  const RowCodec& codec_;
  std::string buf_;
  std::size_t next_ = 0;
};

inline std::uint32_t record_length(const char* record) {
  return RowCodec::load<std::uint32_t>(record, 0);
}

// A byte buffer in pages of its own: memory it gives back returns to the system at once,
// instead of staying in the heap as holes the growing result tables could not use.
class PageBuffer {
 public:
  PageBuffer() = default;
  PageBuffer(const char* p, std::size_t n) { append(p, n); }
  ~PageBuffer() { release(); }
  PageBuffer(PageBuffer&& o) noexcept : p_(o.p_), size_(o.size_), cap_(o.cap_) {
    o.p_ = nullptr;
    o.size_ = o.cap_ = 0;
  }
  PageBuffer& operator=(PageBuffer&& o) noexcept;
  PageBuffer(const PageBuffer&) = delete;
  PageBuffer& operator=(const PageBuffer&) = delete;
  char* data() { return p_; }
  const char* data() const { return p_; }
  std::size_t size() const { return size_; }
  std::size_t capacity() const { return cap_; }
  void reserve(std::size_t n);
  void append(const char* p, std::size_t n);
  void shrink_to_fit();
  void release();

 private:
  char* p_ = nullptr;
  std::size_t size_ = 0, cap_ = 0;
};

// Records in bounded pieces, in order; memory of a piece is given back as it is dropped.
struct RecordChunk {
  PageBuffer bytes;
  std::size_t rows = 0;
};
class RecordStore {
 public:
  static constexpr std::size_t kChunkBytes = std::size_t(1) << 20;
  void append(std::string_view record);
  // Appends a whole piece of records (as received from another rank).
  void append_chunk(PageBuffer bytes, std::size_t rows);
  std::size_t rows() const { return rows_; }
  std::deque<RecordChunk>& chunks() { return chunks_; }
  const std::deque<RecordChunk>& chunks() const { return chunks_; }
  // Calls fn(record) for each record in order; fn may change fixed-size values.
  template <class F>
  void for_each(F&& fn) {
    for (RecordChunk& c : chunks_)
      for (char *p = c.bytes.data(), *e = p + c.bytes.size(); p < e; p += record_length(p)) fn(p);
  }
  template <class F>
  void for_each(F&& fn) const {
    for (const RecordChunk& c : chunks_)
      for (const char *p = c.bytes.data(), *e = p + c.bytes.size(); p < e; p += record_length(p))
        fn(p);
  }
  // Keeps the records whose index is not in `drop` (ascending), chunk by chunk.
  void remove(const std::vector<std::uint64_t>& drop);
  // Trims the last piece to its size.
  void seal();
  void clear();

 private:
  std::deque<RecordChunk> chunks_;
  std::size_t rows_ = 0;
};

// Appends the decoded columns of one record to `out` (a codec.empty_table()).
void decode_record(const RowCodec& codec, const char* record, Table& out);
// Reserves `out` for exactly the given records appended (rows and string bytes).
void reserve_for(const RowCodec& codec, const RecordStore& store, Table& out);

class CertificateBuilder {
 public:
  explicit CertificateBuilder(const Config& cfg);

  // Starts a file: reads its header (throws InputError naming the file and column).
  void begin_file(std::int32_t file_index, const std::string& display_name,
                  const std::vector<std::string_view>& header);
  // One data record of the current file.
  void add(const csv::Record& record);

  // The kept rows and the rejects as tables (decoded from the records; for tests and
  // single-process use: the MPI stage works on the records).
  Table& dwellings();
  Table& rejects() { return rejects_; }
  // Records of the kept rows, layout dwelling_codec(): the dwelling table's columns
  // without the hidden dedup key and coordinates, which are derived or in the tail.
  RecordStore& records() { return records_; }
  const RecordStore& records() const { return records_; }
  const RowCodec& codec() const { return codec_; }
  // Whether the file with this index had a UPRN column (for dedup_key).
  bool file_has_uprn(std::int32_t file) const {
    return file >= 0 && static_cast<std::size_t>(file) < file_uprn_.size() && file_uprn_[file];
  }
  std::vector<std::int64_t>& counters() { return counters_; }
  // Whether any file read so far had a UPRN column.
  bool saw_uprn_column() const { return saw_uprn_; }

 private:
  void reject(const csv::Record& record, std::string_view certificate, epc::Reason reason);

  Methodology m_;
  epc::StockSelector selector_;
  epc::Validator validator_;
  RowCodec codec_;
  RowWriter writer_;
  RecordStore records_;
  Table dwellings_;
  std::size_t decoded_rows_ = SIZE_MAX;
  std::vector<char> file_uprn_;
  Table rejects_;
  std::vector<std::int64_t> counters_;
  std::int32_t file_index_ = -1;
  std::string file_name_;
  epc::FileSchema schema_;
  epc::Certificate cert_;
  // Each descriptor classified once per distinct wording (text_memo.hpp).
  TextMemo<std::uint8_t> heating_memo_, glazing_memo_, ventilation_memo_, tenure_memo_,
      roof_text_memo_, hot_water_memo_;
  TextMemo<epc::WallClass> walls_memo_;
  TextMemo<epc::RoofClass> roof_memo_;
  TextMemo<epc::FloorClass> floor_memo_;
  TextMemo<epc::ControlsClass> controls_memo_;
  bool saw_uprn_ = false;
};

// The tail of a dwelling record: 0, or 1 followed by latitude and longitude (doubles).
// Coordinates are rare in the register's bulk files, so rows without them pay one byte.
struct Coordinates {
  double latitude = NAN, longitude = NAN;
};
Coordinates record_coordinates(const RowCodec& codec, const char* record);

// The key that groups certificates of one dwelling: the UPRN; without one, documented
// mode uses the normalised address and postcode (no key when both are blank) and python
// mode reproduces the predecessor, which groups every UPRN-less row together.
std::string dedup_key(std::int64_t uprn, std::string_view address, std::string_view postcode,
                      bool file_has_uprn, Methodology m);

// Latest certificate per dedup key among the rows of `t` (spec §3.3 path B: lodgement
// date, inspection date, certificate number, all descending with nulls last, then the
// earliest source position). Rows without a key are all kept. Fills the kept and the
// dropped row indices, each in ascending order.
void choose_latest(const Table& t, std::vector<std::size_t>& keep,
                   std::vector<std::size_t>& dropped);

}  // namespace heatstreet::ingest
