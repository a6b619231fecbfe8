// Column digests: uniformity is exact (bytes, so NaN payloads and -0.0 count), equal
// columns hash equal, and a change anywhere (any element, any byte, the length) changes
// the hash.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <set>
#include <stdexcept>
#include <vector>

#include "heatstreet/output/column_digest.hpp"

using heatstreet::ColumnDigest;
using heatstreet::digest_column;

namespace {

template <class T>
ColumnDigest digest(const std::vector<T>& v) {
  return digest_column(v.data(), v.size(), sizeof(T));
}

template <class T>
std::uint64_t bits_of(T x) {
  std::uint64_t b = 0;
  std::memcpy(&b, &x, sizeof x);
  return b;
}

}  // namespace

TEST(ColumnDigest, UniformColumnsOfEveryElementSize) {
  // Lengths around the 32-byte stride and the 8-byte word, so every tail path runs.
  for (std::size_t n : {1u, 2u, 3u, 4u, 5u, 7u, 8u, 9u, 31u, 32u, 33u, 1000u}) {
    const ColumnDigest d8 = digest(std::vector<double>(n, 2.5));
    EXPECT_TRUE(d8.uniform) << n;
    EXPECT_EQ(d8.first, bits_of(2.5));
    const ColumnDigest d4 = digest(std::vector<std::int32_t>(n, -7));
    EXPECT_TRUE(d4.uniform) << n;
    EXPECT_EQ(d4.first, bits_of(std::int32_t{-7}));
    const ColumnDigest d1 = digest(std::vector<std::uint8_t>(n, 255));
    EXPECT_TRUE(d1.uniform) << n;
    EXPECT_EQ(d1.first, 255u);
    const ColumnDigest d2 = digest(std::vector<std::int16_t>(n, 300));
    EXPECT_TRUE(d2.uniform) << n;
  }
}

TEST(ColumnDigest, ADifferentElementAnywhereIsNotUniform) {
  for (std::size_t n : {2u, 5u, 8u, 9u, 33u, 101u}) {
    for (std::size_t at = 0; at < n; ++at) {
      std::vector<std::uint8_t> v(n, 4);
      v[at] = 5;
      EXPECT_FALSE(digest(v).uniform) << n << " at " << at;
      std::vector<float> f(n, 1.0f);
      f[at] = 1.0000001f;
      EXPECT_FALSE(digest(f).uniform) << n << " at " << at;
    }
  }
}

TEST(ColumnDigest, UniformityIsOfBytesNotOfNumbers) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_TRUE(digest(std::vector<double>(10, nan)).uniform);  // NaN != NaN, bytes equal
  std::vector<double> signs(10, 0.0);
  signs[3] = -0.0;  // equal as numbers, not as bytes
  EXPECT_FALSE(digest(signs).uniform);
  std::vector<double> payloads(10, nan);
  payloads[9] = -nan;
  EXPECT_FALSE(digest(payloads).uniform);
}

TEST(ColumnDigest, EmptyColumnIsUniformWithNothingFirst) {
  const ColumnDigest d = digest(std::vector<double>{});
  EXPECT_TRUE(d.uniform);
  EXPECT_EQ(d.first, 0u);
  EXPECT_EQ(d.hash, digest(std::vector<std::uint8_t>{}).hash);  // no bytes either way
}

TEST(ColumnDigest, EqualColumnsHashEqualAndEveryChangeChangesTheHash) {
  std::vector<double> base(257);
  for (std::size_t i = 0; i < base.size(); ++i) base[i] = 0.1 * static_cast<double>(i);
  const std::uint64_t h = digest(base).hash;
  EXPECT_EQ(digest(std::vector<double>(base)).hash, h);

  std::set<std::uint64_t> seen{h};
  for (std::size_t i = 0; i < base.size(); ++i) {
    std::vector<double> v = base;
    v[i] = std::nextafter(v[i], 1e9);  // the smallest change of one element
    EXPECT_TRUE(seen.insert(digest(v).hash).second) << "element " << i;
  }
  // Swapping two elements, a shorter column, and the same bytes read as other elements.
  std::vector<double> swapped = base;
  std::swap(swapped[10], swapped[200]);
  EXPECT_TRUE(seen.insert(digest(swapped).hash).second);
  EXPECT_TRUE(seen.insert(digest_column(base.data(), base.size() - 1, 8).hash).second);
  EXPECT_EQ(digest_column(base.data(), base.size() * 2, 4).hash, h);  // a hash of bytes
}

TEST(ColumnDigest, ZeroBytesOfDifferentLengthsHashApart) {
  std::set<std::uint64_t> seen;
  for (std::size_t n = 0; n < 70; ++n)
    EXPECT_TRUE(seen.insert(digest(std::vector<std::uint8_t>(n, 0)).hash).second) << n;
}

TEST(ColumnDigest, UnsupportedElementSizeIsRefused) {
  const char bytes[12] = {};
  EXPECT_THROW(digest_column(bytes, 4, 3), std::invalid_argument);
  EXPECT_THROW(digest_column(bytes, 1, 16), std::invalid_argument);
}
