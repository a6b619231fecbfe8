#include "heatstreet/scenario/scenario_model.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <iterator>
#include <thread>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/error.hpp"
#include "heatstreet/core/vocabulary.hpp"

namespace heatstreet::scenario {

namespace {

std::vector<Measure> to_measures(const std::vector<std::string>& tokens, const std::string& where) {
  std::vector<Measure> out;
  for (const auto& t : tokens) {
    auto m = measure_from_token(t);
    if (!m) throw ConfigError(where + ": unknown measure '" + t + "'");
    if (std::find(out.begin(), out.end(), *m) == out.end()) out.push_back(*m);
  }
  return out;
}

// Expands bundle placeholders (spec §3.3), keeping the first occurrence of each measure.
std::vector<Measure> resolve(const std::vector<std::string>& tokens, const FabricBundles& b,
                             const std::string& where) {
  std::vector<std::string> expanded;
  for (const auto& t : tokens) {
    if (t == "fabric_bundle_tipping_point" || t == "fabric_improvements")
      expanded.insert(expanded.end(), b.full_to_tipping.begin(), b.full_to_tipping.end());
    else if (t == "fabric_bundle_minimum_ashp" || t == "modest_fabric_improvements")
      expanded.insert(expanded.end(), b.minimum_to_ashp.begin(), b.minimum_to_ashp.end());
    else
      expanded.push_back(t);
  }
  return to_measures(expanded, where);
}

template <class T>
const std::vector<T>& need(const Table& t, const char* name) {
  if (!t.has(name))
    throw InputError(std::string("scenario model: input column '") + name + "' is missing");
  try {
    return t.get<T>(name);
  } catch (const std::logic_error& e) {
    throw InputError(std::string("scenario model: input column '") + name + "': " + e.what());
  }
}

}  // namespace

std::vector<std::string> ResolvedScenario::measure_tokens() const {
  std::vector<std::string> out;
  for (Measure m : measures) out.push_back(measure_token(m));
  return out;
}

ScenarioModel::ScenarioModel(const ScenarioSettings& settings) : cfg_(settings.scenario) {
  bundles_ = fabric_bundles(cfg_);
  const auto minimum = to_measures(bundles_.minimum_to_ashp, "fabric bundle");
  params_ = make_kernel_params(settings, minimum);
  for (const auto& id : cfg_.scenarios.calculate) {
    const ScenarioDefinition* d = cfg_.find(id);
    if (!d) throw ConfigError("scenarios.calculate: scenario '" + id + "' has no definition");
    ResolvedScenario s;
    s.definition = *d;
    s.measures = resolve(d->measures, bundles_, "scenarios." + id + ".measures");
    s.published = std::find(cfg_.scenarios.publish.begin(), cfg_.scenarios.publish.end(), id) !=
                  cfg_.scenarios.publish.end();
    if (s.measures.empty() && !d->measures.empty())
      throw ConfigError("scenarios." + id + ".measures: the fabric bundle it names is empty");
    scenarios_.push_back(std::move(s));
  }
}

int ScenarioModel::find(const std::string& id) const {
  for (std::size_t i = 0; i < scenarios_.size(); ++i)
    if (scenarios_[i].definition.id == id) return static_cast<int>(i);
  return -1;
}

DwellingReader::DwellingReader(const Table& t)
    : n_(t.num_rows()),
      cert_(nullptr),
      floor_(&need<double>(t, dwelling::kFloorArea)),
      intensity_(&need<double>(t, dwelling::kEnergyIntensity)),
      sap_(&need<double>(t, dwelling::kCurrentSap)),
      band_(&need<std::uint8_t>(t, dwelling::kCurrentBand)),
      wall_(&need<std::uint8_t>(t, dwelling::kWallType)),
      insulated_(&need<std::uint8_t>(t, dwelling::kWallInsulated)),
      glazing_(&need<std::uint8_t>(t, dwelling::kGlazing)),
      hn_(&need<std::uint8_t>(t, dwelling::kHnReady)),
      heating_(t.has(dwelling::kHeatingSystem) ? &need<std::uint8_t>(t, dwelling::kHeatingSystem)
                                               : nullptr) {
  if (t.has(dwelling::kCertificateNumber)) cert_ = &t.strings(dwelling::kCertificateNumber);
}

Dwelling DwellingReader::operator()(std::size_t i) const {
  Dwelling d;
  d.floor_area = (*floor_)[i];
  d.intensity = (*intensity_)[i];
  d.sap = (*sap_)[i];
  d.band = (*band_)[i];
  d.wall_type = (*wall_)[i];
  d.wall_insulated = (*insulated_)[i];
  d.glazing = (*glazing_)[i];
  d.hn_ready = (*hn_)[i];
  if (heating_) d.heating_system = (*heating_)[i];
  return d;
}

std::string DwellingReader::id(std::size_t i) const {
  return cert_ ? std::string((*cert_)[i]) : "row " + std::to_string(i + 1);
}

bool DwellingReader::blank_id(std::size_t i) const {
  return cert_ && (*cert_)[i].find_first_not_of(" \t") == std::string_view::npos;
}

void for_chunks(std::size_t n, std::int64_t chunk_size, int workers,
                const std::function<void(std::size_t, std::size_t)>& fn) {
  if (chunk_size < 1) throw UsageError("run.chunk_size must be at least 1");
  if (workers < 1) throw UsageError("run.workers must be at least 1");
  const std::size_t c = static_cast<std::size_t>(chunk_size);
  for (std::size_t start = 0; start < n; start += c) {
    const std::size_t end = std::min(n, start + c);
    const std::size_t len = end - start;
    const std::size_t threads = std::min<std::size_t>(static_cast<std::size_t>(workers), len);
    if (threads <= 1) {
      fn(start, end);
      continue;
    }
    std::vector<std::exception_ptr> errors(threads);
    auto run = [&](std::size_t t) {
      const std::size_t b = start + len * t / threads, e = start + len * (t + 1) / threads;
      try {
        fn(b, e);
      } catch (...) {
        errors[t] = std::current_exception();
      }
    };
    // The calling thread is one of the workers: `workers` threads in all, not one more
    // waiting for them.
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(run, t);
    run(0);
    for (auto& th : pool) th.join();
    for (auto& err : errors)
      if (err) std::rethrow_exception(err);
  }
}

Table ScenarioModel::baseline_columns(const Table& dwellings, std::int64_t chunk_size,
                                      int workers) const {
  const DwellingReader read(dwellings);
  const std::size_t n = read.size();
  Table t;
  namespace d = dwelling;
  auto& energy = add_column(t, d::kBaselineEnergy);
  auto& intensity = add_column(t, d::kAdjustedEnergyIntensity);
  auto& rebound = add_column(t, d::kReboundFactor);
  auto& flow = add_column(t, d::kFlowTemp);
  auto& ready = add_column(t, d::kAshpReady);
  auto& proj = add_column(t, d::kAshpProjectedReady);
  energy.resize(n);
  intensity.resize(n);
  rebound.resize(n);
  flow.resize(n);
  ready.resize(n);
  proj.resize(n);
  for_chunks(n, chunk_size, workers, [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      const Baseline base = dwelling_baseline(read(i), params_);
      energy[i] = base.energy;
      intensity[i] = base.intensity;
      rebound[i] = base.rebound;
      flow[i] = base.flow_temp;
      ready[i] = base.ashp_ready;
      proj[i] = base.projected_ready;
    }
  });
  return t;
}

