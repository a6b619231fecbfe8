#pragma once
// Rows of a table layout kept as compact byte records while a stage runs, so that a row
// costs about its text and values (no per-column offsets or growth slack) until its fate
// is known. A record is: u32 total length, the fixed-size columns at fixed offsets (table
// order), the string columns as varint length and bytes (table order), then an optional
// tail the codec does not interpret. Records live in a RecordStore of bounded pieces
// whose memory goes back to the system as pieces are dropped. Pure code.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "heatstreet/core/table.hpp"

namespace heatstreet {

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

// A string length of the string section (7 bits a byte, low first), advancing p past it.
inline std::size_t read_varint(const char*& p) {
  std::size_t v = 0;
  for (int shift = 0;; shift += 7) {
    const auto b = static_cast<unsigned char>(*p++);
    v |= static_cast<std::size_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return v;
  }
}

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

// Fills one record by column, in any order, each column once: for writers that name the
// column of each value instead of keeping to the layout's order. Strings are written in
// layout order when the record is finished, so their bytes must stay valid until then.
class RecordFiller {
 public:
  // Throws std::logic_error for a layout of more than 64 columns.
  explicit RecordFiller(const RowCodec& codec);
  void begin();
  template <class T>
  void set(std::size_t col, T v) {
    std::memcpy(buf_.data() + codec_.cols()[col].offset, &v, sizeof v);
    filled_ |= std::uint64_t(1) << col;
  }
  void set_str(std::size_t col, std::string_view s) {
    strings_[codec_.cols()[col].offset] = s;
    filled_ |= std::uint64_t(1) << col;
  }
  // Bytes after the columns (the tail), copied.
  void set_tail(const void* p, std::size_t n);
  // The finished record; throws std::logic_error when a column was not set.
  std::string_view finish();

 private:
  const RowCodec& codec_;
  std::string buf_;
  std::string tail_;
  std::vector<std::string_view> strings_;
  std::uint64_t filled_ = 0;
  std::uint64_t all_ = 0;
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

// The number of records in a piece of record bytes.
std::size_t count_records(const char* bytes, std::size_t size);

// Appends the decoded columns of one record to `out` (a codec.empty_table()).
void decode_record(const RowCodec& codec, const char* record, Table& out);
// Reserves `out` for exactly the given records appended (rows and string bytes).
void reserve_for(const RowCodec& codec, const RecordStore& store, Table& out);
// Decodes every record into a table of exact capacity, giving back each piece once read;
// the store is left empty.
Table decode_all(const RowCodec& codec, RecordStore& store);

// A record tail of coordinates: 0 (or none), or 1 followed by latitude and longitude
// (doubles). Rows without coordinates pay at most one byte.
struct Coordinates {
  double latitude = NAN, longitude = NAN;
};
inline constexpr std::size_t kCoordinatesTailBytes = 1 + 2 * sizeof(double);
// Writes the tail of known coordinates into `out` (kCoordinatesTailBytes).
void write_coordinates_tail(const Coordinates& c, char* out);
Coordinates record_coordinates(const RowCodec& codec, const char* record);

}  // namespace heatstreet
