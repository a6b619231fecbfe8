// Compact byte records: the codec's layout, writing and decoding every
// column type (awkward values included), hidden columns and tails, the record store's
// pieces, removal and exact reservation, page buffers and record coordinates. Expected
// values come from the layout rules of record_store.hpp worked out by hand, never
// from the code under test.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "heatstreet/core/record_store.hpp"

using namespace heatstreet;

namespace {

const std::size_t kPage = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));

// Every ColumnData type, a hidden string between decoded ones and a hidden fixed column.
Table all_types_layout() {
  Table t;
  t.add<std::int8_t>({"i8", "", "", {}});
  t.add<std::uint8_t>({"u8", "", "", {}});
  t.add_strings({"s1", "", "", {}});
  t.add<std::int32_t>({"i32", "", "", {}});
  t.add<std::int64_t>({"i64", "", "", {}});
  t.add_strings({"s2", "", "", {}});
  t.add<float>({"f", "", "", {}});
  t.add<double>({"d", "", "", {}});
  t.add_strings({"hs", "", "", {}});
  t.add<std::int32_t>({"hi", "", "", {}});
  t.add_strings({"s3", "", "", {}});
  return t;
}
const std::vector<std::string> kHidden{"hs", "hi"};

struct Row {
  std::int8_t i8 = 0;
  std::uint8_t u8 = 0;
  std::string s1;
  std::int32_t i32 = 0;
  std::int64_t i64 = 0;
  std::string s2;
  float f = 0;
  double d = 0;
  std::string hs;
  std::int32_t hi = 0;
  std::string s3;
  std::string tail;
};

std::string write(RowWriter& w, const Row& r) {
  w.begin();
  w.put(r.i8);
  w.put(r.u8);
  w.put_str(r.s1);
  w.put(r.i32);
  w.put(r.i64);
  w.put_str(r.s2);
  w.put(r.f);
  w.put(r.d);
  w.put_str(r.hs);
  w.put(r.hi);
  w.put_str(r.s3);
  if (!r.tail.empty()) w.put_tail(r.tail.data(), r.tail.size());
  return std::string(w.finish());
}

std::size_t varint_bytes(std::size_t n) {
  if (n < 128) return 1;
  if (n < 16384) return 2;
  if (n < (std::size_t(1) << 21)) return 3;
  return 4;
}

std::uint64_t bits(double v) {
  std::uint64_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}
std::uint32_t bits(float v) {
  std::uint32_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}
double from_bits(std::uint64_t b) {
  double v;
  std::memcpy(&v, &b, sizeof v);
  return v;
}

// Text of length n that cycles through every byte value, NUL and line breaks included.
std::string all_bytes(std::size_t n, unsigned seed) {
  std::string s(n, '\0');
  for (std::size_t k = 0; k < n; ++k) s[k] = static_cast<char>((k * 7 + seed) & 0xFF);
  return s;
}

std::vector<Row> awkward_rows() {
  std::vector<Row> rows(4);
  rows[0] = {std::numeric_limits<std::int8_t>::min(),
             255,
             "",
             std::numeric_limits<std::int32_t>::min(),
             std::numeric_limits<std::int64_t>::min(),
             "a,b,,c",
             -0.0f,
             -0.0,
             "hidden",
             7,
             "x",
             ""};
  rows[1] = {std::numeric_limits<std::int8_t>::max(),
             0,
             "say \"hi\", \"\"ok\"\"",
             std::numeric_limits<std::int32_t>::max(),
             std::numeric_limits<std::int64_t>::max(),
             std::string("nul\0mid\0", 8),
             std::numeric_limits<float>::quiet_NaN(),
             from_bits(0x7FF8000000000123ULL),
             "",
             -1,
             "line1\nline2\r\nline3\r",
             std::string("\0\1\2", 3)};
  rows[2] = {-1,
             128,
             std::string(127, 'p'),
             0,
             -1,
             std::string(128, 'q'),
             std::numeric_limits<float>::infinity(),
             -std::numeric_limits<double>::infinity(),
             std::string(16383, 'h'),
             0,
             std::string(16384, 'r'),
             ""};
  rows[3] = {0,
             1,
             all_bytes(100000, 3),
             123456789,
             1LL << 53,
             "",
             std::numeric_limits<float>::max(),
             std::numeric_limits<double>::denorm_min(),
             all_bytes(300, 9),
             42,
             all_bytes(16385, 1),
             all_bytes(1000, 5)};
  return rows;
}

void expect_decoded(const Table& t, std::size_t i, const Row& r) {
  SCOPED_TRACE("row " + std::to_string(i));
  EXPECT_EQ(t.get<std::int8_t>("i8")[i], r.i8);
  EXPECT_EQ(t.get<std::uint8_t>("u8")[i], r.u8);
  EXPECT_EQ(t.strings("s1")[i], r.s1);
  EXPECT_EQ(t.get<std::int32_t>("i32")[i], r.i32);
  EXPECT_EQ(t.get<std::int64_t>("i64")[i], r.i64);
  EXPECT_EQ(t.strings("s2")[i], r.s2);
  // Bit patterns: NaN payloads and the sign of zero must survive.
  EXPECT_EQ(bits(t.get<float>("f")[i]), bits(r.f));
  EXPECT_EQ(bits(t.get<double>("d")[i]), bits(r.d));
  EXPECT_EQ(t.strings("s3")[i], r.s3);
}

}  // namespace

