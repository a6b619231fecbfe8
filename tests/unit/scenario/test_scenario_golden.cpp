// Golden cases of the scenario-model spec (§13): dwelling P1 in every default scenario,
// in the predecessor's methodology (expected values are the spec's own arithmetic) and in
// the documented methodology (multiplicative fabric savings, wall types, band, tariff and
// the dwelling's own heating fuel, worked out by hand below); the small vectors of §13.7;
// the tipping-point bundles of §3.2; and independence of chunk size and threads.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "heatstreet/core/csv_table.hpp"
#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/exact_sum.hpp"
#include "heatstreet/parallel/order_statistics.hpp"
#include "heatstreet/scenario/subsidy_sensitivity.hpp"
#include "heatstreet/scenario/summary_tables.hpp"
#include "heatstreet/scenario/summary_values.hpp"
#include "scenario_fixtures.hpp"

using namespace heatstreet;
using namespace heatstreet::scenario;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

ScenarioSettings settings(Methodology m) {
  Config c;
  c.model.methodology = m;
  return scenario_settings(c);
}

// Relative error under 1e-9 (absolute 1e-9 near zero).
void expect_close(double actual, double expected, const char* what) {
  const double tol = 1e-9 * std::max(1.0, std::fabs(expected));
  EXPECT_NEAR(actual, expected, tol) << what;
}

struct Row {
  const Table& t;
  std::size_t i;
  double d(const char* name) const { return t.get<double>(name)[i]; }
  int u(const char* name) const { return t.get<std::uint8_t>(name)[i]; }
};

Table run(const ScenarioModel& m, const std::string& id,
          const std::vector<fixtures::DwellingRow>& rows) {
  const int s = m.find(id);
  EXPECT_GE(s, 0) << id;
  return m.compute(fixtures::dwellings_table(rows), static_cast<std::size_t>(s), 50000, 1);
}

// P1 heated by each kind of system: gas (P1 itself), electric, district, heat pump, oil
// (Other) and unknown.
constexpr std::size_t kElectricRow = 1, kDistrictRow = 2;
std::vector<fixtures::DwellingRow> rows_by_fuel() {
  auto electric = fixtures::golden_p1(), district = electric, heat_pump = electric, oil = electric,
       unknown = electric;
  electric.heating_system = static_cast<std::uint8_t>(HeatingSystem::kElectric);
  district.heating_system = static_cast<std::uint8_t>(HeatingSystem::kDistrict);
  heat_pump.heating_system = static_cast<std::uint8_t>(HeatingSystem::kHeatPump);
  oil.heating_system = static_cast<std::uint8_t>(HeatingSystem::kOther);
  unknown.heating_system = kUnknownCode;
  return {fixtures::golden_p1(), electric, district, heat_pump, oil, unknown};
}

// Baseline of P1 (spec §13.1): E0 = 300 x 0.72 x 90 = 19440 kWh; bill0 = 19440 x 0.0624;
// CO2_0 = 19440 x 0.183.
constexpr double kE0 = 19440, kBill0 = 1213.056, kCo20 = 3557.52;

}  // namespace

TEST(ScenarioGolden, P1BaselineAndReadiness) {
  const ScenarioModel m(settings(Methodology::kPython));
  const Table t = fixtures::dwellings_table({fixtures::golden_p1()});
  const Table b = m.baseline_columns(t, 1, 1);
  expect_close(b.get<double>(dwelling::kBaselineEnergy)[0], kE0, "E0");
  expect_close(b.get<double>("energy_consumption_adjusted_kwh_m2")[0], 216, "I0");
  expect_close(b.get<double>("rebound_factor")[0], 0.75, "rebound");
  expect_close(b.get<double>(result::kFlowTemp)[0], 73, "flow temperature");
  EXPECT_EQ(b.get<std::uint8_t>(result::kAshpReady)[0], 0);
  EXPECT_EQ(b.get<std::uint8_t>(result::kAshpProjectedReady)[0], 0);  // 216 x 0.85 x 0.95 = 174.42
}

