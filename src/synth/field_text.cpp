// Text of the register's fields: RFC 4180 quoting and the spelling of numbers and dates.
#include "heatstreet/synth/field_text.hpp"

#include <charconv>
#include <cmath>
#include <string_view>

#include "heatstreet/synth/detail.hpp"

namespace heatstreet::synth::detail {

void append_csv_field(std::string& out, std::string_view v) {
  bool quote = false;
  for (char c : v) {
    if (c == ',' || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  }
  if (!quote) {
    out.append(v.data(), v.size());
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void civil_from_days(long days, int* y, int* m, int* d) {
  long z = days + 13879 + 719468;  // 13879 = days from 1970-01-01 to 2008-01-01
  long era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long yy = static_cast<long>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned dd = doy - (153 * mp + 2) / 5 + 1;
  unsigned mm = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int>(yy + (mm <= 2));
  *m = static_cast<int>(mm);
  *d = static_cast<int>(dd);
}

int year_of(long days) {
  int y, m, d;
  civil_from_days(days, &y, &m, &d);
  return y;
}

void append_uint(std::string& out, std::uint64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void append_int(std::string& out, std::int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void append_padded(std::string& out, std::uint64_t v, int width) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  for (int i = static_cast<int>(r.ptr - buf); i < width; ++i) out += '0';
  out.append(buf, r.ptr);
}

void append_fixed(std::string& out, double v, int decimals) {
  std::int64_t scale = decimals == 1 ? 10 : decimals == 2 ? 100 : 1;
  std::int64_t q = std::llround(v * static_cast<double>(scale));
  if (q < 0) {
    out += '-';
    q = -q;
  }
  append_int(out, q / scale);
  std::int64_t frac = q % scale;
  if (frac != 0) {
    out += '.';
    if (decimals == 2) {
      out += static_cast<char>('0' + frac / 10);
      if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
    } else {
      out += static_cast<char>('0' + frac);
    }
  }
}

void append_date(std::string& out, long days) {
  int y, m, d;
  civil_from_days(days, &y, &m, &d);
  append_uint(out, static_cast<std::uint64_t>(y));
  out += '-';
  append_padded(out, static_cast<std::uint64_t>(m), 2);
  out += '-';
  append_padded(out, static_cast<std::uint64_t>(d), 2);
}

}  // namespace heatstreet::synth::detail
