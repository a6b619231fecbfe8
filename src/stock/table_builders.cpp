#include "heatstreet/stock/table_builders.hpp"

namespace heatstreet::stock {

double pct(double part, double whole) { return whole > 0 ? 100.0 * part / whole : kNaN; }

CountTable::CountTable() {
  measure = &t.add_strings({"measure", "", "what is counted", {}});
  category = &t.add_strings({"category", "", "value counted", {}});
  count = &t.add<std::int64_t>({"count", "dwellings", "number of dwellings", {}});
  share = &t.add<double>(
      {"share_pct", "%", "share of all dwellings unless the measure says otherwise", {}});
}

void CountTable::row(const std::string& m, const std::string& c, std::int64_t n, double s) {
  measure->push_back(m);
  category->push_back(c);
  count->push_back(n);
  share->push_back(s);
}

std::string label_of(const std::vector<std::string>& labels, std::size_t code) {
  return code < labels.size() ? labels[code] : std::string("unknown");
}

std::vector<std::int64_t> code_counts(const std::vector<std::uint8_t>& codes, std::size_t n,
                                      const Reducer& r) {
  std::vector<std::int64_t> c(n + 1, 0);
  for (std::uint8_t v : codes) ++c[v < n ? v : n];
  return r.sum(c);
}

void add_counts(CountTable& ct, const std::string& measure, const std::vector<std::int64_t>& c,
                const std::vector<std::string>& labels, std::int64_t total, bool keep_zero) {
  for (std::size_t k = 0; k < c.size(); ++k)
    if (keep_zero || c[k] > 0) ct.row(measure, label_of(labels, k), c[k], pct(c[k], total));
}

}  // namespace heatstreet::stock