TEST(RowCodec, LayoutPlacesFixedColumnsInOrderAndCountsStrings) {
  const RowCodec codec(all_types_layout(), kHidden);
  const auto& c = codec.cols();
  ASSERT_EQ(c.size(), 11u);
  // Variant indices of ColumnData: int8 0, uint8 1, int32 2, int64 3, float 4, double 5, strings 6.
  const std::size_t type[] = {0, 1, 6, 2, 3, 6, 4, 5, 6, 2, 6};
  const std::size_t width[] = {1, 1, 0, 4, 8, 0, 4, 8, 0, 4, 0};
  // Fixed: byte offset after the u32 length; strings: ordinal.
  const std::size_t offset[] = {4, 5, 0, 6, 10, 1, 18, 22, 2, 30, 3};
  const bool decoded[] = {true, true, true, true, true, true, true, true, false, false, true};
  for (std::size_t i = 0; i < c.size(); ++i) {
    SCOPED_TRACE("column " + std::to_string(i));
    EXPECT_EQ(c[i].type, type[i]);
    EXPECT_EQ(c[i].width, width[i]);
    EXPECT_EQ(c[i].offset, offset[i]);
    EXPECT_EQ(c[i].decoded, decoded[i]);
  }
  EXPECT_EQ(codec.fixed_bytes(), 30u);
  EXPECT_EQ(codec.strings_at(), 34u);
  EXPECT_EQ(codec.num_strings(), 4u);
  EXPECT_EQ(codec.column("i8"), 0u);
  EXPECT_EQ(codec.column("hi"), 9u);
  EXPECT_EQ(codec.column("s3"), 10u);
  EXPECT_THROW(codec.column("missing"), std::logic_error);

  const Table empty = codec.empty_table();
  std::vector<std::string> names;
  for (const Column& col : empty.columns()) names.push_back(col.info.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"i8", "u8", "s1", "i32", "i64", "s2", "f", "d", "s3"}));
  EXPECT_EQ(empty.num_rows(), 0u);
}

TEST(RowCodec, RecordBytesFollowTheDocumentedLayout) {
  const RowCodec codec(all_types_layout(), kHidden);
  RowWriter w(codec);
  Row r;
  r.i8 = -2;
  r.u8 = 0xAB;
  r.s1 = "xy";
  r.i32 = 0x11223344;
  r.i64 = 0x0102030405060708LL;
  r.s2 = std::string(200, 'z');
  r.f = 1.0f;
  r.d = -2.0;
  r.hs = "h";
  r.hi = -3;
  r.s3 = "";
  r.tail = "TT";
  const std::string rec = write(w, r);
  const std::size_t expected = 4 + 30 + (1 + 2) + (2 + 200) + (1 + 1) + (1 + 0) + 2;
  ASSERT_EQ(rec.size(), expected);
  EXPECT_EQ(record_length(rec.data()), expected);
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(rec[k]); };
  // Little-endian u32 length first.
  EXPECT_EQ(byte(0), expected & 0xFF);
  EXPECT_EQ(byte(1), (expected >> 8) & 0xFF);
  EXPECT_EQ(byte(2), 0u);
  EXPECT_EQ(byte(3), 0u);
  EXPECT_EQ(byte(4), 0xFEu);  // int8 -2
  EXPECT_EQ(byte(5), 0xABu);
  EXPECT_EQ(byte(6), 0x44u);  // int32 0x11223344, little-endian
  EXPECT_EQ(byte(9), 0x11u);
  EXPECT_EQ(byte(10), 0x08u);  // int64
  EXPECT_EQ(byte(17), 0x01u);
  EXPECT_EQ(byte(18), 0x00u);  // float 1.0 = 0x3F800000
  EXPECT_EQ(byte(20), 0x80u);
  EXPECT_EQ(byte(21), 0x3Fu);
  EXPECT_EQ(byte(29), 0xC0u);  // double -2.0 = 0xC000000000000000, top byte last
  EXPECT_EQ(byte(30), 0xFDu);  // hidden int32 -3
  EXPECT_EQ(byte(33), 0xFFu);
  // Strings: varint length then bytes.
  EXPECT_EQ(byte(34), 2u);
  EXPECT_EQ(rec.substr(35, 2), "xy");
  EXPECT_EQ(byte(37), 0xC8u);  // 200 = 0b1'1001000: 0xC8 0x01
  EXPECT_EQ(byte(38), 0x01u);
  EXPECT_EQ(rec.substr(39, 200), std::string(200, 'z'));
  EXPECT_EQ(byte(239), 1u);
  EXPECT_EQ(rec[240], 'h');
  EXPECT_EQ(byte(241), 0u);
  EXPECT_EQ(rec.substr(242), "TT");
}

