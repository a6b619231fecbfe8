#include "heatstreet/core/table.hpp"

#include <algorithm>
#include <stdexcept>

namespace heatstreet {

std::size_t StringColumn::max_length() const {
  std::size_t m = 0;
  for (std::size_t i = 0; i < size(); ++i)
    m = std::max<std::size_t>(m, offsets_[i + 1] - offsets_[i]);
  return m;
}

std::size_t Column::size() const {
  return std::visit([](const auto& v) { return v.size(); }, data);
}

std::size_t Table::num_rows() const { return columns_.empty() ? 0 : columns_.front().size(); }

Column& Table::add_column(ColumnInfo info, ColumnData data) {
  columns_.push_back(Column{std::move(info), std::move(data)});
  return columns_.back();
}

StringColumn& Table::add_strings(ColumnInfo info) {
  if (Column* c = find(info.name)) {
    if (auto* v = std::get_if<StringColumn>(&c->data)) return *v;
    throw std::logic_error("column '" + info.name + "' exists with another type");
  }
  const std::size_t n = num_rows();
  StringColumn s;
  for (std::size_t i = 0; i < n; ++i) s.push_back({});
  return std::get<StringColumn>(add_column(std::move(info), std::move(s)).data);
}

StringColumn& Table::strings(std::string_view name) {
  Column* c = find(name);
  if (!c) throw std::logic_error("no column '" + std::string(name) + "'");
  if (auto* v = std::get_if<StringColumn>(&c->data)) return *v;
  throw std::logic_error("column '" + std::string(name) + "' is not a string column");
}

const StringColumn& Table::strings(std::string_view name) const {
  return const_cast<Table*>(this)->strings(name);
}

const Column* Table::find(std::string_view name) const {
  for (const Column& c : columns_)
    if (c.info.name == name) return &c;
  return nullptr;
}

Column* Table::find(std::string_view name) {
  return const_cast<Column*>(static_cast<const Table*>(this)->find(name));
}

void Table::remove(std::string_view name) {
  columns_.erase(std::remove_if(columns_.begin(), columns_.end(),
                                [&](const Column& c) { return c.info.name == name; }),
                 columns_.end());
}

Table Table::gather(const std::vector<std::size_t>& indices) const {
  Table out;
  for (const Column& c : columns_) {
    ColumnData data = std::visit(
        [&](const auto& v) -> ColumnData {
          using V = std::decay_t<decltype(v)>;
          V picked;
          if constexpr (std::is_same_v<V, StringColumn>) {
            for (std::size_t i : indices) picked.push_back(v[i]);
          } else {
            picked.reserve(indices.size());
            for (std::size_t i : indices) picked.push_back(v[i]);
          }
          return picked;
        },
        c.data);
    out.add_column(c.info, std::move(data));
  }
  return out;
}

Table Table::empty_like() const { return gather({}); }

void Table::append(const Table& other) {
  if (columns_.empty()) {
    *this = other;
    return;
  }
  if (other.columns_.size() != columns_.size())
    throw std::logic_error("append: tables have different columns");
  for (std::size_t k = 0; k < columns_.size(); ++k) {
    if (columns_[k].info.name != other.columns_[k].info.name)
      throw std::logic_error("append: column '" + columns_[k].info.name + "' does not match '" +
                             other.columns_[k].info.name + "'");
    std::visit(
        [&](auto& dst) {
          using V = std::decay_t<decltype(dst)>;
          const V* src = std::get_if<V>(&other.columns_[k].data);
          if (!src)
            throw std::logic_error("append: column '" + columns_[k].info.name +
                                   "' has another type");
          if constexpr (std::is_same_v<V, StringColumn>) {
            for (std::size_t i = 0; i < src->size(); ++i) dst.push_back((*src)[i]);
          } else {
            dst.insert(dst.end(), src->begin(), src->end());
          }
        },
        columns_[k].data);
  }
}

std::size_t Table::memory_bytes() const {
  std::size_t total = 0;
  for (const Column& c : columns_)
    total += std::visit(
        [](const auto& v) -> std::size_t {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, StringColumn>) {
            return v.memory_bytes();
          } else {
            return v.capacity() * sizeof(typename V::value_type);
          }
        },
        c.data);
  return total;
}

}  // namespace heatstreet
