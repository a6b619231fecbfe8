#include "heatstreet/scenario/kernel.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "heatstreet/core/vocabulary.hpp"

namespace heatstreet::scenario {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// SAP band lower thresholds, A..G.
constexpr std::array<double, 7> kBandThreshold{92, 81, 69, 55, 39, 21, 0};
constexpr std::array<double, 7> kReboundByBand{1.00, 0.95, 0.90, 0.85, 0.75, 0.65, 0.55};
constexpr std::array<double, 7> kCentralGapFactor{1.00, 1.00, 0.92, 0.82, 0.72, 0.55, 0.52};
constexpr double kUnknownGapFactor = 0.82;  // band D, central
constexpr double kUnknownRebound = 0.85;
constexpr int kMaxBandImprovement = 2;
constexpr int kDiscountSearchYears = 50;

const std::array<const char*, kMeasureCount> kTokens{"loft_insulation_topup",
                                                     "wall_insulation",
                                                     "double_glazing",
                                                     "triple_glazing",
                                                     "floor_insulation",
                                                     "draught_proofing",
                                                     "ashp_installation",
                                                     "emitter_upgrades",
                                                     "district_heating_connection",
                                                     "fabric_improvements",
                                                     "modest_fabric_improvements",
                                                     "fabric_bundle_tipping_point",
                                                     "fabric_bundle_minimum_ashp",
                                                     "heat_network_where_available",
                                                     "ashp_elsewhere"};

std::size_t idx(Measure m) { return static_cast<std::size_t>(m); }

bool contains(const std::vector<Measure>& v, Measure m) {
  return std::find(v.begin(), v.end(), m) != v.end();
}

double pct(const ScenarioModelConfig& cfg, const std::string& m) {
  auto it = cfg.measure_savings.find(m);
  if (it == cfg.measure_savings.end() || !it->second.kwh_saving_pct) return 0.0;
  return *it->second.kwh_saving_pct;
}

double dt(const ScenarioModelConfig& cfg, const std::string& m) {
  auto it = cfg.measure_savings.find(m);
  return it == cfg.measure_savings.end() ? 0.0 : it->second.flow_temp_reduction_k;
}

}  // namespace

CostItem cost_item(const ScenarioModelConfig& cfg, const std::string& name) {
  CostItem it;
  auto c = cfg.costs.find(name);
  it.legacy_cost = c == cfg.costs.end() ? 0.0 : c->second;
  auto r = cfg.cost_rules.find(name);
  if (r != cfg.cost_rules.end()) {
    it.has_rule = true;
    it.rule = r->second;
    it.basis = it.rule.basis == "per_m2"     ? CostItem::Basis::kPerM2
               : it.rule.basis == "per_unit" ? CostItem::Basis::kPerUnit
                                             : CostItem::Basis::kFixed;
  }
  return it;
}

const char* measure_token(Measure m) { return kTokens[idx(m)]; }

std::optional<Measure> measure_from_token(const std::string& token) {
  for (std::size_t i = 0; i < kTokens.size(); ++i)
    if (token == kTokens[i]) return static_cast<Measure>(i);
  return std::nullopt;
}

const std::vector<std::string>& technology_labels() {
  static const std::vector<std::string> l{"gas_boiler", "heat_pump", "heat_network"};
  return l;
}
const std::vector<std::string>& hybrid_pathway_labels() {
  static const std::vector<std::string> l{"none", "heat_network", "ashp"};
  return l;
}

