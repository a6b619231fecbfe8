#pragma once
// An RFC 4180 CSV scanner driven by one small state machine, so that a file can be cut
// into byte ranges, each range scanned on its own, and the pieces put back together
// exactly as a single sequential scan would have read them (docs/ingest.md, "Byte
// ranges"). Pure code: no I/O, no MPI.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace heatstreet::csv {

// The scanner's state before a byte. kRowStart and kAfterCr are "between rows".
enum class State : std::uint8_t {
  kRowStart = 0,       // nothing of a row read yet
  kFieldStart = 1,     // just after a separating comma
  kUnquoted = 2,       // inside an unquoted field
  kQuoted = 3,         // inside a quoted field
  kQuoteInQuoted = 4,  // a quote seen inside a quoted field: closing, or the first of a pair
  kAfterCr = 5,        // just after a CR that ended a row: a following LF belongs to it
};
inline constexpr int kNumStates = 6;

// The state after consuming byte c in state s.
State step(State s, char c);
inline bool between_rows(State s) { return s == State::kRowStart || s == State::kAfterCr; }

// For a stretch of bytes, the state it ends in for every state it may start in. Maps
// compose, so the state at any offset follows from the maps of the stretches before it.
struct StateMap {
  std::array<std::uint8_t, kNumStates> to{0, 1, 2, 3, 4, 5};
  State apply(State s) const { return static_cast<State>(to[static_cast<int>(s)]); }
  // This stretch followed by `next`.
  StateMap then(const StateMap& next) const;
};

// Runs the state machine for all start states at once over successive blocks, and
// counts line feeds (physical lines).
class StateMapBuilder {
 public:
  void feed(const char* p, std::size_t n);
  StateMap map() const;
  std::int64_t line_feeds() const { return line_feeds_; }

 private:
  std::array<std::uint8_t, kNumStates> current_{0, 1, 2, 3, 4, 5};
  std::int64_t line_feeds_ = 0;
};

// One record: its fields (views into the reader's buffer, valid until the next call),
// the byte offset and physical line (1-based) where it starts, and what went wrong.
struct Record {
  std::vector<std::string_view> fields;
  std::int64_t offset = 0;
  std::int64_t line = 0;
  bool unterminated = false;  // end of input inside a quoted field
  bool too_long = false;      // longer than the reader's limit; fields truncated
};

// Streams records out of successive blocks. Starting in a state other than "between
// rows" means the first bytes finish a record that began earlier: that tail is reported
// with `offset` = -1 so a range reader can drop it.
class RecordReader {
 public:
  RecordReader(State initial, std::int64_t base_offset, std::int64_t base_line,
               std::size_t max_record_bytes = std::size_t(1) << 20);

  // Consumes bytes and calls on_record(const Record&) for each complete record; a
  // callback returning false stops the reader (feed then returns false).
  template <class F>
  bool feed(const char* p, std::size_t n, F&& on_record);
  // End of input: reports the record in progress, if any.
  template <class F>
  void finish(F&& on_record);
  // Offset of the next byte to be consumed.
  std::int64_t position() const { return pos_; }
  // Stops feeding (feed returns false) before any record that would start at or after
  // `offset`: a range reader needs nothing beyond the last record it owns.
  void stop_before(std::int64_t offset) { stop_at_ = offset; }
  State state() const { return state_; }

 private:
  void begin_record();
  void end_field();
  void append(char c) {
    if (buffer_.size() < max_bytes_)
      buffer_.push_back(c);
    else
      record_.too_long = true;
  }
  // append() of each of n bytes, in one step.
  void append(const char* p, std::size_t n) {
    const std::size_t room = buffer_.size() < max_bytes_ ? max_bytes_ - buffer_.size() : 0;
    buffer_.append(p, n < room ? n : room);
    if (n > room) record_.too_long = true;
  }
  // Length of the run of bytes from p (at most n) that no state of the machine treats
  // specially: most of a field's text, copied in one step instead of byte by byte.
  static std::size_t plain_run(const char* p, std::size_t n, bool quoted) {
    std::size_t k = 0;
    if (quoted) {
      while (k < n && p[k] != '"' && p[k] != '\n') ++k;
    } else {
      while (k < n && p[k] != ',' && p[k] != '"' && p[k] != '\n' && p[k] != '\r') ++k;
    }
    return k;
  }
  void build_views();
  // One byte (and, for plain text, the run after it) in each group of states; false
  // when the reader stops.
  bool between_rows_byte(char c);
  template <class F>
  bool field_byte(const char* p, std::size_t n, std::size_t& i, F& on_record);
  void quoted_byte(const char* p, std::size_t n, std::size_t& i);
  // The byte at i and the plain run after it, appended; i and the position move to its end.
  void take_plain_run(const char* p, std::size_t n, std::size_t& i, bool quoted);

