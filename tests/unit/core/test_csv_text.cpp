// The text of values in tables: deterministic shortest round-trip numbers, declared
// precision, and RFC 4180 quoting.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "heatstreet/core/csv_text.hpp"

using namespace heatstreet;

TEST(CsvText, NumbersAreShortestRoundTripWithoutExponentsForEverydayMagnitudes) {
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

TEST(CsvText, FieldsAreQuotedOnlyWhenRfc4180NeedsIt) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field(" padded"), "\" padded\"");
}

TEST(CsvText, DeclaredPrecisionIsPrintfSignificantDigits) {
  EXPECT_EQ(format_number(0.1, 17), "0.10000000000000001");
  EXPECT_EQ(format_number(3.55, 17), "3.5499999999999998");
  EXPECT_EQ(format_number(2.5, 3), "2.5");
  EXPECT_EQ(format_number(-0.0, 17), "-0");
  EXPECT_EQ(format_number(std::nan(""), 17), "");
  EXPECT_EQ(format_number(-std::numeric_limits<double>::infinity(), 17), "-inf");
}
