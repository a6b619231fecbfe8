#pragma once
// Order statistics of values held in one place: an order-preserving integer key of a
// double, a radix sort by such keys, and quantiles with the interpolation of pandas and
// NumPy ("linear"; the median of an even count is the mean of the middle pair). The
// distributed search of distributed_quantile.hpp and the local reducer both build on it.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

namespace heatstreet {

// Order-preserving map of doubles (not NaN) onto unsigned integers, and back.
inline std::uint64_t ordered_key(double v) {
  std::uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return (bits >> 63) ? ~bits : (bits | 0x8000000000000000ull);
}
inline double from_ordered_key(std::uint64_t key) {
  const std::uint64_t bits = (key >> 63) ? (key & 0x7fffffffffffffffull) : ~key;
  double v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

// Sorts by a 64-bit key (key(x) gives it): least-significant-digit radix sort, a byte
// per pass, skipping the bytes every key shares. Stable. Linear in v.size(), which is
// what makes sorting every sample of every scenario affordable.
template <class T, class KeyOf>
void radix_sort(std::vector<T>& v, KeyOf key) {
  const std::size_t n = v.size();
  if (n < 512) {
    std::stable_sort(v.begin(), v.end(), [&](const T& a, const T& b) { return key(a) < key(b); });
    return;
  }
  std::vector<std::array<std::size_t, 256>> hist(8);
  for (auto& h : hist) h.fill(0);
  for (const T& x : v) {
    const std::uint64_t k = key(x);
    for (int d = 0; d < 8; ++d) ++hist[d][(k >> (8 * d)) & 0xff];
  }
  std::vector<T> tmp(n);
  T* src = v.data();
  T* dst = tmp.data();
  const std::uint64_t first = key(v[0]);
  for (int d = 0; d < 8; ++d) {
    auto& h = hist[d];
    if (h[(first >> (8 * d)) & 0xff] == n) continue;  // every key has this byte
    std::size_t at = 0;
    for (auto& c : h) {
      const std::size_t count = c;
      c = at;
      at += count;
    }
    for (std::size_t i = 0; i < n; ++i) dst[h[(key(src[i]) >> (8 * d)) & 0xff]++] = src[i];
    std::swap(src, dst);
  }
  if (src != v.data()) v.swap(tmp);
}

// NumPy's linear interpolation between neighbouring order statistics.
double lerp_numpy(double a, double b, double t);
// Quantile q of sorted values (NaN-free) by the rule above; NaN when empty.
double quantile_sorted(const std::vector<double>& sorted, double q);
// Median of sorted values (NaN-free); NaN when empty.
double median_sorted(const std::vector<double>& sorted);

}  // namespace heatstreet
