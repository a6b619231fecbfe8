#pragma once
// What the results writer needs to know to store a column once: whether all its values
// are one value, and a hash of its bytes. Equal columns always have equal digests; equal
// hashes only name a candidate, which the writer confirms by comparing the values.
#include <cstddef>
#include <cstdint>

namespace heatstreet {

struct ColumnDigest {
  bool uniform = true;      // every element has the same bytes (true when there are none)
  std::uint64_t first = 0;  // the first element's bytes, zero-extended (0 when there are none)
  std::uint64_t hash = 0;   // of all `count * element_size` bytes, in order, and their number
};

// `data` holds `count` elements of `element_size` bytes, which must be 1, 2, 4 or 8.
ColumnDigest digest_column(const void* data, std::size_t count, std::size_t element_size);

}  // namespace heatstreet
