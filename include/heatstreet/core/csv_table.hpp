#pragma once
// The one writer of CSV tables (summaries, breakdowns, reports under tables/): a header of
// column names (which carry their unit, e.g. capital_cost_gbp), then the rows, every
// value in the text of core/csv_text.hpp. Written by one rank.
#include <iosfwd>
#include <string>
#include <string_view>

#include "heatstreet/core/table.hpp"

namespace heatstreet {

// Header then one line per row, "\n"-terminated. Code columns (uint8 with labels) are
// written as their labels, the missing code (255) as an empty field; floating-point
// columns with the precision their ColumnInfo declares (csv_digits), else shortest.
void write_csv(std::ostream& out, const Table& t);
// The same as one text.
std::string table_csv(const Table& t);
// The same into a file. Throws OutputError naming the file when it cannot be written.
void write_csv_file(const std::string& path, const Table& t);

}  // namespace heatstreet
