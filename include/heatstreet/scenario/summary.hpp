#pragma once
// Scenario aggregates (spec: scenario model §7, §8) as plain data: named values with
// units, for the whole stock and broken down by local authority and by tier. The local
// part (accumulating rows) is pure; totals use ExactSum, so partial aggregates merged in
// any order give identical results. Medians and quantiles come from the sample vectors,
// by sorting (one process) or by distributed selection (scenario_stage.hpp).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "heatstreet/core/exact_sum.hpp"
#include "heatstreet/scenario/scenario_model.hpp"

namespace heatstreet::scenario {

struct SummaryValue {
  std::string name;
  std::string unit;
  double value = 0;  // NaN = null (no value)
  std::string text;  // set for text values (value is then NaN)
};

struct SummaryGroup {
  std::string dimension;  // "all", "local_authority" or "tier"
  std::string key;        // "" for all, the GSS code, or the tier number
  std::vector<SummaryValue> values;
  // The value of a named entry; throws std::out_of_range when absent.
  const SummaryValue& at(const std::string& name) const;
  double get(const std::string& name) const { return at(name).value; }
};

struct SubsidyRow {
  double subsidy_pct = 0;
  double capital_cost_total = 0;         // after subsidy (and uplift)
  double capital_cost_per_property = 0;  // after subsidy (and uplift)
  double capital_cost_total_uplifted = 0;
  double capital_cost_per_property_uplifted = 0;
  double payback_years = 0;                // NaN when savings <= 0
  double property_payback_mean_years = 0;  // scenario value x cost scale (NaN passes)
  double property_payback_median_years = 0;
  double uptake = 0;
  std::int64_t properties_upgraded = 0;
  double public_expenditure_total = 0;
  double public_expenditure_per_property = 0;
  double abatement_cost_per_tonne = 0;
  std::string narrative;
};

struct ScenarioSummary {
  std::string id, label;
  std::vector<std::string> measures;
  bool published = false;
  bool baseline = false;
  std::vector<SummaryGroup> groups;  // groups[0] is the whole stock
  std::vector<SubsidyRow> subsidy;   // filled for subsidy.scenarios
  const SummaryGroup& overall() const { return groups.front(); }
};

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
  const ScenarioModel& model_;
  const std::vector<std::uint8_t>& band_in_;
  const std::vector<std::uint8_t>& hn_ready_;
  const Table& r_;
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

// The named values of one group from its merged accumulator.
std::vector<SummaryValue> summary_values(const Accumulator& acc, const SampleStats& stats,
                                         const ScenarioModel& model, bool baseline);

// The subsidy sensitivity table (§8) of a scenario from its whole-stock values.
std::vector<SubsidyRow> subsidy_sensitivity(const SummaryGroup& overall,
                                            const ScenarioModelConfig& cfg);

// CSV text: one row per scenario, group and value (scenario, label, dimension, key,
// metric, unit, value), and the subsidy table. Numbers with 17 significant digits; an
// empty value is null.
std::string summary_csv(const std::vector<ScenarioSummary>& summaries);
std::string subsidy_csv(const std::vector<ScenarioSummary>& summaries);
// One row per scenario (whole stock): scenario_id, scenario, published, then one column
// per metric in first-seen order (empty where a scenario has no such value).
std::string scenario_table_csv(const std::vector<ScenarioSummary>& summaries);

}  // namespace heatstreet::scenario
