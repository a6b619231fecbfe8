#pragma once
// The text of values in CSV tables and in generated notes, the same on every machine and
// every run: one rule for numbers and one quoting rule, used by every table the program
// writes (output/csv_writer.hpp) and by the few texts that quote a configured number.
#include <string>
#include <string_view>

namespace heatstreet {

// Shortest text that reads back to the same value: plain decimals for magnitudes from
// 1e-6 to 1e16 ("1500000000", "0.1"), exponent form outside. NaN gives "" (an empty
// field), infinities "inf" / "-inf", and negative zero "0".
std::string format_number(double v);
std::string format_number(float v);
// The value with `digits` significant digits (printf's %.*g): a column that declares its
// precision. NaN gives "", infinities "inf" / "-inf".
std::string format_number(double v, int digits);

// The field as RFC 4180 wants it: quoted (with inner quotes doubled) when it holds a
// comma, quote, CR or LF, or starts or ends with a space.
std::string csv_field(std::string_view s);

}  // namespace heatstreet
