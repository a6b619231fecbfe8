#pragma once
// The declaration of a column: name, element type, unit, one-line description, code
// labels and CSV precision, in one place. A table's columns are declared once as
// ColumnSpecs; the code that fills a column and the writers that store it read the same
// declaration: add_column(table, spec) makes the column with its ColumnInfo and
// column(table, spec) returns it with its declared type.
#include <string>
#include <string_view>
#include <vector>

#include "heatstreet/core/table.hpp"

namespace heatstreet {

// T is the element type; std::string for a text column.
template <class T>
struct ColumnSpec {
  using value_type = T;
  const char* name;
  const char* unit = "";
  const char* description = "";
  // Code labels (uint8 code columns): labels()[code] is the code's meaning.
  const std::vector<std::string>& (*labels)() = nullptr;
  int csv_digits = 0;  // ColumnInfo::csv_digits

  ColumnInfo info() const {
    return ColumnInfo{name, unit, description, labels ? labels() : std::vector<std::string>{},
                      csv_digits};
  }
  // The name, where a column is looked up by name.
  constexpr operator std::string_view() const { return name; }
  constexpr operator const char*() const { return name; }
  operator std::string() const { return name; }
  friend bool operator==(std::string_view a, const ColumnSpec& b) { return a == b.name; }
  friend bool operator==(const ColumnSpec& a, std::string_view b) { return b == a.name; }
  friend bool operator!=(std::string_view a, const ColumnSpec& b) { return a != b.name; }
  friend bool operator!=(const ColumnSpec& a, std::string_view b) { return b != a.name; }
};

// The column type a spec stands for in a Table.
template <class T>
struct ColumnStorage {
  using type = std::vector<T>;
};
template <>
struct ColumnStorage<std::string> {
  using type = StringColumn;
};

template <class T>
typename ColumnStorage<T>::type& add_column(Table& t, const ColumnSpec<T>& spec, T fill = T{}) {
  if constexpr (std::is_same_v<T, std::string>)
    return t.add_strings(spec.info());
  else
    return t.add<T>(spec.info(), fill);
}

template <class T>
typename ColumnStorage<T>::type& column(Table& t, const ColumnSpec<T>& spec) {
  if constexpr (std::is_same_v<T, std::string>)
    return t.strings(spec.name);
  else
    return t.get<T>(spec.name);
}

template <class T>
const typename ColumnStorage<T>::type& column(const Table& t, const ColumnSpec<T>& spec) {
  if constexpr (std::is_same_v<T, std::string>)
    return t.strings(spec.name);
  else
    return t.get<T>(spec.name);
}

}  // namespace heatstreet