TEST(RowCodec, VarintLengthsAtTheByteBoundaries) {
  Table t;
  t.add_strings({"s", "", "", {}});
  const RowCodec codec(t);
  RowWriter w(codec);
  struct Case {
    std::size_t n;
    std::vector<unsigned> prefix;
  };
  const Case cases[] = {{0, {0x00}},
                        {1, {0x01}},
                        {127, {0x7F}},
                        {128, {0x80, 0x01}},
                        {300, {0xAC, 0x02}},
                        {16383, {0xFF, 0x7F}},
                        {16384, {0x80, 0x80, 0x01}},
                        {100000, {0xA0, 0x8D, 0x06}},
                        {(std::size_t(1) << 21) + 5, {0x85, 0x80, 0x80, 0x01}}};
  for (const Case& c : cases) {
    SCOPED_TRACE("length " + std::to_string(c.n));
    const std::string s = all_bytes(c.n, static_cast<unsigned>(c.n));
    w.begin();
    w.put_str(s);
    const std::string rec(w.finish());
    ASSERT_EQ(codec.strings_at(), 4u);
    ASSERT_EQ(rec.size(), 4 + c.prefix.size() + c.n);
    for (std::size_t k = 0; k < c.prefix.size(); ++k)
      EXPECT_EQ(static_cast<unsigned char>(rec[4 + k]), c.prefix[k]);
    std::string_view out[1];
    const char* end = codec.strings(rec.data(), out);
    EXPECT_EQ(out[0], s);
    EXPECT_EQ(end, rec.data() + rec.size());
  }
}

TEST(RowCodec, RoundTripThroughStoreKeepsEveryValueAndHiddenColumnsStayInTheRecord) {
  const RowCodec codec(all_types_layout(), kHidden);
  RowWriter w(codec);
  const std::vector<Row> rows = awkward_rows();
  RecordStore store;
  for (const Row& r : rows) {
    const std::string rec = write(w, r);
    const std::size_t strings =
        varint_bytes(r.s1.size()) + r.s1.size() + varint_bytes(r.s2.size()) + r.s2.size() +
        varint_bytes(r.hs.size()) + r.hs.size() + varint_bytes(r.s3.size()) + r.s3.size();
    EXPECT_EQ(rec.size(), 34 + strings + r.tail.size());
    store.append(rec);
  }
  ASSERT_EQ(store.rows(), rows.size());

  Table t = codec.empty_table();
  std::size_t i = 0;
  store.for_each([&](const char* rec) {
    ASSERT_LT(i, rows.size());
    const Row& r = rows[i];
    decode_record(codec, rec, t);
    // Hidden values are in the record, though not decoded.
    EXPECT_EQ(codec.get<std::int32_t>(rec, codec.column("hi")), r.hi);
    std::string_view s[4];
    const char* tail = codec.strings(rec, s);
    EXPECT_EQ(s[0], r.s1);
    EXPECT_EQ(s[1], r.s2);
    EXPECT_EQ(s[2], r.hs);
    EXPECT_EQ(s[3], r.s3);
    EXPECT_EQ(std::string(tail, rec + record_length(rec)), r.tail);
    ++i;
  });
  EXPECT_EQ(i, rows.size());
  ASSERT_EQ(t.num_columns(), 9u);
  ASSERT_EQ(t.num_rows(), rows.size());
  EXPECT_FALSE(t.has("hs"));
  EXPECT_FALSE(t.has("hi"));
  for (std::size_t k = 0; k < rows.size(); ++k) expect_decoded(t, k, rows[k]);
  EXPECT_TRUE(std::signbit(t.get<double>("d")[0]));
  EXPECT_TRUE(std::signbit(t.get<float>("f")[0]));
  EXPECT_TRUE(std::isnan(t.get<double>("d")[1]));
  EXPECT_EQ(t.strings("s2")[1].size(), 8u);
  EXPECT_EQ(t.strings("s1")[3].size(), 100000u);
}

TEST(RowCodec, SetChangesAFixedValueInPlace) {
  const RowCodec codec(all_types_layout(), kHidden);
  RowWriter w(codec);
  Row r = awkward_rows()[0];
  RecordStore store;
  store.append(write(w, r));
  store.for_each([&](char* rec) {
    codec.set<std::int64_t>(rec, codec.column("i64"), 99);
    codec.set<std::int32_t>(rec, codec.column("hi"), -8);
  });
  Table t = codec.empty_table();
  store.for_each([&](const char* rec) {
    EXPECT_EQ(codec.get<std::int32_t>(rec, codec.column("hi")), -8);
    decode_record(codec, rec, t);
  });
  r.i64 = 99;
  expect_decoded(t, 0, r);
}

TEST(RowWriter, RejectsValuesThatDoNotMatchTheLayout) {
  const RowCodec codec(all_types_layout(), kHidden);
  RowWriter w(codec);
  w.begin();
  EXPECT_THROW(w.put(1.0), std::logic_error);  // column 0 is int8
  EXPECT_THROW(w.put_str("x"), std::logic_error);
  w.put(std::int8_t{1});
  w.put(std::uint8_t{2});
  EXPECT_THROW(w.put(std::int32_t{3}), std::logic_error);  // column 2 is a string
  EXPECT_THROW(w.finish(), std::logic_error);              // columns missing

  // begin() starts over: a full record after the failed one is clean.
  Row r = awkward_rows()[1];
  const std::string rec = write(w, r);
  EXPECT_THROW(w.put_str("one too many"), std::logic_error);
  Table t = codec.empty_table();
  decode_record(codec, rec.data(), t);
  expect_decoded(t, 0, r);
}

// Setting values by column, in any order, gives the bytes of writing them in layout order.
TEST(RecordFiller, AnyOrderGivesTheSameRecordAsLayoutOrder) {
  const RowCodec codec(all_types_layout(), kHidden);
  RowWriter w(codec);
  RecordFiller f(codec);
  for (const Row& r : awkward_rows()) {
    const std::string in_order = write(w, r);
    f.begin();
    f.set_str(10, r.s3);
    f.set(9, r.hi);
    f.set_str(8, r.hs);
    f.set(7, r.d);
    f.set(6, r.f);
    f.set_str(5, r.s2);
    f.set(4, r.i64);
    f.set(3, r.i32);
    f.set_str(2, r.s1);
    f.set(1, r.u8);
    f.set(0, r.i8);
    if (!r.tail.empty()) f.set_tail(r.tail.data(), r.tail.size());
    EXPECT_EQ(std::string(f.finish()), in_order);
  }
}