TEST(ScenarioGolden, TippingPointBundles) {
  const FabricBundles b = fabric_bundles(ScenarioModelConfig{});
  const std::vector<std::string> ids{"loft_insulation",           "draught_proofing",
                                     "cavity_wall_insulation",    "floor_insulation",
                                     "solid_wall_insulation_ewi", "solid_wall_insulation_iwi",
                                     "double_glazing_upgrade"};
  ASSERT_EQ(b.curve.size(), ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(b.curve[i].id, ids[i]);
  // Marginal costs 1200/2250, 500/637.5, 2500/2422.5, then 1500/484.5 (spec §3.2).
  expect_close(b.curve[0].marginal_cost, 1200.0 / 2250.0, "m1");
  expect_close(b.curve[1].marginal_cost, 500.0 / 637.5, "m2");
  expect_close(b.curve[2].marginal_cost, 2500.0 / 2422.5, "m3");
  expect_close(b.curve[3].marginal_cost, 1500.0 / 484.5, "m4");
  expect_close(b.threshold, 2 * 1200.0 / 2250.0, "threshold");
  expect_close(b.curve[2].cumulative_kwh, 5310, "cumulative after step 3");
  const std::vector<std::string> bundle{"loft_insulation_topup", "draught_proofing",
                                        "wall_insulation"};
  EXPECT_EQ(b.full_to_tipping, bundle);
  EXPECT_EQ(b.minimum_to_ashp, bundle);
}

// §13.2 fabric_only
TEST(ScenarioGolden, P1FabricOnlyPythonMode) {
  const ScenarioModel m(settings(Methodology::kPython));
  const auto p1 = fixtures::golden_p1();
  const Table t = run(m, "fabric_only", {p1});
  const Row r{t, 0};
  expect_close(r.d(result::kCapitalCost), 22500, "capex");
  expect_close(r.d(result::kPostEnergy), 11421, "post energy");
  expect_close(r.d(result::kPostBill), 712.6704, "bill");
  expect_close(r.d(result::kBillSavings), 500.3856, "savings");
  expect_close(r.d(result::kCo2Reduction), 1467.477, "co2 reduction");
  expect_close(r.d(result::kEnergyReduction), 8019, "energy reduction");
  expect_close(r.d(result::kOperatingFlowTemp), 64, "T_op");
  expect_close(r.d(result::kPostFabricIntensity), 126.9, "I_post");
  EXPECT_EQ(r.u(result::kReadyAfterMeasures), 0);
  expect_close(r.d(result::kSapDelta), 16.03125, "SAP gain");
  expect_close(r.d(result::kSapAfter), 64.03125, "SAP1");
  EXPECT_EQ(r.u(result::kBandAfter), 3);  // D
  EXPECT_EQ(r.u(result::kBandShiftSteps), 1);
  expect_close(r.d(result::kSimplePayback), 22500 / 500.3856, "payback");
  EXPECT_NEAR(r.d(result::kSimplePayback), 44.965323, 5e-7);
  expect_close(r.d(result::kAbatementCost), 22500 / (1467.477 * 20 / 1000), "abatement");
  EXPECT_NEAR(r.d(result::kAbatementCost), 766.6219, 5e-5);
  EXPECT_EQ(r.d(result::kDiscountedPayback), kInf);
  EXPECT_EQ(r.u(result::kRecommended), 0);
  EXPECT_EQ(r.u(result::kCostCapApplied), 1);  // loft capped at 1800
  EXPECT_EQ(r.u(result::kTechnology), 0);
}

// §13.3 heat_pump: draught proofing inserted as enabling fabric
TEST(ScenarioGolden, P1HeatPumpPythonMode) {
  const ScenarioModel m(settings(Methodology::kPython));
  const auto p1 = fixtures::golden_p1();
  const Table t = run(m, "heat_pump", {p1});
  const Row r{t, 0};
  expect_close(r.d(result::kCapitalCost), 34925, "capex");
  EXPECT_EQ(r.u(result::kFabricInserted), 1);
  expect_close(r.d(result::kPostFabricIntensity), 118.8, "I_post");
  expect_close(r.d(result::kOperatingFlowTemp), 53, "T_op");
  expect_close(r.d(result::kCopCentral), 2.8, "cop");
  expect_close(r.d(result::kCopLow), 2.48, "cop low");
  expect_close(r.d(result::kCopHigh), 3.1, "cop high");
  expect_close(r.d(result::kHpElectricity), 8553.6 / 2.8, "W");
  expect_close(r.d(result::kHpElectricityLow), 8553.6 / 2.48, "W low");
  expect_close(r.d(result::kHpElectricityHigh), 8553.6 / 3.1, "W high");
  expect_close(r.d(result::kPostEnergy), 2138.4 + 8553.6 / 2.8, "post energy");
  expect_close(r.d(result::kEnergyReduction), kE0 - (2138.4 + 8553.6 / 2.8), "energy reduction");
  expect_close(r.d(result::kPostBill), 133.43616 + 748.44, "bill");
  expect_close(r.d(result::kBillSavings), 331.17984, "savings");
  expect_close(r.d(result::kBillSavingsLow), kBill0 - (133.43616 + 8553.6 / 2.48 * 0.245),
               "savings low");
  expect_close(r.d(result::kBillSavingsHigh), kBill0 - (133.43616 + 8553.6 / 3.1 * 0.245),
               "savings high");
  EXPECT_NEAR(r.d(result::kBillSavingsLow), 234.606937, 5e-7);
  EXPECT_NEAR(r.d(result::kBillSavingsHigh), 403.609517, 5e-7);
  expect_close(r.d(result::kCo2Reduction), kCo20 - (391.3272 + 8553.6 / 2.8 * 0.225),
               "co2 reduction");
  EXPECT_NEAR(r.d(result::kCo2Reduction), 2478.849943, 5e-7);
  // SAP: p = 100 x (19440 - 5193.257143) / 19440; gain = 9 + 6.75 + 4.5 + (p - 60) x 0.1125.
  const double p = 100 * (kE0 - (2138.4 + 8553.6 / 2.8)) / kE0;
  expect_close(r.d(result::kSapBasisPct), p, "basis pct");
  expect_close(r.d(result::kSapDelta), 20.25 + (p - 60) * 0.1125, "SAP gain");
  EXPECT_NEAR(r.d(result::kSapAfter), 69.744643, 5e-7);
  EXPECT_EQ(r.u(result::kBandAfter), 2);  // C, two steps, not capped
  EXPECT_EQ(r.u(result::kBandShiftSteps), 2);
  EXPECT_EQ(r.u(result::kBandShiftCapped), 0);
  expect_close(r.d(result::kSimplePayback), 34925 / 331.17984, "payback");
  EXPECT_NEAR(r.d(result::kSimplePayback), 105.456298, 5e-7);
  EXPECT_NEAR(r.d(result::kAbatementCost), 704.4597, 5e-5);
  EXPECT_EQ(r.d(result::kDiscountedPayback), kInf);
  EXPECT_EQ(r.u(result::kTechnology), 1);
}

// §13.4 heat_network
TEST(ScenarioGolden, P1HeatNetworkPythonMode) {
  const ScenarioModel m(settings(Methodology::kPython));
  const auto p1 = fixtures::golden_p1();
  const Table t = run(m, "heat_network", {p1});
  const Row r{t, 0};
  expect_close(r.d(result::kCapitalCost), 19975, "capex");
  expect_close(r.d(result::kPostEnergy), 12150, "post energy (delivered)");
  expect_close(r.d(result::kOperatingFlowTemp), 65, "T_op");
  expect_close(r.d(result::kEnergyReduction), 7290, "energy reduction");
  expect_close(r.d(result::kPostBill), 151.632 + 864, "bill: tariff on network input 10800 kWh");
  expect_close(r.d(result::kBillSavings), 197.424, "savings");
  expect_close(r.d(result::kCo2Reduction), 2324.43, "co2 reduction");
  expect_close(r.d(result::kSapAfter), 62.90625, "SAP1");
  EXPECT_EQ(r.u(result::kBandAfter), 3);
  expect_close(r.d(result::kSimplePayback), 19975 / 197.424, "payback");
  EXPECT_NEAR(r.d(result::kSimplePayback), 101.178175, 5e-7);
  expect_close(r.d(result::kAbatementCost), 19975 / 46.4886, "abatement");
  EXPECT_TRUE(std::isnan(r.d(result::kCopCentral)));
  EXPECT_EQ(r.u(result::kTechnology), 2);
}

// §13.5 fabric_to_tipping_point
TEST(ScenarioGolden, P1FabricToTippingPointPythonMode) {
  const ScenarioModel m(settings(Methodology::kPython));
  const auto p1 = fixtures::golden_p1();
  const Table t = run(m, "fabric_to_tipping_point", {p1});
  const Row r{t, 0};
  expect_close(r.d(result::kCapitalCost), 15725, "capex");
  expect_close(r.d(result::kPostEnergy), 12150, "Ef");
  expect_close(r.d(result::kOperatingFlowTemp), 65, "T_op");
  expect_close(r.d(result::kBillSavings), 454.896, "savings");
  expect_close(r.d(result::kCo2Reduction), 1334.07, "co2");
  expect_close(r.d(result::kSapAfter), 62.90625, "SAP1");
  expect_close(r.d(result::kSimplePayback), 15725 / 454.896, "payback");
  EXPECT_NEAR(r.d(result::kSimplePayback), 34.568341, 5e-7);
}

// §13.5, hybrid = ASHP branch
TEST(ScenarioGolden, P1MinimumFabricAndHybridPythonMode) {
  const ScenarioModel m(settings(Methodology::kPython));
  const auto p1 = fixtures::golden_p1();
  for (const char* id : {"minimum_fabric_hp_ready", "hybrid"}) {
    const Table t = run(m, id, {p1});
    const Row r{t, 0};
    expect_close(r.d(result::kCapitalCost), 27725, id);
    expect_close(r.d(result::kPostFabricIntensity), 135, id);
    expect_close(r.d(result::kOperatingFlowTemp), 55, id);
    expect_close(r.d(result::kCopCentral), 2.7, id);
    expect_close(r.d(result::kCopLow), 2.4, id);
    expect_close(r.d(result::kCopHigh), 3.0, id);
    expect_close(r.d(result::kPostBill), 151.632 + 882, id);  // W = 9720 / 2.7 = 3600
    expect_close(r.d(result::kBillSavings), 179.424, id);
    expect_close(r.d(result::kCo2Reduction), 2302.83, id);
    EXPECT_NEAR(r.d(result::kSapAfter), 69.260417, 5e-7) << id;
    EXPECT_EQ(r.u(result::kBandAfter), 2) << id;
    expect_close(r.d(result::kSimplePayback), 27725 / 179.424, id);
    EXPECT_NEAR(r.d(result::kSimplePayback), 154.522249, 5e-7) << id;
    EXPECT_EQ(r.u(result::kFabricInserted), 0) << id;
    EXPECT_EQ(r.u(result::kHybridPathway), std::string(id) == "hybrid" ? 2 : 0) << id;
  }
}

// P1 on a ready network: hybrid takes the heat-network branch (§3.5).
TEST(ScenarioGolden, P1HybridOnAReadyNetworkPythonMode) {
  const ScenarioModel m(settings(Methodology::kPython));
  const auto p1 = fixtures::golden_p1();
  auto ready = p1;
  ready.tier = 2;
  ready.hn_ready = 1;
  const Table t = run(m, "hybrid", {ready});
  const Row r{t, 0};
  EXPECT_EQ(r.u(result::kHybridPathway), 1);
  expect_close(r.d(result::kCapitalCost), 19975, "capex as heat_network");
  expect_close(r.d(result::kBillSavings), 197.424, "savings as heat_network");
}

// baseline: no measures, nothing changes.
TEST(ScenarioGolden, P1BaselineScenarioPythonMode) {
  const ScenarioModel m(settings(Methodology::kPython));
  const auto p1 = fixtures::golden_p1();
  const Table t = run(m, "baseline", {p1});
  const Row r{t, 0};
  expect_close(r.d(result::kCapitalCost), 0, "capex");
  expect_close(r.d(result::kPostEnergy), kE0, "post");
  expect_close(r.d(result::kBaselineBill), kBill0, "bill0");
  expect_close(r.d(result::kBaselineCo2), kCo20, "co2_0");
  EXPECT_EQ(r.d(result::kSimplePayback), kInf);
}

// P1 has solid walls, a gas boiler and no band/SAP disagreement. Documented mode differs
// from §13 through multiplicative fabric savings (spec §12.2) and, for the heat network,
// the tariff on delivered heat (§12.6). Costs, flow temperatures and COPs are unchanged.
// Fabric: S = 1 - prod(1 - s_m); Ef = E0 x (1 - 0.75 S); bills and CO2 at gas (P1's fuel).

// fabric_only [loft 0.15, wall 0.30, glazing 0.10]
TEST(ScenarioGolden, P1FabricOnlyDocumentedMode) {
  const ScenarioModel doc(settings(Methodology::kDocumented));
  const auto p1 = fixtures::golden_p1();
  //   prod = 0.85 x 0.70 x 0.90 = 0.5355; S = 0.4645; fab = 19440 x 0.4645 = 9029.88
  //   x 0.75 = 6772.41 -> Ef = 12667.59 (additive: 11421); I_post = 140.751
  //   bill = 12667.59 x 0.0624 = 790.457616; savings = 1213.056 - 790.457616 = 422.598384
  //   CO2 = 12667.59 x 0.183 = 2318.16897; reduction = 3557.52 - 2318.16897 = 1239.35103
  //   SAP: p = 6772.41 / 19440 = 34.8375 %; gain = 9 + 14.8375 x 0.3375 = 14.00765625
  //   SAP1 = 62.00765625 (D); payback = 22500 / 422.598384 = 53.24204
  const Table t = run(doc, "fabric_only", {p1});
  const Row r{t, 0};
  expect_close(r.d(result::kCapitalCost), 22500, "capex");
  expect_close(r.d(result::kPostEnergy), 12667.59, "Ef");
  expect_close(r.d(result::kEnergyReduction), 6772.41, "energy reduction");
  expect_close(r.d(result::kPostFabricIntensity), 140.751, "I_post");
  expect_close(r.d(result::kPostBill), 790.457616, "bill");
  expect_close(r.d(result::kBillSavings), 422.598384, "savings");
  expect_close(r.d(result::kCo2Reduction), 1239.35103, "co2 reduction");
  expect_close(r.d(result::kSapBasisPct), 34.8375, "basis");
  expect_close(r.d(result::kSapAfter), 62.00765625, "SAP1");
  EXPECT_EQ(r.u(result::kBandAfter), 3);
  expect_close(r.d(result::kSimplePayback), 22500 / 422.598384, "payback");
  EXPECT_NEAR(r.d(result::kSimplePayback), 53.24204, 5e-6);
  expect_close(r.d(result::kOperatingFlowTemp), 64, "T_op");
}

// heat_pump [draught 0.05, loft, wall, glazing, ashp, emitter]
TEST(ScenarioGolden, P1HeatPumpDocumentedMode) {
  const ScenarioModel doc(settings(Methodology::kDocumented));
  const auto p1 = fixtures::golden_p1();
  //   prod = 0.95 x 0.85 x 0.70 x 0.90 = 0.508725; fab = 19440 x 0.491275 = 9550.386
  //   x 0.75 = 7162.7895 -> Ef = 12277.2105 (additive: 10692); T_op 53, COP 2.8
  //   H = 9821.7684; N = 2455.4421; W = 9821.7684 / 2.8 = 3507.774428571
  //   post = 5963.216528571; bill = 153.21958704 + 859.403935 = 1012.624322
  //   savings = 200.431678; CO2 = 449.3459043 + 789.2492464 = 1238.595151; red. 2318.924849
  //   SAP: p = 69.325018 %; gain = 20.25 + 9.325018 x 0.1125 = 21.299065 -> 69.299065 (C)
  //   payback = 34925 / 200.431678 = 174.24890
  const Table t = run(doc, "heat_pump", {p1});
  const Row r{t, 0};
  const double H = 9821.7684, N = 2455.4421, W = H / 2.8;
  expect_close(r.d(result::kCapitalCost), 34925, "capex");
  expect_close(r.d(result::kPostFabricIntensity), 12277.2105 / 90, "I_post");
  expect_close(r.d(result::kOperatingFlowTemp), 53, "T_op");
  expect_close(r.d(result::kHpElectricity), W, "W");
  expect_close(r.d(result::kPostEnergy), N + W, "post energy");
  expect_close(r.d(result::kPostBill), N * 0.0624 + W * 0.245, "bill");
  EXPECT_NEAR(r.d(result::kBillSavings), 200.431678, 5e-7);
  expect_close(r.d(result::kCo2Reduction), kCo20 - (N * 0.183 + W * 0.225), "co2 reduction");
  EXPECT_NEAR(r.d(result::kCo2Reduction), 2318.924849, 5e-7);
  EXPECT_NEAR(r.d(result::kSapAfter), 69.299065, 5e-7);
  EXPECT_EQ(r.u(result::kBandAfter), 2);
  EXPECT_NEAR(r.d(result::kSimplePayback), 174.24890, 5e-5);
}

// heat_network [loft, draught, wall, DH]
TEST(ScenarioGolden, P1HeatNetworkDocumentedMode) {
  const ScenarioModel doc(settings(Methodology::kDocumented));
  const auto p1 = fixtures::golden_p1();
  //   prod = 0.85 x 0.95 x 0.70 = 0.56525; fab = 8451.54; x 0.75 = 6338.655
  //   Ef = 13101.345 (additive: 12150); H = 10481.076; N = 2620.269
  //   bill = 2620.269 x 0.0624 + 10481.076 x 0.08 (delivered) = 163.5047856 + 838.48608
  //        = 1001.9908656; savings = 211.0651344
  //   CO2 = 2620.269 x 0.183 + 10481.076 / 0.9 x 0.073 = 479.509227 + 850.13172
  //       = 1329.640947; reduction = 2227.879053
  //   SAP: p = 32.60625 %; gain = 9 + 12.60625 x 0.3375 = 13.25460938 -> 61.25460938 (D)
  //   payback = 19975 / 211.0651344 = 94.63903
  const Table t = run(doc, "heat_network", {p1});
  const Row r{t, 0};
  expect_close(r.d(result::kCapitalCost), 19975, "capex");
  expect_close(r.d(result::kPostEnergy), 13101.345, "post energy (delivered)");
  expect_close(r.d(result::kPostBill), 1001.9908656, "bill");
  expect_close(r.d(result::kBillSavings), 211.0651344, "savings");
  expect_close(r.d(result::kCo2Reduction), 2227.879053, "co2");
  expect_close(r.d(result::kSapAfter), 61.25460938, "SAP1");
  expect_close(r.d(result::kSimplePayback), 19975 / 211.0651344, "payback");
  EXPECT_NEAR(r.d(result::kSimplePayback), 94.63903, 5e-5);
}

// fabric_to_tipping_point [loft, draught, wall]: Ef = 13101.345 as above, gas
TEST(ScenarioGolden, P1FabricToTippingPointDocumentedMode) {
  const ScenarioModel doc(settings(Methodology::kDocumented));
  const auto p1 = fixtures::golden_p1();
  //   bill = 13101.345 x 0.0624 = 817.523928; savings = 395.532072
  //   CO2 = 2397.546135; reduction = 1159.973865; payback = 15725 / 395.532072 = 39.75657
  const Table t = run(doc, "fabric_to_tipping_point", {p1});
  const Row r{t, 0};
  expect_close(r.d(result::kCapitalCost), 15725, "capex");
  expect_close(r.d(result::kPostEnergy), 13101.345, "Ef");
  expect_close(r.d(result::kBillSavings), 395.532072, "savings");
  expect_close(r.d(result::kCo2Reduction), 1159.973865, "co2");
  expect_close(r.d(result::kSapAfter), 61.25460938, "SAP1");
  EXPECT_NEAR(r.d(result::kSimplePayback), 39.75657, 5e-5);
}

// minimum_fabric_hp_ready and hybrid (ASHP branch) [loft, draught, wall, ashp, emitter]:
//   Ef = 13101.345; T_op 55, COP 2.7; H = 10481.076; N = 2620.269; W = 3881.88
//   bill = 163.5047856 + 951.0606 = 1114.5653856; savings = 98.4906144
//   CO2 = 479.509227 + 873.423 = 1352.932227; reduction = 2204.587773
//   SAP: p = (19440 - 6502.149) / 19440 = 66.552731 %; gain = 20.25 + 6.552731 x 0.1125
//   = 20.987182 -> SAP1 68.987182, band D (additive reached C at 69.260417)
//   payback = 27725 / 98.4906144 = 281.4989
TEST(ScenarioGolden, P1MinimumFabricAndHybridDocumentedMode) {
  const ScenarioModel doc(settings(Methodology::kDocumented));
  const auto p1 = fixtures::golden_p1();
  for (const char* id : {"minimum_fabric_hp_ready", "hybrid"}) {
    const Table t = run(doc, id, {p1});
    const Row r{t, 0};
    expect_close(r.d(result::kCapitalCost), 27725, id);
    expect_close(r.d(result::kHpElectricity), 3881.88, id);
    expect_close(r.d(result::kPostBill), 1114.5653856, id);
    expect_close(r.d(result::kBillSavings), 98.4906144, id);
    expect_close(r.d(result::kCo2Reduction), 2204.587773, id);
    EXPECT_NEAR(r.d(result::kSapAfter), 68.987182, 5e-7) << id;
    EXPECT_EQ(r.u(result::kBandAfter), 3) << id;
    EXPECT_NEAR(r.d(result::kSimplePayback), 281.4989, 5e-5) << id;
  }
}

TEST(ScenarioGolden, DocumentedModeWallTypeAndBandFixes) {
  const ScenarioModel doc(settings(Methodology::kDocumented));
  const ScenarioModel py(settings(Methodology::kPython));
  const auto p1 = fixtures::golden_p1();
  // P2 = P1 with cavity walls. Python mode never recognises "cavity" (PARITY), so P2 costs
  // what P1 costs. Documented, fabric_only [loft, cavity wall 0.20, glazing]:
  //   capex = 1800 (loft cap) + 2500 x 0.85 (cavity, size factor) + 7200 = 11125
  //   prod = 0.85 x 0.80 x 0.90 = 0.612; fab = 19440 x 0.388 = 7542.72; x 0.75 = 5657.04
  //   Ef = 13782.96; bill = 13782.96 x 0.0624 = 860.056704; savings = 352.999296
  //   SAP: p = 5657.04 / 19440 = 29.1 %; gain = 9 + 9.1 x 0.3375 = 12.07125; SAP1 = 60.07125
  auto p2 = p1;
  p2.wall_type = static_cast<std::uint8_t>(WallType::kCavity);
  {
    const Table t = run(doc, "fabric_only", {p2});
    const Row r{t, 0};
    expect_close(r.d(result::kCapitalCost), 11125, "capex");
    expect_close(r.d(result::kPostEnergy), 13782.96, "Ef");
    expect_close(r.d(result::kBillSavings), 352.999296, "savings");
    expect_close(r.d(result::kSapAfter), 60.07125, "SAP1");
    expect_close(r.d(result::kSimplePayback), 11125 / 352.999296, "payback");
    const Table q = run(py, "fabric_only", {p2});
    expect_close(q.get<double>(result::kCapitalCost)[0], 22500, "python: solid-wall cost");
  }
  // P3: register band B but SAP 30 (band F by SAP). E0 = 300 x 1.00 x 90 = 27000, rebound 0.95.
  //   python fabric_only: p = 0.55 x 0.95 = 52.25 %; gain = 9 + 6.75 + 12.25 x 0.225
  //   = 18.50625; SAP1 = 48.50625 -> band E by SAP, reported although worse than B.
  //   documented: p = 0.4645 x 0.95 = 44.1275 %; gain = 9 + 6.75 + 4.1275 x 0.225
  //   = 16.6786875; SAP1 = 46.6786875 (E by SAP); the band stays at the register's B.
  auto p3 = p1;
  p3.band = 1;
  p3.sap = 30;
  {
    const Table a = run(doc, "fabric_only", {p3}), b = run(py, "fabric_only", {p3});
    expect_close(b.get<double>(result::kSapAfter)[0], 48.50625, "python SAP1");
    expect_close(a.get<double>(result::kSapAfter)[0], 46.6786875, "documented SAP1");
    EXPECT_EQ(b.get<std::uint8_t>(result::kBandAfter)[0], 4);
    EXPECT_EQ(a.get<std::uint8_t>(result::kBandAfter)[0], 1);
  }
}

TEST(ScenarioGolden, AdditiveVersusMultiplicativeFabricSavings) {
  // The kernel on P1 (E0 19440 kWh, rebound 0.75) with a plan of loft insulation (0.15)
  // and double glazing (0.10), then with loft insulation alone.
  //   heatstreet-python: fab = 19440 x (0.15 + 0.10) = 4860; x 0.75 = 3645 -> Ef = 15795
  //   documented: S = 0.15 + 0.10 x (1 - 0.15) = 0.235 = 1 - 0.85 x 0.90
  //               fab = 19440 x 0.235 = 4568.4; x 0.75 = 3426.3 -> Ef = 16013.7
  //   the gap is rebound x s1 x s2 x E0 = 0.75 x 0.015 x 19440 = 218.7 kWh.
  //   loft alone: both 19440 - 0.75 x 2916 = 17253, to the bit.
  const auto row = fixtures::golden_p1();
  Dwelling d;
  d.floor_area = row.floor_area;
  d.intensity = row.intensity;
  d.sap = row.sap;
  d.band = row.band;
  d.wall_type = row.wall_type;
  d.wall_insulated = row.wall_insulated;
  d.glazing = row.glazing;
  d.hn_ready = row.hn_ready;
  d.heating_system = row.heating_system;
  Plan two, one;
  two.measures = {Measure::kLoft, Measure::kDoubleGlazing};
  one.measures = {Measure::kLoft};
  double single[2] = {0, 0};
  for (Methodology mode : {Methodology::kPython, Methodology::kDocumented}) {
    const ScenarioModel m(settings(mode));
    const Baseline b = dwelling_baseline(d, m.params());
    expect_close(b.energy, kE0, "E0");
    expect_close(b.rebound, 0.75, "rebound");
    const bool python = mode == Methodology::kPython;
    const DwellingResult r2 = compute_dwelling(d, b, two, m.params());
    expect_close(r2.post_energy, python ? 15795 : 16013.7, "Ef, two measures");
    expect_close(r2.energy_reduction, python ? 3645 : 3426.3, "saving, two measures");
    // Bills follow: gas at 0.0624 per kWh.
    expect_close(r2.post_bill, (python ? 15795 : 16013.7) * 0.0624, "bill, two measures");
    const DwellingResult r1 = compute_dwelling(d, b, one, m.params());
    expect_close(r1.post_energy, 17253, "Ef, loft alone");
    single[python ? 0 : 1] = r1.post_energy;
  }
  EXPECT_EQ(single[0], single[1]) << "one measure must give the same energy in both modes";
  // Order does not matter for the product: glazing first gives the same documented result.
  const ScenarioModel m(settings(Methodology::kDocumented));
  const Baseline b = dwelling_baseline(d, m.params());
  Plan reversed;
  reversed.measures = {Measure::kDoubleGlazing, Measure::kLoft};
  expect_close(compute_dwelling(d, b, reversed, m.params()).post_energy, 16013.7, "reversed");
}

TEST(ScenarioGolden, DocumentedModePricesTheDwellingsOwnFuel) {
  const ScenarioModel doc(settings(Methodology::kDocumented));
  const auto rows = rows_by_fuel();
  // fabric_only keeps the heating system: Ef = 12667.59 (P1FabricOnlyDocumentedMode) on the
  // same fuel.
  //   gas:      bill0 1213.056, bill 790.457616, savings 422.598384, CO2 red. 1239.35103
  //   electric: bill0 = 19440 x 0.245 = 4762.8; bill = 12667.59 x 0.245 = 3103.55955;
  //             savings 1659.24045; CO2_0 = 19440 x 0.225 = 4374; red. 6772.41 x 0.225
  //             = 1523.79225; payback = 22500 / 1659.24045 = 13.5604
  //   district: bill0 = 19440 x 0.08 = 1555.2; bill = 1013.4072; savings 541.7928;
  //             CO2_0 = 19440 / 0.9 x 0.073 = 1576.8; red. 6772.41 / 0.9 x 0.073 = 549.3177
  //   heat pump = electric; oil (Other) and unknown = gas.
  const Table t = run(doc, "fabric_only", rows);
  const double bill0[] = {1213.056, 4762.8, 1555.2, 4762.8, 1213.056, 1213.056};
  const double co20[] = {kCo20, 4374, 1576.8, 4374, kCo20, kCo20};
  const double savings[] = {422.598384, 1659.24045, 541.7928, 1659.24045, 422.598384, 422.598384};
  const double co2red[] = {1239.35103, 1523.79225, 549.3177, 1523.79225, 1239.35103, 1239.35103};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row r{t, i};
    expect_close(r.d(result::kBaselineBill), bill0[i], "bill0");
    expect_close(r.d(result::kBaselineCo2), co20[i], "co2_0");
    expect_close(r.d(result::kBillSavings), savings[i], "savings");
    expect_close(r.d(result::kCo2Reduction), co2red[i], "co2 reduction");
    expect_close(r.d(result::kPostEnergy), 12667.59, "Ef");
  }
  EXPECT_NEAR(t.get<double>(result::kSimplePayback)[1], 13.5604, 5e-5);
}

