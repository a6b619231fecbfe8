#pragma once
// A columnar table: one vector per field, addressed by name. Stages add the columns
// they compute; the MPI layer moves whole rows between ranks and the results writer
// writes every column, so a new column needs no change anywhere else.
#include <cstdint>
#include <deque>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace heatstreet {

// Strings of one column stored back to back; row i is chars[offsets[i], offsets[i+1]).
class StringColumn {
 public:
  StringColumn() : offsets_{0} {}
  std::size_t size() const { return offsets_.size() - 1; }
  void push_back(std::string_view s) {
    chars_.insert(chars_.end(), s.begin(), s.end());
    offsets_.push_back(static_cast<std::uint64_t>(chars_.size()));
  }
  std::string_view operator[](std::size_t i) const {
    return {chars_.data() + offsets_[i], static_cast<std::size_t>(offsets_[i + 1] - offsets_[i])};
  }
  void reserve(std::size_t rows, std::size_t bytes) {
    offsets_.reserve(rows + 1);
    chars_.reserve(bytes);
  }
  void clear() {
    chars_.clear();
    offsets_.assign(1, 0);
  }
  std::size_t char_bytes() const { return chars_.size(); }
  std::size_t max_length() const;
  std::size_t memory_bytes() const {
    return chars_.capacity() + offsets_.capacity() * sizeof(std::uint64_t);
  }
  void shrink_to_fit() {
    chars_.shrink_to_fit();
    offsets_.shrink_to_fit();
  }

 private:
  std::vector<char> chars_;
  std::vector<std::uint64_t> offsets_;
};

using ColumnData =
    std::variant<std::vector<std::int8_t>, std::vector<std::uint8_t>, std::vector<std::int32_t>,
                 std::vector<std::int64_t>, std::vector<float>, std::vector<double>, StringColumn>;

// What a reader of the results needs to know about a column.
struct ColumnInfo {
  std::string name;
  std::string unit;         // "" when dimensionless
  std::string description;  // one line
  // For small-integer codes: labels[code] is the code's meaning (written to the results
  // file so codes can be read back without this program).
  std::vector<std::string> labels;
  // Significant digits of this column's numbers in CSV tables; 0: the shortest text that
  // reads back to the same value (core/csv_text.hpp).
  int csv_digits = 0;
};

struct Column {
  ColumnInfo info;
  ColumnData data;
  std::size_t size() const;
};

class Table {
 public:
  std::size_t num_rows() const;
  std::size_t num_columns() const { return columns_.size(); }
  bool has(std::string_view name) const { return find(name) != nullptr; }

  // Adds a column (or returns the existing one of the same name and type) sized to the
  // table's current row count. Throws std::logic_error on a type clash.
  template <class T>
  std::vector<T>& add(ColumnInfo info, T fill = T{});
  StringColumn& add_strings(ColumnInfo info);

  template <class T>
  std::vector<T>& get(std::string_view name);
  template <class T>
  const std::vector<T>& get(std::string_view name) const;
  StringColumn& strings(std::string_view name);
  const StringColumn& strings(std::string_view name) const;

  // A deque, so references returned by add() stay valid as more columns are added.
  const std::deque<Column>& columns() const { return columns_; }
  std::deque<Column>& columns() { return columns_; }
  const Column* find(std::string_view name) const;
  Column* find(std::string_view name);
  void remove(std::string_view name);

  // A table with the same columns holding rows[indices] in that order.
  Table gather(const std::vector<std::size_t>& indices) const;
  // Same columns, no rows.
  Table empty_like() const;
  // Appends the rows of `other`, which must have the same columns in the same order.
  void append(const Table& other);
  // Approximate bytes held by the columns.
  std::size_t memory_bytes() const;

 private:
  Column& add_column(ColumnInfo info, ColumnData data);
  std::deque<Column> columns_;
};

// Moves rows between ranks is done by mpi_table (serialisation lives there).

template <class T>
std::vector<T>& Table::add(ColumnInfo info, T fill) {
  if (Column* c = find(info.name)) {
    if (auto* v = std::get_if<std::vector<T>>(&c->data)) return *v;
    throw std::logic_error("column '" + info.name + "' exists with another type");
  }
  const std::size_t n = num_rows();
  Column& c = add_column(std::move(info), std::vector<T>(n, fill));
  return std::get<std::vector<T>>(c.data);
}

template <class T>
std::vector<T>& Table::get(std::string_view name) {
  Column* c = find(name);
  if (!c) throw std::logic_error("no column '" + std::string(name) + "'");
  if (auto* v = std::get_if<std::vector<T>>(&c->data)) return *v;
  throw std::logic_error("column '" + std::string(name) + "' has another type");
}

template <class T>
const std::vector<T>& Table::get(std::string_view name) const {
  return const_cast<Table*>(this)->get<T>(name);
}

}  // namespace heatstreet