  State state_;
  std::int64_t pos_;
  std::int64_t line_;
  std::size_t max_bytes_;
  std::int64_t stop_at_ = INT64_MAX;
  bool in_record_ = false;
  std::string buffer_;
  std::vector<std::size_t> ends_;
  Record record_;
};

// Splits a whole in-memory text at the given offsets and reads each piece the way a
// range reader does (state from the composed maps of the pieces before it; rows owned by
// the piece they start in). Used by tests to check the boundary rule; the result must
// equal reading the text in one piece.
std::vector<std::vector<std::string>> read_split(std::string_view text,
                                                 const std::vector<std::size_t>& cuts,
                                                 std::vector<std::int64_t>* lines = nullptr);

// --- template definitions ----------------------------------------------------------

template <class F>
bool RecordReader::feed(const char* p, std::size_t n, F&& on_record) {
  for (std::size_t i = 0; i < n; ++i, ++pos_) {
    switch (state_) {
      case State::kRowStart:
      case State::kAfterCr:
        if (!between_rows_byte(p[i])) return false;
        continue;
      case State::kFieldStart:
      case State::kUnquoted:
      case State::kQuoteInQuoted:
        if (!field_byte(p, n, i, on_record)) return false;
        continue;
      case State::kQuoted:
        quoted_byte(p, n, i);
        continue;
    }
  }
  return true;
}

inline bool RecordReader::between_rows_byte(char c) {
  if (c == '\n') {
    ++line_;
    state_ = State::kRowStart;
    return true;
  }
  if (c == '\r') {
    state_ = State::kAfterCr;
    return true;
  }
  if (pos_ >= stop_at_) return false;
  begin_record();
  if (c == '"') {
    state_ = State::kQuoted;
  } else if (c == ',') {
    end_field();
    state_ = State::kFieldStart;
  } else {
    append(c);
    state_ = State::kUnquoted;
  }
  return true;
}

template <class F>
bool RecordReader::field_byte(const char* p, std::size_t n, std::size_t& i, F& on_record) {
  const char c = p[i];
  if (c == ',') {
    end_field();
    state_ = State::kFieldStart;
  } else if (c == '\n' || c == '\r') {
    end_field();
    build_views();
    in_record_ = false;
    const bool more = on_record(static_cast<const Record&>(record_));
    if (c == '\n') {
      ++line_;
      state_ = State::kRowStart;
    } else {
      state_ = State::kAfterCr;
    }
    if (!more) {
      ++pos_;
      return false;
    }
  } else if (c == '"') {
    if (state_ == State::kFieldStart)
      state_ = State::kQuoted;
    else if (state_ == State::kQuoteInQuoted) {
      append('"');
      state_ = State::kQuoted;
    } else
      append('"');  // a stray quote inside an unquoted field is kept as text
  } else {
    // This byte and the plain bytes after it in this block.
    take_plain_run(p, n, i, false);
    state_ = State::kUnquoted;
  }
  return true;
}

inline void RecordReader::quoted_byte(const char* p, std::size_t n, std::size_t& i) {
  const char c = p[i];
  if (c == '"') {
    state_ = State::kQuoteInQuoted;
  } else if (c == '\n') {
    ++line_;
    append(c);
  } else {
    take_plain_run(p, n, i, true);
  }
}

inline void RecordReader::take_plain_run(const char* p, std::size_t n, std::size_t& i,
                                         bool quoted) {
  const std::size_t k = 1 + plain_run(p + i + 1, n - i - 1, quoted);
  append(p + i, k);
  i += k - 1;
  pos_ += static_cast<std::int64_t>(k - 1);
}

template <class F>
void RecordReader::finish(F&& on_record) {
  if (!in_record_) return;
  if (state_ == State::kQuoted) record_.unterminated = true;
  end_field();
  build_views();
  in_record_ = false;
  on_record(static_cast<const Record&>(record_));
  state_ = State::kRowStart;
}

}  // namespace heatstreet::csv