TEST(ScenarioGolden, DocumentedModeKeepsTheNonHeatingShareOnTheDwellingsFuel) {
  const ScenarioModel doc(settings(Methodology::kDocumented));
  const auto rows = rows_by_fuel();
  // heat_pump on the electric home: the non-heating share N stays on electricity.
  //   Ef = 12277.2105; N = 2455.4421; W = 3507.774428571 (P1HeatPumpDocumentedMode)
  //   bill = (2455.4421 + 3507.774428571) x 0.245 = 1460.988049; savings 3301.811951
  //   CO2 = 5963.216528571 x 0.225 = 1341.723719; reduction = 3032.276281
  {
    const Table h = run(doc, "heat_pump", {rows[kElectricRow]});
    EXPECT_NEAR(h.get<double>(result::kBillSavings)[0], 3301.811951, 5e-7);
    EXPECT_NEAR(h.get<double>(result::kCo2Reduction)[0], 3032.276281, 5e-7);
  }
  // heat_network on the district-heated home: everything at the network tariff.
  //   Ef = 13101.345; bill = 13101.345 x 0.08 = 1048.1076; savings = 1555.2 - 1048.1076
  //   = 507.0924; CO2 = 2620.269 / 0.9 x 0.073 + 10481.076 / 0.9 x 0.073 = 1062.66465
  {
    const Table h = run(doc, "heat_network", {rows[kDistrictRow]});
    expect_close(h.get<double>(result::kBillSavings)[0], 507.0924, "savings");
    expect_close(h.get<double>(result::kCo2Reduction)[0], 1576.8 - 1062.66465, "co2");
  }
}

