// The CSV scanner: RFC 4180 cases, and the byte-range boundary rule checked at every
// possible split offset of awkward texts.
#include <gtest/gtest.h>

#include "heatstreet/ingest/csv_scanner.hpp"

using heatstreet::csv::read_split;
using Rows = std::vector<std::vector<std::string>>;

namespace {
Rows whole(std::string_view text, std::vector<std::int64_t>* lines = nullptr) {
  return read_split(text, {}, lines);
}
}  // namespace

TEST(CsvScanner, QuotesCommasAndDoubledQuotes) {
  const Rows r = whole("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1], (std::vector<std::string>{"x, y", "say \"hi\"", ""}));
}

TEST(CsvScanner, LineBreaksInsideQuotedFieldsAndLineNumbers) {
  std::vector<std::int64_t> lines;
  const Rows r = whole("h1,h2\n\"multi\nline\",2\n3,4\n", &lines);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[1][0], "multi\nline");
  EXPECT_EQ(lines, (std::vector<std::int64_t>{1, 2, 4}));  // row 3 starts on physical line 4
}

TEST(CsvScanner, CrLfAndLoneCrEndRows) {
  const Rows r = whole("a,b\r\n1,2\r\n3,4\r5,6");
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[2], (std::vector<std::string>{"3", "4"}));
  EXPECT_EQ(r[3], (std::vector<std::string>{"5", "6"}));  // last line without a line end
}

TEST(CsvScanner, BlankLinesAreSkipped) {
  const Rows r = whole("a\n\n\r\n1\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1][0], "1");
}

TEST(CsvScanner, UnterminatedQuoteIsReportedNotLost) {
  const Rows r = whole("a,b\n1,\"open\n2,3\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1][0], "<unterminated>");  // the reader flags it; the caller rejects it
  EXPECT_EQ(r[1][2], "open\n2,3\n");
}

TEST(CsvScanner, StrayQuoteInUnquotedFieldIsText) {
  const Rows r = whole("a,b\n5\" pipe,x\n");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1][0], "5\" pipe");
}

TEST(CsvScanner, RecordLongerThanLimitIsMarked) {
  using namespace heatstreet::csv;
  RecordReader reader(State::kRowStart, 0, 1, 4);
  std::string text = "abcdefgh,1\nxy\n";
  std::vector<bool> long_flags;
  reader.feed(text.data(), text.size(), [&](const Record& r) {
    long_flags.push_back(r.too_long);
    return true;
  });
  EXPECT_EQ(long_flags, (std::vector<bool>{true, false}));
}

// Every cut offset, and every pair of cut offsets, of texts with quoted line breaks, CRLF
// (cuts between CR and LF), doubled quotes (cuts between the two quotes), a stray quote,
// blank lines and a truncated unterminated last row must read exactly like one piece.
TEST(CsvScanner, EverySplitOffsetReadsLikeOnePiece) {
  const std::vector<std::string> texts = {
      "h1,h2,h3\r\n\"a\r\nb\",\"\"\"q\"\"\",3\r\n\r\n4,\"x,\ny\",\"\"\r\n5,6,7",
      "id,text\n1,\"line1\nline2\n\"\"quoted\"\"\n\"\n2,plain\n3,5\" bore\n4,\"\"\"\"\n",
      "a,b\n1,\"never closed\n2,3\n4,5\n",
      "x\n\"\"\n,\n\"\",\"\"\n\n\n\"\n\",\n",
  };
  for (const std::string& t : texts) {
    std::vector<std::int64_t> ref_lines;
    const Rows ref = whole(t, &ref_lines);
    for (std::size_t a = 1; a < t.size(); ++a) {
      std::vector<std::int64_t> lines;
      EXPECT_EQ(read_split(t, {a}, &lines), ref) << "cut at " << a << " of " << t;
      EXPECT_EQ(lines, ref_lines);
      for (std::size_t b = a + 1; b < t.size(); b += 3) {
        EXPECT_EQ(read_split(t, {a, b}), ref) << "cuts " << a << "," << b;
      }
    }
  }
}

TEST(CsvScanner, StateMapsCompose) {
  using namespace heatstreet::csv;
  const std::string t = "a,\"b\nc\",d\r\ne";
  for (std::size_t cut = 0; cut <= t.size(); ++cut) {
    StateMapBuilder whole_b, left, right;
    whole_b.feed(t.data(), t.size());
    left.feed(t.data(), cut);
    right.feed(t.data() + cut, t.size() - cut);
    EXPECT_EQ(left.map().then(right.map()).to, whole_b.map().to);
    EXPECT_EQ(left.line_feeds() + right.line_feeds(), whole_b.line_feeds());
  }
}
