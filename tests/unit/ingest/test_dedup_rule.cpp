// The dedup rule (data validation §3.3 path B): the keys that group a dwelling's
// certificates and the order that picks the latest, as the stage applies them.
#include <gtest/gtest.h>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/ingest/dedup_rule.hpp"
#include "heatstreet/ingest/dwelling_record.hpp"

using namespace heatstreet;
using namespace heatstreet::ingest;

TEST(DedupRule, NullUprnGrouping) {
  const IngestPolicy python = ingest_policy(Methodology::kPython);
  const IngestPolicy documented = ingest_policy(Methodology::kDocumented);
  EXPECT_EQ(dedup_key(-1, "5 Osborne Road", "E7 0PH", true, python), "N");
  EXPECT_EQ(dedup_key(-1, "5 Osborne Road", "E7 0PH", true, documented), "A5 OSBORNE ROAD|E7 0PH");
  EXPECT_EQ(dedup_key(-1, "5,  osborne road", "e70ph", true, documented), "A5 OSBORNE ROAD|E7 0PH");
  EXPECT_EQ(dedup_key(-1, "", "", true, documented), "");
  EXPECT_EQ(dedup_key(42, "x", "y", true, documented), "U42");
  // A file without a UPRN column keys on the raw address in python mode.
  EXPECT_EQ(dedup_key(-1, "5 Osborne Road", "E7 0PH", false, python), "R5 Osborne Road");
}

TEST(DedupRule, NewerOrdersByDatesThenNumberThenEarliestPosition) {
  const CertificateRecency base{100, 50, "B", 1, 10};
  auto with = [&](auto change) {
    CertificateRecency r = base;
    change(r);
    return r;
  };
  // Later lodgement wins whatever else differs.
  EXPECT_TRUE(is_newer(with([](auto& r) {
                         r.lodged = 101;
                         r.inspected = 0;
                       }),
                       base));
  EXPECT_FALSE(is_newer(base, with([](auto& r) { r.lodged = 101; })));
  // A missing date (kNoDate) is older than any date.
  EXPECT_TRUE(is_newer(base, with([](auto& r) { r.lodged = kNoDate; })));
  EXPECT_TRUE(is_newer(base, with([](auto& r) { r.inspected = kNoDate; })));
  // Same dates: the larger certificate number, then the earlier file and line.
  EXPECT_TRUE(is_newer(with([](auto& r) { r.certificate = "C"; }), base));
  EXPECT_TRUE(is_newer(base, with([](auto& r) { r.certificate = ""; })));
  EXPECT_TRUE(is_newer(with([](auto& r) {
                         r.file = 0;
                         r.line = 99;
                       }),
                       base));
  EXPECT_TRUE(is_newer(with([](auto& r) { r.line = 9; }), base));
  // A strict order: nothing is newer than itself.
  EXPECT_FALSE(is_newer(base, base));
}

TEST(DedupRule, ChooseLatestKeepsOnePerKeyAndEveryKeylessRow) {
  struct Row {
    const char* key;
    std::int32_t lodged;
    const char* cert;
  };
  const std::vector<Row> rows{{"U1", 10, "A"}, {"U1", 12, "B"}, {"", 5, "C"},
                              {"U2", 7, "D"},  {"U1", 12, "A"}, {"", 5, "E"}};
  Table t = make_dwelling_table();
  for (Column& c : t.columns())
    std::visit(
        [&](auto& v) {
          using V = std::decay_t<decltype(v)>;
          for (std::size_t i = 0; i < rows.size(); ++i) {
            if constexpr (std::is_same_v<V, StringColumn>)
              v.push_back(c.info.name == hidden::kDedupKey.name              ? rows[i].key
                          : c.info.name == dwelling::kCertificateNumber.name ? rows[i].cert
                                                                             : "");
            else
              v.push_back(typename V::value_type{});
          }
        },
        c.data);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    column(t, dwelling::kLodgementDate)[i] = rows[i].lodged;
    column(t, dwelling::kSourceLine)[i] = static_cast<std::int64_t>(i + 1);
  }
  std::vector<std::size_t> keep, dropped;
  choose_latest(t, keep, dropped);
  // U1: rows 1 and 4 lodged on day 12; "B" > "A" picks row 1. Keyless rows 2 and 5 stay.
  EXPECT_EQ(keep, (std::vector<std::size_t>{1, 2, 3, 5}));
  EXPECT_EQ(dropped, (std::vector<std::size_t>{0, 4}));
}