TEST(RecordFiller, RefusesARecordWithAColumnNotSet) {
  const RowCodec codec(all_types_layout(), kHidden);
  RecordFiller f(codec);
  f.begin();
  for (std::size_t c = 0; c < codec.cols().size(); ++c) {
    if (c == 5) continue;
    if (codec.cols()[c].width == 0)
      f.set_str(c, "x");
    else
      f.set(c, std::int8_t{0});
  }
  EXPECT_THROW(f.finish(), std::logic_error);
  f.set_str(5, "y");
  EXPECT_NO_THROW(f.finish());
  // begin() forgets what was set.
  f.begin();
  EXPECT_THROW(f.finish(), std::logic_error);
}

TEST(RecordStore, FillsEachPieceUpToOneMebibyteAndKeepsOrder) {
  Table layout;
  layout.add<std::int64_t>({"id", "", "", {}});
  layout.add_strings({"s", "", "", {}});
  const RowCodec codec(layout);
  RowWriter w(codec);
  auto text = [](std::size_t i) {
    return std::string((i * 37) % 200, static_cast<char>('a' + i % 26));
  };
  auto size_of = [&](std::size_t i) {
    const std::size_t n = text(i).size();
    return 4 + 8 + varint_bytes(n) + n;
  };
  const std::size_t n = 30000;
  std::size_t total = 0;
  RecordStore store;
  for (std::size_t i = 0; i < n; ++i) {
    w.begin();
    w.put(static_cast<std::int64_t>(i));
    w.put_str(text(i));
    store.append(w.finish());
    total += size_of(i);
  }
  ASSERT_EQ(store.rows(), n);
  const auto& chunks = store.chunks();
  ASSERT_GE(chunks.size(), total / RecordStore::kChunkBytes + 1);
  ASSERT_GE(chunks.size(), 3u);
  std::size_t first = 0, bytes = 0;
  for (std::size_t c = 0; c < chunks.size(); ++c) {
    SCOPED_TRACE("piece " + std::to_string(c));
    const RecordChunk& k = chunks[c];
    std::size_t expect_bytes = 0;
    for (std::size_t i = first; i < first + k.rows; ++i) expect_bytes += size_of(i);
    EXPECT_EQ(k.bytes.size(), expect_bytes);
    EXPECT_LE(k.bytes.size(), RecordStore::kChunkBytes);
    if (c + 1 < chunks.size()) {
      // Full: the next record did not fit, and the piece was trimmed when left.
      EXPECT_GT(k.bytes.size() + size_of(first + k.rows), RecordStore::kChunkBytes);
      EXPECT_EQ(k.bytes.capacity() % kPage, 0u);
      EXPECT_GE(k.bytes.capacity(), k.bytes.size());
      EXPECT_LT(k.bytes.capacity() - k.bytes.size(), kPage);
    } else {
      EXPECT_EQ(k.bytes.capacity(), RecordStore::kChunkBytes);
    }
    first += k.rows;
    bytes += k.bytes.size();
  }
  EXPECT_EQ(first, n);
  EXPECT_EQ(bytes, total);

  store.seal();
  EXPECT_EQ(chunks.back().bytes.capacity() % kPage, 0u);
  EXPECT_LT(chunks.back().bytes.capacity() - chunks.back().bytes.size(), kPage);

  std::size_t i = 0;
  const RecordStore& cs = store;
  cs.for_each([&](const char* rec) {
    EXPECT_EQ(codec.get<std::int64_t>(rec, 0), static_cast<std::int64_t>(i));
    std::string_view s[1];
    codec.strings(rec, s);
    EXPECT_EQ(s[0], text(i));
    ++i;
  });
  EXPECT_EQ(i, n);

  store.clear();
  EXPECT_EQ(store.rows(), 0u);
  EXPECT_TRUE(store.chunks().empty());
  std::size_t calls = 0;
  store.for_each([&](const char*) { ++calls; });
  EXPECT_EQ(calls, 0u);
}

namespace {
// Records of {id int64, s string} with s of n bytes: 4 + 8 + varint + n bytes.
std::string id_record(const RowCodec& codec, std::int64_t id, std::size_t n) {
  RowWriter w(codec);
  w.begin();
  w.put(id);
  w.put_str(std::string(n, static_cast<char>('A' + id % 26)));
  return std::string(w.finish());
}
RowCodec id_codec() {
  Table t;
  t.add<std::int64_t>({"id", "", "", {}});
  t.add_strings({"s", "", "", {}});
  return RowCodec(t);
}
std::vector<std::int64_t> ids(const RecordStore& store) {
  std::vector<std::int64_t> v;
  store.for_each([&](const char* r) { v.push_back(RowCodec::load<std::int64_t>(r, 4)); });
  return v;
}
}  // namespace

