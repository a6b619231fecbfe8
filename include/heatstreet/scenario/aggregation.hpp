#pragma once
// The partial aggregates of a group of dwellings (spec: scenario model §7): totals as
// ExactSum, so partial aggregates merged in any order give identical results, counts, and
// the sample vectors medians and quantiles come from (by sorting in one process, or by
// distributed selection: scenario_stage.hpp). Accumulating rows is pure.
#include <array>
#include <cstdint>
#include <vector>

#include "heatstreet/core/exact_sum.hpp"
#include "heatstreet/scenario/scenario_model.hpp"

namespace heatstreet::scenario {

// Partial aggregate of one group of dwellings.
struct Accumulator {
  enum Sum {
    kCapex,
    kEnergyRed,
    kCo2Red,
    kBillSav,
    kBaseEnergy,
    kPostEnergy,
    kBaseBill,
    kPostBill,
    kBaseCo2,
    kPostCo2,
    kBillSavLow,
    kBillSavHigh,
    kPostBillLow,
    kPostBillHigh,
    kPostCo2Low,
    kPostCo2High,
    kHpElec,
    kHpElecLow,
    kHpElecHigh,
    kSapDelta,
    kSapBasis,
    kBandSteps,
    kEnergyRatio,
    kPaybackValid,
    kAbatement,
    kPaybackCostEffective,
    kPaybackMarginal,
    kSums
  };
  enum Count {
    kN,
    kPbValid,
    kPbNonPositive,
    kPbMissing,
    kPbNonFinite,
    kPbInfinite,
    kRecommended,
    kCaps,
    kBandCapped,
    kPb0to5,
    kPb5to10,
    kPb10to15,
    kPb15to20,
    kPbOver20,
    kPbFinite,
    kCeCost,
    kCeMarginal,
    kCeLong,
    kAshpInstalled,
    kAshpReadyBefore,
    kAshpReadyAfter,
    kAshpZeroBaseline,
    kAshpPositiveDemand,
    kAshpPositiveElec,
    kAshpFabric,
    kHnReady,
    kHnAssigned,
    kAshpAssigned,
    kBandBefore,
    kBandAfter = kBandBefore + 7,
    kBandAfterKnown = kBandAfter + 7,
    kCounts = kBandAfterKnown + 7
  };
  enum Sample {
    kSPayback,
    kSEnergyRatio,
    kSSapDelta,
    kSSapBasis,
    kSAbatement,
    kSPaybackCe,
    kSamples
  };

  std::array<ExactSum, kSums> sums{};
  std::array<std::int64_t, kCounts> counts{};
  std::array<std::vector<double>, kSamples> samples;  // local values, for medians/quantiles

  Accumulator& operator+=(const Accumulator& o);  // sums and counts (samples are not merged)
  static constexpr std::size_t kWords = kSums * ExactSum::kWords + kCounts;
  void to_words(std::int64_t* w) const;
  void add_words(const std::int64_t* w);
};

// The upper end of the marginal payback band (§7.8), years.
double marginal_payback_threshold(const ScenarioModel& model);

// The per-row inputs of the aggregates, bound once to the result columns.
class RowAggregator {
 public:
  RowAggregator(const ScenarioModel& model, const Table& dwellings, const Table& results);
  // Sums, counts and samples of one row.
  void add(std::size_t row, Accumulator& acc) const;
  // Sums and counts only; the row's value of each sample goes to samples[k] (NaN where
  // the row gives that sample none), for callers that keep samples their own way.
  void add(std::size_t row, Accumulator& acc,
           std::array<double, Accumulator::kSamples>& samples) const;

 private:
  using Samples = std::array<double, Accumulator::kSamples>;
  void add_figures(std::size_t i, Accumulator& a, Samples& samples) const;
  void add_payback(std::size_t i, Accumulator& a, Samples& samples) const;
  void add_bands(std::size_t i, Accumulator& a) const;
  void add_supply(std::size_t i, Accumulator& a) const;

  bool assignments_count_technology_;
  const std::vector<std::uint8_t>& band_in_;
  const std::vector<std::uint8_t>& hn_ready_;
  std::vector<const double*> d_;  // result columns' data, bound once
  std::vector<const std::uint8_t*> u_;
  const std::int32_t* mask_ = nullptr;
  double max_payback_, marginal_;
};

// Medians and quantiles of a group's samples.
struct SampleStats {
  std::array<double, Accumulator::kSamples> median{};
  double abatement_p10 = 0, abatement_p90 = 0;
};
// From the local samples alone (one process holds every row).
SampleStats local_sample_stats(const Accumulator& acc);

}  // namespace heatstreet::scenario
