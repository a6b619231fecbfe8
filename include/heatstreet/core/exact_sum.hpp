#pragma once
// Exact, order-independent summation of doubles. Each value is rounded once to a fixed
// point grid of 2^-40 (about 9.1e-13) and added as a 128-bit integer; integer addition is
// associative, so any split over ranks, chunks or threads gives bit-identical totals.
// Magnitudes up to 2^86 (about 7.7e25) per value are accepted. NaN values are skipped
// and counted; infinities are counted by sign and make value() infinite (or NaN if both).
#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace heatstreet {

class ExactSum {
 public:
  static constexpr int kFractionBits = 40;

  void add(double v) {
    if (std::isnan(v)) {
      ++nan_;
      return;
    }
    if (std::isinf(v)) {
      ++(v > 0 ? pos_inf_ : neg_inf_);
      return;
    }
    acc_ += to_fixed(v);
    ++count_;
  }

  ExactSum& operator+=(const ExactSum& o) {
    acc_ += o.acc_;
    count_ += o.count_;
    nan_ += o.nan_;
    pos_inf_ += o.pos_inf_;
    neg_inf_ += o.neg_inf_;
    return *this;
  }

  // v on the grid, rounded to nearest (ties to even), as a 128-bit integer.
  static __int128 to_fixed(double v) {
    const double scaled = v * 0x1p40;  // exact: a power-of-two scale
    const double a = std::fabs(scaled);
    // Fast paths: adding and removing 1.5 * 2^52 rounds to an integer in the default
    // rounding mode (as nearbyint would); from 2^52 up every double is an integer.
    if (a < 0x1p51) return static_cast<std::int64_t>((scaled + 0x1.8p52) - 0x1.8p52);
    if (a < 0x1p52) {
      // Halves are the only fractions here (values of 2048 to 4096, as energies and bills
      // often are): truncate, then round a half to the even neighbour.
      const auto t = static_cast<std::int64_t>(scaled);
      const bool half = scaled != static_cast<double>(t);
      return t + (half && (t & 1) ? (scaled < 0 ? -1 : 1) : 0);
    }
    if (a < 0x1p62) return static_cast<std::int64_t>(scaled);
    const double r = std::nearbyint(scaled);
    if (!(std::fabs(r) < 0x1p126)) throw std::overflow_error("ExactSum: value too large");
    return static_cast<__int128>(r);
  }

  // The sum of the finite values (infinite or NaN if infinities were added).
  double value() const {
    if (pos_inf_ && neg_inf_) return std::nan("");
    if (pos_inf_) return HUGE_VAL;
    if (neg_inf_) return -HUGE_VAL;
    const bool negative = acc_ < 0;
    const unsigned __int128 m =
        negative ? -static_cast<unsigned __int128>(acc_) : static_cast<unsigned __int128>(acc_);
    const double hi = static_cast<double>(static_cast<std::uint64_t>(m >> 64));
    const double lo = static_cast<double>(static_cast<std::uint64_t>(m));
    const double v = std::ldexp(std::ldexp(hi, 64) + lo, -kFractionBits);
    return negative ? -v : v;
  }
  // Mean of the finite values (NaN when none).
  double mean() const { return count_ ? value() / static_cast<double>(count_) : std::nan(""); }
  std::int64_t count() const { return count_; }
  std::int64_t nan_count() const { return nan_; }

  // Plain words for sending between ranks: {low, high, count, nan, +inf, -inf}.
  static constexpr int kWords = 6;
  void to_words(std::int64_t* w) const {
    const unsigned __int128 u = static_cast<unsigned __int128>(acc_);
    w[0] = static_cast<std::int64_t>(static_cast<std::uint64_t>(u));
    w[1] = static_cast<std::int64_t>(static_cast<std::uint64_t>(u >> 64));
    w[2] = count_;
    w[3] = nan_;
    w[4] = pos_inf_;
    w[5] = neg_inf_;
  }
  static ExactSum from_words(const std::int64_t* w) {
    ExactSum s;
    const unsigned __int128 u =
        (static_cast<unsigned __int128>(static_cast<std::uint64_t>(w[1])) << 64) |
        static_cast<std::uint64_t>(w[0]);
    s.acc_ = static_cast<__int128>(u);
    s.count_ = w[2];
    s.nan_ = w[3];
    s.pos_inf_ = w[4];
    s.neg_inf_ = w[5];
    return s;
  }

 private:
  __int128 acc_ = 0;
  std::int64_t count_ = 0, nan_ = 0, pos_inf_ = 0, neg_inf_ = 0;
};

}  // namespace heatstreet
