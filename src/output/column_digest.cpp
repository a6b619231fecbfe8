#include "heatstreet/output/column_digest.hpp"

#include <cstring>
#include <stdexcept>

namespace heatstreet {

namespace {

constexpr std::uint64_t kPrime1 = 0x9E3779B185EBCA87ULL;
constexpr std::uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;

inline std::uint64_t rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

inline std::uint64_t mix_in(std::uint64_t lane, std::uint64_t word) {
  return rotl(lane + word * kPrime2, 31) * kPrime1;
}

// Spreads every input bit over the whole word, so that near-equal columns hash apart.
inline std::uint64_t avalanche(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDULL;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 33;
  return h;
}

inline std::uint64_t load(const unsigned char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

}  // namespace

ColumnDigest digest_column(const void* data, std::size_t count, std::size_t element_size) {
  if (element_size != 1 && element_size != 2 && element_size != 4 && element_size != 8)
    throw std::invalid_argument("digest_column: element size " + std::to_string(element_size));
  ColumnDigest d;
  const std::size_t bytes = count * element_size;
  const auto* p = static_cast<const unsigned char*>(data);
  if (count > 0) std::memcpy(&d.first, p, element_size);

  // The first element repeated over a word: the column is uniform exactly when every
  // word (elements never straddle words, as their size divides 8) equals it.
  std::uint64_t pattern = 0;
  for (std::size_t b = 0; b < sizeof pattern; b += element_size)
    std::memcpy(reinterpret_cast<unsigned char*>(&pattern) + b, &d.first, element_size);

  // Four independent lanes keep the multiplier busy; the differences from the pattern
  // are gathered in the same pass.
  std::uint64_t lane[4] = {kPrime1 + kPrime2, kPrime2, 0, 0 - kPrime1};
  std::uint64_t differs = 0;
  std::size_t i = 0;
  for (; i + 32 <= bytes; i += 32) {
    const std::uint64_t w0 = load(p + i), w1 = load(p + i + 8), w2 = load(p + i + 16),
                        w3 = load(p + i + 24);
    lane[0] = mix_in(lane[0], w0);
    lane[1] = mix_in(lane[1], w1);
    lane[2] = mix_in(lane[2], w2);
    lane[3] = mix_in(lane[3], w3);
    differs |= (w0 ^ pattern) | (w1 ^ pattern) | (w2 ^ pattern) | (w3 ^ pattern);
  }
  for (; i + 8 <= bytes; i += 8) {
    const std::uint64_t w = load(p + i);
    lane[0] = mix_in(lane[0], w);
    differs |= w ^ pattern;
  }
  if (i < bytes) {
    std::uint64_t w = 0;
    std::memcpy(&w, p + i, bytes - i);
    lane[1] = mix_in(lane[1], w);
    std::uint64_t tail_pattern = 0;
    std::memcpy(&tail_pattern, &pattern, bytes - i);
    differs |= w ^ tail_pattern;
  }
  std::uint64_t h = rotl(lane[0], 1) + rotl(lane[1], 7) + rotl(lane[2], 12) + rotl(lane[3], 18);
  d.hash = avalanche(h ^ (static_cast<std::uint64_t>(bytes) * kPrime1));
  d.uniform = differs == 0;
  return d;
}

}  // namespace heatstreet