TEST(RecordStore, ExactFitStaysAndOversizeRecordsStartAPieceOfTheirOwn) {
  const RowCodec codec = id_codec();
  RecordStore store;
  const std::size_t mib = RecordStore::kChunkBytes;
  // 4 + 8 + 3 (varint) + n = mib - 100, then 4 + 8 + 1 + 87 = 100: exactly one MiB.
  const std::string a = id_record(codec, 0, mib - 100 - 15);
  const std::string b = id_record(codec, 1, 87);
  ASSERT_EQ(a.size(), mib - 100);
  ASSERT_EQ(b.size(), 100u);
  store.append(a);
  store.append(b);
  ASSERT_EQ(store.chunks().size(), 1u);
  EXPECT_EQ(store.chunks()[0].bytes.size(), mib);
  store.append(id_record(codec, 2, 0));  // 13 bytes: no room left
  ASSERT_EQ(store.chunks().size(), 2u);
  const std::string big = id_record(codec, 3, 3 * mib);  // 4 + 8 + 4 + 3 MiB
  ASSERT_EQ(big.size(), 3 * mib + 16);
  store.append(big);
  ASSERT_EQ(store.chunks().size(), 3u);
  EXPECT_EQ(store.chunks()[2].bytes.size(), 3 * mib + 16);
  EXPECT_EQ(store.chunks()[2].bytes.capacity(), 3 * mib + kPage);
  // The rest of the oversize piece's last page takes a small record; a larger one not.
  store.append(id_record(codec, 4, 5));
  store.append(id_record(codec, 5, 5000));
  ASSERT_EQ(store.chunks().size(), 4u);
  const std::size_t rows[] = {2, 1, 2, 1};
  for (std::size_t c = 0; c < 4; ++c) EXPECT_EQ(store.chunks()[c].rows, rows[c]);
  EXPECT_EQ(store.chunks()[2].bytes.size(), 3 * mib + 16 + 18);
  EXPECT_EQ(store.rows(), 6u);
  EXPECT_EQ(ids(store), (std::vector<std::int64_t>{0, 1, 2, 3, 4, 5}));
  std::vector<std::size_t> lengths;
  store.for_each([&](const char* r) { lengths.push_back(record_length(r)); });
  EXPECT_EQ(lengths, (std::vector<std::size_t>{mib - 100, 100, 13, 3 * mib + 16, 18, 5014}));
}

TEST(RecordStore, AppendChunkAddsReceivedRecordsInOrder) {
  const RowCodec codec = id_codec();
  RecordStore store;
  store.append(id_record(codec, 0, 10));
  store.append(id_record(codec, 1, 10));
  PageBuffer received;
  std::size_t received_bytes = 0;
  for (std::int64_t id = 2; id < 5; ++id) {
    const std::string r = id_record(codec, id, static_cast<std::size_t>(id) * 100);
    received.append(r.data(), r.size());
    received_bytes += r.size();
  }
  const char* data = received.data();
  store.append_chunk(std::move(received), 3);
  EXPECT_EQ(received.data(), nullptr);
  EXPECT_EQ(store.rows(), 5u);
  ASSERT_EQ(store.chunks().size(), 2u);
  // The piece before was trimmed to its pages; the received bytes were moved, not copied.
  EXPECT_EQ(store.chunks()[0].bytes.capacity(), kPage);
  EXPECT_EQ(store.chunks()[1].bytes.data(), data);
  EXPECT_EQ(store.chunks()[1].bytes.size(), received_bytes);
  EXPECT_EQ(store.chunks()[1].rows, 3u);

  store.append_chunk(PageBuffer(), 0);  // nothing received: no piece
  EXPECT_EQ(store.chunks().size(), 2u);
  store.append(id_record(codec, 5, 1));
  PageBuffer one;
  const std::string r6 = id_record(codec, 6, 0);
  one.append(r6.data(), r6.size());
  store.append_chunk(std::move(one), 1);
  store.append(id_record(codec, 7, 2));
  EXPECT_EQ(store.rows(), 8u);
  EXPECT_EQ(ids(store), (std::vector<std::int64_t>{0, 1, 2, 3, 4, 5, 6, 7}));
}

