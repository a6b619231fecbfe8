#pragma once
// Text of the register's numeric and date fields, as the bulk files spell them. Dates are
// days since 2008-01-01, the start of the register.
#include <cstdint>
#include <string>

namespace heatstreet::synth::detail {

// Days since 2008-01-01 -> civil date.
void civil_from_days(long days, int* y, int* m, int* d);
int year_of(long days);

void append_uint(std::string& out, std::uint64_t v);
void append_int(std::string& out, std::int64_t v);
// Left-padded with zeros to `width` digits.
void append_padded(std::string& out, std::uint64_t v, int width);
// Fixed-point with up to `decimals` decimals, trailing zeros dropped ("86", "86.5").
void append_fixed(std::string& out, double v, int decimals);
// YYYY-MM-DD
void append_date(std::string& out, long days);

}  // namespace heatstreet::synth::detail