TEST(ScenarioGolden, PythonModePricesEveryHomeAsGas) {
  const ScenarioModel py(settings(Methodology::kPython));
  const auto rows = rows_by_fuel();
  // All six rows equal P1's §13.2 values.
  const Table q = run(py, "fabric_only", rows);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    expect_close(q.get<double>(result::kBaselineBill)[i], kBill0, "python bill0");
    expect_close(q.get<double>(result::kBillSavings)[i], 500.3856, "python savings");
  }
}

TEST(ScenarioGolden, BaselineScenarioCurrentEmissionsByFuel) {
  const ScenarioModel doc(settings(Methodology::kDocumented));
  const ScenarioModel py(settings(Methodology::kPython));
  const auto rows = rows_by_fuel();
  // The baseline scenario's current emissions: documented sums each dwelling's fuel,
  //   3 x 3557.52 (gas, oil, unknown) + 2 x 4374 (electric, heat pump) + 1576.8 = 20997.36;
  // python: 6 x 19440 x 0.183 = 21345.12.
  for (const ScenarioModel* m : {&doc, &py}) {
    const Table d = fixtures::dwellings_table(rows);
    const Table r = m->compute(d, static_cast<std::size_t>(m->find("baseline")), 10, 1);
    Accumulator acc;
    const RowAggregator agg(*m, d, r);
    for (std::size_t i = 0; i < rows.size(); ++i) agg.add(i, acc);
    SummaryGroup g;
    g.values = summary_values(acc, local_sample_stats(acc), *m, true);
    expect_close(g.get("current_annual_co2_kg"), m == &doc ? 20997.36 : 21345.12, "current co2");
  }
}

