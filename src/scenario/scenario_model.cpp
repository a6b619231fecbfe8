#include "heatstreet/scenario/scenario_model.hpp"

#include <algorithm>
#include <exception>
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

ScenarioModel::ScenarioModel(const Config& cfg)
    : cfg_(cfg.scenario), methodology_(cfg.model.methodology) {
  bundles_ = fabric_bundles(cfg_);
  const auto minimum = to_measures(bundles_.minimum_to_ashp, "fabric bundle");
  params_ = make_kernel_params(cfg_, cfg.model, minimum);
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

Table ScenarioModel::compute(const Table& dwellings, std::size_t scenario, std::int64_t chunk_size,
                             int workers) const {
  const ResolvedScenario& sc = scenarios_.at(scenario);
  const DwellingReader read(dwellings);
  const std::size_t n = read.size();
  // Documented mode prices the baseline by the dwelling's own heating fuel.
  if (methodology_ == Methodology::kDocumented && !read.has_heating_system())
    throw InputError(std::string("scenario model: input column '") + dwelling::kHeatingSystem.name +
                     "' is missing (model.methodology: documented prices each dwelling's "
                     "baseline by its heating system)");
  // Checks first, in row order, so the first bad row is named whatever the chunking.
  // The certificate number is only turned into a string for a message.
  for (std::size_t i = 0; i < n; ++i) {
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
  // The plan depends only on (hn_ready, ashp_ready): four plans per scenario.
  Plan plans[2][2];
  std::int32_t masks[2][2];
  for (int hn = 0; hn < 2; ++hn)
    for (int ready = 0; ready < 2; ++ready) {
      plans[hn][ready] = dwelling_plan(sc.measures, hn != 0, ready != 0, params_);
      std::int32_t mask = 0;
      for (Measure m : plans[hn][ready].measures) mask |= 1 << static_cast<int>(m);
      masks[hn][ready] = mask;
    }

  Table t;
  const std::vector<std::string> yn{"no", "yes"};
  std::vector<std::string> tokens;
  for (int m = 0; m < kMeasureCount; ++m) tokens.push_back(measure_token(static_cast<Measure>(m)));
  struct DoubleOut {
    double DwellingResult::*member;
    std::vector<double>* column;
  };
  std::vector<DoubleOut> doubles;
  auto add_d = [&](const char* name, const char* unit, const char* desc,
                   double DwellingResult::*m) {
    auto& c = t.add<double>({name, unit, desc, {}});
    c.resize(n);
    doubles.push_back({m, &c});
  };
  struct FlagOut {
    bool DwellingResult::*member;
    std::vector<std::uint8_t>* column;
  };
  std::vector<FlagOut> flags;
  auto add_f = [&](const char* name, const char* desc, bool DwellingResult::*m) {
    auto& c = t.add<std::uint8_t>({name, "", desc, yn});
    c.resize(n);
    flags.push_back({m, &c});
  };
  using R = DwellingResult;
  add_d(out::kCapitalCost, "GBP", "Capital cost of the measures applied", &R::capital_cost);
  add_d(out::kPostEnergy, "kWh/yr", "Delivered energy after the measures", &R::post_energy);
  add_d(out::kBillSavings, "GBP/yr", "Annual bill saving, central COP", &R::bill_savings);
  add_d(out::kCo2Reduction, "kgCO2e/yr", "Annual CO2 reduction", &R::co2_reduction);
  add_d(out::kSimplePayback, "years", "Capital cost over annual bill saving (inf: never)",
        &R::payback);
  auto& band_after =
      t.add<std::uint8_t>({out::kBandAfter, "", "EPC band after the measures", band_labels()});
  auto& band_before = t.add<std::uint8_t>(
      {out::kBandBefore, "", "EPC band before (register, or from SAP)", band_labels()});
  band_after.resize(n);
  band_before.resize(n);
  add_d(out::kEnergyReduction, "kWh/yr", "Baseline energy minus post-measure energy",
        &R::energy_reduction);
  add_d(out::kBaselineEnergy, "kWh/yr", "Baseline delivered energy after the prebound adjustment",
        &R::baseline_energy);
  add_d(out::kBaselineBill, "GBP/yr",
        "Baseline bill at the price of the dwelling's heating fuel (heatstreet-python: gas)",
        &R::baseline_bill);
  add_d(out::kPostBill, "GBP/yr", "Bill after the measures, central COP", &R::post_bill);
  add_d(out::kBaselineCo2, "kgCO2e/yr",
        "Baseline emissions of the dwelling's heating fuel (heatstreet-python: gas)",
        &R::baseline_co2);
  add_d(out::kPostCo2, "kgCO2e/yr", "Emissions after the measures, central COP", &R::post_co2);
  add_d(out::kSapBefore, "SAP points", "SAP rating before", &R::sap_before);
  add_d(out::kSapAfter, "SAP points", "SAP rating after (tapered gain, band guardrails)",
        &R::sap_after);
  add_d(out::kSapDelta, "SAP points", "SAP rating change", &R::sap_delta);
  add_d(out::kSapBasisPct, "%", "Energy saving the SAP gain is based on", &R::sap_basis_pct);
  auto& steps =
      t.add<std::uint8_t>({out::kBandShiftSteps, "bands", "EPC bands gained (at most 2)", {}});
  steps.resize(n);
  add_f(out::kBandShiftCapped, "Band gain capped at two bands", &R::band_shift_capped);
  add_d(out::kDiscountedPayback, "years",
        "First year discounted savings cover the cost (inf: not within 50)",
        &R::discounted_payback);
  add_d(out::kAbatementCost, "GBP/tCO2e",
        "Capital cost per tonne abated over the horizon (inf: no reduction)", &R::abatement);
  add_f(out::kRecommended, "Simple payback within financial.cost_effectiveness.max_payback_years",
        &R::recommended);
  auto& tech = t.add<std::uint8_t>(
      {out::kTechnology, "", "Heating technology after the measures", technology_labels()});
  auto& hybrid = t.add<std::uint8_t>(
      {out::kHybridPathway, "", "Hybrid allocation from hn_ready", hybrid_pathway_labels()});
  auto& applied = t.add<std::int32_t>(
      {out::kMeasuresApplied, "", "Measures applied, bit i = labels[i]", tokens});
  auto& inserted = t.add<std::uint8_t>(
      {out::kFabricInserted, "", "Enabling fabric inserted before the heat pump", yn});
  auto& ready =
      t.add<std::uint8_t>({out::kAshpReady, "", "Heat-pump ready today (demand or EPC band)", yn});
  auto& proj = t.add<std::uint8_t>(
      {out::kAshpProjectedReady, "", "Heat-pump ready after the minimum fabric bundle", yn});
  auto& needed = t.add<std::uint8_t>(
      {out::kAshpFabricNeeded, "", "Not ready today, ready after the minimum fabric", yn});
  auto& not_after = t.add<std::uint8_t>(
      {out::kAshpNotReadyAfterFabric, "", "Not ready even after the minimum fabric", yn});
  for (auto* c : {&tech, &hybrid, &inserted, &ready, &proj, &needed, &not_after}) c->resize(n);
  applied.resize(n);
  add_f(out::kReadyAfterMeasures, "Post-fabric demand within the heat-pump limit",
        &R::ready_after_measures);
  add_d(out::kFlowTemp, "degC", "Estimated heating flow temperature today", nullptr);
  add_d(out::kOperatingFlowTemp, "degC",
        "Flow temperature after the measures (at least the heat-pump minimum)",
        &R::operating_flow_temp);
  add_d(out::kCopCentral, "", "Heat-pump seasonal COP, central (NaN: no heat pump)",
        &R::cop_central);
  add_d(out::kCopLow, "", "Heat-pump seasonal COP, low", &R::cop_low);
  add_d(out::kCopHigh, "", "Heat-pump seasonal COP, high", &R::cop_high);
  add_d(out::kPostFabricIntensity, "kWh/m2/yr", "Energy intensity after fabric and rebound",
        &R::post_fabric_intensity);
  add_d(out::kHpElectricity, "kWh/yr", "Heat-pump electricity, central COP", &R::hp_electricity);
  add_d(out::kHpElectricityLow, "kWh/yr", "Heat-pump electricity, low COP", &R::hp_electricity_low);
  add_d(out::kHpElectricityHigh, "kWh/yr", "Heat-pump electricity, high COP",
        &R::hp_electricity_high);
  add_d(out::kBillSavingsLow, "GBP/yr", "Annual bill saving, low COP", &R::bill_savings_low);
  add_d(out::kBillSavingsHigh, "GBP/yr", "Annual bill saving, high COP", &R::bill_savings_high);
  add_d(out::kPostBillLow, "GBP/yr", "Bill after the measures, low COP", &R::post_bill_low);
  add_d(out::kPostBillHigh, "GBP/yr", "Bill after the measures, high COP", &R::post_bill_high);
  add_d(out::kPostCo2Low, "kgCO2e/yr", "Emissions after the measures, low COP", &R::post_co2_low);
  add_d(out::kPostCo2High, "kgCO2e/yr", "Emissions after the measures, high COP",
        &R::post_co2_high);
  add_f(out::kCostCapApplied, "A cost item was capped at its per-home maximum", &R::cap_applied);
  std::vector<double>& flow = t.get<double>(out::kFlowTemp);

  for_chunks(n, chunk_size, workers, [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      const Dwelling d = read(i);
      const Baseline base = dwelling_baseline(d, params_);
      const int hn = d.hn_ready ? 1 : 0, rd = base.ashp_ready ? 1 : 0;
      const Plan& plan = plans[hn][rd];
      DwellingResult r;
      try {
        r = compute_dwelling(d, base, plan, params_);
      } catch (const std::domain_error& err) {
        throw InputError("scenario model: certificate " + read.id(i) + ": " + err.what());
      }
      for (const auto& o : doubles)
        if (o.member) (*o.column)[i] = r.*(o.member);
      for (const auto& f : flags) (*f.column)[i] = r.*(f.member) ? 1 : 0;
      flow[i] = base.flow_temp;
      band_after[i] = r.band_after;
      band_before[i] = r.band_before;
      steps[i] = r.band_shift_steps;
      tech[i] = static_cast<std::uint8_t>(r.technology);
      hybrid[i] = static_cast<std::uint8_t>(plan.hybrid);
      applied[i] = masks[hn][rd];
      inserted[i] = plan.fabric_inserted;
      ready[i] = base.ashp_ready;
      proj[i] = base.projected_ready;
      needed[i] = base.fabric_needed;
      not_after[i] = base.not_ready_after_fabric;
    }
  });
  return t;
}

}  // namespace heatstreet::scenario
