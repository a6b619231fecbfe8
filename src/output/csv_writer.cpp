#include "heatstreet/output/csv_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <ostream>
#include <type_traits>

#include "heatstreet/core/error.hpp"

namespace heatstreet {

namespace {

template <class F>
std::string shortest(F v) {
  if (std::isnan(v)) return "";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v == 0) return "0";
  char buf[512];
  const F mag = std::fabs(v);
  const std::chars_format fmt =
      mag >= F(1e-6) && mag < F(1e16) ? std::chars_format::fixed : std::chars_format::general;
  const auto r = std::to_chars(buf, buf + sizeof buf, v, fmt);
  return std::string(buf, r.ptr);
}

}  // namespace

std::string format_number(double v) { return shortest(v); }
std::string format_number(float v) { return shortest(v); }

std::string csv_field(std::string_view s) {
  const bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!quote) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

void write_csv(std::ostream& out, const Table& t) {
  const auto& cols = t.columns();
  for (std::size_t k = 0; k < cols.size(); ++k)
    out << (k ? "," : "") << csv_field(cols[k].info.name);
  out << '\n';
  const std::size_t n = t.num_rows();
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < cols.size(); ++k) {
      if (k) out << ',';
      const Column& c = cols[k];
      std::visit(
          [&](const auto& v) {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, StringColumn>) {
              out << csv_field(v[i]);
            } else {
              using T = typename V::value_type;
              if constexpr (std::is_floating_point_v<T>) {
                out << format_number(v[i]);
              } else if constexpr (std::is_same_v<T, std::uint8_t>) {
                if (!c.info.labels.empty()) {
                  if (v[i] < c.info.labels.size()) out << csv_field(c.info.labels[v[i]]);
                } else {
                  out << static_cast<unsigned>(v[i]);
                }
              } else {
                out << static_cast<long long>(v[i]);
              }
            }
          },
          c.data);
    }
    out << '\n';
  }
}

void write_csv_file(const std::string& path, const Table& t) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw OutputError(path + ": cannot create: " + std::strerror(errno));
  write_csv(out, t);
  out.close();
  if (!out) throw OutputError(path + ": write failed (disk full?)");
}

}  // namespace heatstreet
