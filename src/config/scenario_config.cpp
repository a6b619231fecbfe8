#include "heatstreet/config/scenario_config.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <set>
#include <sstream>

namespace heatstreet {

namespace {

// Sane ranges for money, energy and price keys (docs/operations.md): wide enough for
// any real cost or tariff, narrow enough that no product or sum of them can overflow.
constexpr double kMaxCostGbp = 1e6;         // one measure in one home
constexpr double kMaxRateGbp = 1e5;         // per m² or per unit
constexpr double kMaxPriceGbpPerKwh = 10;   // fuel prices and tariffs
constexpr double kMaxIntensityKwhM2 = 1e5;  // energy-intensity thresholds
constexpr double kMaxAreaFactor = 100;      // shares and multipliers of floor area
constexpr double kMaxAreaM2 = 1e5;          // fallback and unit areas
constexpr double kMaxUnits = 1e4;           // emitters per home
constexpr double kTiny = std::numeric_limits<double>::min();

const std::vector<std::string>& flat_cost_keys() {
  static const std::vector<std::string> k{
      "loft_insulation_topup", "cavity_wall_insulation", "solid_wall_insulation_ewi",
      "solid_wall_insulation_iwi", "floor_insulation", "draught_proofing", "double_glazing_upgrade",
      "triple_glazing_upgrade", "ashp_installation", "radiator_upsizing", "hot_water_cylinder",
      "district_heating_connection", "electrical_upgrade",
      // Present in the predecessor's file, not used by the scenario model.
      "loft_insulation_per_m2", "internal_wall_insulation_per_m2",
      "external_wall_insulation_per_m2", "double_glazing_per_m2", "triple_glazing_per_m2",
      "hybrid_heat_pump", "emitter_upgrade_per_radiator"};
  return k;
}

const std::vector<std::string>& cost_items() {
  static const std::vector<std::string> k{"loft_insulation_topup",
                                          "wall_insulation_cavity",
                                          "wall_insulation_internal",
                                          "solid_wall_insulation_ewi",
                                          "solid_wall_insulation_iwi",
                                          "double_glazing",
                                          "triple_glazing",
                                          "floor_insulation",
                                          "draught_proofing",
                                          "ashp_installation",
                                          "hybrid_heat_pump",
                                          "emitter_upgrades",
                                          "radiator_upsizing",
                                          "hot_water_cylinder",
                                          "district_heating_connection",
                                          "electrical_upgrade"};
  return k;
}

const std::vector<std::string>& saving_keys() {
  static const std::vector<std::string> k{
      "loft_insulation_topup", "wall_insulation",    "floor_insulation",
      "double_glazing",        "triple_glazing",     "draught_proofing",
      "radiator_upsizing",     "hot_water_cylinder", "electrical_upgrade"};
  return k;
}

CostRule fixed_rule(double cost) {
  CostRule r;
  r.basis = "fixed";
  r.fixed_cost = cost;
  return r;
}

CostRule per_m2_rule(double rate, double share, double multiplier, double cap,
                     std::optional<double> min_total) {
  CostRule r;
  r.basis = "per_m2";
  r.rate = rate;
  r.area_share_of_floor = share;
  r.area_multiplier = multiplier;
  r.cap_per_home = cap;
  r.min_total = min_total;
  r.floor_area_fallback_m2 = 90;
  return r;
}

CostRule per_unit_rule() {
  CostRule r;
  r.basis = "per_unit";
  r.unit_rate = 300;
  r.unit_size_m2 = 15;
  r.min_units = 4;
  r.cap_per_home = 2500;
  r.floor_area_fallback_m2 = 90;
  return r;
}

MeasureSaving saving(std::optional<double> pct, double dt) {
  MeasureSaving s;
  s.kwh_saving_pct = pct;
  s.flow_temp_reduction_k = dt;
  return s;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// Ids must be unique and defined; `what` names the key for messages.
void check_ids(const ConfigNode& node, const std::string& key, const std::vector<std::string>& ids,
               const ScenarioModelConfig& cfg) {
  std::set<std::string> seen;
  for (const auto& id : ids) {
    if (!seen.insert(id).second) node.fail(key, "scenario '" + id + "' is listed twice");
    if (!cfg.find(id)) {
      std::vector<std::string> known;
      for (const auto& d : cfg.scenarios.definitions) known.push_back(d.id);
      std::string msg = "scenario '" + id + "' has no definition";
      const std::string near = nearest_key(id, known);
      if (!near.empty()) msg += " (did you mean '" + near + "'?)";
      node.fail(key, msg);
    }
  }
}

// A scenario id names an HDF5 group and table files: letters, digits, '_' and '-' only,
// so that it can never make a nested group, a path or a hidden file.
void check_scenario_id(const ConfigNode& d, const std::string& id) {
  const bool safe = !id.empty() && id.size() <= 64 && id.front() != '-' &&
                    std::all_of(id.begin(), id.end(), [](char ch) {
                      return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-';
                    });
  if (!safe)
    d.fail("", "scenario name '" + id +
                   "' is not allowed: use 1-64 letters, digits, '_' or '-' (not starting "
                   "with '-'); it names an HDF5 group and files");
}

void parse_scenarios(const ConfigNode& s, ScenarioModelConfig& out) {
  static const std::vector<std::string> kDefaultPublish{"fabric_only", "minimum_fabric_hp_ready",
                                                        "heat_pump", "heat_network", "hybrid"};
  // Definitions are the keys other than calculate/publish, or the map `definitions`.
  const bool nested = s.has("definitions");
  const ConfigNode defs = nested ? s.child("definitions") : s;
  std::vector<ScenarioDefinition> parsed;
  for (const auto& id : defs.keys()) {
    if (!nested && (id == "calculate" || id == "publish" || id == "definitions")) continue;
    const ConfigNode d = defs.child(id);
    check_scenario_id(d, id);
    ScenarioDefinition def;
    def.id = id;
    def.name = d.get<std::string>("name", id);
    def.measures = d.list<std::string>("measures", {});
    for (const auto& m : def.measures) {
      if (!contains(measure_catalogue(), m)) {
        std::string msg = "unknown measure '" + m + "'";
        const std::string near = nearest_key(m, measure_catalogue());
        if (!near.empty()) msg += " (did you mean '" + near + "'?)";
        d.fail("measures", msg + "; known measures: " + join(measure_catalogue()));
      }
    }
    if (def.measures.empty() && id != "baseline")
      d.fail("measures", "a scenario other than baseline needs at least one measure");
    d.allow({"description", "uptake_assumption", "cost_note", "allocation_note",
             "includes_enabling_fabric", "requires_all_ashp_properties_ready",
             "readiness_reporting_basis"});
    d.finish();
    parsed.push_back(std::move(def));
  }
  if (!parsed.empty()) out.scenarios.definitions = std::move(parsed);

  std::vector<std::string> all;
  for (const auto& d : out.scenarios.definitions) all.push_back(d.id);
  std::vector<std::string> default_publish;
  const auto calc = s.list<std::string>("calculate", all);
  for (const auto& id : kDefaultPublish)
    if (contains(calc, id) && out.find(id)) default_publish.push_back(id);
  const auto pub = s.list<std::string>("publish", default_publish);
  out.scenarios.calculate = calc;
  out.scenarios.publish = pub;
  check_ids(s, "calculate", calc, out);
  check_ids(s, "publish", pub, out);
  for (const auto& id : pub)
    if (!contains(calc, id))
      s.fail("publish", "scenario '" + id + "' is published but not in calculate");
  if (nested) defs.finish();
  s.finish();
}

void parse_costs(const ConfigNode& c, ScenarioModelConfig& out) {
  for (const auto& k : flat_cost_keys()) {
    auto it = out.costs.find(k);
    const double fallback = it == out.costs.end() ? 0.0 : it->second;
    if (c.has(k) || it != out.costs.end()) out.costs[k] = c.number(k, fallback, 0, kMaxCostGbp);
  }
  c.finish();
}

void parse_cost_rules(const ConfigNode& c, ScenarioModelConfig& out) {
  for (const auto& item : cost_items()) {
    if (!c.has(item)) continue;
    const ConfigNode r = c.child(item);
    CostRule rule;  // a rule given in the file replaces the built-in one entirely
    rule.basis = r.choice("basis", "fixed", {"fixed", "per_m2", "per_unit"});
    rule.rate = r.number("rate", 0, 0, kMaxRateGbp);
    rule.area_share_of_floor = r.number("area_share_of_floor", 1.0, 0, kMaxAreaFactor);
    rule.area_multiplier = r.number("area_multiplier", 1.0, 0, kMaxAreaFactor);
    rule.floor_area_fallback_m2 = r.number("floor_area_fallback_m2", 100, 0, kMaxAreaM2);
    rule.unit_size_m2 = r.number("unit_size_m2", 1, kTiny, kMaxAreaM2);
    rule.unit_rate = r.number("unit_rate", 0, 0, kMaxRateGbp);
    rule.min_units = r.number("min_units", 0, 0, kMaxUnits);
    if (r.has("fixed_cost")) rule.fixed_cost = r.number("fixed_cost", 0, 0, kMaxCostGbp);
    if (r.has("min_total")) rule.min_total = r.number("min_total", 0, 0, kMaxCostGbp);
    if (r.has("cap_per_home")) rule.cap_per_home = r.number("cap_per_home", 0, 0, kMaxCostGbp);
    rule.apply_size_adjustment = r.get<bool>("apply_size_adjustment", true);
    if (rule.min_total && rule.cap_per_home && *rule.min_total > *rule.cap_per_home)
      r.fail("min_total", "is above cap_per_home");
    r.allow({"rationale"});
    r.finish();
    out.cost_rules[item] = rule;
  }
  c.finish();
}

void parse_measure_savings(const ConfigNode& c, ScenarioModelConfig& out) {
  for (const auto& m : saving_keys()) {
    if (!c.has(m)) continue;
    const ConfigNode s = c.child(m);
    MeasureSaving ms;
    if (s.has("kwh_saving_pct")) ms.kwh_saving_pct = s.number("kwh_saving_pct", 0, 0, 1);
    if (m == "wall_insulation") {
      ms.cavity_kwh_saving_pct = s.number("cavity_kwh_saving_pct", 0.20, 0, 1);
      ms.solid_kwh_saving_pct = s.number("solid_kwh_saving_pct", 0.30, 0, 1);
    }
    ms.flow_temp_reduction_k = s.number("flow_temp_reduction_k", 0, 0, 100);
    s.finish();
    out.measure_savings[m] = ms;
  }
  c.finish();
}

void parse_prices(const ConfigNode& p, ScenarioModelConfig& out) {
  out.prices.default_profile = p.get<std::string>("default_profile", out.prices.default_profile);
  if (p.has("profiles")) {
    const ConfigNode profiles = p.child("profiles");
    std::vector<PriceProfile> parsed;
    for (const auto& id : profiles.keys()) {
      const ConfigNode q = profiles.child(id);
      PriceProfile pr;
      pr.id = id;
      pr.label = q.required<std::string>("label");
      pr.effective_period = q.required<std::string>("effective_period");
      for (const char* key : {"gas_gbp_per_kwh", "electricity_gbp_per_kwh"})
        if (!q.has(key)) q.fail(key, "is required");
      pr.gas_gbp_per_kwh = q.number("gas_gbp_per_kwh", 0, 0, kMaxPriceGbpPerKwh);
      pr.electricity_gbp_per_kwh = q.number("electricity_gbp_per_kwh", 0, 0, kMaxPriceGbpPerKwh);
      // Bills are unit-rate only: a profile that folds standing charges in would be
      // counted twice against the baseline, so it is refused.
      if (q.required<bool>("standing_charges_included"))
        q.fail("standing_charges_included", "must be false (bills count unit rates only)");
      pr.source_note = q.required<std::string>("source_note");
      q.finish();
      parsed.push_back(pr);
    }
    if (parsed.empty()) profiles.fail("", "needs at least one price profile");
    out.prices.profiles = std::move(parsed);
  }
  auto it = std::find_if(out.prices.profiles.begin(), out.prices.profiles.end(),
                         [&](const PriceProfile& x) { return x.id == out.prices.default_profile; });
  if (it == out.prices.profiles.end())
    p.fail("default_profile", "no price profile named '" + out.prices.default_profile + "'");
  out.prices.active = *it;
  p.finish();
}

void parse_carbon(const ConfigNode& c, ScenarioModelConfig& out) {
  const ConfigNode cur = c.child("current");
  out.carbon.gas_kg_per_kwh = cur.number("gas", out.carbon.gas_kg_per_kwh, 0, 10);
  out.carbon.electricity_kg_per_kwh =
      cur.number("electricity", out.carbon.electricity_kg_per_kwh, 0, 10);
  cur.finish();
  c.allow({"projected_2030", "projected_2040"});  // not used by the scenario model
  c.finish();
}

void check_curve(const ConfigNode& node, const std::string& key, const std::vector<double>& t,
                 const std::vector<double>& v) {
  if (v.size() != t.size()) {
    std::ostringstream m;
    m << "has " << v.size() << " values but temperatures_c has " << t.size();
    node.fail(key, m.str());
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!(v[i] > 0)) node.fail(key, "every COP must be positive");
    if (i > 0 && !(v[i] < v[i - 1]))
      node.fail(key,
                "COP must increase as the flow temperature falls (values must fall as "
                "temperatures_c rises)");
  }
}

void increasing(const ConfigNode& n, const std::string& key, const std::vector<double>& v) {
  for (std::size_t i = 1; i < v.size(); ++i)
    if (!(v[i] > v[i - 1])) n.fail(key, "values must be strictly increasing");
}

void parse_readiness(const ConfigNode& r, HeatPumpReadinessConfig& c) {
  c.loft_saving = r.number("loft_saving", c.loft_saving, 0, 1);
  c.solid_wall_saving = r.number("solid_wall_saving", c.solid_wall_saving, 0, 1);
  c.cavity_wall_saving = r.number("cavity_wall_saving", c.cavity_wall_saving, 0, 1);
  c.glazing_saving = r.number("glazing_saving", c.glazing_saving, 0, 1);
  c.loft_topup_below_mm = r.number("loft_topup_below_mm", c.loft_topup_below_mm, 0, 1000);
  c.radiator_upsizing_above_kwh_m2 = r.number(
      "radiator_upsizing_above_kwh_m2", c.radiator_upsizing_above_kwh_m2, 0, kMaxIntensityKwhM2);
  auto score = [&](const char* key, double& v) { v = r.number(key, v, 0, 100); };
  score("score_wall_uninsulated", c.score_wall_uninsulated);
  score("score_solid_wall_uninsulated", c.score_solid_wall_uninsulated);
  score("score_roof_poor", c.score_roof_poor);
  score("score_roof_thin", c.score_roof_thin);
  score("score_single_glazing", c.score_single_glazing);
  score("score_floor_uninsulated", c.score_floor_uninsulated);
  score("score_sap_low", c.score_sap_low);
  score("score_sap_moderate", c.score_sap_moderate);
  c.sap_low_below = r.number("sap_low_below", c.sap_low_below, -1000, 1000);
  c.sap_moderate_below = r.number("sap_moderate_below", c.sap_moderate_below, -1000, 1000);
  if (c.sap_moderate_below < c.sap_low_below)
    r.fail("sap_moderate_below", "must not be below sap_low_below");
  c.sap_missing = r.number("sap_missing", c.sap_missing, -1000, 1000);
  c.tier_max_score = r.list<double>("tier_max_score", c.tier_max_score);
  if (c.tier_max_score.size() != 4) r.fail("tier_max_score", "needs 4 scores (tiers 1 to 4)");
  increasing(r, "tier_max_score", c.tier_max_score);
  c.size_demand_breaks_kwh_m2 =
      r.list<double>("size_demand_breaks_kwh_m2", c.size_demand_breaks_kwh_m2);
  increasing(r, "size_demand_breaks_kwh_m2", c.size_demand_breaks_kwh_m2);
  c.size_kw_per_m2 = r.list<double>("size_kw_per_m2", c.size_kw_per_m2);
  if (c.size_kw_per_m2.size() != c.size_demand_breaks_kwh_m2.size() + 1)
    r.fail("size_kw_per_m2", "needs one more value than size_demand_breaks_kwh_m2");
  for (double v : c.size_kw_per_m2)
    if (!(v >= 0 && v <= 1)) r.fail("size_kw_per_m2", "values must be in [0, 1] kW per m²");
  for (double v : c.size_demand_breaks_kwh_m2)
    if (!(v >= 0 && v <= kMaxIntensityKwhM2))
      r.fail("size_demand_breaks_kwh_m2", "values must be in [0, 100000] kWh/m²");
  c.min_size_kw = r.number("min_size_kw", c.min_size_kw, 0, 1000);
  c.max_size_kw = r.number("max_size_kw", c.max_size_kw, c.min_size_kw, 1000);
  c.size_without_area_kw = r.number("size_without_area_kw", c.size_without_area_kw, 0, 1000);
  r.finish();
}

void parse_heat_pump(const ConfigNode& h, ScenarioModelConfig& out) {
  HeatPumpConfig& hp = out.heat_pump;
  hp.design_flow_temps = h.list<double>("design_flow_temps", hp.design_flow_temps);
  hp.heating_demand_fraction =
      h.number("heating_demand_fraction", hp.heating_demand_fraction, 0, 1);
  const bool alias = h.has("cop_curve") && !h.has("cop_vs_flow_temp");
  const ConfigNode c = h.child(alias ? "cop_curve" : "cop_vs_flow_temp");
  if (h.has("cop_curve") && h.has("cop_vs_flow_temp"))
    h.fail("cop_curve", "give only one of cop_vs_flow_temp and cop_curve");
  const std::string central_key = c.has("central_cop") ? "central_cop" : "central_spf";
  const std::string low_key = c.has("low_cop") ? "low_cop" : "low_spf";
  const std::string high_key = c.has("high_cop") ? "high_cop" : "high_spf";
  CopCurve& cur = hp.cop;
  cur.temperatures_c = c.list<double>("temperatures_c", cur.temperatures_c);
  const bool central_given = c.has(central_key);
  cur.central = c.list<double>(central_key, cur.central);
  // Low and high fall back to the central curve when not given.
  cur.low = c.list<double>(low_key, central_given ? cur.central : cur.low);
  cur.high = c.list<double>(high_key, central_given ? cur.central : cur.high);
  if (cur.temperatures_c.empty()) c.fail("temperatures_c", "needs at least one temperature");
  for (std::size_t i = 1; i < cur.temperatures_c.size(); ++i)
    if (!(cur.temperatures_c[i] > cur.temperatures_c[i - 1]))
      c.fail("temperatures_c", "temperatures must be strictly increasing");
  check_curve(c, central_key, cur.temperatures_c, cur.central);
  check_curve(c, low_key, cur.temperatures_c, cur.low);
  check_curve(c, high_key, cur.temperatures_c, cur.high);
  c.allow({"central_spf", "central_cop", "low_spf", "low_cop", "high_spf", "high_cop", "source",
           "note"});
  c.finish();
  const ConfigNode e = h.child("eligibility");
  hp.max_heat_demand_kwh_per_m2 =
      e.number("max_heat_demand_kwh_per_m2", hp.max_heat_demand_kwh_per_m2, 0, kMaxIntensityKwhM2);
  hp.min_epc_band = e.choice("min_epc_band", hp.min_epc_band, {"A", "B", "C", "D", "E", "F", "G"});
  e.finish();
  parse_readiness(h.child("readiness"), hp.readiness);
  h.allow({"scop", "cop_curve", "cop_vs_flow_temp"});
  h.finish();
}

void parse_heat_network(const ConfigNode& h, ScenarioModelConfig& out) {
  HeatNetworkConfig& hn = out.heat_network;
  hn.tariff_per_kwh = h.number("tariff_per_kwh", hn.tariff_per_kwh, 0, kMaxPriceGbpPerKwh);
  hn.distribution_efficiency =
      h.number("distribution_efficiency", hn.distribution_efficiency, kTiny, 1);
  hn.carbon_intensity_kg_per_kwh =
      h.number("carbon_intensity_kg_per_kwh", hn.carbon_intensity_kg_per_kwh, 0, 10);
  h.allow({"readiness"});  // read by the spatial stage
  h.finish();
}

void parse_financial(const ConfigNode& f, ScenarioModelConfig& out) {
  FinancialConfig& fin = out.financial;
  fin.discount_rate = f.number("discount_rate", fin.discount_rate, 0, 1);
  fin.analysis_horizon_years = f.get<double>("analysis_horizon_years", fin.analysis_horizon_years);
  if (!(fin.analysis_horizon_years > 0 && fin.analysis_horizon_years <= 200))
    f.fail("analysis_horizon_years", "must be above 0 and at most 200 years");
  fin.subsidy_sensitivity_cost_uplift_pct = f.number(
      "subsidy_sensitivity_cost_uplift_pct", fin.subsidy_sensitivity_cost_uplift_pct, -100, 1000);
  const ConfigNode ce = f.child("cost_effectiveness");
  fin.max_payback_years = ce.number("max_payback_years", fin.max_payback_years, 0, 1000);
  fin.max_payback_marginal = ce.number("max_payback_marginal", fin.max_payback_marginal, 0, 1000);
  if (fin.max_payback_marginal < fin.max_payback_years)
    ce.fail("max_payback_marginal", "must not be below max_payback_years");
  ce.finish();
  f.allow({"price_scenarios"});  // not used by the scenario model
  f.finish();
}

void parse_subsidy(const ConfigNode& s, ScenarioModelConfig& out) {
  SubsidyConfig& sub = out.subsidy;
  sub.levels = s.list<double>("levels", sub.levels);
  for (double l : sub.levels)
    if (!(l >= 0 && l <= 100)) s.fail("levels", "subsidy levels are percentages in [0, 100]");
  // Scenarios not calculated are skipped; ids named explicitly must exist.
  if (s.has("scenarios")) {
    sub.scenarios = s.list<std::string>("scenarios", sub.scenarios);
    for (const auto& id : sub.scenarios)
      if (!out.find(id)) s.fail("scenarios", "scenario '" + id + "' has no definition");
  }
  s.allow({"scenarios"});
  const ConfigNode u = s.child("uptake");
  UptakeCurve& c = sub.uptake;
  c.ceiling = u.number("ceiling", c.ceiling, 0, 1);
  c.floor = u.number("floor", c.floor, 0, 1);
  if (c.floor > c.ceiling) u.fail("floor", "is above the ceiling");
  c.midpoint_years = u.number("midpoint_years", c.midpoint_years, 0, 1000);
  c.steepness = u.number("steepness", c.steepness, 0, 100);
  c.clamp = u.get<bool>("clamp", c.clamp);
  c.interpretation = u.get<std::string>("interpretation", c.interpretation);
  c.source_notes = u.get<std::string>("source_notes", c.source_notes);
  u.finish();
  s.finish();
}

}  // namespace

double HeatPumpConfig::min_flow_temp_c() const {
  const auto& v = design_flow_temps.empty() ? cop.temperatures_c : design_flow_temps;
  return *std::min_element(v.begin(), v.end());
}

const std::vector<std::string>& measure_catalogue() {
  static const std::vector<std::string> m{
      "loft_insulation_topup", "wall_insulation", "double_glazing", "triple_glazing",
      "floor_insulation", "draught_proofing", "ashp_installation", "emitter_upgrades",
      "district_heating_connection",
      // Placeholders, expanded per scenario or per dwelling.
      "fabric_improvements", "modest_fabric_improvements", "fabric_bundle_tipping_point",
      "fabric_bundle_minimum_ashp", "heat_network_where_available", "ashp_elsewhere"};
  return m;
}

ScenarioModelConfig::ScenarioModelConfig() {
  costs = {{"loft_insulation_topup", 1200},
           {"cavity_wall_insulation", 2500},
           {"solid_wall_insulation_ewi", 10000},
           {"solid_wall_insulation_iwi", 14000},
           {"floor_insulation", 1500},
           {"draught_proofing", 500},
           {"double_glazing_upgrade", 6000},
           {"triple_glazing_upgrade", 9000},
           {"ashp_installation", 12000},
           {"radiator_upsizing", 2500},
           {"hot_water_cylinder", 1200},
           {"district_heating_connection", 5000},
           {"electrical_upgrade", 1500},
           {"loft_insulation_per_m2", 30},
           {"internal_wall_insulation_per_m2", 100},
           {"external_wall_insulation_per_m2", 150},
           {"double_glazing_per_m2", 400},
           {"triple_glazing_per_m2", 600},
           {"hybrid_heat_pump", 8000},
           {"emitter_upgrade_per_radiator", 300}};
  cost_rules = {{"loft_insulation_topup", per_m2_rule(30, 0.9, 1.0, 1800, std::nullopt)},
                {"wall_insulation_cavity", fixed_rule(2500)},
                {"wall_insulation_internal", per_m2_rule(100, 1.0, 1.5, 15000, std::nullopt)},
                {"solid_wall_insulation_ewi", fixed_rule(10000)},
                {"solid_wall_insulation_iwi", fixed_rule(14000)},
                {"double_glazing", per_m2_rule(400, 0.2, 1.0, 7500, 3000.0)},
                {"triple_glazing", per_m2_rule(600, 0.2, 1.0, 11000, 6000.0)},
                {"floor_insulation", fixed_rule(1500)},
                {"draught_proofing", fixed_rule(500)},
                {"ashp_installation", fixed_rule(12000)},
                {"hybrid_heat_pump", fixed_rule(8000)},
                {"emitter_upgrades", per_unit_rule()},
                {"radiator_upsizing", per_unit_rule()},
                {"hot_water_cylinder", fixed_rule(1200)},
                {"district_heating_connection", fixed_rule(5000)},
                {"electrical_upgrade", fixed_rule(1500)}};
  MeasureSaving wall;
  wall.cavity_kwh_saving_pct = 0.20;
  wall.solid_kwh_saving_pct = 0.30;
  wall.flow_temp_reduction_k = 5;
  measure_savings = {
      {"loft_insulation_topup", saving(0.15, 2)}, {"wall_insulation", wall},
      {"floor_insulation", saving(0.05, 1)},      {"double_glazing", saving(0.10, 2)},
      {"triple_glazing", saving(0.15, 3)},        {"draught_proofing", saving(0.05, 1)},
      {"radiator_upsizing", saving(0.0, 10)}};
  scenarios.definitions = {
      {"baseline", "No intervention", {}},
      {"fabric_only",
       "Fabric improvements only",
       {"loft_insulation_topup", "wall_insulation", "double_glazing"}},
      {"fabric_to_tipping_point",
       "Fabric bundle to tipping point",
       {"fabric_bundle_tipping_point"}},
      {"minimum_fabric_hp_ready",
       "Reference minimum fabric bundle + ASHP",
       {"fabric_bundle_minimum_ashp", "ashp_installation", "emitter_upgrades"}},
      {"heat_pump",
       "Heat pump pathway (full deployment)",
       {"loft_insulation_topup", "wall_insulation", "double_glazing", "ashp_installation",
        "emitter_upgrades"}},
      {"heat_network",
       "Heat network pathway (full deployment)",
       {"modest_fabric_improvements", "district_heating_connection"}},
      {"hybrid",
       "Hybrid (spatial mix: Heat Pumps + Heat Networks)",
       {"fabric_improvements", "heat_network_where_available", "ashp_elsewhere"}}};
  for (const auto& d : scenarios.definitions) scenarios.calculate.push_back(d.id);
  scenarios.publish = {"fabric_only", "minimum_fabric_hp_ready", "heat_pump", "heat_network",
                       "hybrid"};
  PriceProfile p;
  p.id = "january_client_report_provisional";
  p.label = "January client report provisional prices";
  p.effective_period = "Legacy provisional report basis";
  p.source_note = "Provisional unit rates of the January client report; standing charges excluded.";
  prices.profiles = {p};
  prices.active = p;
}

const ScenarioDefinition* ScenarioModelConfig::find(const std::string& id) const {
  for (const auto& d : scenarios.definitions)
    if (d.id == id) return &d;
  return nullptr;
}

void parse_scenario_model(const ConfigNode& root, ScenarioModelConfig& out) {
  parse_scenarios(root.child("scenarios"), out);
  parse_costs(root.child("costs"), out);
  parse_cost_rules(root.child("cost_rules"), out);
  parse_measure_savings(root.child("measure_savings"), out);
  parse_prices(root.child("prices"), out);
  parse_carbon(root.child("carbon"), out);
  parse_heat_pump(root.child("heat_pump"), out);
  parse_heat_network(root.child("heat_network"), out);
  parse_financial(root.child("financial"), out);
  parse_subsidy(root.child("subsidy"), out);
}

}  // namespace heatstreet