namespace {
// 3000 records of 4 + 8 + 2 + 1000 = 1014 bytes: 1034 to a piece (1034 * 1014 <= 1 MiB
// < 1035 * 1014), so the pieces hold 0-1033, 1034-2067 and 2068-2999.
constexpr std::size_t kRemoveRows = 3000, kPerPiece = 1034;
RecordStore three_pieces(const RowCodec& codec) {
  RecordStore store;
  for (std::size_t i = 0; i < kRemoveRows; ++i)
    store.append(id_record(codec, static_cast<std::int64_t>(i), 1000));
  store.seal();
  return store;
}
void check_remove(const std::vector<std::uint64_t>& drop, std::size_t pieces_after) {
  SCOPED_TRACE("dropping " + std::to_string(drop.size()) + " records");
  const RowCodec codec = id_codec();
  RecordStore store = three_pieces(codec);
  ASSERT_EQ(store.chunks().size(), 3u);
  ASSERT_EQ(store.chunks()[0].rows, kPerPiece);
  ASSERT_EQ(store.chunks()[1].rows, kPerPiece);
  std::vector<const char*> before;
  for (const RecordChunk& c : store.chunks()) before.push_back(c.bytes.data());
  store.remove(drop);
  // A piece that loses nothing is kept as it is, not copied; one that loses all is gone.
  std::size_t piece = 0;
  for (std::size_t c = 0; c < before.size(); ++c) {
    const std::uint64_t lo = c * kPerPiece,
                        hi = std::min<std::uint64_t>(lo + kPerPiece, kRemoveRows);
    const auto lost = static_cast<std::uint64_t>(std::count_if(
        drop.begin(), drop.end(), [&](std::uint64_t i) { return i >= lo && i < hi; }));
    if (lost == hi - lo) continue;
    ASSERT_LT(piece, store.chunks().size());
    if (lost == 0) {
      EXPECT_EQ(store.chunks()[piece].bytes.data(), before[c]) << "piece " << c;
    }
    ++piece;
  }
  EXPECT_EQ(piece, store.chunks().size());
  const std::set<std::uint64_t> gone(drop.begin(), drop.end());
  std::vector<std::int64_t> expected;
  for (std::size_t i = 0; i < kRemoveRows; ++i)
    if (!gone.count(i)) expected.push_back(static_cast<std::int64_t>(i));
  EXPECT_EQ(store.rows(), expected.size());
  EXPECT_EQ(ids(store), expected);
  EXPECT_EQ(store.chunks().size(), pieces_after);
  std::size_t rows = 0;
  for (const RecordChunk& c : store.chunks()) {
    EXPECT_GT(c.rows, 0u);
    EXPECT_EQ(c.bytes.size(), c.rows * 1014);
    EXPECT_LT(c.bytes.capacity() - c.bytes.size(), kPage);
    rows += c.rows;
  }
  EXPECT_EQ(rows, expected.size());
  // The string of each kept record is intact.
  store.for_each([&](const char* r) {
    std::string_view s[1];
    codec.strings(r, s);
    const auto id = RowCodec::load<std::int64_t>(r, 4);
    EXPECT_EQ(s[0], std::string(1000, static_cast<char>('A' + id % 26)));
  });
}
}  // namespace

TEST(RecordStore, RemoveNone) { check_remove({}, 3); }
TEST(RecordStore, RemoveFirst) { check_remove({0}, 3); }
TEST(RecordStore, RemoveLast) { check_remove({kRemoveRows - 1}, 3); }
TEST(RecordStore, RemoveTheFirstRecordOfTheSecondPiece) { check_remove({kPerPiece}, 3); }
TEST(RecordStore, RemoveAll) {
  std::vector<std::uint64_t> all;
  for (std::uint64_t i = 0; i < kRemoveRows; ++i) all.push_back(i);
  check_remove(all, 0);
}
TEST(RecordStore, RemoveScatteredAcrossPieceBoundaries) {
  check_remove({1, 2, 500, kPerPiece - 1, kPerPiece, kPerPiece + 1, 2 * kPerPiece - 1,
                2 * kPerPiece, 2500, kRemoveRows - 2},
               3);
}
TEST(RecordStore, RemoveAWholeMiddlePiece) {
  std::vector<std::uint64_t> middle;
  for (std::uint64_t i = kPerPiece; i < 2 * kPerPiece; ++i) middle.push_back(i);
  middle.push_back(2999);
  check_remove(middle, 2);
}
TEST(RecordStore, RemoveTheFirstPieceAndEveryOtherRecordOfTheLast) {
  std::vector<std::uint64_t> drop;
  for (std::uint64_t i = 0; i < kPerPiece; ++i) drop.push_back(i);
  for (std::uint64_t i = 2 * kPerPiece; i < kRemoveRows; i += 2) drop.push_back(i);
  check_remove(drop, 2);
}

TEST(RecordStore, RemoveCountsFromTheCurrentRecordsAndAppendContinues) {
  const RowCodec codec = id_codec();
  RecordStore store;
  for (std::int64_t i = 0; i < 10; ++i) store.append(id_record(codec, i, 3));
  store.remove({0});
  store.remove({0, 8});  // now ids 1 and 9
  EXPECT_EQ(ids(store), (std::vector<std::int64_t>{2, 3, 4, 5, 6, 7, 8}));
  store.append(id_record(codec, 10, 3));
  EXPECT_EQ(store.rows(), 8u);
  EXPECT_EQ(ids(store), (std::vector<std::int64_t>{2, 3, 4, 5, 6, 7, 8, 10}));
  store.remove({7});
  store.remove({});
  EXPECT_EQ(ids(store), (std::vector<std::int64_t>{2, 3, 4, 5, 6, 7, 8}));
}

