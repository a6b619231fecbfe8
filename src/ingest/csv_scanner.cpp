#include "heatstreet/ingest/csv_scanner.hpp"

#include <algorithm>

namespace heatstreet::csv {
namespace {

// next[state][byte]: the whole machine as a table, so the range pre-pass is one lookup
// per byte and per live start state.
struct Table {
  std::array<std::array<std::uint8_t, 256>, kNumStates> next{};
  Table() {
    for (int s = 0; s < kNumStates; ++s) {
      for (int b = 0; b < 256; ++b) {
        const char c = static_cast<char>(b);
        State r;
        switch (static_cast<State>(s)) {
          case State::kRowStart:
          case State::kAfterCr:
          case State::kFieldStart:
            r = c == '"'    ? State::kQuoted
                : c == ','  ? State::kFieldStart
                : c == '\r' ? State::kAfterCr
                : c == '\n' ? State::kRowStart
                            : State::kUnquoted;
            break;
          case State::kUnquoted:
          case State::kQuoteInQuoted:
            r = c == '"'
                    ? (s == static_cast<int>(State::kUnquoted) ? State::kUnquoted : State::kQuoted)
                : c == ','  ? State::kFieldStart
                : c == '\r' ? State::kAfterCr
                : c == '\n' ? State::kRowStart
                            : State::kUnquoted;
            break;
          case State::kQuoted:
          default:
            r = c == '"' ? State::kQuoteInQuoted : State::kQuoted;
            break;
        }
        next[s][b] = static_cast<std::uint8_t>(r);
      }
    }
  }
};

const Table& table() {
  static const Table t;
  return t;
}

}  // namespace

State step(State s, char c) {
  return static_cast<State>(table().next[static_cast<int>(s)][static_cast<unsigned char>(c)]);
}

StateMap StateMap::then(const StateMap& next) const {
  StateMap out;
  for (int s = 0; s < kNumStates; ++s) out.to[s] = next.to[to[s]];
  return out;
}

void StateMapBuilder::feed(const char* p, std::size_t n) {
  const auto& t = table().next;
  // Start states usually merge within a few bytes; run only the distinct ones.
  std::array<std::uint8_t, kNumStates> distinct{};
  std::array<std::uint8_t, kNumStates> slot{};
  int k = 0;
  for (int s = 0; s < kNumStates; ++s) {
    int j = 0;
    while (j < k && distinct[j] != current_[s]) ++j;
    if (j == k) distinct[k++] = current_[s];
    slot[s] = static_cast<std::uint8_t>(j);
  }
  std::size_t i = 0;
  while (i < n) {
    const std::size_t stop = std::min(n, i + 4096);
    for (; i < stop; ++i) {
      const unsigned char b = static_cast<unsigned char>(p[i]);
      if (b == '\n') ++line_feeds_;
      for (int j = 0; j < k; ++j) distinct[j] = t[distinct[j]][b];
    }
    // Merge start states that have reached the same state.
    std::array<std::uint8_t, kNumStates> remap{};
    int k2 = 0;
    std::array<std::uint8_t, kNumStates> merged{};
    for (int j = 0; j < k; ++j) {
      int m = 0;
      while (m < k2 && merged[m] != distinct[j]) ++m;
      if (m == k2) merged[k2++] = distinct[j];
      remap[j] = static_cast<std::uint8_t>(m);
    }
    for (int s = 0; s < kNumStates; ++s) slot[s] = remap[slot[s]];
    distinct = merged;
    k = k2;
  }
  for (int s = 0; s < kNumStates; ++s) current_[s] = distinct[slot[s]];
}

StateMap StateMapBuilder::map() const {
  StateMap m;
  m.to = current_;
  return m;
}

RecordReader::RecordReader(State initial, std::int64_t base_offset, std::int64_t base_line,
                           std::size_t max_record_bytes)
    : state_(initial), pos_(base_offset), line_(base_line), max_bytes_(max_record_bytes) {
  if (!between_rows(initial)) {
    // The tail of a record that started before this range.
    in_record_ = true;
    record_.offset = -1;
    record_.line = -1;
  }
}

void RecordReader::begin_record() {
  in_record_ = true;
  buffer_.clear();
  ends_.clear();
  record_.offset = pos_;
  record_.line = line_;
  record_.unterminated = false;
  record_.too_long = false;
}

void RecordReader::end_field() { ends_.push_back(buffer_.size()); }

void RecordReader::build_views() {
  record_.fields.clear();
  std::size_t b = 0;
  for (std::size_t e : ends_) {
    record_.fields.emplace_back(buffer_.data() + b, e - b);
    b = e;
  }
  ends_.clear();
}

std::vector<std::vector<std::string>> read_split(std::string_view text,
                                                 const std::vector<std::size_t>& cuts,
                                                 std::vector<std::int64_t>* lines) {
  std::vector<std::size_t> bounds{0};
  for (std::size_t c : cuts)
    if (c > bounds.back() && c < text.size()) bounds.push_back(c);
  bounds.push_back(text.size());

  // Pre-pass: every range's map and line-feed count, as each range owner computes them.
  std::vector<StateMap> maps;
  std::vector<std::int64_t> feeds;
  for (std::size_t r = 0; r + 1 < bounds.size(); ++r) {
    StateMapBuilder b;
    b.feed(text.data() + bounds[r], bounds[r + 1] - bounds[r]);
    maps.push_back(b.map());
    feeds.push_back(b.line_feeds());
  }

  std::vector<std::vector<std::string>> rows;
  State start = State::kRowStart;
  std::int64_t line = 1;
  for (std::size_t r = 0; r + 1 < bounds.size(); ++r) {
    const auto begin = static_cast<std::int64_t>(bounds[r]);
    const auto end = static_cast<std::int64_t>(bounds[r + 1]);
    RecordReader reader(start, begin, line);
    reader.stop_before(end);
    auto take = [&](const Record& rec) {
      if (rec.offset < 0) return true;      // started in an earlier range
      if (rec.offset >= end) return false;  // belongs to a later range
      std::vector<std::string> f(rec.fields.begin(), rec.fields.end());
      if (rec.unterminated) f.insert(f.begin(), "<unterminated>");
      rows.push_back(std::move(f));
      if (lines) lines->push_back(rec.line);
      return true;
    };
    // Read this range, then on past its end until the record in progress is complete.
    bool more = reader.feed(text.data() + begin, static_cast<std::size_t>(end - begin), take);
    if (more)
      more = reader.feed(text.data() + end, text.size() - static_cast<std::size_t>(end), take);
    if (more) reader.finish(take);
    start = maps[r].apply(start);
    line += feeds[r];
  }
  return rows;
}

}  // namespace heatstreet::csv