TEST(ScenarioGolden, DocumentedModeNeedsTheHeatingSystemColumn) {
  const ScenarioModel doc(settings(Methodology::kDocumented));
  const ScenarioModel py(settings(Methodology::kPython));
  // Documented mode needs the heating-system column and names it when absent.
  Table missing = fixtures::dwellings_table({fixtures::golden_p1()});
  missing.remove(dwelling::kHeatingSystem);
  try {
    doc.compute(missing, 1, 10, 1);
    FAIL() << "missing heating system accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(dwelling::kHeatingSystem.name), std::string::npos)
        << e.what();
  }
  EXPECT_NO_THROW(py.compute(missing, 1, 10, 1));
}

TEST(ScenarioGolden, DiscountedPaybackVector) {
  // §13.7: cumulative 193.2367, 379.9389, 560.3274, 734.6158, 903.0105, 1065.7106 -> 6 years.
  EXPECT_EQ(discounted_payback(1000, 200, 0.035, false), 6);
  EXPECT_EQ(discounted_payback(999999, 200, 0.035, false), kInf);
  EXPECT_EQ(discounted_payback(0, 200, 0.035, false), kInf);  // predecessor
  EXPECT_EQ(discounted_payback(0, 200, 0.035, true), 0);      // documented
  EXPECT_EQ(discounted_payback(100, -5, 0.035, true), kInf);
}