KernelParams make_kernel_params(const ScenarioModelConfig& cfg, const ModelConfig& model,
                                const std::vector<Measure>& fabric_minimum) {
  KernelParams p;
  p.python = model.methodology == Methodology::kPython;
  p.p_gas = cfg.prices.active.gas_gbp_per_kwh;
  p.p_elec = cfg.prices.active.electricity_gbp_per_kwh;
  p.c_gas = cfg.carbon.gas_kg_per_kwh;
  p.c_elec = cfg.carbon.electricity_kg_per_kwh;
  p.heating_fraction = cfg.heat_pump.heating_demand_fraction;
  // A zero efficiency reads as "not given" (predecessor fallback 1.0).
  p.hn_efficiency =
      cfg.heat_network.distribution_efficiency > 0 ? cfg.heat_network.distribution_efficiency : 1.0;
  p.hn_tariff = cfg.heat_network.tariff_per_kwh;
  p.hn_carbon = cfg.heat_network.carbon_intensity_kg_per_kwh;
  p.cop = cfg.heat_pump.cop;
  p.min_flow_temp = cfg.heat_pump.min_flow_temp_c();
  p.max_heat_demand = cfg.heat_pump.max_heat_demand_kwh_per_m2;
  p.min_epc_band = band_code(cfg.heat_pump.min_epc_band);

  const char* plain[] = {"loft_insulation_topup", "double_glazing", "triple_glazing",
                         "floor_insulation", "draught_proofing"};
  const Measure plain_m[] = {Measure::kLoft, Measure::kDoubleGlazing, Measure::kTripleGlazing,
                             Measure::kFloor, Measure::kDraught};
  for (std::size_t i = 0; i < 5; ++i) {
    p.saving[idx(plain_m[i])] = pct(cfg, plain[i]);
    p.flow_reduction[idx(plain_m[i])] = dt(cfg, plain[i]);
  }
  auto w = cfg.measure_savings.find("wall_insulation");
  if (w != cfg.measure_savings.end()) {
    p.wall_cavity_saving = w->second.cavity_kwh_saving_pct.value_or(0.20);
    p.wall_solid_saving = w->second.solid_kwh_saving_pct.value_or(0.30);
    // A plain kwh_saving_pct on wall insulation only feeds the python readiness projection.
    p.saving[idx(Measure::kWall)] = w->second.kwh_saving_pct.value_or(0.0);
  }
  p.flow_reduction[idx(Measure::kWall)] = dt(cfg, "wall_insulation");
  p.flow_reduction[idx(Measure::kEmitter)] = dt(cfg, "radiator_upsizing");

  p.loft = cost_item(cfg, "loft_insulation_topup");
  p.wall_cavity = cost_item(cfg, "wall_insulation_cavity");
  p.wall_internal = cost_item(cfg, "wall_insulation_internal");
  p.double_glazing = cost_item(cfg, "double_glazing");
  p.triple_glazing = cost_item(cfg, "triple_glazing");
  p.floor = cost_item(cfg, "floor_insulation");
  p.draught = cost_item(cfg, "draught_proofing");
  p.ashp = cost_item(cfg, "ashp_installation");
  p.emitter = cost_item(cfg, "radiator_upsizing");  // the alias of emitter_upgrades
  p.district = cost_item(cfg, "district_heating_connection");

  p.horizon_years = cfg.financial.analysis_horizon_years;
  p.discount_rate = cfg.financial.discount_rate;
  p.max_payback_years = cfg.financial.max_payback_years;
  p.discount = discount_table(p.discount_rate);

  auto f = model.performance_gap_factors.find(model.prebound_variant);
  if (f != model.performance_gap_factors.end()) {
    std::copy(f->second.begin(), f->second.end(), p.gap_factor.begin());
  } else {
    std::copy(kCentralGapFactor.begin(), kCentralGapFactor.end(), p.gap_factor.begin());
  }
  p.fabric_minimum = fabric_minimum;
  return p;
}

Fuel existing_fuel(std::uint8_t heating_system, const KernelParams& p) {
  Fuel gas{p.p_gas, p.c_gas, 1.0};
  if (p.python) return gas;
  switch (static_cast<HeatingSystem>(heating_system)) {
    case HeatingSystem::kElectric:
    case HeatingSystem::kHeatPump:
      return {p.p_elec, p.c_elec, 1.0};
    case HeatingSystem::kDistrict:
      // Tariff per kWh delivered; carbon on the network's input, as for a new connection.
      return {p.hn_tariff, p.hn_carbon, p.hn_efficiency};
    default:
      return gas;
  }
}

double flow_temperature(double sap, bool wall_insulated, bool single_glazed) {
  const double s = std::isnan(sap) ? 50.0 : sap;
  const double base = std::min(std::max(70.0 - (s - 40.0) * 0.625, 45.0), 75.0);
  const double adj = (wall_insulated ? 0.0 : 5.0) + (single_glazed ? 3.0 : 0.0);
  return std::min(std::max(base + adj, 45.0), 80.0);
}

