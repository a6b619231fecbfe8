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

const std::vector<std::string>& measure_labels() {
  static const std::vector<std::string> l(kTokens.begin(), kTokens.end());
  return l;
}

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

KernelParams make_kernel_params(const ScenarioSettings& settings,
                                const std::vector<Measure>& fabric_minimum) {
  const ScenarioModelConfig& cfg = settings.scenario;
  KernelParams p;
  p.policy = settings.policy;
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
    // A plain kwh_saving_pct on wall insulation only feeds the readiness projection without
    // policy.readiness_wall_saving_by_type.
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

  auto f = settings.performance_gap_factors.find(settings.prebound_variant);
  if (f != settings.performance_gap_factors.end()) {
    std::copy(f->second.begin(), f->second.end(), p.gap_factor.begin());
  } else {
    std::copy(kCentralGapFactor.begin(), kCentralGapFactor.end(), p.gap_factor.begin());
  }
  p.fabric_minimum = fabric_minimum;
  return p;
}

Fuel existing_fuel(std::uint8_t heating_system, const KernelParams& p) {
  Fuel gas{p.p_gas, p.c_gas, 1.0};
  if (!p.policy.baseline_priced_by_heating_fuel) return gas;
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
  b.is_cavity = p.policy.cavity_walls_recognised &&
                d.wall_type == static_cast<std::uint8_t>(WallType::kCavity);

  const bool meets_demand = b.intensity <= p.max_heat_demand;
  const bool meets_epc = known_band && d.band <= p.min_epc_band;
  b.ashp_ready = meets_demand || meets_epc;
  double projected = b.intensity;
  for (Measure m : p.fabric_minimum) {
    double s = p.saving[idx(m)];
    if (m == Measure::kWall && p.policy.readiness_wall_saving_by_type)
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

namespace {

// What a dwelling's measures add up to (spec §6.3).
struct MeasureEffects {
  double capex = 0;
  double fabric_kwh = 0;      // fabric saving before rebound, kWh/yr, within [0, E0]
  double flow_reduction = 0;  // K
  bool heat_pump = false, heat_network = false, cap_applied = false;
};

// The cost item of a concrete measure; nullptr for a placeholder (it costs and saves nothing).
const CostItem* measure_cost_item(Measure m, const KernelParams& p, const CostItem& wall) {
  switch (m) {
    case Measure::kLoft:
      return &p.loft;
    case Measure::kWall:
      return &wall;
    case Measure::kDoubleGlazing:
      return &p.double_glazing;
    case Measure::kTripleGlazing:
      return &p.triple_glazing;
    case Measure::kFloor:
      return &p.floor;
    case Measure::kDraught:
      return &p.draught;
    case Measure::kAshp:
      return &p.ashp;
    case Measure::kEmitter:
      return &p.emitter;
    case Measure::kDistrict:
      return &p.district;
    default:
      return nullptr;
  }
}

MeasureEffects measure_effects(const Dwelling& d, const Baseline& b, const Plan& plan,
                               const KernelParams& p) {
  MeasureEffects e;
  const double E0 = b.energy;
  // Fabric savings (spec §6.3-§6.4). The predecessor adds each measure's fraction of E0;
  // the documented methodology lets each measure save its fraction of what the previous
  // ones left: S_k = S_(k-1) + s_k (1 - S_(k-1)) = 1 - prod(1 - s_m). Written this way a
  // single measure gives S = s exactly, the predecessor's number to the bit. Either way the
  // rebound factor then scales the combined saving once (compute_dwelling).
  const bool compound = p.policy.fabric_savings_compound;
  double combined = 0;
  auto add_saving = [&](double s) {
    if (compound)
      combined += s * (1.0 - combined);
    else
      e.fabric_kwh += s * E0;
  };
  auto add_cost = [&](const CostItem& item) {
    const ItemCost c = item_cost(item, d.floor_area);
    e.capex += c.cost;
    e.cap_applied = e.cap_applied || c.cap_applied;
  };
  const double wall_saving = b.is_cavity ? p.wall_cavity_saving : p.wall_solid_saving;
  const CostItem& wall_item = b.is_cavity ? p.wall_cavity : p.wall_internal;
  for (Measure m : plan.measures) {
    if (m == Measure::kFabricImprovements || m == Measure::kModestFabric) {
      // Legacy flat bundle for direct calls: loft + wall + double glazing at 40 %.
      add_cost(p.loft);
      add_cost(wall_item);
      add_cost(p.double_glazing);
      add_saving(0.40);
      e.flow_reduction += p.flow_reduction[idx(Measure::kLoft)] +
                          p.flow_reduction[idx(Measure::kWall)] +
                          p.flow_reduction[idx(Measure::kDoubleGlazing)];
      continue;
    }
    const CostItem* item = measure_cost_item(m, p, wall_item);
    if (!item) continue;
    add_cost(*item);
    if (m == Measure::kAshp) e.heat_pump = true;
    if (m == Measure::kDistrict) e.heat_network = true;
    if (m == Measure::kWall)
      add_saving(wall_saving);
    else if (p.saving[idx(m)] != 0 && m != Measure::kAshp && m != Measure::kEmitter &&
             m != Measure::kDistrict)
      add_saving(p.saving[idx(m)]);
    e.flow_reduction += p.flow_reduction[idx(m)];
  }
  if (compound) e.fabric_kwh = combined * E0;  // within [0, E0]: every fraction is in [0, 1]
  e.fabric_kwh = std::min(e.fabric_kwh, E0);
  return e;
}

// Delivered energy, bills and emissions after the measures (spec §6.5): central, low and
// high COP (equal without a heat pump).
struct Supply {
  double post = 0, bill = 0, bill_lo = 0, bill_hi = 0, co2 = 0, co2_lo = 0, co2_hi = 0;
};

// A heat-network connection: the heating share Ef x heating_fraction comes from the
// network, the rest stays on the dwelling's fuel.
Supply heat_network_supply(double Ef, const Fuel& fuel, const KernelParams& p, DwellingResult& r) {
  r.technology = Technology::kHeatNetwork;
  const double H = Ef * p.heating_fraction;
  const double N = std::max(Ef - H, 0.0);
  const double in = H / p.hn_efficiency;
  Supply s;
  s.post = N + H;
  // The tariff is a price per kWh delivered; the predecessor charged it on network input.
  s.bill = fuel.bill(N) + (p.policy.hn_tariff_on_delivered_heat ? H : in) * p.hn_tariff;
  s.co2 = fuel.co2(N) + in * p.hn_carbon;
  s.bill_lo = s.bill_hi = s.bill;
  s.co2_lo = s.co2_hi = s.co2;
  r.hp_electricity = r.hp_electricity_low = r.hp_electricity_high = 0;
  r.cop_central = r.cop_low = r.cop_high = kNaN;
  return s;
}

// A heat pump at the operating flow temperature: the heating share on electricity at the
// seasonal COP, the rest on the dwelling's fuel.
Supply heat_pump_supply(double Ef, const Fuel& fuel, const KernelParams& p, DwellingResult& r) {
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
  Supply s;
  s.post = N + r.hp_electricity;
  s.bill = fuel.bill(N) + r.hp_electricity * p.p_elec;
  s.bill_lo = fuel.bill(N) + r.hp_electricity_low * p.p_elec;
  s.bill_hi = fuel.bill(N) + r.hp_electricity_high * p.p_elec;
  s.co2 = fuel.co2(N) + r.hp_electricity * p.c_elec;
  s.co2_lo = fuel.co2(N) + r.hp_electricity_low * p.c_elec;
  s.co2_hi = fuel.co2(N) + r.hp_electricity_high * p.c_elec;
  return s;
}

// No new supply: everything stays on the dwelling's fuel.
Supply existing_supply(double Ef, const Fuel& fuel, DwellingResult& r) {
  r.technology = Technology::kGas;
  Supply s;
  s.post = Ef;
  s.bill = s.bill_lo = s.bill_hi = fuel.bill(Ef);
  s.co2 = s.co2_lo = s.co2_hi = fuel.co2(Ef);
  r.hp_electricity = r.hp_electricity_low = r.hp_electricity_high = 0;
  r.cop_central = r.cop_low = r.cop_high = kNaN;
  return s;
}

// SAP shift and band (spec §6.7): tapered points for the energy saving, capped for good
// ratings, at most two bands gained.
void shift_sap(const Dwelling& d, double E0, double post, const KernelParams& p,
               DwellingResult& r) {
  const double sap0 = std::isnan(d.sap) ? 0.0 : d.sap;
  double gain = 0, basis = 0;
  if (!(E0 <= 0)) {
    double frac = (E0 - post) / E0;
    // The predecessor's min(1, NaN) reads a missing baseline as a 100 % saving.
    if (std::isnan(frac) && p.policy.missing_baseline_gains_no_sap) frac = 0;
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
  } else if (p.policy.band_never_worsens && est > band0) {
    band1 = band0;  // measures never make the band worse than the register's
  }
  r.band_before = band0;
  r.band_after = band1;
  r.band_shift_steps = static_cast<std::uint8_t>(steps);
  r.sap_before = sap0;
  r.sap_after = sap1;
  r.sap_delta = sap1 - sap0;
  r.sap_basis_pct = basis;
}

// Financial metrics (spec §6.8): simple and discounted payback, abatement cost, and
// whether the upgrade is recommended.
void financial_metrics(double capex, double savings, double co2_red, const KernelParams& p,
                       DwellingResult& r) {
  r.payback = simple_payback(capex, savings);
  const double denom = co2_red * p.horizon_years / 1000;
  r.abatement = (co2_red > 0 && p.horizon_years > 0) ? capex / denom : kInf;
  if (!std::isfinite(r.abatement)) r.abatement = kInf;
  r.discounted_payback =
      discounted_payback(capex, savings, p.discount, p.policy.free_measures_pay_back_at_once);
  r.recommended = std::isfinite(r.payback) && r.payback <= p.max_payback_years;
}

// The money and energy figures as reported: a NaN reads as 0.
void report_figures(double capex, double E0, double bill0, double co2_0, const Supply& s,
                    DwellingResult& r) {
  auto z = [](double v) { return std::isnan(v) ? 0.0 : v; };
  r.capital_cost = z(capex);
  r.energy_reduction = z(E0 - s.post);
  r.co2_reduction = z(co2_0 - s.co2);
  r.bill_savings = z(bill0 - s.bill);
  r.baseline_energy = z(E0);
  r.post_energy = z(s.post);
  r.baseline_bill = z(bill0);
  r.post_bill = z(s.bill);
  r.baseline_co2 = z(co2_0);
  r.post_co2 = z(s.co2);
  r.bill_savings_low = z(bill0 - s.bill_lo);
  r.bill_savings_high = z(bill0 - s.bill_hi);
  r.post_bill_low = z(s.bill_lo);
  r.post_bill_high = z(s.bill_hi);
  r.post_co2_low = z(s.co2_lo);
  r.post_co2_high = z(s.co2_hi);
}

}  // namespace

DwellingResult compute_dwelling(const Dwelling& d, const Baseline& b, const Plan& plan,
                                const KernelParams& p) {
  DwellingResult r;
  const double E0 = b.energy;
  const MeasureEffects e = measure_effects(d, b, plan, p);

  // Post-fabric energy (spec §6.4): the rebound factor scales the fabric saving.
  const double rb = std::isnan(b.rebound) ? 1.0 : b.rebound;
  const double Ef = std::max(E0 - e.fabric_kwh * rb, 0.0);
  const double area_int = (d.floor_area > 0) ? d.floor_area : 1.0;
  r.post_fabric_intensity = Ef / area_int;
  r.ready_after_measures = r.post_fabric_intensity <= p.max_heat_demand;
  // The fuel the dwelling has today prices the baseline and whatever energy stays on it
  // after the measures (all of it without a new supply; the non-heating share otherwise).
  const Fuel fuel = existing_fuel(d.heating_system, p);
  const double bill0 = fuel.bill(E0);
  const double co2_0 = fuel.co2(E0);
  r.operating_flow_temp = std::max(p.min_flow_temp, b.flow_temp - e.flow_reduction);
  // A dwelling on a network needs no heat pump.
  const Supply s = e.heat_network ? heat_network_supply(Ef, fuel, p, r)
                   : e.heat_pump  ? heat_pump_supply(Ef, fuel, p, r)
                                  : existing_supply(Ef, fuel, r);

  shift_sap(d, E0, s.post, p, r);
  financial_metrics(e.capex, bill0 - s.bill, co2_0 - s.co2, p, r);
  report_figures(e.capex, E0, bill0, co2_0, s, r);
  r.cap_applied = e.cap_applied;
  return r;
}

}  // namespace heatstreet::scenario