TEST(ScenarioGolden, HeatPumpAggregateOfOneDwelling) {
  // §13.6: the heat_pump aggregate of a one-dwelling cohort (P1), predecessor's rules.
  const ScenarioModel m(settings(Methodology::kPython));
  const Table d = fixtures::dwellings_table({fixtures::golden_p1()});
  const Table r = m.compute(d, static_cast<std::size_t>(m.find("heat_pump")), 10, 1);
  Accumulator acc;
  RowAggregator(m, d, r).add(0, acc);
  SummaryGroup g;
  g.values = summary_values(acc, local_sample_stats(acc), m, false);
  expect_close(g.get("capital_cost_total"), 34925, "total");
  expect_close(g.get("capital_cost_per_property"), 34925, "per property");
  expect_close(g.get("aggregate_simple_payback_years"), 34925 / 331.17984, "aggregate payback");
  EXPECT_EQ(g.at("aggregate_simple_payback_status").text, "valid");
  expect_close(g.get("property_simple_payback_mean_years"), 34925 / 331.17984, "mean");
  expect_close(g.get("property_simple_payback_median_years"), 34925 / 331.17984, "median");
  EXPECT_EQ(g.get("payback_valid_denominator_count"), 1);
  EXPECT_EQ(g.get("payback_non_positive_savings_count"), 0);
  EXPECT_NEAR(g.get("cost_per_tco2_20yr_gbp"), 704.4597, 5e-5);
  EXPECT_NEAR(g.get("mean_energy_reduction_pct"), 73.285714, 5e-7);
  EXPECT_EQ(g.get("band_before_E"), 1);
  EXPECT_EQ(g.get("band_after_C"), 1);
  EXPECT_EQ(g.get("band_c_or_better_before_pct"), 0);
  EXPECT_EQ(g.get("band_c_or_better_after_pct"), 100);
  EXPECT_EQ(g.get("band_a_guardrail"), 0);
  EXPECT_EQ(g.get("payback_over_20_years"), 1);
  EXPECT_EQ(g.get("not_cost_effective_count"), 1);
  EXPECT_EQ(g.get("long_payback_count"), 1);
  EXPECT_EQ(g.get("upgrade_recommended_count"), 0);
  EXPECT_EQ(g.get("ashp_installed_properties"), 1);
  EXPECT_EQ(g.get("ashp_ready_before_installation_properties"), 0);
  EXPECT_EQ(g.get("ashp_ready_after_applied_measures_properties"), 0);
  EXPECT_EQ(g.get("ashp_residual_readiness_gap_properties"), 1);
  EXPECT_EQ(g.get("ashp_ready_after_applied_measures_pct"), 0);
  EXPECT_EQ(g.get("ashp_positive_demand_properties"), 1);
  EXPECT_EQ(g.get("ashp_positive_electricity_properties"), 1);
  EXPECT_EQ(g.get("ashp_fabric_applied_properties"), 1);
  EXPECT_EQ(g.get("ashp_removed_properties"), 0);
  EXPECT_EQ(g.get("hn_assigned_properties"), 0);  // PARITY: pure heat-pump scenario reports 0
  EXPECT_EQ(g.get("ashp_assigned_properties"), 0);
  EXPECT_EQ(g.get("costing_caps_applied_properties"), 1);

  // Documented mode counts the technology actually assigned: one heat pump.
  const ScenarioModel doc(settings(Methodology::kDocumented));
  const Table rd = doc.compute(d, static_cast<std::size_t>(doc.find("heat_pump")), 10, 1);
  Accumulator ad;
  RowAggregator(doc, d, rd).add(0, ad);
  SummaryGroup gd;
  gd.values = summary_values(ad, local_sample_stats(ad), doc, false);
  EXPECT_EQ(gd.get("ashp_assigned_properties"), 1);
  EXPECT_EQ(gd.get("hn_assigned_properties"), 0);
}