Baseline dwelling_baseline(const Dwelling& d, const KernelParams& p) {
  Baseline b;
  const bool known_band = d.band < 7;
  const double factor = known_band ? p.gap_factor[d.band] : kUnknownGapFactor;
  b.intensity = d.intensity * factor;
  b.energy = b.intensity * d.floor_area;
  if (std::isnan(b.energy))
    b.energy = b.intensity * (std::isnan(d.floor_area) ? 100.0 : d.floor_area);
  b.rebound = known_band ? kReboundByBand[d.band] : kUnknownRebound;
  b.flow_temp = flow_temperature(d.sap, d.wall_insulated != 0,
                                 d.glazing == static_cast<std::uint8_t>(Glazing::kSingle));
  // The predecessor compares its lower-case wall labels with "Cavity", which never matches.
  b.is_cavity = !p.python && d.wall_type == static_cast<std::uint8_t>(WallType::kCavity);

  const bool meets_demand = b.intensity <= p.max_heat_demand;
  const bool meets_epc = known_band && d.band <= p.min_epc_band;
  b.ashp_ready = meets_demand || meets_epc;
  double projected = b.intensity;
  for (Measure m : p.fabric_minimum) {
    double s = p.saving[idx(m)];
    if (m == Measure::kWall && !p.python)
      s = b.is_cavity ? p.wall_cavity_saving : p.wall_solid_saving;
    if (s != 0) projected *= (1.0 - s);
  }
  b.projected_ready = projected <= p.max_heat_demand;
  b.fabric_needed = !b.ashp_ready && b.projected_ready;
  b.not_ready_after_fabric = !b.ashp_ready && !b.projected_ready;
  return b;
}

Plan dwelling_plan(const std::vector<Measure>& resolved, bool hn_ready, bool ashp_ready,
                   const KernelParams& p) {
  Plan plan;
  std::vector<Measure> m = resolved;
  if (contains(m, Measure::kHnWhereAvailable) || contains(m, Measure::kAshpElsewhere)) {
    m.erase(std::remove_if(m.begin(), m.end(),
                           [](Measure x) {
                             return x == Measure::kHnWhereAvailable || x == Measure::kAshpElsewhere;
                           }),
            m.end());
    if (hn_ready) {
      m.push_back(Measure::kDistrict);
      plan.hybrid = HybridPathway::kHeatNetwork;
    } else {
      m.push_back(Measure::kAshp);
      m.push_back(Measure::kEmitter);
      plan.hybrid = HybridPathway::kAshp;
    }
  }
  if (contains(m, Measure::kAshp) && !ashp_ready) {
    std::vector<Measure> enabling;
    for (Measure f : p.fabric_minimum)
      if (!contains(m, f)) enabling.push_back(f);
    if (!enabling.empty()) {
      m.insert(m.begin(), enabling.begin(), enabling.end());
      plan.fabric_inserted = true;
    }
  }
  if (contains(m, Measure::kAshp) && !contains(m, Measure::kEmitter))
    m.push_back(Measure::kEmitter);
  for (Measure x : m)
    if (!contains(plan.measures, x)) plan.measures.push_back(x);
  return plan;
}

double interp(double x, const std::vector<double>& xs, const std::vector<double>& ys) {
  if (xs.empty()) return kNaN;
  if (std::isnan(x)) return kNaN;
  if (x <= xs.front()) return ys.front();
  if (x >= xs.back()) return ys.back();
  std::size_t j =
      static_cast<std::size_t>(std::upper_bound(xs.begin(), xs.end(), x) - xs.begin()) - 1;
  if (x == xs[j]) return ys[j];
  const double slope = (ys[j + 1] - ys[j]) / (xs[j + 1] - xs[j]);
  return slope * (x - xs[j]) + ys[j];
}

double tapered_sap_gain(double pct) {
  constexpr double kPointsPerPct = 0.45;
  double gain = 0, r = pct;
  if (r > 0) {
    const double b = std::min(r, 20.0);
    gain += b * kPointsPerPct;
    r -= b;
  }
  if (r > 0) {
    const double b = std::min(r, 20.0);
    gain += (b * kPointsPerPct) * 0.75;
    r -= b;
  }
  if (r > 0) {
    const double b = std::min(r, 20.0);
    gain += (b * kPointsPerPct) * 0.50;
    r -= b;
  }
  if (r > 0) gain += (r * kPointsPerPct) * 0.25;
  return gain;
}

std::uint8_t band_of_sap(double sap) {
  for (std::size_t i = 0; i < kBandThreshold.size(); ++i)
    if (sap >= kBandThreshold[i]) return static_cast<std::uint8_t>(i);
  return 6;
}

double band_upper_sap(std::uint8_t band) {
  return band == 0 ? 100.0 : kBandThreshold[band - 1u] - 0.01;
}