namespace {

// Spec §4.2: checks first, in row order, so the first bad row is named whatever the
// chunking. The certificate number is only turned into a string for a message.
void check_rows(const DwellingReader& read, bool need_heating_system) {
  // Pricing the baseline by the dwelling's own heating fuel needs that fuel.
  if (need_heating_system && !read.has_heating_system())
    throw InputError(std::string("scenario model: input column '") + dwelling::kHeatingSystem.name +
                     "' is missing (the documented model prices each dwelling's baseline by its "
                     "heating system)");
  for (std::size_t i = 0; i < read.size(); ++i) {
    const Dwelling d = read(i);
    if (d.intensity < 0)
      throw InputError("scenario model: certificate " + read.id(i) +
                       ": negative energy intensity (validation should have removed it)");
    if (read.blank_id(i))
      throw InputError("scenario model: row " + std::to_string(i + 1) +
                       ": blank certificate number");
    if (d.hn_ready > 1)
      throw InputError("scenario model: certificate " + read.id(i) + ": hn_ready is not 0 or 1");
  }
}

// A scenario's plan depends only on (hn_ready, ashp_ready): four plans, each with its
// measures as a bit mask (the measures_applied column).
struct Plans {
  Plan plan[2][2];
  std::int32_t mask[2][2];
};

Plans plans_of(const ResolvedScenario& sc, const KernelParams& p) {
  Plans out;
  for (int hn = 0; hn < 2; ++hn)
    for (int ready = 0; ready < 2; ++ready) {
      out.plan[hn][ready] = dwelling_plan(sc.measures, hn != 0, ready != 0, p);
      std::int32_t mask = 0;
      for (Measure m : out.plan[hn][ready].measures) mask |= 1 << static_cast<int>(m);
      out.mask[hn][ready] = mask;
    }
  return out;
}

using result::Flag;
using result::ResultColumn;

// The result columns filled straight from a DwellingResult member.
struct DoubleField {
  const ResultColumn<double>& column;
  double DwellingResult::*value;
};
struct FlagField {
  const ResultColumn<Flag>& column;
  bool DwellingResult::*value;
};
using R = DwellingResult;
const DoubleField kDoubleFields[] = {{result::kCapitalCost, &R::capital_cost},
                                     {result::kPostEnergy, &R::post_energy},
                                     {result::kBillSavings, &R::bill_savings},
                                     {result::kCo2Reduction, &R::co2_reduction},
                                     {result::kSimplePayback, &R::payback},
                                     {result::kEnergyReduction, &R::energy_reduction},
                                     {result::kBaselineEnergy, &R::baseline_energy},
                                     {result::kBaselineBill, &R::baseline_bill},
                                     {result::kPostBill, &R::post_bill},
                                     {result::kBaselineCo2, &R::baseline_co2},
                                     {result::kPostCo2, &R::post_co2},
                                     {result::kSapBefore, &R::sap_before},
                                     {result::kSapAfter, &R::sap_after},
                                     {result::kSapDelta, &R::sap_delta},
                                     {result::kSapBasisPct, &R::sap_basis_pct},
                                     {result::kDiscountedPayback, &R::discounted_payback},
                                     {result::kAbatementCost, &R::abatement},
                                     {result::kOperatingFlowTemp, &R::operating_flow_temp},
                                     {result::kCopCentral, &R::cop_central},
                                     {result::kCopLow, &R::cop_low},
                                     {result::kCopHigh, &R::cop_high},
                                     {result::kPostFabricIntensity, &R::post_fabric_intensity},
                                     {result::kHpElectricity, &R::hp_electricity},
                                     {result::kHpElectricityLow, &R::hp_electricity_low},
                                     {result::kHpElectricityHigh, &R::hp_electricity_high},
                                     {result::kBillSavingsLow, &R::bill_savings_low},
                                     {result::kBillSavingsHigh, &R::bill_savings_high},
                                     {result::kPostBillLow, &R::post_bill_low},
                                     {result::kPostBillHigh, &R::post_bill_high},
                                     {result::kPostCo2Low, &R::post_co2_low},
                                     {result::kPostCo2High, &R::post_co2_high}};
const FlagField kFlagFields[] = {{result::kBandShiftCapped, &R::band_shift_capped},
                                 {result::kRecommended, &R::recommended},
                                 {result::kReadyAfterMeasures, &R::ready_after_measures},
                                 {result::kCostCapApplied, &R::cap_applied}};
constexpr std::size_t kDoubleFieldCount = std::size(kDoubleFields);
constexpr std::size_t kFlagFieldCount = std::size(kFlagFields);

// The result table of n rows, every declared column in order, and where each row's values go.
class ResultRows {
 public:
  ResultRows(Table& t, std::size_t n) {
    result::for_each_column([&](const auto& c) { add_column(t, c).resize(n); });
    for (std::size_t k = 0; k < kDoubleFieldCount; ++k)
      doubles_[k] = column(t, kDoubleFields[k].column).data();
    for (std::size_t k = 0; k < kFlagFieldCount; ++k)
      flags_[k] = column(t, kFlagFields[k].column).data();
    flow_ = column(t, result::kFlowTemp).data();
    band_after_ = column(t, result::kBandAfter).data();
    band_before_ = column(t, result::kBandBefore).data();
    steps_ = column(t, result::kBandShiftSteps).data();
    tech_ = column(t, result::kTechnology).data();
    hybrid_ = column(t, result::kHybridPathway).data();
    applied_ = column(t, result::kMeasuresApplied).data();
    inserted_ = column(t, result::kFabricInserted).data();
    ready_ = column(t, result::kAshpReady).data();
    projected_ = column(t, result::kAshpProjectedReady).data();
    needed_ = column(t, result::kAshpFabricNeeded).data();
    not_after_ = column(t, result::kAshpNotReadyAfterFabric).data();
  }

