#include "heatstreet/core/record_store.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <new>
#include <stdexcept>
#include <variant>

namespace heatstreet {

RowCodec::RowCodec(const Table& columns, const std::vector<std::string>& hidden)
    : template_(columns.empty_like()) {
  for (const Column& c : template_.columns()) {
    Col k;
    k.type = c.data.index();
    k.decoded = std::find(hidden.begin(), hidden.end(), c.info.name) == hidden.end();
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, StringColumn>) {
            k.offset = strings_++;
          } else {
            k.width = sizeof(typename V::value_type);
            k.offset = 4 + fixed_;
            fixed_ += k.width;
          }
        },
        c.data);
    cols_.push_back(k);
  }
  // Readers decode a record's strings into a fixed array of kMaxStrings views.
  if (strings_ > kMaxStrings) throw std::logic_error("record layout: too many string columns");
}

std::size_t RowCodec::column(std::string_view name) const {
  const auto& cs = template_.columns();
  for (std::size_t i = 0; i < cs.size(); ++i)
    if (cs[i].info.name == name) return i;
  throw std::logic_error("record layout has no column '" + std::string(name) + "'");
}

Table RowCodec::empty_table() const {
  Table t = template_.empty_like();
  for (std::size_t i = 0; i < cols_.size(); ++i)
    if (!cols_[i].decoded) t.remove(template_.columns()[i].info.name);
  return t;
}

const char* RowCodec::strings(const char* record, std::string_view* out) const {
  const char* p = record + strings_at();
  for (std::size_t j = 0; j < strings_; ++j) {
    const std::size_t n = read_varint(p);
    out[j] = std::string_view(p, n);
    p += n;
  }
  return p;
}

namespace {
// A string of the string section: its varint length, then its bytes.
void append_text(std::string& buf, std::string_view s) {
  std::size_t n = s.size();
  while (n >= 0x80) {
    buf.push_back(static_cast<char>((n & 0x7F) | 0x80));
    n >>= 7;
  }
  buf.push_back(static_cast<char>(n));
  buf.append(s.data(), s.size());
}
}  // namespace

void RowWriter::begin() {
  buf_.assign(codec_.strings_at(), '\0');
  next_ = 0;
}

void RowWriter::check(std::size_t width) {
  if (next_ >= codec_.cols().size() || codec_.cols()[next_].width != width)
    throw std::logic_error("record writer: value does not match column " + std::to_string(next_));
}

void RowWriter::put_str(std::string_view s) {
  check(0);
  append_text(buf_, s);
  ++next_;
}

void RowWriter::put_tail(const void* p, std::size_t n) {
  buf_.append(static_cast<const char*>(p), n);
}

std::string_view RowWriter::finish() {
  if (next_ != codec_.cols().size()) throw std::logic_error("record writer: columns missing");
  const auto len = static_cast<std::uint32_t>(buf_.size());
  std::memcpy(buf_.data(), &len, sizeof len);
  return buf_;
}

RecordFiller::RecordFiller(const RowCodec& codec) : codec_(codec), strings_(codec.num_strings()) {
  const std::size_t n = codec.cols().size();
  if (n > 64) throw std::logic_error("record filler: more than 64 columns");
  all_ = n == 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << n) - 1;
}

void RecordFiller::begin() {
  buf_.resize(codec_.strings_at());
  tail_.clear();
  filled_ = 0;
}

void RecordFiller::set_tail(const void* p, std::size_t n) {
  tail_.assign(static_cast<const char*>(p), n);
}

std::string_view RecordFiller::finish() {
  if (filled_ != all_) throw std::logic_error("record filler: a column was not set");
  for (std::string_view s : strings_) append_text(buf_, s);
  buf_.append(tail_);
  const auto len = static_cast<std::uint32_t>(buf_.size());
  std::memcpy(buf_.data(), &len, sizeof len);
  return buf_;
}

namespace {
std::size_t page_round(std::size_t n) {
  static const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  return (n + page - 1) / page * page;
}
}  // namespace

PageBuffer& PageBuffer::operator=(PageBuffer&& o) noexcept {
  if (this != &o) {
    release();
    p_ = o.p_;
    size_ = o.size_;
    cap_ = o.cap_;
    o.p_ = nullptr;
    o.size_ = o.cap_ = 0;
  }
  return *this;
}

