// Stock characterisation: the archetype output of the data validation spec's golden
// survivors (§11.5), heat-pump readiness of hand-worked dwellings in both methodologies
// (§7, §11.4), the case-street extract and the CSV text. One process (LocalReducer).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "feed_register.hpp"
#include "heatstreet/core/csv_table.hpp"
#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/ingest/certificate_builder.hpp"
#include "heatstreet/ingest/dedup_rule.hpp"
#include "heatstreet/ingest/register_text.hpp"
#include "heatstreet/stock/archetypes.hpp"
#include "heatstreet/stock/characterise.hpp"
#include "heatstreet/stock/per_dwelling_columns.hpp"

using namespace heatstreet;
using namespace heatstreet::stock;

namespace {

Config golden_config(Methodology m) {
  Config c;
  c.model.methodology = m;
  c.filters.sample_window_start = "2012-01-01";
  c.filters.sample_window_end = "2024-12-31";
  c.filters.property_types = {"House"};
  c.filters.built_forms = {"Mid-Terrace", "End-Terrace", "Enclosed Mid-Terrace",
                           "Enclosed End-Terrace"};
  c.filters.age_bands = {"before 1900", "1900-1929"};
  return c;
}

// The golden CSV through ingest's pure builder and deduplication: the production
// survivors G01, G04 and G07 (§11.2, path A).
Table golden_survivors(const Config& cfg) {
  std::ifstream in(HEATSTREET_SOURCE_DIR "/tests/data/data-validation-golden.csv",
                   std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  const std::string text = s.str();
  ingest::CertificateBuilder b(ingest_settings(cfg));
  test_support::feed_register(b, text, "golden.csv");
  std::vector<std::size_t> keep, dropped, survivors;
  ingest::choose_latest(b.dwellings(), keep, dropped);
  // Python mode also keeps G06 (path B, §11.3); §11.5 is worked on G01, G04 and G07.
  const auto& cert = b.dwellings().strings(dwelling::kCertificateNumber);
  for (std::size_t i : keep)
    if (cert[i].substr(0, 4) != "1166") survivors.push_back(i);
  return b.dwellings().gather(survivors);
}

StockResult characterise_golden(Methodology m, Table* out = nullptr) {
  Config cfg = golden_config(m);
  Table t = golden_survivors(cfg);
  const StockSettings settings = stock_settings(cfg);
  add_dwelling_columns(t, settings, readiness_costs(cfg.scenario));
  StockResult r = characterise(t, settings, LocalReducer(), {});
  if (out) *out = std::move(t);
  return r;
}

const Table& find(const std::vector<NamedTable>& v, const std::string& name) {
  for (const auto& t : v)
    if (t.name == name) return t.table;
  throw std::runtime_error("no table " + name);
}

// count and share of (measure, category) in a count table; -1 when absent.
std::pair<std::int64_t, double> cell(const Table& t, const std::string& measure,
                                     const std::string& category) {
  const auto& m = t.strings("measure");
  const auto& c = t.strings("category");
  for (std::size_t i = 0; i < t.num_rows(); ++i)
    if (m[i] == measure && c[i] == category)
      return {t.get<std::int64_t>("count")[i], t.get<double>("share_pct")[i]};
  return {-1, NAN};
}

double stat(const Table& t, const std::string& name) { return t.get<double>(name).at(0); }

// §11.5 on the golden survivors, section by section.
void expect_golden_bands_and_sap(const StockResult& r) {
  const Table& bands = find(r.archetypes, "epc_bands");
  const std::int64_t freq[] = {0, 1, 1, 1, 0, 0, 0};
  for (int b = 0; b < 7; ++b) {
    EXPECT_EQ(cell(bands, "band", band_labels()[b]).first, freq[b]);
    if (freq[b]) {
      EXPECT_NEAR(cell(bands, "band", band_labels()[b]).second, 33.33, 0.005);
    }
  }

  const Table& sap = find(r.archetypes, "sap_scores");
  EXPECT_EQ(sap.get<std::int64_t>("n")[0], 3);
  EXPECT_DOUBLE_EQ(stat(sap, "mean_sap"), 72.0);
  EXPECT_DOUBLE_EQ(stat(sap, "median_sap"), 70.0);
  EXPECT_NEAR(stat(sap, "std_sap"), 11.136, 5e-4);  // sqrt(248 / 2)
  EXPECT_DOUBLE_EQ(stat(sap, "min_sap"), 62.0);
  EXPECT_DOUBLE_EQ(stat(sap, "max_sap"), 84.0);
  EXPECT_DOUBLE_EQ(stat(sap, "p25_sap"), 66.0);
  EXPECT_DOUBLE_EQ(stat(sap, "p50_sap"), 70.0);
  EXPECT_DOUBLE_EQ(stat(sap, "p75_sap"), 77.0);
  EXPECT_NEAR(stat(sap, "p90_sap"), 81.2, 1e-12);
}

void expect_golden_fabric(const StockResult& r) {
  const Table& wall = find(r.archetypes, "wall_construction");
  EXPECT_EQ(cell(wall, "wall_type", "solid_brick").first, 2);
  EXPECT_EQ(cell(wall, "wall_type", "cavity").first, 1);
  EXPECT_EQ(cell(wall, "insulation", "insulated").first, 2);
  EXPECT_NEAR(cell(wall, "insulation", "insulated").second, 66.67, 0.005);
  EXPECT_EQ(cell(wall, "insulation", "uninsulated").first, 1);

  const Table& loft = find(r.archetypes, "loft_insulation");
  EXPECT_EQ(cell(loft, "category", "Partial (100-200mm)").first, 1);
  EXPECT_EQ(cell(loft, "category", "Full (\u2265270mm)").first, 1);
  EXPECT_EQ(cell(loft, "category", "Good (200-269mm)").first, 1);
  EXPECT_DOUBLE_EQ(cell(loft, "confidence", "high").second, 100.0);
  EXPECT_NEAR(cell(loft, "need_summary", "definitely_need_work").second, 33.33, 0.005);
  EXPECT_NEAR(cell(loft, "need_summary", "likely_need_work").second, 33.33, 0.005);
  EXPECT_EQ(cell(loft, "need_summary", "unknown").first, 0);

  const Table& floor = find(r.archetypes, "floor_insulation");
  EXPECT_EQ(cell(floor, "floor_insulation", "insulated").first, 1);
  EXPECT_EQ(cell(floor, "floor_insulation", "uninsulated").first, 2);
  EXPECT_EQ(cell(floor, "floor_insulation", "unknown").first, 0);
  EXPECT_NEAR(cell(floor, "floor_insulation", "uninsulated").second, 66.67, 0.005);

  const Table& glazing = find(r.archetypes, "glazing");
  EXPECT_EQ(cell(glazing, "glazing_type", "double").first, 2);
  EXPECT_EQ(cell(glazing, "glazing_type", "single").first, 1);
}

void expect_golden_heating(const StockResult& r) {
  const Table& heating = find(r.archetypes, "heating_systems");
  for (const char* h : {"Gas Boiler", "Heat Pump", "District/Communal/Heat Network"})
    EXPECT_EQ(cell(heating, "heating_system_type", h).first, 1) << h;

  const Table& controls = find(r.archetypes, "heating_controls");
  EXPECT_DOUBLE_EQ(cell(controls, "controls", "described").second, 100.0);
  EXPECT_EQ(cell(controls, "controls", "trv").first, 2);
  EXPECT_EQ(cell(controls, "controls", "programmer").first, 2);
  EXPECT_EQ(cell(controls, "controls", "room_thermostat").first, 1);
  EXPECT_EQ(cell(controls, "controls", "smart_controls").first, 0);

  // No HOTWATER_DESCRIPTION column: an empty section.
  EXPECT_EQ(find(r.archetypes, "hot_water").num_rows(), 0u);
}

void expect_golden_energy_and_co2(const StockResult& r) {
  const Table& energy = find(r.archetypes, "energy_consumption");
  EXPECT_NEAR(stat(energy, "mean_kwh_m2"), 136.333, 5e-4);
  EXPECT_DOUBLE_EQ(stat(energy, "median_kwh_m2"), 178.0);
  EXPECT_NEAR(stat(energy, "std_kwh_m2"), 121.006, 5e-4);
  EXPECT_DOUBLE_EQ(stat(energy, "min_kwh_m2"), 0.0);
  EXPECT_DOUBLE_EQ(stat(energy, "max_kwh_m2"), 231.0);
  EXPECT_DOUBLE_EQ(stat(energy, "p25_kwh_m2"), 89.0);
  EXPECT_DOUBLE_EQ(stat(energy, "p75_kwh_m2"), 204.5);
  EXPECT_NEAR(stat(energy, "p90_kwh_m2"), 220.4, 1e-12);

  const Table& co2 = find(r.archetypes, "co2_emissions");
  EXPECT_NEAR(stat(co2, "mean_kg_m2"), 24.542, 5e-4);
  EXPECT_NEAR(stat(co2, "median_kg_m2"), 29.661, 5e-4);
  EXPECT_NEAR(stat(co2, "std_kg_m2"), 20.366, 5e-4);
  EXPECT_NEAR(stat(co2, "min_kg_m2"), 2.105, 5e-4);
  EXPECT_NEAR(stat(co2, "max_kg_m2"), 41.860, 5e-4);
}

}  // namespace

// Expected numbers: data validation spec §11.5 (archetype output on G01, G04, G07),
// which the spec worked for the predecessor; the survivors' descriptors are the same in
// documented mode, so both modes must give them.
TEST(StockGolden, ArchetypeSectionsOfTheThreeSurvivors) {
  for (Methodology m : {Methodology::kPython, Methodology::kDocumented}) {
    SCOPED_TRACE(to_string(m));
    const StockResult r = characterise_golden(m);
    ASSERT_EQ(r.archetypes.size(), 11u);
    for (std::size_t k = 0; k < 11; ++k) EXPECT_EQ(r.archetypes[k].name, archetype_sections()[k]);
    EXPECT_EQ(r.headline.dwellings, 3);

    expect_golden_bands_and_sap(r);
    expect_golden_fabric(r);
    expect_golden_heating(r);
    expect_golden_energy_and_co2(r);
  }
}

// §11.4: G07 is the one anomaly (single glazed, band C); tiers 4, 1, 2.
TEST(StockGolden, ReadinessTiersAndAnomalyOfTheSurvivors) {
  for (Methodology m : {Methodology::kPython, Methodology::kDocumented}) {
    Table t;
    const StockResult r = characterise_golden(m, &t);
    const auto& cert = t.strings(dwelling::kCertificateNumber);
    const auto& tier = t.get<std::uint8_t>(dwelling::kHpReadinessTier);
    const auto& reason = t.get<std::uint8_t>(dwelling::kEpcAnomalyReason);
    for (std::size_t i = 0; i < t.num_rows(); ++i) {
      const std::string c(cert[i]);
      if (c.rfind("0390", 0) == 0) {
        EXPECT_EQ(tier[i], 4);
      }
      if (c.rfind("0425", 0) == 0) {
        EXPECT_EQ(tier[i], 1);
      }
      if (c.rfind("6230", 0) == 0) {
        EXPECT_EQ(tier[i], 2);
        EXPECT_EQ(reason[i], kSingleGlazedGoodEpc);
      } else {
        EXPECT_EQ(reason[i], 0);
      }
    }
    EXPECT_EQ(r.headline.anomalies, 1);
    EXPECT_EQ(r.headline.readiness_tiers[0] + r.headline.readiness_tiers[1] +
                  r.headline.readiness_tiers[3],
              3);
  }
}

namespace {

StockDwelling g01() {  // §11.1 row G01
  StockDwelling d;
  d.band = 3;
  d.sap = 62;
  d.floor_area = 86;
  d.heat_demand = 231;
  d.wall_type = static_cast<std::uint8_t>(WallType::kSolidBrick);
  d.wall_status = static_cast<std::uint8_t>(WallInsulation::kNone);
  d.wall_insulated = 0;
  d.roof_mm = 100;
  d.roof_text =
      roof_text_code("Pitched, 100 mm loft insulation", true, ingest_policy(Methodology::kPython));
  d.roof_rating = rating_code("Average");
  d.glazing = static_cast<std::uint8_t>(Glazing::kDouble);
  d.floor_present = 0;
  return d;
}

StockDwelling g07(Methodology m) {  // §11.1 row G07
  StockDwelling d;
  d.band = 2;
  d.sap = 70;
  d.floor_area = 118;
  d.heat_demand = 178;
  d.wall_type = static_cast<std::uint8_t>(WallType::kCavity);
  d.wall_status = static_cast<std::uint8_t>(WallInsulation::kCavityFilled);
  d.wall_insulated = 1;
  d.roof_mm = 250;
  d.roof_text = roof_text_code("Pitched, 250 mm loft insulation", true, ingest_policy(m));
  d.roof_rating = rating_code("Good");
  d.glazing = static_cast<std::uint8_t>(Glazing::kSingle);
  d.floor_present = 0;
  return d;
}

}  // namespace

// Default costs (config/heatstreet.yaml cost_rules) through the scenario costing engine.
TEST(StockReadiness, HandWorkedG01BothModes) {
  const Config cfg;
  const ReadinessCosts costs = readiness_costs(cfg.scenario);
  for (Methodology m : {Methodology::kPython, Methodology::kDocumented}) {
    const Readiness r =
        assess_readiness(g01(), cfg.scenario.heat_pump.readiness, costs, stock_policy(m));
    // Loft 100 mm < 200: top-up in both modes. Solid uninsulated walls: EWI.
    EXPECT_TRUE(r.needs_loft);
    EXPECT_EQ(r.wall_work, WallWork::kSolidWallEwi);
    EXPECT_FALSE(r.needs_glazing);
    // 231 x (1 - 0.15) x (1 - 0.35) = 127.6275 > 100: radiators upsized.
    EXPECT_NEAR(r.post_fabric_demand, 127.6275, 1e-9);
    EXPECT_TRUE(r.needs_radiators);
    // 2 (walls) + 0.5 (solid) + 0.5 (floor not present); rating Average, SAP 62: 3.0 -> tier 4.
    EXPECT_DOUBLE_EQ(r.score, 3.0);
    EXPECT_EQ(r.tier, 4);
    // Loft min(1800, 86 x 0.9 x 30 = 2322) = 1800; EWI 10000 x 0.85 (86 m2) = 8500.
    EXPECT_DOUBLE_EQ(r.fabric_cost, 10300);
    // Emitters 300 x max(4, ceil(86/15) = 6) = 1800; cylinder 1200 x 0.85 = 1020;
    // ASHP 12000 x 0.85 = 10200.
    EXPECT_DOUBLE_EQ(r.system_cost, 13020);
    EXPECT_DOUBLE_EQ(r.total_cost, 23320);
    // Tier 4: hybrid 8000 x 0.85 = 6800 instead of the ASHP: 10300 + 1800 + 1020 + 6800.
    EXPECT_DOUBLE_EQ(r.total_cost_tier4_hybrid, 19920);
    // 127.6 kWh/m2 is in (100, 150]: 0.08 kW/m2 x 86 m2 = 6.88 kW.
    EXPECT_NEAR(r.hp_size_kw, 6.88, 1e-12);
  }
}

TEST(StockReadiness, HandWorkedG07ZeroMmBugOnlyInPythonMode) {
  const Config cfg;
  const ReadinessCosts costs = readiness_costs(cfg.scenario);
  const auto& rc = cfg.scenario.heat_pump.readiness;
  // Python: "250 mm" contains "0 mm", so the loft "needs" a top-up (§11.4).
  const Readiness p =
      assess_readiness(g07(Methodology::kPython), rc, costs, stock_policy(Methodology::kPython));
  EXPECT_TRUE(p.needs_loft);
  EXPECT_TRUE(p.needs_glazing);
  EXPECT_EQ(p.wall_work, WallWork::kNone);
  // 178 x 0.85 x 0.90 = 136.17
  EXPECT_NEAR(p.post_fabric_demand, 136.17, 1e-9);
  // 1 (single glazing) + 0.5 (floor) = 1.5 -> tier 2
  EXPECT_DOUBLE_EQ(p.score, 1.5);
  EXPECT_EQ(p.tier, 2);
  // Loft min(1800, 118 x 0.9 x 30) = 1800; glazing min(7500, max(3000, 118 x 0.2 x 400 = 9440)) =
  // 7500.
  EXPECT_DOUBLE_EQ(p.fabric_cost, 9300);
  // Emitters 300 x ceil(118/15) = 2400; cylinder 1200 and ASHP 12000 (size factor 1.0 at 118 m2).
  EXPECT_DOUBLE_EQ(p.system_cost, 15600);
  EXPECT_DOUBLE_EQ(p.total_cost, 24900);
  EXPECT_DOUBLE_EQ(p.total_cost_tier4_hybrid, 24900);  // not tier 4
  EXPECT_NEAR(p.hp_size_kw, 0.08 * 118, 1e-12);
  // Documented: 250 mm needs no top-up. 178 x 0.90 = 160.2 > 150 -> 0.10 kW/m2.
  const Readiness d = assess_readiness(g07(Methodology::kDocumented), rc, costs,
                                       stock_policy(Methodology::kDocumented));
  EXPECT_FALSE(d.needs_loft);
  EXPECT_NEAR(d.post_fabric_demand, 160.2, 1e-9);
  EXPECT_EQ(d.tier, 2);
  EXPECT_DOUBLE_EQ(d.fabric_cost, 7500);
  EXPECT_DOUBLE_EQ(d.total_cost, 23100);
  EXPECT_NEAR(d.hp_size_kw, 11.8, 1e-12);
}

TEST(StockReadiness, G09ScoresFivePointFiveAndRoofTextFallback) {
  const Config cfg;
  const ReadinessCosts costs = readiness_costs(cfg.scenario);
  const auto& rc = cfg.scenario.heat_pump.readiness;
  StockDwelling d = g01();
  // G09: roof "no insulation", rating Very Poor, single glazing, SAP 47.
  d.roof_mm = 0;
  d.roof_text =
      roof_text_code("Pitched, no insulation (assumed)", true, ingest_policy(Methodology::kPython));
  d.roof_rating = rating_code("Very Poor");
  d.glazing = static_cast<std::uint8_t>(Glazing::kSingle);
  d.sap = 47;
  for (Methodology m : {Methodology::kPython, Methodology::kDocumented}) {
    const Readiness r = assess_readiness(d, rc, costs, stock_policy(m));
    EXPECT_DOUBLE_EQ(r.score, 2 + 0.5 + 1 + 1 + 0.5 + 0.5);
    EXPECT_EQ(r.tier, 5);
  }
  // A file without ROOF_ENERGY_EFF: the text decides. "100 mm" contains "0 mm" (+1 in
  // python mode; not "100mm", so no +0.5); documented reads 100 mm as thin (+0.5).
  StockDwelling t = g01();
  t.roof_rating = kUnknownCode;
  t.roof_text =
      roof_text_code("Pitched, 100 mm loft insulation", false, ingest_policy(Methodology::kPython));
  EXPECT_DOUBLE_EQ(assess_readiness(t, rc, costs, stock_policy(Methodology::kPython)).score, 4.0);
  t.roof_text = roof_text_code("Pitched, 100 mm loft insulation", false,
                               ingest_policy(Methodology::kDocumented));
  EXPECT_DOUBLE_EQ(assess_readiness(t, rc, costs, stock_policy(Methodology::kDocumented)).score,
                   3.5);
}

TEST(StockRules, AnomalyCasesOfTheSpec) {  // §3.6 tested cases
  const AnomalyParams p = anomaly_params(stock_settings(Config()).anomaly);
  auto d = [](WallInsulation s, double roof, char band, Glazing g) {
    StockDwelling x;
    x.wall_status = static_cast<std::uint8_t>(s);
    x.wall_insulated = s != WallInsulation::kNone;
    x.roof_mm = roof;
    x.band = band_code(std::string(1, band));
    x.glazing = static_cast<std::uint8_t>(g);
    x.floor_present = 1;
    return x;
  };
  EXPECT_EQ(epc_anomaly(d(WallInsulation::kNone, 50, 'D', Glazing::kDouble), p),
            kUninsulatedButGoodEpc);
  EXPECT_EQ(epc_anomaly(d(WallInsulation::kInternal, 200, 'C', Glazing::kSingle), p),
            kSingleGlazedGoodEpc);
  EXPECT_EQ(epc_anomaly(d(WallInsulation::kExternal, 300, 'C', Glazing::kDouble), p), 0);
  EXPECT_EQ(epc_anomaly(d(WallInsulation::kNone, 25, 'F', Glazing::kSingle), p), 0);
  EXPECT_EQ(anomaly_reason_labels()[kUninsulatedButGoodEpc | kSingleGlazedGoodEpc],
            "uninsulated_but_good_epc;single_glazed_good_epc");
}

TEST(StockRules, LoftParsesPlusOnlyInDocumentedMode) {
  StockDwelling d;
  d.roof_rating = rating_code("Very Good");
  d.roof_mm = 300;  // python: imputed from the rating; documented: parsed
  d.roof_text =
      roof_text_code("Pitched, 300+ mm loft insulation", true, ingest_policy(Methodology::kPython));
  EXPECT_EQ(assess_loft(d, stock_policy(Methodology::kPython)).category, LoftCategory::kRatingGood);
  d.roof_text = roof_text_code("Pitched, 300+ mm loft insulation", true,
                               ingest_policy(Methodology::kDocumented));
  EXPECT_EQ(assess_loft(d, stock_policy(Methodology::kDocumented)).category, LoftCategory::kFull);
}

TEST(StockReports, CaseStreetExtract) {
  for (Methodology m : {Methodology::kPython, Methodology::kDocumented}) {
    const StockResult r = characterise_golden(m);
    const Table& e = find(r.reports, "case_street");
    ASSERT_EQ(e.num_rows(), 1u);  // G01, 12 Shakespeare Crescent
    EXPECT_EQ(e.strings(dwelling::kCertificateNumber)[0], "0390-2954-7620-2201-3151");
    EXPECT_EQ(e.get<std::uint8_t>(dwelling::kHpReadinessTier)[0], 4);
    const Table& s = find(r.reports, "case_street_summary");
    // Energy: street 231 against the stock mean 409 / 3.
    EXPECT_DOUBLE_EQ(s.get<double>("street_mean")[0], 231.0);
    EXPECT_NEAR(s.get<double>("difference_pct")[0], 100 * (231 - 409.0 / 3) / (409.0 / 3), 1e-9);
  }
  // Matching ignores case in documented mode only.
  Config cfg = golden_config(Methodology::kDocumented);
  cfg.output.case_street = "shakespeare crescent";
  Table t = golden_survivors(cfg);
  StockSettings settings = stock_settings(cfg);
  add_dwelling_columns(t, settings, readiness_costs(cfg.scenario));
  EXPECT_EQ(find(characterise(t, settings, LocalReducer(), {}).reports, "case_street").num_rows(),
            1u);
  settings.policy = stock_policy(Methodology::kPython);
  EXPECT_EQ(find(characterise(t, settings, LocalReducer(), {}).reports, "case_street").num_rows(),
            0u);
}

TEST(StockReports, CsvTextOfTables) {
  const StockResult r = characterise_golden(Methodology::kDocumented);
  const std::string bands = table_csv(find(r.archetypes, "epc_bands"));
  EXPECT_EQ(bands.substr(0, bands.find('\n')), "measure,category,count,share_pct");
  EXPECT_NE(bands.find("\nband,A,0,0\n"), std::string::npos);
  EXPECT_NE(bands.find("\nband,B,1,33.333333333333336\n"), std::string::npos);
  const std::string energy = table_csv(find(r.archetypes, "energy_consumption"));
  EXPECT_EQ(energy.substr(0, energy.find('\n')),
            "n,mean_kwh_m2,median_kwh_m2,std_kwh_m2,min_kwh_m2,max_kwh_m2,p25_kwh_m2,"
            "p50_kwh_m2,p75_kwh_m2,p90_kwh_m2");
  const std::string tiers = table_csv(find(r.readiness, "tiers"));
  EXPECT_NE(
      tiers.find(
          "\n5,Tier 5: Extensive intervention / currently unsuitable for a standard ASHP,0,0,"),
      std::string::npos);
  // A text with a comma is quoted; a coded column is written as its label.
  const std::string street = table_csv(find(r.reports, "case_street"));
  EXPECT_NE(street.find(",D,62,"), std::string::npos);
  EXPECT_EQ(csv_file_name("archetypes", "sap_scores"), "archetypes_sap_scores.csv");
  EXPECT_EQ(csv_file_name("reports", "local_authority_breakdown"), "local_authority_breakdown.csv");
  EXPECT_EQ(results_path("readiness", "tiers"), "/readiness/tiers");
  const Table& la = find(r.reports, "local_authority_breakdown");
  EXPECT_EQ(la.num_rows(), 3u);
  std::int64_t n = 0;
  for (auto v : la.get<std::int64_t>("property_count")) n += v;
  EXPECT_EQ(n, 3);
}