double size_factor(double area) {
  if (area <= 80) return 0.70;
  if (area <= 110) return 0.85;
  if (area <= 140) return 1.00;
  if (area <= 180) return 1.25;
  if (area > 180) return 1.50;
  return 1.0;  // NaN matches no threshold
}

ItemCost item_cost(const CostItem& item, double area) {
  ItemCost out;
  if (!item.has_rule) {
    out.cost = item.legacy_cost * size_factor(area);
    return out;
  }
  const CostRule& r = item.rule;
  CostItem::Basis basis = item.basis;
  if (basis == CostItem::Basis::kUnresolved)
    basis = r.basis == "per_m2"     ? CostItem::Basis::kPerM2
            : r.basis == "per_unit" ? CostItem::Basis::kPerUnit
                                    : CostItem::Basis::kFixed;
  double cost;
  if (basis == CostItem::Basis::kPerM2) {
    cost = area * r.area_share_of_floor * r.area_multiplier * r.rate;
  } else if (basis == CostItem::Basis::kPerUnit) {
    if (std::isnan(area)) throw std::domain_error("per-unit cost needs a floor area");
    const double units =
        r.unit_size_m2 <= 0 ? r.min_units : std::max(r.min_units, std::ceil(area / r.unit_size_m2));
    cost = units * r.unit_rate;
  } else {
    const double fixed = r.fixed_cost.value_or(item.legacy_cost);
    cost = r.apply_size_adjustment ? fixed * size_factor(area) : fixed;
  }
  // Argument order as the predecessor: a NaN cost becomes the minimum (or the cap).
  if (r.min_total) cost = std::max(*r.min_total, cost);
  if (r.cap_per_home) {
    const double capped = std::min(*r.cap_per_home, cost);
    out.cap_applied = capped < cost;
    cost = capped;
  }
  out.cost = cost;
  return out;
}

double simple_payback(double capex, double savings) {
  if (std::isnan(capex) || std::isnan(savings) || savings <= 0) return kInf;
  if (capex <= 0) return 0.0;
  return capex / savings;
}

DiscountTable discount_table(double rate) {
  static_assert(std::tuple_size<decltype(DiscountTable::factor)>::value == kDiscountSearchYears);
  DiscountTable t;
  for (int y = 1; y <= kDiscountSearchYears; ++y) {
    const double f = std::pow(1.0 + rate, y);
    t.factor[static_cast<std::size_t>(y - 1)] = f;
    t.reciprocal_sum += 1.0 / f;
  }
  return t;
}

double discounted_payback(double capex, double savings, double rate, bool zero_capex_pays_at_once) {
  return discounted_payback(capex, savings, discount_table(rate), zero_capex_pays_at_once);
}

double discounted_payback(double capex, double savings, const DiscountTable& table,
                          bool zero_capex_pays_at_once) {
  if (!(savings > 0)) return kInf;
  if (!(capex > 0)) return zero_capex_pays_at_once && capex <= 0 ? 0.0 : kInf;
  // The running sum below can exceed savings * reciprocal_sum only by its rounding, a
  // relative 1e-13 at most over 50 terms: a cost beyond that (with a wide margin) is
  // never reached, and the year-by-year search is not needed.
  if (capex > savings * table.reciprocal_sum * (1 + 1e-9)) return kInf;
  double cumulative = 0;
  for (int y = 1; y <= kDiscountSearchYears; ++y) {
    cumulative += savings / table.factor[static_cast<std::size_t>(y - 1)];
    if (cumulative >= capex) return y;
  }
  return kInf;
}

