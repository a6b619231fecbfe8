#include "heatstreet/core/csv_table.hpp"

#include <cstring>
#include <fstream>
#include <ostream>
#include <sstream>
#include <type_traits>

#include "heatstreet/core/csv_text.hpp"
#include "heatstreet/core/disk_space.hpp"
#include "heatstreet/core/error.hpp"

namespace heatstreet {

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
                out << (c.info.csv_digits > 0 ? format_number(v[i], c.info.csv_digits)
                                              : format_number(v[i]));
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

std::string table_csv(const Table& t) {
  std::ostringstream out;
  write_csv(out, t);
  return out.str();
}

void write_csv_file(const std::string& path, const Table& t) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw OutputError(path + ": cannot create: " + std::strerror(errno));
  write_csv(out, t);
  out.close();
  if (!out) throw OutputError(path + ": write failed" + disk_full_note(path));
}

}  // namespace heatstreet
