#pragma once
// Small tables (summaries, breakdowns) as CSV files under tables/: a header of column
// names (which carry their unit, e.g. capital_cost_gbp), RFC 4180 quoting, and number
// formatting that is the same on every machine and every run. Written by one rank.
#include <iosfwd>
#include <string>
#include <string_view>

#include "heatstreet/core/table.hpp"

namespace heatstreet {

// Shortest text that reads back to the same value: plain decimals for magnitudes from
// 1e-6 to 1e16 ("1500000000", "0.1"), exponent form outside. NaN gives "" (an empty
// field), infinities "inf" / "-inf", and negative zero "0".
std::string format_number(double v);
std::string format_number(float v);

// The field as RFC 4180 wants it: quoted (with inner quotes doubled) when it holds a
// comma, quote, CR or LF, or starts or ends with a space.
std::string csv_field(std::string_view s);

// Header then one line per row, "\n"-terminated. Code columns (uint8 with labels) are
// written as their labels, the missing code (255) as an empty field.
void write_csv(std::ostream& out, const Table& t);
// The same into a file. Throws OutputError naming the file when it cannot be written.
void write_csv_file(const std::string& path, const Table& t);

}  // namespace heatstreet
