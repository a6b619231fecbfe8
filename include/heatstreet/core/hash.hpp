#pragma once
// The one hash of the program: 64-bit FNV-1a of bytes. Where a key is sent, or which
// repeat a column is checked against, must be the same on every rank, every run and every
// standard library, so no std::hash.
#include <cstdint>
#include <string_view>

namespace heatstreet {

inline std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace heatstreet
