// CSV tables: RFC 4180 quoting, code labels, and deterministic number text.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>

#include "heatstreet/core/error.hpp"
#include "heatstreet/output/csv_writer.hpp"

using namespace heatstreet;

TEST(CsvWriter, NumbersAreShortestRoundTripWithoutExponentsForEverydayMagnitudes) {
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(1.5e9), "1500000000");
  EXPECT_EQ(format_number(-2.25), "-2.25");
  EXPECT_EQ(format_number(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(format_number(12.0), "12");
  EXPECT_EQ(format_number(-0.0), "0");
  EXPECT_EQ(format_number(1e-7), "1e-07");
  EXPECT_EQ(format_number(2e20), "2e+20");
  EXPECT_EQ(format_number(std::nan("")), "");
  EXPECT_EQ(format_number(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(format_number(0.1f), "0.1");  // float shortest, not 0.100000001490116
  for (double v : {0.1, 1.0 / 3.0, 123456.789, 9.999999999999999e15, 3e-6})
    EXPECT_EQ(std::stod(format_number(v)), v) << format_number(v);
}

TEST(CsvWriter, FieldsAreQuotedOnlyWhenRfc4180NeedsIt) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field(" padded"), "\" padded\"");
}

TEST(CsvWriter, TableWithEveryColumnKind) {
  Table t;
  auto& name = t.add_strings({"local_authority_name", "", "", {}});
  auto& n = t.add<std::int64_t>({"dwellings", "", "", {}});
  auto& cost = t.add<double>({"capital_cost_gbp", "GBP", "", {}});
  auto& band = t.add<std::uint8_t>({"epc_band_after", "", "", {"A", "B", "C"}});
  auto& flag = t.add<std::uint8_t>({"hn_ready", "", "", {}});
  name.push_back("Kensington and Chelsea");
  n.push_back(12);
  cost.push_back(1.5e9);
  band.push_back(2);
  flag.push_back(1);
  name.push_back("Barking, \"East\"");
  n.push_back(-1);
  cost.push_back(std::nan(""));
  band.push_back(255);
  flag.push_back(0);
  std::ostringstream out;
  write_csv(out, t);
  EXPECT_EQ(out.str(),
            "local_authority_name,dwellings,capital_cost_gbp,epc_band_after,hn_ready\n"
            "Kensington and Chelsea,12,1500000000,C,1\n"
            "\"Barking, \"\"East\"\"\",-1,,,0\n");
}

TEST(CsvWriter, UnwritablePathIsAnOutputError) {
  try {
    write_csv_file("/nonexistent/tables/summary.csv", Table{});
    FAIL();
  } catch (const OutputError& e) {
    EXPECT_EQ(e.exit_code(), 4);
    EXPECT_NE(std::string(e.what()).find("/nonexistent/tables/summary.csv"), std::string::npos);
  }
}
