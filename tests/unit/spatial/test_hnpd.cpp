// HNPD pipeline file quirks (spatial spec §2.5 and the predecessor's loader tests).
#include <gtest/gtest.h>

#include "heatstreet/core/error.hpp"
#include "heatstreet/spatial/hnpd.hpp"

using namespace heatstreet;

namespace {
const char* kHeader =
    "\xEF\xBB\xBFRef ID, Site Name , Region ,Development\xC2\xA0Status,Development Status (short),"
    "X-coordinate,Y-coordinate\r\n";

std::vector<std::string> names(const hnpd::File& f, const std::vector<hnpd::Point>& pts) {
  std::vector<std::string> out;
  for (const auto& p : pts)
    for (const auto& r : f.rows)
      if (r.has_pair && r.at.x == p.x && r.at.y == p.y) out.push_back(r.site_name);
  return out;
}
}  // namespace

TEST(Hnpd, NormalisesHeadersRegionsStatusesAndCoordinates) {
  const std::string csv =
      std::string(kHeader) +
      "1,Existing scheme, london ,Under Construction,Under Construction,\"530,000\",\"180,000\"\r\n"
      "2,Short-status fallback,LONDON,Not set,Operational,531000,181000\r\n"
      "3,Planned scheme,London,Planning Permission Granted ,Planning,532000.5,182000\r\n"
      "4,Elsewhere,South East,Operational,Operational,400000,100000\r\n";
  for (const char* filter : {" London ", "london", "LONDON"}) {
    const hnpd::File f = hnpd::parse(csv, "hnpd.csv", filter);
    ASSERT_TRUE(f.problem.empty()) << f.problem;
    EXPECT_EQ(f.rows.size(), 4u);
    EXPECT_EQ(f.london_rows, 3);
    EXPECT_EQ(f.rows[1].status, "Operational") << "'Not set' falls back to the short status";
    const auto t1 =
        hnpd::layer(f, filter, hnpd::effective_statuses({}, hnpd::builtin_tier1_statuses()),
                    "existing schemes", "key");
    const auto t2 =
        hnpd::layer(f, filter, hnpd::effective_statuses({}, hnpd::builtin_tier2_statuses()),
                    "planned schemes", "key");
    EXPECT_EQ(names(f, t1), (std::vector<std::string>{"Existing scheme", "Short-status fallback"}));
    EXPECT_EQ(names(f, t2), (std::vector<std::string>{"Planned scheme"}));
    EXPECT_EQ(t1[0].x, 530000.0) << "thousands separators removed";
    EXPECT_EQ(t2[0].x, 532000.5);
  }
}

TEST(Hnpd, QuotedFieldsWithNewlinesAndLatin1) {
  // Latin-1 byte 0xE9 (é) is not valid UTF-8: the file is read as Latin-1.
  // Header with a Latin-1 NBSP (0xA0) inside "Development Status".
  const std::string header =
      "Ref ID,Site Name,Region,Development\xA0Status,Development Status "
      "(short),X-coordinate,Y-coordinate\n";
  const std::string csv =
      header +
      "1,\"Caf\xE9, \"\"Phase 1\"\"\nNorth\",London,Operational,,530000,180000\n"
      "2,Two,London,Operational,,n/a,180000\n"
      "\n"
      "3,Three,London,Operational,,\" 5.3e5 \",1_80_000\n";
  const hnpd::File f = hnpd::parse(csv, "hnpd.csv", "London");
  ASSERT_TRUE(f.problem.empty()) << f.problem;
  EXPECT_TRUE(f.latin1);
  ASSERT_EQ(f.rows.size(), 3u);
  EXPECT_EQ(f.rows[0].site_name, "Caf\xC3\xA9, \"Phase 1\"\nNorth");
  EXPECT_FALSE(f.rows[1].has_pair) << "n/a is not a coordinate";
  EXPECT_EQ(f.rows[2].line, 6) << "line numbers count the embedded newline and the blank line";
  EXPECT_EQ(f.rows[0].status, "Operational");
  EXPECT_TRUE(f.rows[2].has_pair);
  EXPECT_EQ(f.rows[2].at.x, 530000.0);
  EXPECT_EQ(f.rows[2].at.y, 180000.0);
  EXPECT_EQ(f.london_pairs, 2);
}

