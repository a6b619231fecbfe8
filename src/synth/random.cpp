// Counter-based random numbers: the normal draw, and the bijection behind identifiers.
#include <cmath>

#include "heatstreet/synth/detail.hpp"

namespace heatstreet::synth::detail {

double Rng::normal() {
  double u1 = uniform();
  double u2 = uniform();
  if (u1 < 1e-300) u1 = 1e-300;
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

std::uint64_t scramble(std::uint64_t x, int bits) {
  const std::uint64_t mask = (bits >= 64) ? ~0ULL : ((1ULL << bits) - 1);
  x &= mask;
  x = (x * 0x9E3779B97F4A7C15ULL) & mask;
  x ^= x >> (bits / 2);
  x = (x * 0xBF58476D1CE4E5B9ULL) & mask;
  return x;
}

}  // namespace heatstreet::synth::detail
