#pragma once
// What the results writer and its column placement share about a table's columns in the
// file: where this rank's rows go, numeric values as bytes with their HDF5 memory type,
// dataset paths, and the one buffer that text and values read back go through. Used by
// the results writer's own files only.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "heatstreet/core/table.hpp"
#include "heatstreet/output/h5.hpp"

namespace heatstreet {

// Text is written, and stored values read back, through one reused buffer in slices of
// this size: a small buffer stays in the cache, where a column-sized one would be new
// memory each time.
constexpr std::uint64_t kStagingBytes = std::uint64_t{8} << 20;

// The reused buffer.
class StagingBuffer {
 public:
  // At least `bytes` long, and never empty, so that even a rank with no rows passes a
  // real buffer on.
  char* at_least(std::size_t bytes) {
    const std::size_t want = std::max<std::size_t>(bytes, 1);
    if (bytes_.size() < want) bytes_.resize(want);
    return bytes_.data();
  }

 private:
  std::vector<char> bytes_;
};

// This rank's block of a table's rows in the file.
struct RowBlock {
  std::int64_t offset = 0;       // the file row of this rank's first row
  std::int64_t count = 0;        // this rank's rows
  std::int64_t global_rows = 0;  // the rows of all ranks
};

// A numeric column's values as bytes; text columns have none (they are always written).
struct NumericBytes {
  const void* data;
  std::size_t element_size;
};
inline std::optional<NumericBytes> numeric_bytes(const Column& c) {
  return std::visit(
      [](const auto& v) -> std::optional<NumericBytes> {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, StringColumn>) {
          return std::nullopt;
        } else {
          return NumericBytes{v.data(), sizeof(typename V::value_type)};
        }
      },
      c.data);
}

template <class T>
hid_t memory_type_of() {
  if constexpr (std::is_same_v<T, std::int8_t>) return H5T_NATIVE_INT8;
  if constexpr (std::is_same_v<T, std::uint8_t>) return H5T_NATIVE_UINT8;
  if constexpr (std::is_same_v<T, std::int32_t>) return H5T_NATIVE_INT32;
  if constexpr (std::is_same_v<T, std::int64_t>) return H5T_NATIVE_INT64;
  if constexpr (std::is_same_v<T, float>) return H5T_NATIVE_FLOAT;
  if constexpr (std::is_same_v<T, double>) return H5T_NATIVE_DOUBLE;
}

// The memory type of a numeric column's values (none for text).
inline hid_t memory_type_of_column(const Column& c) {
  return std::visit(
      [](const auto& v) -> hid_t {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, StringColumn>) {
          return H5I_INVALID_HID;
        } else {
          return memory_type_of<typename V::value_type>();
        }
      },
      c.data);
}

// The path of `name` inside `group`.
inline std::string join_path(const std::string& group, const std::string& name) {
  if (group.empty() || group == "/") return "/" + name;
  return (group.back() == '/' ? group : group + "/") + name;
}

}  // namespace heatstreet