TEST(Hnpd, CoordinateRules) {
  double v = 0;
  EXPECT_TRUE(hnpd::parse_coordinate(" 530,125.5 ", &v));
  EXPECT_EQ(v, 530125.5);
  for (const char* bad : {"", "Not set", "NONE", "nan", "N/A", "0x10", "12a", "1__0", "_1"})
    EXPECT_FALSE(hnpd::parse_coordinate(bad, &v)) << bad;
  EXPECT_TRUE(hnpd::parse_coordinate("inf", &v));
  EXPECT_FALSE(hnpd::usable_pair(v, 100)) << "infinite coordinates are out of range";
  EXPECT_TRUE(hnpd::usable_pair(0, 1300000));
  EXPECT_TRUE(hnpd::usable_pair(700000, 0));
  EXPECT_FALSE(hnpd::usable_pair(700000.1, 0));
  EXPECT_FALSE(hnpd::usable_pair(-0.1, 0));
}

TEST(Hnpd, InvalidFilesReportTheirProblem) {
  EXPECT_EQ(hnpd::parse("<html><body>Not found</body></html>\n", "x.csv", "London").problem,
            "no data rows");
  const hnpd::File f = hnpd::parse("<html>\n<body>Not found</body>\n</html>\n", "x.csv", "London");
  EXPECT_NE(f.problem.find("missing required columns"), std::string::npos) << f.problem;
  const hnpd::File outside = hnpd::parse(
      std::string(kHeader) + "1,A,Wales,Operational,,300000,200000\n", "x.csv", "London");
  EXPECT_EQ(outside.problem, "no London row has usable coordinates");
  EXPECT_TRUE(
      hnpd::parse(std::string(kHeader) + "1,A,Wales,Operational,,300000,200000\n", "x.csv", "")
          .problem.empty());
}

TEST(Hnpd, EmptyFiltersAreConfigurationErrorsNamingTheKey) {
  const hnpd::File f = hnpd::parse(std::string(kHeader) + "1,A,London,Operational,,530000,180000\n",
                                   "h.csv", "London");
  ASSERT_TRUE(f.problem.empty());
  try {
    hnpd::layer(f, "London", hnpd::builtin_tier2_statuses(), "planned schemes",
                "spatial.hnpd_region_filter");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("h.csv"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("spatial.hnpd_region_filter"), std::string::npos);
    EXPECT_EQ(e.exit_code(), 2);
  }
  EXPECT_THROW(hnpd::layer(f, "Wales", hnpd::builtin_tier1_statuses(), "existing schemes", "k"),
               ConfigError);
}

TEST(Hnpd, ConfiguredStatusesOnlyAdd) {
  const auto s =
      hnpd::effective_statuses({"operational ", "Commissioning"}, hnpd::builtin_tier1_statuses());
  EXPECT_EQ(s, (std::vector<std::string>{"operational ", "Commissioning", "Under Construction",
                                         "No Application Required", "No Application Made"}));
}

TEST(Hnpd, RepeatedHeaderTakesTheLaterColumn) {
  const std::string csv =
      "Ref ID,Site Name,Region,Development Status,Development Status "
      "(short),X-coordinate,Y-coordinate,Region\n"
      "1,A,Wales,Operational,,530000,180000,London\n";
  const hnpd::File f = hnpd::parse(csv, "h.csv", "London");
  ASSERT_TRUE(f.problem.empty()) << f.problem;
  EXPECT_EQ(f.rows[0].region, "London");
}

TEST(Hnpd, RowsWithUnusableCoordinatesAreCountedAndTheFirstNamed) {
  const hnpd::File f = hnpd::parse(std::string(kHeader) +
                                       "1,A,London,Operational,,530000,180000\n"
                                       "2,B,London,Operational,,531 400 m,180000\n"
                                       "3,C,London,Operational,,,\n"
                                       "4,D,London,Operational,,9530000,180000\n"
                                       "5,E,London,Operational,,Not set,n/a\n",
                                   "h.csv", "London");
  ASSERT_TRUE(f.problem.empty());
  // Blank and "not set" pairs are no coordinates; written but unusable ones are counted.
  EXPECT_EQ(f.unreadable_pairs, 2);
  EXPECT_EQ(f.first_unreadable, "line 3: X-coordinate '531 400 m', Y-coordinate '180000'");
}