TEST(ReserveFor, GivesEveryDecodedColumnExactlyTheRoomItsRecordsNeed) {
  const RowCodec codec(all_types_layout(), kHidden);
  RowWriter w(codec);
  auto make = [](std::size_t i) {
    Row r;
    r.i8 = static_cast<std::int8_t>(i);
    r.u8 = static_cast<std::uint8_t>(i * 3);
    r.s1 = std::string(i % 7, 's');
    r.i32 = static_cast<std::int32_t>(i * 1000);
    r.i64 = -static_cast<std::int64_t>(i);
    r.s2 = std::string((i * 13) % 300, 't');
    r.f = static_cast<float>(i) / 4;
    r.d = static_cast<double>(i) / 8;
    r.hs = std::string(50, 'h');  // hidden: must not be counted
    r.hi = static_cast<std::int32_t>(i);
    r.s3 = std::string(i % 3, 'u');
    r.tail = std::string(i % 4, 'T');
    return r;
  };
  const std::size_t n = 500, before = 10;
  RecordStore first, store;
  std::size_t b1 = 0, b2 = 0, b3 = 0;
  for (std::size_t i = 0; i < before; ++i) first.append(write(w, make(i)));
  for (std::size_t i = 0; i < n; ++i) {
    const Row r = make(before + i);
    b1 += r.s1.size();
    b2 += r.s2.size();
    b3 += r.s3.size();
    store.append(write(w, r));
  }

  // An empty table: capacities equal to the records' needs.
  Table t = codec.empty_table();
  reserve_for(codec, store, t);
  EXPECT_EQ(t.get<std::int8_t>("i8").capacity(), n);
  EXPECT_EQ(t.get<std::uint8_t>("u8").capacity(), n);
  EXPECT_EQ(t.get<std::int32_t>("i32").capacity(), n);
  EXPECT_EQ(t.get<std::int64_t>("i64").capacity(), n);
  EXPECT_EQ(t.get<float>("f").capacity(), n);
  EXPECT_EQ(t.get<double>("d").capacity(), n);
  const std::size_t fixed = n * (1 + 1 + 4 + 8 + 4 + 8);
  const std::size_t offsets = 3 * (n + 1) * sizeof(std::uint64_t);
  EXPECT_EQ(t.memory_bytes(), fixed + offsets + b1 + b2 + b3);
  const std::size_t reserved = t.memory_bytes();
  store.for_each([&](const char* r) { decode_record(codec, r, t); });
  EXPECT_EQ(t.num_rows(), n);
  EXPECT_EQ(t.memory_bytes(), reserved) << "decoding must not grow a column";
  EXPECT_EQ(t.strings("s2").char_bytes(), b2);
  for (std::size_t i = 0; i < n; ++i) expect_decoded(t, i, make(before + i));

  // A table already holding rows: room for the new ones on top.
  Table u = codec.empty_table();
  first.for_each([&](const char* r) { decode_record(codec, r, u); });
  const std::size_t chars1 = u.strings("s1").char_bytes();
  reserve_for(codec, store, u);
  EXPECT_EQ(u.get<std::int64_t>("i64").capacity(), before + n);
  EXPECT_EQ(u.get<double>("d").capacity(), before + n);
  const std::size_t grown = u.memory_bytes();
  store.for_each([&](const char* r) { decode_record(codec, r, u); });
  EXPECT_EQ(u.num_rows(), before + n);
  EXPECT_EQ(u.memory_bytes(), grown);
  EXPECT_EQ(u.strings("s1").char_bytes(), chars1 + b1);
  for (std::size_t i = 0; i < before + n; ++i) expect_decoded(u, i, make(i));

  // Nothing to add: nothing reserved.
  Table e = codec.empty_table();
  reserve_for(codec, RecordStore(), e);
  EXPECT_EQ(e.get<double>("d").capacity(), 0u);
  EXPECT_EQ(e.strings("s1").char_bytes(), 0u);
}

TEST(PageBuffer, GrowsInPagesAndKeepsItsBytes) {
  PageBuffer b;
  EXPECT_EQ(b.data(), nullptr);
  EXPECT_EQ(b.capacity(), 0u);
  b.append("", 0);  // nothing to add: still no pages
  EXPECT_EQ(b.data(), nullptr);
  EXPECT_EQ(b.capacity(), 0u);

  b.append("a", 1);
  EXPECT_EQ(b.size(), 1u);
  EXPECT_EQ(b.capacity(), kPage);
  const std::string fill = all_bytes(kPage - 1, 11);
  b.append(fill.data(), fill.size());
  EXPECT_EQ(b.size(), kPage);
  EXPECT_EQ(b.capacity(), kPage);  // exactly full
  b.append("b", 1);
  EXPECT_EQ(b.capacity(), 2 * kPage);  // doubles
  const std::string big = all_bytes(5 * kPage + 3, 2);
  b.append(big.data(), big.size());
  // More than double needed: the exact size, rounded up to pages.
  EXPECT_EQ(b.size(), 6 * kPage + 4);
  EXPECT_EQ(b.capacity(), 7 * kPage);
  std::string expected = "a" + fill + "b" + big;
  EXPECT_EQ(std::string(b.data(), b.size()), expected);

  b.reserve(kPage);  // never shrinks
  EXPECT_EQ(b.capacity(), 7 * kPage);
  b.reserve(20 * kPage + 1);
  EXPECT_EQ(b.capacity(), 21 * kPage);
  EXPECT_EQ(std::string(b.data(), b.size()), expected);

  b.shrink_to_fit();
  EXPECT_EQ(b.capacity(), 7 * kPage);
  EXPECT_EQ(std::string(b.data(), b.size()), expected);
  b.append("c", 1);  // the trimmed buffer still grows
  expected += "c";
  EXPECT_EQ(std::string(b.data(), b.size()), expected);
  // Filled to the last byte, one more doubles the pages.
  const std::string rest = all_bytes(b.capacity() - b.size(), 6);
  b.append(rest.data(), rest.size());
  EXPECT_EQ(b.capacity(), 7 * kPage);
  b.append("d", 1);
  EXPECT_EQ(b.capacity(), 14 * kPage);
  expected += rest + "d";
  EXPECT_EQ(std::string(b.data(), b.size()), expected);

  b.release();
  EXPECT_EQ(b.data(), nullptr);
  EXPECT_EQ(b.size(), 0u);
  EXPECT_EQ(b.capacity(), 0u);
  b.append("xyz", 3);
  EXPECT_EQ(std::string(b.data(), b.size()), "xyz");
  b.release();
  b.release();  // twice is harmless
  EXPECT_EQ(b.capacity(), 0u);

  PageBuffer empty;
  empty.reserve(3 * kPage);
  empty.shrink_to_fit();  // nothing held: all pages go
  EXPECT_EQ(empty.data(), nullptr);
  EXPECT_EQ(empty.capacity(), 0u);

  const PageBuffer copied("hello", 5);
  EXPECT_EQ(std::string(copied.data(), copied.size()), "hello");
  EXPECT_EQ(copied.capacity(), kPage);
}

