// Scenario-model configuration: the shipped fragment equals the built-in defaults, a new
// scenario can be defined in YAML alone, and each bad value is refused naming key and line.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "heatstreet/config/config.hpp"
#include "heatstreet/scenario/scenario_model.hpp"
#include "scenario_fixtures.hpp"

using namespace heatstreet;

namespace {

ScenarioModelConfig parse_text(const std::string& yaml) {
  auto src = std::make_shared<ConfigSource>();
  src->file = "test.yaml";
  ConfigNode root(YAML::Load(yaml), "", src);
  ScenarioModelConfig c;
  parse_scenario_model(root, c);
  return c;
}

std::string opt(const std::optional<double>& v) { return v ? std::to_string(*v) : "none"; }

// Every field, as text, so two configurations compare field by field.
std::string dump(const ScenarioModelConfig& c) {
  std::ostringstream o;
  o.precision(17);
  for (const auto& id : c.scenarios.calculate) o << "calc " << id << "\n";
  for (const auto& id : c.scenarios.publish) o << "pub " << id << "\n";
  for (const auto& d : c.scenarios.definitions) {
    o << "def " << d.id << " '" << d.name << "'";
    for (const auto& m : d.measures) o << " " << m;
    o << "\n";
  }
  for (const auto& [k, v] : c.costs) o << "cost " << k << " " << v << "\n";
  for (const auto& [k, r] : c.cost_rules)
    o << "rule " << k << " " << r.basis << " " << r.rate << " " << r.area_share_of_floor << " "
      << r.area_multiplier << " " << r.floor_area_fallback_m2 << " " << r.unit_size_m2 << " "
      << r.unit_rate << " " << r.min_units << " " << opt(r.fixed_cost) << " " << opt(r.min_total)
      << " " << opt(r.cap_per_home) << " " << r.apply_size_adjustment << "\n";
  for (const auto& [k, s] : c.measure_savings)
    o << "saving " << k << " " << opt(s.kwh_saving_pct) << " " << opt(s.cavity_kwh_saving_pct)
      << " " << opt(s.solid_kwh_saving_pct) << " " << s.flow_temp_reduction_k << "\n";
  for (const auto& p : c.prices.profiles)
    o << "price " << p.id << " '" << p.label << "' '" << p.effective_period << "' "
      << p.gas_gbp_per_kwh << " " << p.electricity_gbp_per_kwh << " '" << p.source_note << "'\n";
  o << "active " << c.prices.active.id << " " << c.prices.default_profile << "\n";
  o << "carbon " << c.carbon.gas_kg_per_kwh << " " << c.carbon.electricity_kg_per_kwh << "\n";
  const auto& h = c.heat_pump;
  o << "hp " << h.heating_demand_fraction << " " << h.max_heat_demand_kwh_per_m2 << " "
    << h.min_epc_band;
  for (auto* v :
       {&h.design_flow_temps, &h.cop.temperatures_c, &h.cop.central, &h.cop.low, &h.cop.high})
    for (double x : *v) o << " " << x;
  o << "\nhn " << c.heat_network.tariff_per_kwh << " " << c.heat_network.distribution_efficiency
    << " " << c.heat_network.carbon_intensity_kg_per_kwh << "\n";
  const auto& f = c.financial;
  o << "fin " << f.discount_rate << " " << f.analysis_horizon_years << " "
    << f.subsidy_sensitivity_cost_uplift_pct << " " << f.max_payback_years << " "
    << f.max_payback_marginal << "\n";
  const auto& s = c.subsidy;
  o << "sub";
  for (double l : s.levels) o << " " << l;
  for (const auto& id : s.scenarios) o << " " << id;
  o << " " << s.uptake.ceiling << " " << s.uptake.floor << " " << s.uptake.midpoint_years << " "
    << s.uptake.steepness << " " << s.uptake.clamp << " '" << s.uptake.interpretation << "' '"
    << s.uptake.source_notes << "'\n";
  return o.str();
}

std::string error_of(const std::string& yaml) {
  try {
    parse_text(yaml);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST(ScenarioConfig, ShippedConfigurationEqualsBuiltInDefaults) {
  std::ifstream in(std::string(HEATSTREET_SOURCE_DIR) + "/config/heatstreet.yaml");
  ASSERT_TRUE(in) << "config/heatstreet.yaml missing";
  std::stringstream text;
  text << in.rdbuf();
  const ScenarioModelConfig parsed = parse_text(text.str());
  EXPECT_EQ(dump(parsed), dump(ScenarioModelConfig{}));
  // And the file is not trivially empty: it names all seven scenarios.
  EXPECT_EQ(parsed.scenarios.definitions.size(), 7u);
}

TEST(ScenarioConfig, EmptySectionsKeepDefaults) {
  EXPECT_EQ(dump(parse_text("{}")), dump(ScenarioModelConfig{}));
}

TEST(ScenarioConfig, UserDefinedScenarioRunsWithoutCode) {
  const auto c = parse_text(R"(
scenarios:
  calculate: [baseline, loft_and_glazing]
  publish: [loft_and_glazing]
  baseline: {name: Nothing, measures: []}
  loft_and_glazing:
    name: "Loft and triple glazing"
    description: "documentation only"
    measures: [loft_insulation_topup, triple_glazing, triple_glazing]
)");
  ASSERT_EQ(c.scenarios.calculate.size(), 2u);
  Config cfg;
  cfg.scenario = c;
  cfg.model.methodology = Methodology::kPython;
  scenario::ScenarioModel model(scenario_settings(cfg));
  ASSERT_EQ(model.scenarios().size(), 2u);
  const auto& s = model.scenarios()[1];
  EXPECT_EQ(s.definition.name, "Loft and triple glazing");
  EXPECT_EQ(s.measure_tokens(),
            (std::vector<std::string>{"loft_insulation_topup", "triple_glazing"}));
  EXPECT_TRUE(s.published);
  // One 90 m2 dwelling (the golden P1): loft capped at 1800; triple glazing
  // max(6000, 90 x 0.2 x 600 = 10800) then min(11000, 10800) = 10800.
  const Table t = fixtures::dwellings_table({fixtures::golden_p1()});
  const Table r = model.compute(t, 1, 10, 1);
  EXPECT_DOUBLE_EQ(r.get<double>(scenario::result::kCapitalCost)[0], 1800 + 10800);
  // Savings 0.15 + 0.15 of 19440 kWh with rebound 0.75: 19440 - 5832 x 0.75 = 15066 kWh.
  EXPECT_NEAR(r.get<double>(scenario::result::kPostEnergy)[0], 15066, 1e-9);
}

TEST(ScenarioConfig, RefusesUnknownMeasureWithKeyAndLine) {
  const std::string e = error_of("scenarios:\n  mine:\n    measures: [loft_insulation_topupp]\n");
  EXPECT_NE(e.find("test.yaml:3"), std::string::npos) << e;
  EXPECT_NE(e.find("scenarios.mine.measures"), std::string::npos) << e;
  EXPECT_NE(e.find("did you mean 'loft_insulation_topup'"), std::string::npos) << e;
}

TEST(ScenarioConfig, RefusesScenarioWithoutMeasures) {
  // The key is absent, so the message points at the scenario's map (line 3).
  const std::string e = error_of("scenarios:\n  empty_one:\n    name: x\n");
  EXPECT_NE(e.find("scenarios.empty_one.measures"), std::string::npos) << e;
  EXPECT_NE(e.find("test.yaml:3"), std::string::npos) << e;
}

TEST(ScenarioConfig, RefusesUndefinedCalculateAndPublishIds) {
  std::string e = error_of("scenarios:\n  calculate: [baseline, heat_pumpp]\n");
  EXPECT_NE(e.find("scenarios.calculate"), std::string::npos) << e;
  EXPECT_NE(e.find("test.yaml:2"), std::string::npos) << e;
  EXPECT_NE(e.find("did you mean 'heat_pump'"), std::string::npos) << e;
  e = error_of("scenarios:\n  calculate: [baseline]\n  publish: [heat_pump]\n");
  EXPECT_NE(e.find("scenarios.publish"), std::string::npos) << e;
  EXPECT_NE(e.find("test.yaml:3"), std::string::npos) << e;
}

TEST(ScenarioConfig, RefusesNegativeCostAndPrice) {
  std::string e = error_of("costs:\n  draught_proofing: -5\n");
  EXPECT_NE(e.find("test.yaml:2"), std::string::npos) << e;
  EXPECT_NE(e.find("costs.draught_proofing"), std::string::npos) << e;
  e = error_of("cost_rules:\n  draught_proofing: {basis: fixed, fixed_cost: -1}\n");
  EXPECT_NE(e.find("cost_rules.draught_proofing.fixed_cost"), std::string::npos) << e;
  e = error_of(R"(prices:
  default_profile: p
  profiles:
    p: {label: a, effective_period: b, gas_gbp_per_kwh: -0.1, electricity_gbp_per_kwh: 0.2,
        standing_charges_included: false, source_note: c}
)");
  EXPECT_NE(e.find("prices.profiles.p.gas_gbp_per_kwh"), std::string::npos) << e;
  EXPECT_NE(e.find("test.yaml:4"), std::string::npos) << e;
}

TEST(ScenarioConfig, RefusesCopCurveThatDoesNotRiseAsFlowFalls) {
  const std::string e = error_of(R"(heat_pump:
  cop_vs_flow_temp:
    temperatures_c: [35, 45, 55]
    central_spf: [3.0, 3.2, 2.7]
)");
  EXPECT_NE(e.find("heat_pump.cop_vs_flow_temp.central_spf"), std::string::npos) << e;
  EXPECT_NE(e.find("test.yaml:4"), std::string::npos) << e;
}

TEST(ScenarioConfig, RefusesListsOfDifferentLengths) {
  const std::string e = error_of(R"(heat_pump:
  cop_vs_flow_temp:
    temperatures_c: [35, 45, 55, 65]
    central_spf: [3.6, 3.2, 2.7, 2.3]
    low_spf: [3.2, 2.8, 2.4]
)");
  EXPECT_NE(e.find("heat_pump.cop_vs_flow_temp.low_spf"), std::string::npos) << e;
  EXPECT_NE(e.find("3 values but temperatures_c has 4"), std::string::npos) << e;
  EXPECT_NE(e.find("test.yaml:5"), std::string::npos) << e;
}

TEST(ScenarioConfig, RefusesDiscountRateAndHorizonOutOfRange) {
  std::string e = error_of("financial:\n  discount_rate: 1.5\n");
  EXPECT_NE(e.find("financial.discount_rate"), std::string::npos) << e;
  EXPECT_NE(e.find("test.yaml:2"), std::string::npos) << e;
  e = error_of("financial:\n  discount_rate: 0.03\n  analysis_horizon_years: 0\n");
  EXPECT_NE(e.find("financial.analysis_horizon_years"), std::string::npos) << e;
  EXPECT_NE(e.find("test.yaml:3"), std::string::npos) << e;
}

TEST(ScenarioConfig, RefusesUnknownKeysWithSuggestion) {
  const std::string e = error_of("heat_network:\n  tarif_per_kwh: 0.1\n");
  EXPECT_NE(e.find("unknown key 'heat_network.tarif_per_kwh'"), std::string::npos) << e;
  EXPECT_NE(e.find("did you mean 'heat_network.tariff_per_kwh'"), std::string::npos) << e;
}

TEST(ScenarioConfig, RefusesStandingChargesAndMissingProfile) {
  std::string e = error_of("prices:\n  default_profile: nope\n");
  EXPECT_NE(e.find("prices.default_profile"), std::string::npos) << e;
  e = error_of(R"(prices:
  default_profile: p
  profiles:
    p: {label: a, effective_period: b, gas_gbp_per_kwh: 0.1, electricity_gbp_per_kwh: 0.2,
        standing_charges_included: true, source_note: c}
)");
  EXPECT_NE(e.find("standing_charges_included"), std::string::npos) << e;
}

TEST(ScenarioConfig, DefinitionsMayBeNestedUnderTheirOwnKey) {
  const auto c = parse_text(R"(
scenarios:
  calculate: [walls]
  publish: []
  definitions:
    walls: {name: Walls, measures: [wall_insulation]}
)");
  ASSERT_EQ(c.scenarios.definitions.size(), 1u);
  EXPECT_EQ(c.scenarios.definitions[0].id, "walls");
  EXPECT_TRUE(c.scenarios.publish.empty());
  EXPECT_NE(
      error_of(
          "scenarios:\n  definitions:\n    walls: {measures: [wall_insulation], colour: red}\n")
          .find("unknown key 'scenarios.definitions.walls.colour'"),
      std::string::npos);
}

// The results file stores the scenario-independent columns once and links every other
// scenario's names to that copy: that is only right if every scenario, user-defined ones
// included, computes exactly the same values for them.
namespace {
// Bit for bit (NaN equal to itself), as the linked datasets are.
bool same_bits(const Column& a, const Column& b) {
  return std::visit(
      [&](const auto& va) {
        using V = std::decay_t<decltype(va)>;
        const V* vb = std::get_if<V>(&b.data);
        if (!vb || va.size() != vb->size()) return false;
        if constexpr (std::is_same_v<V, StringColumn>) {
          for (std::size_t i = 0; i < va.size(); ++i)
            if (va[i] != (*vb)[i]) return false;
          return true;
        } else {
          return va.empty() || std::memcmp(va.data(), vb->data(), va.size() * sizeof(va[0])) == 0;
        }
      },
      a.data);
}
}  // namespace

TEST(ScenarioModel, ScenarioIndependentColumnsAreTheSameInEveryScenario) {
  const Table dwellings = fixtures::dwellings_table(fixtures::synthetic_rows(0, 600));
  for (Methodology mode : {Methodology::kPython, Methodology::kDocumented}) {
    Config cfg;
    cfg.model.methodology = mode;
    const scenario::ScenarioModel model(scenario_settings(cfg));
    ASSERT_GE(model.scenarios().size(), 7u);
    const Table first = model.compute(dwellings, 0, 50000, 1);
    for (std::size_t s = 1; s < model.scenarios().size(); ++s) {
      const Table other = model.compute(dwellings, s, 50000, 1);
      for (const std::string& name : scenario::result::scenario_independent_columns()) {
        const Column* a = first.find(name);
        const Column* b = other.find(name);
        ASSERT_TRUE(a && b) << name;
        EXPECT_TRUE(same_bits(*a, *b)) << model.scenarios()[s].definition.id << " " << name;
        EXPECT_EQ(a->info.unit, b->info.unit) << name;
        EXPECT_EQ(a->info.description, b->info.description) << name;
        EXPECT_EQ(a->info.labels, b->info.labels) << name;
      }
    }
  }
}

TEST(ScenarioModel, ResultTableHasTheDeclaredColumnsInOrder) {
  const Table dwellings = fixtures::dwellings_table(fixtures::synthetic_rows(0, 10));
  const scenario::ScenarioModel model(scenario_settings(Config()));
  const Table results = model.compute(dwellings, 1, 50000, 1);
  std::size_t k = 0;
  scenario::result::for_each_column([&](const auto& spec) {
    ASSERT_LT(k, results.num_columns());
    const ColumnInfo& info = results.columns()[k++].info;
    const ColumnInfo declared = spec.info();
    EXPECT_EQ(info.name, declared.name);
    EXPECT_EQ(info.unit, declared.unit) << declared.name;
    EXPECT_EQ(info.description, declared.description) << declared.name;
    EXPECT_EQ(info.labels, declared.labels) << declared.name;
  });
  EXPECT_EQ(k, results.num_columns());
  // A column that is also a dwelling column reads the same there.
  EXPECT_EQ(scenario::result::kFlowTemp.info().description, dwelling::kFlowTemp.info().description);
  EXPECT_EQ(scenario::result::kAshpReady.info().labels, dwelling::kAshpReady.info().labels);
}
