#pragma once
// What every builder of the stock tables shares: the dwellings it reads, typed access to
// their columns, percentages, one-row tables and the long table of category counts.
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "heatstreet/config/stock_settings.hpp"
#include "heatstreet/core/column_spec.hpp"
#include "heatstreet/core/error.hpp"
#include "heatstreet/core/table.hpp"
#include "heatstreet/parallel/reducer.hpp"

namespace heatstreet::stock {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// This rank's dwellings, with the whole stock's count.
struct StockInputs {
  const Table& t;
  std::size_t n;       // dwellings on this rank
  std::int64_t total;  // dwellings over the whole stock
  const StockPolicy& policy;
};

// The values of a declared column; InputError when the dwellings do not have it.
template <class T>
const std::vector<T>& need(const Table& t, const ColumnSpec<T>& spec) {
  const Column* c = t.find(spec.name);
  if (!c)
    throw InputError(std::string("stock characterisation: the dwellings have no column '") +
                     spec.name + "'");
  const auto* v = std::get_if<std::vector<T>>(&c->data);
  if (!v) throw std::logic_error(std::string("column '") + spec.name + "' has another type");
  return *v;
}

// part as a percentage of whole; NaN when whole is not positive.
double pct(double part, double whole);

// Sets the value of a one-row table's column (adding the column sizes it to the row).
template <class T>
void one_row(Table& t, ColumnInfo info, T value) {
  auto& v = t.add<T>(std::move(info));
  if (v.empty())
    v.push_back(value);
  else
    v[0] = value;
}

// A long table of counts: measure, category, count, share_pct.
struct CountTable {
  Table t;
  StringColumn *measure, *category;
  std::vector<std::int64_t>* count;
  std::vector<double>* share;
  CountTable();
  void row(const std::string& m, const std::string& c, std::int64_t n, double s);
};

// labels[code], or "unknown" past the end.
std::string label_of(const std::vector<std::string>& labels, std::size_t code);

// Counts over the whole stock of codes 0..n-1, with everything else in slot n (unknown).
std::vector<std::int64_t> code_counts(const std::vector<std::uint8_t>& codes, std::size_t n,
                                      const Reducer& r);

// Rows of a categorical count, non-zero categories in code order (unknown last).
void add_counts(CountTable& ct, const std::string& measure, const std::vector<std::int64_t>& c,
                const std::vector<std::string>& labels, std::int64_t total, bool keep_zero);

}  // namespace heatstreet::stock