TEST(ScenarioGolden, PaybackContractVector) {
  // §13.7: capex [1000, 20000, 500, 500], savings [100, 100, 0, -10]:
  // aggregate 22000 / 190; property mean = median = (10 + 200) / 2 = 105; valid 2; non-positive 2.
  const ScenarioModel m(settings(Methodology::kPython));
  const auto rows = fixtures::synthetic_rows(0, 4);
  const Table d = fixtures::dwellings_table(rows);
  Table r = m.compute(d, static_cast<std::size_t>(m.find("fabric_only")), 10, 1);
  const double capex[] = {1000, 20000, 500, 500}, savings[] = {100, 100, 0, -10};
  for (std::size_t i = 0; i < 4; ++i) {
    r.get<double>(result::kCapitalCost)[i] = capex[i];
    r.get<double>(result::kBillSavings)[i] = savings[i];
    r.get<double>(result::kSimplePayback)[i] = simple_payback(capex[i], savings[i]);
  }
  Accumulator acc;
  const RowAggregator agg(m, d, r);
  for (std::size_t i = 0; i < 4; ++i) agg.add(i, acc);
  SummaryGroup g;
  g.values = summary_values(acc, local_sample_stats(acc), m, false);
  expect_close(g.get("aggregate_simple_payback_years"), 22000.0 / 190.0, "aggregate");
  EXPECT_NEAR(g.get("aggregate_simple_payback_years"), 115.789474, 5e-7);
  expect_close(g.get("property_simple_payback_mean_years"), 105, "mean");
  expect_close(g.get("property_simple_payback_median_years"), 105, "median");
  EXPECT_EQ(g.get("payback_valid_denominator_count"), 2);
  EXPECT_EQ(g.get("payback_non_positive_savings_count"), 2);
  EXPECT_EQ(g.get("payback_missing_input_count"), 0);
  EXPECT_EQ(g.get("payback_infinite_count"), 0);
}

TEST(ScenarioGolden, SubsidyVector) {
  // §13.7: total 1 000 000, per property 10 000, savings 100 000, CO2 50 000 kg, 100 homes,
  // horizon 20, no uplift. Uptake = 0.85 / (1 + exp(0.2 (PB - 12))).
  SummaryGroup g;
  g.values = {{"capital_cost_total", "", 1e6, ""},
              {"capital_cost_per_property", "", 1e4, ""},
              {"annual_bill_savings", "", 1e5, ""},
              {"annual_co2_reduction_kg", "", 5e4, ""},
              {"total_properties", "", 100, ""},
              {"aggregate_simple_payback_years", "", 10, ""},
              {"property_simple_payback_mean_years", "", 10, ""},
              {"property_simple_payback_median_years", "", 10, ""}};
  const auto rows = subsidy_sensitivity(g, ScenarioModelConfig{});
  ASSERT_EQ(rows.size(), 5u);
  const double pb[] = {10, 7.5, 5, 2.5, 0};
  const double uptake[] = {0.508885, 0.604307, 0.681856, 0.739408, 0.779303};
  const std::int64_t upgraded[] = {50, 60, 68, 73, 77};
  const double spend[] = {0, 150000, 340000, 547500, 770000};
  const double per_t[] = {0, 248.2182, 498.6388, 740.4574, 988.0621};
  for (std::size_t i = 0; i < 5; ++i) {
    expect_close(rows[i].payback_years, pb[i], "payback");
    expect_close(rows[i].capital_cost_total, 1e6 * (1 - 0.25 * static_cast<double>(i)), "cost");
    expect_close(rows[i].uptake, 0.85 / (1 + std::exp(0.2 * (pb[i] - 12))), "uptake");
    EXPECT_NEAR(rows[i].uptake, uptake[i], 5e-7);
    EXPECT_EQ(rows[i].properties_upgraded, upgraded[i]);
    expect_close(rows[i].public_expenditure_total, spend[i], "public spend");
    EXPECT_NEAR(rows[i].abatement_cost_per_tonne, per_t[i], 5e-5);
  }
  EXPECT_EQ(rows[1].narrative,
            "25% subsidy: payback 7.5 years, uptake 60.4%, public spend GBP 150,000, abatement "
            "cost GBP 248/tCO2.");
}

TEST(ScenarioGolden, ResultsIndependentOfChunksAndThreads) {
  for (Methodology mode : {Methodology::kPython, Methodology::kDocumented}) {
    const ScenarioModel m(settings(mode));
    const Table d = fixtures::dwellings_table(fixtures::synthetic_rows(0, 3000));
    for (std::size_t s = 0; s < m.scenarios().size(); ++s) {
      const Table ref = m.compute(d, s, 50000, 1);
      for (auto [chunk, workers] :
           {std::pair<std::int64_t, int>{1, 2}, {7, 1}, {7, 3}, {50000, 2}}) {
        const Table t = m.compute(d, s, chunk, workers);
        ASSERT_EQ(t.num_columns(), ref.num_columns());
        for (std::size_t c = 0; c < t.num_columns(); ++c) {
          const auto& a = t.columns()[c];
          const auto& b = ref.columns()[c];
          ASSERT_EQ(a.info.name, b.info.name);
          std::visit(
              [&](const auto& va) {
                using V = std::decay_t<decltype(va)>;
                const auto& vb = std::get<V>(b.data);
                if constexpr (std::is_same_v<V, StringColumn>) {
                  ASSERT_EQ(va.size(), vb.size());
                } else {
                  ASSERT_EQ(va.size(), vb.size());
                  EXPECT_EQ(0, std::memcmp(va.data(), vb.data(), va.size() * sizeof(va[0])))
                      << a.info.name << " chunk " << chunk << " workers " << workers;
                }
              },
              a.data);
        }
      }
    }
  }
}