void PageBuffer::reserve(std::size_t n) {
  if (n <= cap_) return;
  const std::size_t cap = page_round(n);
  void* q = p_ ? mremap(p_, cap_, cap, MREMAP_MAYMOVE)
               : mmap(nullptr, cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (q == MAP_FAILED) throw std::bad_alloc();
  p_ = static_cast<char*>(q);
  cap_ = cap;
}

void PageBuffer::append(const char* p, std::size_t n) {
  if (size_ + n > cap_) reserve(std::max(size_ + n, 2 * cap_));
  if (n) std::memcpy(p_ + size_, p, n);
  size_ += n;
}

void PageBuffer::shrink_to_fit() {
  const std::size_t cap = page_round(size_);
  if (cap == 0) {
    release();
  } else if (cap < cap_) {
    munmap(p_ + cap, cap_ - cap);
    cap_ = cap;
  }
}

void PageBuffer::release() {
  if (p_) munmap(p_, cap_);
  p_ = nullptr;
  size_ = cap_ = 0;
}

void RecordStore::append(std::string_view record) {
  if (chunks_.empty() ||
      chunks_.back().bytes.size() + record.size() > chunks_.back().bytes.capacity()) {
    seal();
    chunks_.emplace_back();
    chunks_.back().bytes.reserve(std::max(kChunkBytes, record.size()));
  }
  RecordChunk& c = chunks_.back();
  c.bytes.append(record.data(), record.size());
  ++c.rows;
  ++rows_;
}

void RecordStore::append_chunk(PageBuffer bytes, std::size_t rows) {
  if (!rows) return;
  seal();
  chunks_.push_back({std::move(bytes), rows});
  rows_ += rows;
}

void RecordStore::seal() {
  if (!chunks_.empty()) chunks_.back().bytes.shrink_to_fit();
}

void RecordStore::clear() {
  chunks_.clear();
  rows_ = 0;
}

void RecordStore::remove(const std::vector<std::uint64_t>& drop) {
  std::size_t next = 0;
  std::uint64_t index = 0;
  for (RecordChunk& c : chunks_) {
    if (next == drop.size() || drop[next] >= index + c.rows) {
      index += c.rows;
      continue;
    }
    PageBuffer kept;
    kept.reserve(c.bytes.size());
    std::size_t rows = 0;
    for (const char *p = c.bytes.data(), *e = p + c.bytes.size(); p < e; ++index) {
      const std::uint32_t n = record_length(p);
      if (next < drop.size() && drop[next] == index)
        ++next;
      else {
        kept.append(p, n);
        ++rows;
      }
      p += n;
    }
    kept.shrink_to_fit();
    rows_ -= c.rows - rows;
    c.bytes = std::move(kept);
    c.rows = rows;
  }
  chunks_.erase(std::remove_if(chunks_.begin(), chunks_.end(),
                               [](const RecordChunk& c) { return c.rows == 0; }),
                chunks_.end());
}

namespace {
// fn(codec column, that column's vector in `out`) for each decoded column, in order.
template <class F>
void for_each_decoded(const RowCodec& codec, Table& out, F&& fn) {
  std::size_t k = 0;
  auto& cols = out.columns();
  for (const RowCodec::Col& c : codec.cols()) {
    if (!c.decoded) continue;
    std::visit([&](auto& v) { fn(c, v); }, cols[k++].data);
  }
}
}  // namespace

void decode_record(const RowCodec& codec, const char* record, Table& out) {
  std::string_view strs[RowCodec::kMaxStrings];
  codec.strings(record, strs);
  for_each_decoded(codec, out, [&](const RowCodec::Col& c, auto& v) {
    using V = std::decay_t<decltype(v)>;
    if constexpr (std::is_same_v<V, StringColumn>) {
      v.push_back(strs[c.offset]);
    } else {
      v.push_back(RowCodec::load<typename V::value_type>(record, c.offset));
    }
  });
}

void reserve_for(const RowCodec& codec, const RecordStore& store, Table& out) {
  std::vector<std::size_t> bytes(codec.num_strings(), 0);
  std::string_view strs[RowCodec::kMaxStrings];
  store.for_each([&](const char* r) {
    codec.strings(r, strs);
    for (std::size_t j = 0; j < bytes.size(); ++j) bytes[j] += strs[j].size();
  });
  const std::size_t extra = store.rows();
  for_each_decoded(codec, out, [&](const RowCodec::Col& c, auto& v) {
    using V = std::decay_t<decltype(v)>;
    if constexpr (std::is_same_v<V, StringColumn>) {
      v.reserve(v.size() + extra, v.char_bytes() + bytes[c.offset]);
    } else {
      v.reserve(v.size() + extra);
    }
  });
}

void write_coordinates_tail(const Coordinates& c, char* out) {
  out[0] = 1;
  std::memcpy(out + 1, &c.latitude, sizeof(double));
  std::memcpy(out + 1 + sizeof(double), &c.longitude, sizeof(double));
}

Coordinates record_coordinates(const RowCodec& codec, const char* record) {
  std::string_view strs[RowCodec::kMaxStrings];
  const char* tail = codec.strings(record, strs);
  Coordinates c;
  if (tail < record + record_length(record) && *tail == 1) {
    std::memcpy(&c.latitude, tail + 1, sizeof(double));
    std::memcpy(&c.longitude, tail + 1 + sizeof(double), sizeof(double));
  }
  return c;
}

std::size_t count_records(const char* bytes, std::size_t size) {
  std::size_t rows = 0;
  for (const char *r = bytes, *e = r + size; r < e; r += record_length(r)) ++rows;
  return rows;
}

Table decode_all(const RowCodec& codec, RecordStore& store) {
  Table out = codec.empty_table();
  reserve_for(codec, store, out);
  auto& chunks = store.chunks();
  while (!chunks.empty()) {
    const RecordChunk& c = chunks.front();
    for (const char *r = c.bytes.data(), *e = r + c.bytes.size(); r < e; r += record_length(r))
      decode_record(codec, r, out);
    chunks.pop_front();
  }
  store.clear();
  return out;
}

}  // namespace heatstreet