  void write(std::size_t i, const DwellingResult& r, const Baseline& base, const Plan& plan,
             std::int32_t mask) const {
    for (std::size_t k = 0; k < kDoubleFieldCount; ++k)
      doubles_[k][i] = r.*(kDoubleFields[k].value);
    for (std::size_t k = 0; k < kFlagFieldCount; ++k)
      flags_[k][i] = r.*(kFlagFields[k].value) ? 1 : 0;
    flow_[i] = base.flow_temp;
    band_after_[i] = r.band_after;
    band_before_[i] = r.band_before;
    steps_[i] = r.band_shift_steps;
    tech_[i] = static_cast<std::uint8_t>(r.technology);
    hybrid_[i] = static_cast<std::uint8_t>(plan.hybrid);
    applied_[i] = mask;
    inserted_[i] = plan.fabric_inserted;
    ready_[i] = base.ashp_ready;
    projected_[i] = base.projected_ready;
    needed_[i] = base.fabric_needed;
    not_after_[i] = base.not_ready_after_fabric;
  }

 private:
  std::array<double*, kDoubleFieldCount> doubles_;
  std::array<Flag*, kFlagFieldCount> flags_;
  double* flow_;
  std::uint8_t *band_after_, *band_before_, *steps_, *tech_, *hybrid_;
  std::int32_t* applied_;
  Flag *inserted_, *ready_, *projected_, *needed_, *not_after_;
};

}  // namespace

Table ScenarioModel::compute(const Table& dwellings, std::size_t scenario, std::int64_t chunk_size,
                             int workers) const {
  const ResolvedScenario& sc = scenarios_.at(scenario);
  const DwellingReader read(dwellings);
  const std::size_t n = read.size();
  check_rows(read, params_.policy.baseline_priced_by_heating_fuel);
  const Plans plans = plans_of(sc, params_);
  Table t;
  const ResultRows rows(t, n);
  for_chunks(n, chunk_size, workers, [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      const Dwelling d = read(i);
      const Baseline base = dwelling_baseline(d, params_);
      const int hn = d.hn_ready ? 1 : 0, rd = base.ashp_ready ? 1 : 0;
      const Plan& plan = plans.plan[hn][rd];
      DwellingResult r;
      try {
        r = compute_dwelling(d, base, plan, params_);
      } catch (const std::domain_error& err) {
        throw InputError("scenario model: certificate " + read.id(i) + ": " + err.what());
      }
      rows.write(i, r, base, plan, plans.mask[hn][rd]);
    }
  });
  return t;
}

}  // namespace heatstreet::scenario