TEST(ExactSum, OrderIndependentAndExactOnTheGrid) {
  std::vector<double> v;
  for (int i = 0; i < 1000; ++i)
    v.push_back(std::ldexp(static_cast<double>(i * 7919 % 1013) - 500, (i % 40) - 20));
  v.push_back(1e20);
  v.push_back(-1e20);
  ExactSum forward, backward, halves[2];
  for (double x : v) forward.add(x);
  for (auto it = v.rbegin(); it != v.rend(); ++it) backward.add(*it);
  for (std::size_t i = 0; i < v.size(); ++i) halves[i % 2].add(v[i]);
  halves[0] += halves[1];
  EXPECT_EQ(forward.value(), backward.value());
  EXPECT_EQ(forward.value(), halves[0].value());
  // Values on the 2^-40 grid sum exactly: 0.1 is not, so compare 0.5 + 0.25 repeated.
  ExactSum s;
  for (int i = 0; i < 1000000; ++i) s.add(0.75);
  EXPECT_EQ(s.value(), 750000.0);
  s.add(std::nan(""));
  EXPECT_EQ(s.nan_count(), 1);
  EXPECT_EQ(s.count(), 1000000);
  std::int64_t w[ExactSum::kWords];
  s.to_words(w);
  EXPECT_EQ(ExactSum::from_words(w).value(), 750000.0);
  ExactSum neg;
  neg.add(-3.5);
  neg.add(1.25);
  EXPECT_EQ(neg.value(), -2.25);
}

TEST(Quantiles, LinearInterpolationAsPandas) {
  // pandas: Series([1, 2, 3, 4]).quantile(0.1) = 1.3; quantile(0.9) = 3.7; median = 2.5.
  const std::vector<double> s{1, 2, 3, 4};
  EXPECT_NEAR(quantile_sorted(s, 0.1), 1.3, 1e-15);
  EXPECT_NEAR(quantile_sorted(s, 0.9), 3.7, 1e-15);
  EXPECT_EQ(median_sorted(s), 2.5);
  EXPECT_EQ(median_sorted({5}), 5);
  EXPECT_TRUE(std::isnan(median_sorted({})));
  for (double x : {-1e300, -2.5, -0.0, 0.0, 1e-310, 3.25, 1e300})
    EXPECT_EQ(from_ordered_key(ordered_key(x)), x);
  EXPECT_LT(ordered_key(-2.0), ordered_key(-1.0));
  EXPECT_LT(ordered_key(-1.0), ordered_key(0.0));
  EXPECT_LT(ordered_key(1.0), ordered_key(2.0));
}

TEST(Quantiles, RadixSortEqualsStableSort) {
  // Sizes either side of the small-input cut-off; keys with shared leading bytes, runs
  // of duplicates and both ends of the key space. Payloads check stability.
  std::uint64_t h = 0x9e3779b97f4a7c15ull;
  auto next = [&] {
    h ^= h << 13;
    h ^= h >> 7;
    h ^= h << 17;
    return h;
  };
  for (std::size_t n : {0u, 1u, 2u, 511u, 512u, 513u, 20000u}) {
    for (int shape = 0; shape < 4; ++shape) {
      std::vector<std::pair<std::uint64_t, std::size_t>> v;
      for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t k = next();
        if (shape == 1) k = 0x4000000000000000ull | (k & 0xffff);  // one varying pair of bytes
        if (shape == 2) k = k % 7;                                 // duplicates
        if (shape == 3) k = i % 3 == 0 ? 0 : i % 3 == 1 ? ~0ull : k;
        v.emplace_back(k, i);
      }
      auto expected = v;
      std::stable_sort(expected.begin(), expected.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      radix_sort(v, [](const auto& x) { return x.first; });
      EXPECT_EQ(v, expected) << "n " << n << " shape " << shape;
    }
  }
}

TEST(ScenarioGolden, RefusesRowsItCannotModelNamingTheCertificate) {
  const ScenarioModel m(settings(Methodology::kDocumented));
  auto bad = fixtures::golden_p1();
  bad.id = "BAD-7";
  bad.intensity = -3;
  try {
    m.compute(fixtures::dwellings_table({fixtures::golden_p1(), bad}), 1, 10, 2);
    FAIL() << "negative intensity accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("BAD-7"), std::string::npos) << e.what();
  }
  Table missing = fixtures::dwellings_table({fixtures::golden_p1()});
  missing.remove(dwelling::kGlazing);
  try {
    m.compute(missing, 1, 10, 1);
    FAIL() << "missing column accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(dwelling::kGlazing.name), std::string::npos) << e.what();
  }
}

TEST(ScenarioGolden, ScenarioTableHasOneRowPerScenario) {
  ScenarioSummary a, b;
  a.id = "x";
  a.label = "X, with comma";
  a.groups.push_back(
      {"all",
       "",
       {{"total_properties", "dwellings", 3, ""}, {"status", "", std::nan(""), "valid"}}});
  b.id = "y";
  b.label = "Y";
  b.published = true;
  b.groups.push_back(
      {"all", "", {{"total_properties", "dwellings", 4, ""}, {"extra", "GBP", 1.5, ""}}});
  EXPECT_EQ(table_csv(scenario_table({a, b})),
            "scenario_id,scenario,published,total_properties,status,extra\n"
            "x,\"X, with comma\",false,3,valid,\n"
            "y,Y,true,4,,1.5\n");
}

TEST(ExactSum, FastRoundingEqualsNearbyintAtEveryMagnitude) {
  std::uint64_t h = 88172645463325252ull;
  for (int i = 0; i < 200000; ++i) {
    h ^= h << 13;
    h ^= h >> 7;
    h ^= h << 17;
    const int e = static_cast<int>(h % 140) - 60;  // 2^-60 .. 2^79
    const double m = static_cast<double>(h >> 11) * 0x1p-53 * ((h & 1) ? -1 : 1);
    const double v = std::ldexp(m, e);
    const double reference = std::nearbyint(std::ldexp(v, ExactSum::kFractionBits));
    EXPECT_EQ(static_cast<double>(ExactSum::to_fixed(v)), reference) << v;
    if (::testing::Test::HasFailure()) break;
  }
  for (double v : {0.5 * 0x1p-40, 1.5 * 0x1p-40, 2.5 * 0x1p-40, -2.5 * 0x1p-40, 2048.0,
                   4096.0 - 0x1p-41, 4095.5, 1e18, -1e18})
    EXPECT_EQ(static_cast<double>(ExactSum::to_fixed(v)), std::nearbyint(std::ldexp(v, 40))) << v;
}