DwellingResult compute_dwelling(const Dwelling& d, const Baseline& b, const Plan& plan,
                                const KernelParams& p) {
  DwellingResult r;
  const double E0 = b.energy;
  double capex = 0, fab = 0, dT = 0;
  // Fabric savings (spec §6.3-§6.4). The predecessor adds each measure's fraction of E0;
  // the documented methodology lets each measure save its fraction of what the previous
  // ones left: S_k = S_(k-1) + s_k (1 - S_(k-1)) = 1 - prod(1 - s_m). Written this way a
  // single measure gives S = s exactly, the predecessor's number to the bit. Either way the
  // rebound factor then scales the combined saving once, as below.
  double combined = 0;
  auto add_saving = [&](double s) {
    if (p.python)
      fab += s * E0;
    else
      combined += s * (1.0 - combined);
  };
  bool uses_hp = false, uses_hn = false, cap = false;
  auto add_cost = [&](const CostItem& item) {
    const ItemCost c = item_cost(item, d.floor_area);
    capex += c.cost;
    cap = cap || c.cap_applied;
  };
  const double wall_saving = b.is_cavity ? p.wall_cavity_saving : p.wall_solid_saving;
  const CostItem& wall_item = b.is_cavity ? p.wall_cavity : p.wall_internal;
  for (Measure m : plan.measures) {
    switch (m) {
      case Measure::kLoft:
        add_cost(p.loft);
        break;
      case Measure::kWall:
        add_cost(wall_item);
        break;
      case Measure::kDoubleGlazing:
        add_cost(p.double_glazing);
        break;
      case Measure::kTripleGlazing:
        add_cost(p.triple_glazing);
        break;
      case Measure::kFloor:
        add_cost(p.floor);
        break;
      case Measure::kDraught:
        add_cost(p.draught);
        break;
      case Measure::kAshp:
        add_cost(p.ashp);
        uses_hp = true;
        break;
      case Measure::kEmitter:
        add_cost(p.emitter);
        break;
      case Measure::kDistrict:
        add_cost(p.district);
        uses_hn = true;
        break;
      case Measure::kFabricImprovements:
      case Measure::kModestFabric:
        // Legacy flat bundle for direct calls: loft + wall + double glazing at 40 %.
        add_cost(p.loft);
        add_cost(wall_item);
        add_cost(p.double_glazing);
        add_saving(0.40);
        dT += p.flow_reduction[idx(Measure::kLoft)] + p.flow_reduction[idx(Measure::kWall)] +
              p.flow_reduction[idx(Measure::kDoubleGlazing)];
        continue;
      default:
        continue;
    }
    if (m == Measure::kWall)
      add_saving(wall_saving);
    else if (p.saving[idx(m)] != 0 && m != Measure::kAshp && m != Measure::kEmitter &&
             m != Measure::kDistrict)
      add_saving(p.saving[idx(m)]);
    dT += p.flow_reduction[idx(m)];
  }

  if (!p.python) fab = combined * E0;  // within [0, E0]: every fraction is in [0, 1]
  fab = std::min(fab, E0);
  const double rb = std::isnan(b.rebound) ? 1.0 : b.rebound;
  const double Ef = std::max(E0 - fab * rb, 0.0);
  const double area_int = (d.floor_area > 0) ? d.floor_area : 1.0;
  r.post_fabric_intensity = Ef / area_int;
  r.ready_after_measures = r.post_fabric_intensity <= p.max_heat_demand;
  // The fuel the dwelling has today prices the baseline and whatever energy stays on it
  // after the measures (all of it without a new supply; the non-heating share otherwise).
  const Fuel fuel = existing_fuel(d.heating_system, p);
  const double bill0 = fuel.bill(E0);
  const double co2_0 = fuel.co2(E0);
  r.operating_flow_temp = std::max(p.min_flow_temp, b.flow_temp - dT);
  if (uses_hn && uses_hp) uses_hp = false;  // a dwelling on a network needs no heat pump

  double post, bill, bill_lo, bill_hi, co2, co2_lo, co2_hi;
  if (uses_hn) {
    r.technology = Technology::kHeatNetwork;
    const double H = Ef * p.heating_fraction;
    const double N = std::max(Ef - H, 0.0);
    const double in = H / p.hn_efficiency;
    post = N + H;
    // The tariff is a price per kWh delivered; the predecessor charged it on network input.
    bill = fuel.bill(N) + (p.python ? in : H) * p.hn_tariff;
    co2 = fuel.co2(N) + in * p.hn_carbon;
    bill_lo = bill_hi = bill;
    co2_lo = co2_hi = co2;
    r.hp_electricity = r.hp_electricity_low = r.hp_electricity_high = 0;
    r.cop_central = r.cop_low = r.cop_high = kNaN;
  } else if (uses_hp) {
    r.technology = Technology::kHeatPump;
    double cc = interp(r.operating_flow_temp, p.cop.temperatures_c, p.cop.central);
    if (cc == 0) cc = 1e-6;
    double cl = interp(r.operating_flow_temp, p.cop.temperatures_c, p.cop.low);
    double ch = interp(r.operating_flow_temp, p.cop.temperatures_c, p.cop.high);
    if (cl == 0) cl = cc;
    if (ch == 0) ch = cc;
    r.cop_central = cc;
    r.cop_low = cl;
    r.cop_high = ch;
    const double H = Ef * p.heating_fraction;
    const double N = std::max(Ef - H, 0.0);
    auto elec = [&](double cop) { return cop <= 0 ? H : H / cop; };
    r.hp_electricity = elec(cc);
    r.hp_electricity_low = elec(cl);
    r.hp_electricity_high = elec(ch);
    post = N + r.hp_electricity;
    bill = fuel.bill(N) + r.hp_electricity * p.p_elec;
    bill_lo = fuel.bill(N) + r.hp_electricity_low * p.p_elec;
    bill_hi = fuel.bill(N) + r.hp_electricity_high * p.p_elec;
    co2 = fuel.co2(N) + r.hp_electricity * p.c_elec;
    co2_lo = fuel.co2(N) + r.hp_electricity_low * p.c_elec;
    co2_hi = fuel.co2(N) + r.hp_electricity_high * p.c_elec;
  } else {
    r.technology = Technology::kGas;
    post = Ef;
    bill = bill_lo = bill_hi = fuel.bill(Ef);
    co2 = co2_lo = co2_hi = fuel.co2(Ef);
    r.hp_electricity = r.hp_electricity_low = r.hp_electricity_high = 0;
    r.cop_central = r.cop_low = r.cop_high = kNaN;
  }
  const double savings = bill0 - bill;
  const double co2_red = co2_0 - co2;

  // SAP shift and band.
  const double sap0 = std::isnan(d.sap) ? 0.0 : d.sap;
  double gain = 0, basis = 0;
  if (!(E0 <= 0)) {
    double frac = (E0 - post) / E0;
    // The predecessor's min(1, NaN) reads a missing baseline as a 100 % saving.
    if (std::isnan(frac) && !p.python) frac = 0;
    const double f = std::max(0.0, std::min(1.0, frac));
    basis = f * 100;
    gain = tapered_sap_gain(basis);
    if (sap0 >= 81)
      gain = std::min(gain, 5.0);
    else if (sap0 >= 69)
      gain = std::min(gain, 10.0);
    gain = std::min(gain, std::max(0.0, 100 - sap0));
  }
  double sap1 = std::min(100.0, sap0 + gain);
  const std::uint8_t band0 = d.band < 7 ? d.band : band_of_sap(sap0);
  const std::uint8_t est = band_of_sap(sap1);
  int steps = std::max(0, int(band0) - int(est));
  std::uint8_t band1 = est;
  if (steps > kMaxBandImprovement) {
    band1 = static_cast<std::uint8_t>(band0 - kMaxBandImprovement);
    sap1 = std::min(sap1, band_upper_sap(band1));
    steps = kMaxBandImprovement;
    r.band_shift_capped = true;
  } else if (!p.python && est > band0) {
    band1 = band0;  // measures never make the band worse than the register's
  }
  r.band_before = band0;
  r.band_after = band1;
  r.band_shift_steps = static_cast<std::uint8_t>(steps);
  r.sap_before = sap0;
  r.sap_after = sap1;
  r.sap_delta = sap1 - sap0;
  r.sap_basis_pct = basis;

  r.payback = simple_payback(capex, savings);
  const double denom = co2_red * p.horizon_years / 1000;
  r.abatement = (co2_red > 0 && p.horizon_years > 0) ? capex / denom : kInf;
  if (!std::isfinite(r.abatement)) r.abatement = kInf;
  r.discounted_payback = discounted_payback(capex, savings, p.discount, !p.python);
  r.recommended = std::isfinite(r.payback) && r.payback <= p.max_payback_years;

  auto z = [](double v) { return std::isnan(v) ? 0.0 : v; };  // reported money/energy
  r.capital_cost = z(capex);
  r.energy_reduction = z(E0 - post);
  r.co2_reduction = z(co2_red);
  r.bill_savings = z(savings);
  r.baseline_energy = z(E0);
  r.post_energy = z(post);
  r.baseline_bill = z(bill0);
  r.post_bill = z(bill);
  r.baseline_co2 = z(co2_0);
  r.post_co2 = z(co2);
  r.bill_savings_low = z(bill0 - bill_lo);
  r.bill_savings_high = z(bill0 - bill_hi);
  r.post_bill_low = z(bill_lo);
  r.post_bill_high = z(bill_hi);
  r.post_co2_low = z(co2_lo);
  r.post_co2_high = z(co2_hi);
  r.cap_applied = cap;
  return r;
}

}  // namespace heatstreet::scenario
