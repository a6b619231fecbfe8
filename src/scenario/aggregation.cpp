#include "heatstreet/scenario/aggregation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/parallel/order_statistics.hpp"

namespace heatstreet::scenario {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// The marginal band's end when financial.max_payback_marginal is not read.
constexpr double kFixedMarginalPayback = 25;

// Result columns the aggregates read, in the order the constructor binds them.
enum DoubleColumn {
  kDCapex,
  kDSavings,
  kDBase,
  kDEnergyRed,
  kDCo2Red,
  kDPostEnergy,
  kDBaseBill,
  kDPostBill,
  kDBaseCo2,
  kDPostCo2,
  kDSavLow,
  kDSavHigh,
  kDPostBillLow,
  kDPostBillHigh,
  kDPostCo2Low,
  kDPostCo2High,
  kDElec,
  kDElecLow,
  kDElecHigh,
  kDSapDelta,
  kDSapBasis,
  kDPayback,
  kDAbatement
};
enum FlagColumn {
  kUSteps,
  kUCapped,
  kURecommended,
  kUCaps,
  kUBandAfter,
  kUAshpReady,
  kUReadyAfter,
  kUFabricInserted,
  kUHybrid,
  kUTechnology
};

}  // namespace

Accumulator& Accumulator::operator+=(const Accumulator& o) {
  for (std::size_t i = 0; i < sums.size(); ++i) sums[i] += o.sums[i];
  for (std::size_t i = 0; i < counts.size(); ++i) counts[i] += o.counts[i];
  return *this;
}

void Accumulator::to_words(std::int64_t* w) const {
  for (std::size_t i = 0; i < sums.size(); ++i) sums[i].to_words(w + i * ExactSum::kWords);
  std::copy(counts.begin(), counts.end(), w + kSums * ExactSum::kWords);
}

void Accumulator::add_words(const std::int64_t* w) {
  for (std::size_t i = 0; i < sums.size(); ++i)
    sums[i] += ExactSum::from_words(w + i * ExactSum::kWords);
  for (std::size_t i = 0; i < counts.size(); ++i) counts[i] += w[kSums * ExactSum::kWords + i];
}

double marginal_payback_threshold(const ScenarioModel& model) {
  return model.policy().marginal_payback_configured ? model.config().financial.max_payback_marginal
                                                    : kFixedMarginalPayback;
}

RowAggregator::RowAggregator(const ScenarioModel& model, const Table& dwellings,
                             const Table& results)
    : assignments_count_technology_(model.policy().assignments_count_technology),
      band_in_(column(dwellings, dwelling::kCurrentBand)),
      hn_ready_(column(dwellings, dwelling::kHnReady)),
      max_payback_(model.config().financial.max_payback_years),
      marginal_(marginal_payback_threshold(model)) {
  namespace r = result;
  for (const r::ResultColumn<double>* c :
       {&r::kCapitalCost,   &r::kBillSavings,      &r::kBaselineEnergy,    &r::kEnergyReduction,
        &r::kCo2Reduction,  &r::kPostEnergy,       &r::kBaselineBill,      &r::kPostBill,
        &r::kBaselineCo2,   &r::kPostCo2,          &r::kBillSavingsLow,    &r::kBillSavingsHigh,
        &r::kPostBillLow,   &r::kPostBillHigh,     &r::kPostCo2Low,        &r::kPostCo2High,
        &r::kHpElectricity, &r::kHpElectricityLow, &r::kHpElectricityHigh, &r::kSapDelta,
        &r::kSapBasisPct,   &r::kSimplePayback,    &r::kAbatementCost})
    d_.push_back(column(results, *c).data());
  for (const r::ResultColumn<std::uint8_t>* c :
       {&r::kBandShiftSteps, &r::kBandShiftCapped, &r::kRecommended, &r::kCostCapApplied,
        &r::kBandAfter, &r::kAshpReady, &r::kReadyAfterMeasures, &r::kFabricInserted,
        &r::kHybridPathway, &r::kTechnology})
    u_.push_back(column(results, *c).data());
  mask_ = column(results, r::kMeasuresApplied).data();
  if (results.num_rows() != dwellings.num_rows())
    throw std::logic_error("scenario results are not aligned with the dwellings");
}