TEST(PageBuffer, MoveHandsOverThePages) {
  const std::string text = all_bytes(3 * kPage + 17, 4);
  PageBuffer a(text.data(), text.size());
  const char* p = a.data();
  const std::size_t cap = a.capacity();

  PageBuffer b(std::move(a));
  EXPECT_EQ(b.data(), p);
  EXPECT_EQ(b.capacity(), cap);
  EXPECT_EQ(std::string(b.data(), b.size()), text);
  EXPECT_EQ(a.data(), nullptr);
  EXPECT_EQ(a.size(), 0u);
  EXPECT_EQ(a.capacity(), 0u);

  PageBuffer c("old", 3);
  c = std::move(b);
  EXPECT_EQ(c.data(), p);
  EXPECT_EQ(std::string(c.data(), c.size()), text);
  EXPECT_EQ(b.data(), nullptr);
  EXPECT_EQ(b.size(), 0u);

  PageBuffer& alias = c;
  c = std::move(alias);  // self-move keeps the bytes
  EXPECT_EQ(c.data(), p);
  EXPECT_EQ(std::string(c.data(), c.size()), text);

  // A moved-from buffer is usable again.
  a.append("again", 5);
  EXPECT_EQ(std::string(a.data(), a.size()), "again");
}

TEST(RecordCoordinates, ReadsTheTailWhenPresent) {
  Table layout;
  layout.add<std::int32_t>({"n", "", "", {}});
  layout.add_strings({"s", "", "", {}});
  const RowCodec codec(layout);
  RowWriter w(codec);
  auto record = [&](std::string_view s, const std::string& tail) {
    w.begin();
    w.put(std::int32_t{5});
    w.put_str(s);
    if (!tail.empty()) w.put_tail(tail.data(), tail.size());
    return std::string(w.finish());
  };
  auto coordinates_tail = [](double lat, double lon) {
    std::string t(1, '\1');
    t.append(reinterpret_cast<const char*>(&lat), sizeof lat);
    t.append(reinterpret_cast<const char*>(&lon), sizeof lon);
    return t;
  };

  const std::string with = record("flat 1", coordinates_tail(51.5074, -0.1278));
  const Coordinates c = record_coordinates(codec, with.data());
  EXPECT_EQ(c.latitude, 51.5074);
  EXPECT_EQ(c.longitude, -0.1278);

  const Coordinates zero =
      record_coordinates(codec, record("", coordinates_tail(-0.0, 0.0)).data());
  EXPECT_EQ(zero.latitude, 0.0);
  EXPECT_TRUE(std::signbit(zero.latitude));
  EXPECT_FALSE(std::signbit(zero.longitude));

  const Coordinates flagged_off =
      record_coordinates(codec, record("x", std::string(1, '\0')).data());
  EXPECT_TRUE(std::isnan(flagged_off.latitude));
  EXPECT_TRUE(std::isnan(flagged_off.longitude));

  // No tail at all, though the string ends in what a tail would look like.
  const std::string no_tail = record(coordinates_tail(1.0, 2.0), "");
  const Coordinates none = record_coordinates(codec, no_tail.data());
  EXPECT_TRUE(std::isnan(none.latitude));
  EXPECT_TRUE(std::isnan(none.longitude));
  // Bytes after the record's end (the next record in a piece) are not its tail.
  const std::string followed = no_tail + coordinates_tail(3.0, 4.0);
  EXPECT_TRUE(std::isnan(record_coordinates(codec, followed.data()).latitude));

  // A layout without strings: the tail follows the fixed columns.
  Table fixed_only;
  fixed_only.add<double>({"v", "", "", {}});
  const RowCodec fc(fixed_only);
  RowWriter fw(fc);
  fw.begin();
  fw.put(3.0);
  const std::string t = coordinates_tail(53.0, -2.5);
  fw.put_tail(t.data(), t.size());
  const std::string fr(fw.finish());
  const Coordinates f = record_coordinates(fc, fr.data());
  EXPECT_EQ(f.latitude, 53.0);
  EXPECT_EQ(f.longitude, -2.5);
  fw.begin();
  fw.put(3.0);
  EXPECT_TRUE(std::isnan(record_coordinates(fc, std::string(fw.finish()).data()).latitude));
}

// Readers decode strings into a fixed array: a layout with more string columns than it
// holds is refused when the codec is made, not overrun later.
TEST(RowCodec, RefusesMoreStringColumnsThanReadersHold) {
  Table ok, too_many;
  for (std::size_t i = 0; i < RowCodec::kMaxStrings; ++i) {
    ok.add_strings({"s" + std::to_string(i), "", "", {}});
    too_many.add_strings({"s" + std::to_string(i), "", "", {}});
  }
  too_many.add_strings({"one_more", "", "", {}});
  EXPECT_EQ(RowCodec(ok).num_strings(), RowCodec::kMaxStrings);
  EXPECT_THROW(RowCodec{too_many}, std::logic_error);
}