void RowAggregator::add(std::size_t i, Accumulator& a) const {
  Samples v;
  add(i, a, v);
  for (std::size_t k = 0; k < v.size(); ++k)
    if (!std::isnan(v[k])) a.samples[k].push_back(v[k]);
}

void RowAggregator::add(std::size_t i, Accumulator& a, Samples& samples) const {
  samples.fill(kNaN);
  a.counts[Accumulator::kN] += 1;
  add_figures(i, a, samples);
  add_payback(i, a, samples);
  add_bands(i, a);
  add_supply(i, a);
  // Abatement (§7.9).
  const double abatement = d_[kDAbatement][i];
  if (std::isfinite(abatement)) {
    a.sums[Accumulator::kAbatement].add(abatement);
    samples[Accumulator::kSAbatement] = abatement;
  }
}

// Totals (§7.1), energy and SAP (§7.3).
void RowAggregator::add_figures(std::size_t i, Accumulator& a, Samples& samples) const {
  using A = Accumulator;
  auto& s = a.sums;
  const double base = d_[kDBase][i];
  const double ered = d_[kDEnergyRed][i];
  s[A::kCapex].add(d_[kDCapex][i]);
  s[A::kEnergyRed].add(ered);
  s[A::kCo2Red].add(d_[kDCo2Red][i]);
  s[A::kBillSav].add(d_[kDSavings][i]);
  s[A::kBaseEnergy].add(base);
  s[A::kPostEnergy].add(d_[kDPostEnergy][i]);
  s[A::kBaseBill].add(d_[kDBaseBill][i]);
  s[A::kPostBill].add(d_[kDPostBill][i]);
  s[A::kBaseCo2].add(d_[kDBaseCo2][i]);
  s[A::kPostCo2].add(d_[kDPostCo2][i]);
  s[A::kBillSavLow].add(d_[kDSavLow][i]);
  s[A::kBillSavHigh].add(d_[kDSavHigh][i]);
  s[A::kPostBillLow].add(d_[kDPostBillLow][i]);
  s[A::kPostBillHigh].add(d_[kDPostBillHigh][i]);
  s[A::kPostCo2Low].add(d_[kDPostCo2Low][i]);
  s[A::kPostCo2High].add(d_[kDPostCo2High][i]);
  s[A::kHpElec].add(d_[kDElec][i]);
  s[A::kHpElecLow].add(d_[kDElecLow][i]);
  s[A::kHpElecHigh].add(d_[kDElecHigh][i]);
  const double sap_delta = d_[kDSapDelta][i];
  const double sap_basis = d_[kDSapBasis][i];
  s[A::kSapDelta].add(sap_delta);
  s[A::kSapBasis].add(sap_basis);
  samples[A::kSSapDelta] = sap_delta;
  samples[A::kSSapBasis] = sap_basis;
  s[A::kBandSteps].add(u_[kUSteps][i]);
  a.counts[A::kBandCapped] += u_[kUCapped][i];
  if (base > 0) {
    const double ratio = ered / base;
    s[A::kEnergyRatio].add(ratio);
    samples[A::kSEnergyRatio] = ratio;
  }
}

// The payback contract (§7.2), payback distribution and cost-effectiveness (§7.8).
void RowAggregator::add_payback(std::size_t i, Accumulator& a, Samples& samples) const {
  using A = Accumulator;
  auto& s = a.sums;
  auto& c = a.counts;
  const double capex = d_[kDCapex][i];
  const double savings = d_[kDSavings][i];
  const double payback = d_[kDPayback][i];
  if (std::isnan(capex) || std::isnan(savings)) {
    c[A::kPbMissing] += 1;
  } else if (std::isinf(capex) || std::isinf(savings)) {
    c[A::kPbNonFinite] += 1;
  } else if (savings <= 0) {
    c[A::kPbNonPositive] += 1;
  } else if (!std::isfinite(capex / savings)) {
    c[A::kPbInfinite] += 1;
  } else {
    c[A::kPbValid] += 1;
    s[A::kPaybackValid].add(payback);
    samples[A::kSPayback] = payback;
  }
  if (std::isfinite(payback)) {
    c[A::kPbFinite] += 1;
    c[payback <= 5    ? A::kPb0to5
      : payback <= 10 ? A::kPb5to10
      : payback <= 15 ? A::kPb10to15
      : payback <= 20 ? A::kPb15to20
                      : A::kPbOver20] += 1;
    if (payback <= max_payback_) {
      c[A::kCeCost] += 1;
      s[A::kPaybackCostEffective].add(payback);
      samples[A::kSPaybackCe] = payback;
    } else if (payback <= marginal_) {
      c[A::kCeMarginal] += 1;
      s[A::kPaybackMarginal].add(payback);
    } else {
      c[A::kCeLong] += 1;
    }
  }
  c[A::kRecommended] += u_[kURecommended][i];
  c[A::kCaps] += u_[kUCaps][i];
}

// EPC bands before and after (§7.7).
void RowAggregator::add_bands(std::size_t i, Accumulator& a) const {
  using A = Accumulator;
  auto& c = a.counts;
  const std::uint8_t before = band_in_[i];
  const std::uint8_t after = u_[kUBandAfter][i];
  if (before < 7) c[A::kBandBefore + before] += 1;
  if (after < 7) {
    c[A::kBandAfter + after] += 1;
    if (before < 7) c[A::kBandAfterKnown + after] += 1;
  }
}

// Heat-pump deployment and readiness (§7.4), technology assignment (§7.5).
void RowAggregator::add_supply(std::size_t i, Accumulator& a) const {
  using A = Accumulator;
  auto& c = a.counts;
  if (mask_[i] & (1 << static_cast<int>(Measure::kAshp))) {
    c[A::kAshpInstalled] += 1;
    c[A::kAshpReadyBefore] += u_[kUAshpReady][i];
    c[A::kAshpReadyAfter] += u_[kUReadyAfter][i];
    c[d_[kDBase][i] > 0 ? A::kAshpPositiveDemand : A::kAshpZeroBaseline] += 1;
    if (d_[kDElec][i] > 0) c[A::kAshpPositiveElec] += 1;
  }
  c[A::kAshpFabric] += u_[kUFabricInserted][i];
  c[A::kHnReady] += hn_ready_[i] ? 1 : 0;
  if (assignments_count_technology_) {
    const std::uint8_t tech = u_[kUTechnology][i];
    c[A::kHnAssigned] += tech == static_cast<std::uint8_t>(Technology::kHeatNetwork);
    c[A::kAshpAssigned] += tech == static_cast<std::uint8_t>(Technology::kHeatPump);
  } else {
    // The predecessor counted only the hybrid allocation, so pure heat-pump and
    // heat-network scenarios report 0 / 0.
    const std::uint8_t h = u_[kUHybrid][i];
    c[A::kHnAssigned] += h == static_cast<std::uint8_t>(HybridPathway::kHeatNetwork);
    c[A::kAshpAssigned] += h == static_cast<std::uint8_t>(HybridPathway::kAshp);
  }
}

SampleStats local_sample_stats(const Accumulator& acc) {
  SampleStats st;
  for (std::size_t k = 0; k < acc.samples.size(); ++k) {
    std::vector<double> v;
    for (double x : acc.samples[k])
      if (!std::isnan(x)) v.push_back(x);
    std::sort(v.begin(), v.end());
    st.median[k] = median_sorted(v);
    if (k == Accumulator::kSAbatement) {
      st.abatement_p10 = quantile_sorted(v, 0.10);
      st.abatement_p90 = quantile_sorted(v, 0.90);
    }
  }
  return st;
}

}  // namespace heatstreet::scenario
