// Unit tests of the synthetic register generator's pure parts (no MPI): tables, rows,
// vocabularies, SAP bands, quoting and the ground truth of every row.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "heatstreet/core/error.hpp"
#include "heatstreet/synth/detail.hpp"
#include "heatstreet/synth/synth.hpp"
#include "synth_check.hpp"

using heatstreet::synth::certificate_columns;
using heatstreet::synth::Options;
namespace d = heatstreet::synth::detail;
namespace sc = synth_check;

namespace {

Options opts(std::uint64_t n, std::uint64_t seed, const char* region = "london") {
  Options o;
  o.n = n;
  o.seed = seed;
  o.region = region;
  o.out_dir = "/nonexistent";
  return o;
}

struct Generated {
  std::vector<std::vector<std::string>> rows;  // parsed, no header
  std::vector<d::RowTruth> truth;
  std::string text;
};

Generated generate_rows(const d::Plan& plan) {
  Generated out;
  d::RowGenerator gen(plan);
  std::string header;
  for (std::size_t i = 0; i < certificate_columns().size(); ++i) {
    header += (i ? "," : "") + certificate_columns()[i];
  }
  out.text = header + "\n";
  for (std::uint64_t g = 0; g < plan.options().n; ++g) {
    d::RowTruth t;
    gen.row(g, out.text, t);
    out.truth.push_back(t);
  }
  auto csv = sc::parse_csv(out.text);
  out.rows.assign(csv.rows.begin() + 1, csv.rows.end());
  return out;
}

std::set<std::string> known_postcodes(const d::Plan& plan) {
  std::set<std::string> s;
  for (std::size_t k = 0; k < plan.la_count(); ++k) {
    for (std::uint64_t p = 0; p < plan.la_postcodes(k); ++p) s.insert(plan.postcode(k, p));
  }
  return s;
}

}  // namespace

TEST(Synth, ColumnsFollowTheRegisterLayout) {
  const auto& c = certificate_columns();
  ASSERT_EQ(c.size(), 92u);
  EXPECT_EQ(c.front(), "LMK_KEY");
  EXPECT_EQ(c[4], "POSTCODE");
  EXPECT_EQ(c[31], "TOTAL_FLOOR_AREA");
  EXPECT_EQ(c[37], "MAIN_HEATING_CONTROLS");
  EXPECT_EQ(c[55], "WALLS_DESCRIPTION");
  EXPECT_EQ(c[81], "ADDRESS");
  EXPECT_EQ(c[85], "CONSTRUCTION_AGE_BAND");
  EXPECT_EQ(c[90], "UPRN");
  EXPECT_EQ(c.back(), "UPRN_SOURCE");
  EXPECT_EQ(std::set<std::string>(c.begin(), c.end()).size(), c.size());
}

TEST(Synth, PlaceTables) {
  const auto& london = d::london_places();
  ASSERT_EQ(london.size(), 33u);
  for (std::size_t i = 0; i < london.size(); ++i) {
    std::string code = std::string(i + 1 < 10 ? "E0900000" : "E090000") + std::to_string(i + 1);
    EXPECT_EQ(london[i].code, code);
    EXPECT_GE(london[i].e_km * 1000, 503000);
    EXPECT_LE(london[i].e_km * 1000, 561000);
    EXPECT_GE(london[i].n_km * 1000, 155000);
    EXPECT_LE(london[i].n_km * 1000, 201000);
  }
  EXPECT_EQ(d::folder_name(london[6]), "domestic-E09000007-Camden");
  EXPECT_EQ(d::folder_name(london[12]), "domestic-E09000013-Hammersmith-and-Fulham");

  const auto& ew = d::england_wales_places();
  std::set<std::string> codes, folders;
  std::size_t n_london = 0, n_wales = 0;
  const std::set<std::string> regions = {
      "North East",      "North West", "Yorkshire and Humber", "East Midlands", "West Midlands",
      "East of England", "South East", "South West",           "London",        "Wales"};
  for (const auto& p : ew) {
    codes.insert(p.code);
    folders.insert(d::folder_name(p));
    n_london += p.london;
    n_wales += p.code[0] == 'W';
    EXPECT_TRUE(regions.count(p.region)) << p.name;
    EXPECT_GT(p.e_km, 0);
    EXPECT_LT(p.e_km, 700);
    EXPECT_GT(p.n_km, 0);
    EXPECT_LT(p.n_km, 700);
    EXPECT_GT(p.weight, 0);
  }
  EXPECT_EQ(codes.size(), ew.size());
  EXPECT_EQ(folders.size(), ew.size());
  EXPECT_EQ(n_london, 33u);
  EXPECT_EQ(n_wales, 22u);
  EXPECT_GT(ew.size(), 300u);
}

TEST(Synth, BadOptionsAreUsageErrors) {
  EXPECT_THROW(d::Plan(opts(10, 1, "mars")), heatstreet::UsageError);
  Options o = opts(10, 1);
  o.dirty_fraction = 0.9;
  EXPECT_THROW(d::Plan{o}, heatstreet::UsageError);
  o = opts(10, 1);
  o.out_dir.clear();
  EXPECT_THROW(d::Plan{o}, heatstreet::UsageError);
}

TEST(Synth, RowsAreAPureFunctionOfSeedAndIndex) {
  d::Plan plan(opts(5000, 11));
  d::RowGenerator a(plan), b(plan);
  std::vector<std::string> forward(5000);
  d::RowTruth t;
  for (std::uint64_t g = 0; g < 5000; ++g) a.row(g, forward[g], t);
  // Random access order, fresh generator: identical bytes.
  for (std::uint64_t i = 0; i < 5000; ++i) {
    std::uint64_t g = (i * 2654435761ULL) % 5000;
    std::string s;
    b.row(g, s, t);
    ASSERT_EQ(s, forward[g]) << "row " << g;
  }
  // Another plan from the same options allocates the same rows.
  d::Plan again(opts(5000, 11));
  d::RowGenerator c(again);
  std::string s;
  c.row(4321, s, t);
  EXPECT_EQ(s, forward[4321]);
  // Another seed gives other rows.
  d::Plan other(opts(5000, 12));
  d::RowGenerator e(other);
  s.clear();
  e.row(4321, s, t);
  EXPECT_NE(s, forward[4321]);
}

TEST(Synth, RowsAllocatedByBoroughShare) {
  d::Plan plan(opts(100000, 3));
  std::uint64_t sum = 0;
  for (std::size_t k = 0; k < plan.la_count(); ++k) sum += plan.la_rows(k);
  EXPECT_EQ(sum, 100000u);
  // Newham has the largest share (8.28 %), City of London the smallest (0.01 %).
  EXPECT_NEAR(static_cast<double>(plan.la_rows(24)) / 100000.0, 0.0828, 0.001);
  EXPECT_LE(plan.la_rows(0), 20u);
}

TEST(Synth, EveryRowHasEveryColumnAndUniqueKeys) {
  d::Plan plan(opts(20000, 5));
  auto g = generate_rows(plan);
  ASSERT_EQ(g.rows.size(), 20000u);
  std::set<std::string> keys;
  for (const auto& r : g.rows) {
    ASSERT_EQ(r.size(), 92u);
    keys.insert(r[0]);
  }
  EXPECT_EQ(keys.size(), g.rows.size());
}

TEST(Synth, DwellingVocabulariesComeFromTheRegister) {
  d::Plan plan(opts(20000, 5));
  auto g = generate_rows(plan);
  sc::Columns c(certificate_columns());
  const std::set<std::string> property = {"House", "Flat", "Bungalow", "Maisonette", "Park home"};
  const std::set<std::string> form = {"Detached",    "Semi-Detached",        "Mid-Terrace",
                                      "End-Terrace", "Enclosed Mid-Terrace", "Enclosed End-Terrace",
                                      "NO DATA!"};
  std::set<std::string> ages = {"NO DATA!", "INVALID!"}, bare_bands;
  for (const char* b :
       {"before 1900", "1900-1929", "1930-1949", "1950-1966", "1967-1975", "1976-1982", "1983-1990",
        "1991-1995", "1996-2002", "2003-2006", "2007-2011", "2012 onwards"}) {
    ages.insert(b);
    bare_bands.insert(b);
    ages.insert(std::string("England and Wales: ") + b);
  }
  for (int y = 2012; y <= 2025; ++y) ages.insert(std::to_string(y));
  const std::set<std::string> tenure = {
      "owner-occupied",
      "Owner-occupied",
      "rental (private)",
      "Rented (private)",
      "rental (social)",
      "Rented (social)",
      "unknown",
      "NO DATA!",
      "Not defined - use in the case of a new dwelling for which the intended tenure in not "
      "known. It is not to be used for an existing dwelling"};
  const std::vector<std::string> wall_prefixes = {
      "Solid brick, ",  "Cavity wall, ",  "Sandstone or limestone, ",      "Granite or whinstone, ",
      "Timber frame, ", "System built, ", "Average thermal transmittance "};
  const std::set<std::string> floors = {"Suspended, no insulation (assumed)",
                                        "Solid, no insulation (assumed)",
                                        "Suspended, insulated",
                                        "Solid, insulated (assumed)",
                                        "Suspended, limited insulation (assumed)",
                                        "To unheated space, no insulation (assumed)",
                                        "(another dwelling below)",
                                        "Average thermal transmittance 0.25 W/m\xC2\xB2K"};
  std::size_t prefixed = 0, bare = 0;
  for (const auto& r : g.rows) {
    EXPECT_TRUE(property.count(r[c("PROPERTY_TYPE")])) << r[c("PROPERTY_TYPE")];
    EXPECT_TRUE(form.count(r[c("BUILT_FORM")])) << r[c("BUILT_FORM")];
    const std::string& age = r[c("CONSTRUCTION_AGE_BAND")];
    EXPECT_TRUE(ages.count(age)) << age;
    if (age.rfind("England and Wales: ", 0) == 0) ++prefixed;
    if (bare_bands.count(age)) ++bare;
    EXPECT_TRUE(tenure.count(r[c("TENURE")])) << r[c("TENURE")];
    const std::string& walls = r[c("WALLS_DESCRIPTION")];
    if (!sc::is_null(walls)) {
      bool ok = false;
      for (const auto& p : wall_prefixes) ok |= walls.rfind(p, 0) == 0;
      EXPECT_TRUE(ok) << walls;
    }
    EXPECT_TRUE(floors.count(r[c("FLOOR_DESCRIPTION")])) << r[c("FLOOR_DESCRIPTION")];
  }
  EXPECT_GT(prefixed, 10 * bare);
  EXPECT_GT(bare, 0u);
}

TEST(Synth, ServiceVocabulariesComeFromTheRegister) {
  d::Plan plan(opts(20000, 5));
  auto g = generate_rows(plan);
  sc::Columns c(certificate_columns());
  const std::set<std::string> eff = {"Very Poor", "Poor", "Average", "Good", "Very Good", "N/A"};
  const std::set<std::string> windows = {"Fully double glazed",
                                         "Mostly double glazing",
                                         "Partial double glazing",
                                         "Some double glazing",
                                         "Single glazed",
                                         "Fully triple glazed",
                                         "Full secondary glazing",
                                         "High performance glazing",
                                         "Multiple glazing throughout"};
  const std::set<std::string> glazed = {"double glazing installed before 2002",
                                        "double glazing installed during or after 2002",
                                        "double glazing, unknown install date",
                                        "single glazing",
                                        "secondary glazing",
                                        "triple glazing",
                                        "not defined",
                                        "NO DATA!"};
  const std::set<std::string> mainheat = {"Boiler and radiators, mains gas",
                                          "Boiler and underfloor heating, mains gas",
                                          "Boiler and radiators, oil",
                                          "Electric storage heaters",
                                          "Room heaters, electric",
                                          "Room heaters, mains gas",
                                          "Warm air, mains gas",
                                          "Air source heat pump, radiators, electric",
                                          "Community scheme",
                                          "No system present: electric heaters assumed",
                                          ""};
  // The spec's lists plus the few documented additions (docs/synthetic-data.md).
  const std::set<std::string> controls = {
      "Programmer, room thermostat and TRVs",
      "Programmer and room thermostat",
      "Programmer, TRVs and bypass",
      "Room thermostat only",
      "Time and temperature zone control",
      "Programmer and appliance thermostats",
      "No time or thermostatic control of room temperature",
      "Charging system linked to use of community heating, programmer and TRVs",
      "Manual charge control",
      "Automatic charge control",
      "Appliance thermostats",
      "Flat rate charging, programmer and TRVs",
      ""};
  const std::set<std::string> hotwater = {"From main system",
                                          "From main system, no cylinder thermostat",
                                          "Electric immersion, off-peak",
                                          "Gas multipoint",
                                          "Electric instantaneous at point of use",
                                          "From main system, plus solar",
                                          "Electric immersion, standard tariff",
                                          "Community scheme"};
  const std::set<std::string> ventilation = {"natural", "mechanical, extract only",
                                             "mechanical, supply and extract", "NO DATA!"};
  for (const auto& r : g.rows) {
    for (const char* col : {"WALLS_ENERGY_EFF", "ROOF_ENERGY_EFF", "WINDOWS_ENERGY_EFF",
                            "FLOOR_ENERGY_EFF", "MAINHEAT_ENERGY_EFF", "HOT_WATER_ENERGY_EFF"}) {
      EXPECT_TRUE(eff.count(r[c(col)])) << col << " " << r[c(col)];
    }
    EXPECT_TRUE(windows.count(r[c("WINDOWS_DESCRIPTION")])) << r[c("WINDOWS_DESCRIPTION")];
    EXPECT_TRUE(glazed.count(r[c("GLAZED_TYPE")])) << r[c("GLAZED_TYPE")];
    EXPECT_TRUE(mainheat.count(r[c("MAINHEAT_DESCRIPTION")])) << r[c("MAINHEAT_DESCRIPTION")];
    EXPECT_TRUE(controls.count(r[c("MAINHEATCONT_DESCRIPTION")]))
        << r[c("MAINHEATCONT_DESCRIPTION")];
    EXPECT_TRUE(hotwater.count(r[c("HOTWATER_DESCRIPTION")])) << r[c("HOTWATER_DESCRIPTION")];
    EXPECT_TRUE(ventilation.count(r[c("MECHANICAL_VENTILATION")]));
  }
}

TEST(Synth, RoofDescriptionsComeFromTheRegister) {
  d::Plan plan(opts(20000, 5));
  auto g = generate_rows(plan);
  sc::Columns c(certificate_columns());
  std::map<std::string, int> roof_mm;
  for (const auto& r : g.rows) {
    const std::string& roof = r[c("ROOF_DESCRIPTION")];
    auto mm = roof.find(" mm loft insulation");
    if (mm != std::string::npos) roof_mm[roof.substr(9, mm - 9)]++;
    EXPECT_TRUE(roof.rfind("Pitched, ", 0) == 0 || roof.rfind("Roof room(s), ", 0) == 0 ||
                roof.rfind("Flat, ", 0) == 0 || roof == "(another dwelling above)" ||
                roof.rfind("Average thermal transmittance", 0) == 0)
        << roof;
  }
  for (const char* t : {"12", "25", "50", "75", "100", "150", "200", "250", "270", "300", "300+"}) {
    EXPECT_GT(roof_mm[t], 0) << t << " mm";
  }
}

TEST(Synth, SapAgreesWithBandAndEnergyWithSap) {
  d::Plan plan(opts(20000, 9));
  auto g = generate_rows(plan);
  sc::Columns c(certificate_columns());
  double sum_e = 0, sum_sap = 0;
  std::size_t clean = 0;
  for (std::size_t i = 0; i < g.rows.size(); ++i) {
    const auto& r = g.rows[i];
    int sap = std::stoi(r[c("CURRENT_ENERGY_EFFICIENCY")]);
    int pot = std::stoi(r[c("POTENTIAL_ENERGY_EFFICIENCY")]);
    ASSERT_GE(sap, 1);
    ASSERT_LE(sap, 100);
    ASSERT_GE(pot, sap);
    if (!r[c("CURRENT_ENERGY_RATING")].empty()) {
      ASSERT_EQ(r[c("CURRENT_ENERGY_RATING")], std::string(1, sc::band_of(sap)));
    }
    ASSERT_EQ(r[c("POTENTIAL_ENERGY_RATING")], std::string(1, sc::band_of(pot)));
    if (g.truth[i].defect != d::Defect::kNone) continue;
    double tfa = std::stod(r[c("TOTAL_FLOOR_AREA")]);
    double e = std::stod(r[c("ENERGY_CONSUMPTION_CURRENT")]);
    double co2 = std::stod(r[c("CO2_EMISSIONS_CURRENT")]);
    double per_m2 = std::stod(r[c("CO2_EMISS_CURR_PER_FLOOR_AREA")]);
    ASSERT_GE(tfa, 25);
    ASSERT_LE(tfa, 400);
    ASSERT_GE(e, 40);
    ASSERT_LE(e, 600);
    ASSERT_GT(co2, 0);
    // CO2 = E x TFA x 0.20 / 1000 x N(1, 0.08) (spec §10), rounded to 0.1 t.
    EXPECT_NEAR(co2, e * tfa * 0.2 / 1000.0, 0.45 * e * tfa * 0.2 / 1000.0 + 0.1);
    EXPECT_NEAR(per_m2, co2 * 1000.0 / tfa, 0.06 * co2 * 1000.0 / tfa + 1.5);
    sum_e += e;
    sum_sap += sap;
    ++clean;
  }
  // Lower SAP, more energy: the mean pair sits on the spec's line E = 240 - 6 (SAP - 61).
  double mean_sap = sum_sap / clean, mean_e = sum_e / clean;
  EXPECT_NEAR(mean_e, 240 - 6 * (mean_sap - 61), 8.0);
}

TEST(Synth, StockShareAndBandMixFollowTheSpec) {
  d::Plan plan(opts(60000, 21));
  auto g = generate_rows(plan);
  sc::Columns c(certificate_columns());
  std::size_t houses = 0, stock = 0;
  std::map<std::string, std::size_t> bands;
  std::size_t stock_latest = 0;
  for (std::size_t i = 0; i < g.rows.size(); ++i) {
    const auto& r = g.rows[i];
    if (r[c("PROPERTY_TYPE")] == "House") ++houses;
    if (g.truth[i].stock == d::StockReason::kInStock) {
      ++stock;
      if (g.truth[i].cert_rank == 0 && g.truth[i].defect == d::Defect::kNone) {
        bands[r[c("CURRENT_ENERGY_RATING")]]++;
        ++stock_latest;
      }
    }
  }
  // About 25 % of London house certificates are in the stock (spec §10).
  EXPECT_NEAR(static_cast<double>(stock) / houses, 0.25, 0.03);
  EXPECT_NEAR(static_cast<double>(bands["D"]) / stock_latest, 0.6133, 0.04);
  EXPECT_NEAR(static_cast<double>(bands["C"]) / stock_latest, 0.2167, 0.04);
}

// --stock-only: every London row is a pre-1930 terraced house, so the only certificates
// that do not become dwellings are older duplicates and defective rows.
TEST(Synth, StockOnlyRowsAreAllInTheDefaultStock) {
  Options o = opts(20000, 21);
  o.stock_only = true;
  d::Plan plan(o);
  auto g = generate_rows(plan);
  sc::Columns c(certificate_columns());
  const std::set<std::string> terraced = {"Mid-Terrace", "End-Terrace", "Enclosed Mid-Terrace",
                                          "Enclosed End-Terrace"};
  std::map<std::string, std::size_t> forms;
  std::size_t duplicates = 0;
  for (std::size_t i = 0; i < g.rows.size(); ++i) {
    const auto& r = g.rows[i];
    ASSERT_EQ(g.truth[i].stock, d::StockReason::kInStock) << "row " << i;
    EXPECT_EQ(r[c("PROPERTY_TYPE")], "House");
    EXPECT_EQ(terraced.count(r[c("BUILT_FORM")]), 1u) << r[c("BUILT_FORM")];
    const std::string& band = r[c("CONSTRUCTION_AGE_BAND")];
    EXPECT_TRUE(band.find("before 1900") != std::string::npos ||
                band.find("1900-1929") != std::string::npos)
        << band;
    forms[r[c("BUILT_FORM")]]++;
    if (g.truth[i].cert_rank > 0) ++duplicates;
  }
  // The terraced forms keep their register proportions (32 : 11 : 2.5 : 1).
  EXPECT_NEAR(static_cast<double>(forms["Mid-Terrace"]) / g.rows.size(), 32.0 / 46.5, 0.02);
  // Repeat certificates as in the full mix: about 8 % of rows.
  EXPECT_NEAR(static_cast<double>(duplicates) / g.rows.size(), 0.08, 0.02);
}

TEST(Synth, GroundTruthMatchesTheRowText) {
  for (const char* region : {"london", "england"}) {
    Options o = opts(30000, 17, region);
    o.dirty_fraction = 0.05;
    d::Plan plan(o);
    auto g = generate_rows(plan);
    auto known = known_postcodes(plan);
    sc::Columns c(certificate_columns());
    std::map<std::string, std::vector<std::size_t>> by_uprn;
    std::size_t dirty = 0;
    for (std::size_t i = 0; i < g.rows.size(); ++i) {
      const auto& r = g.rows[i];
      const auto& t = g.truth[i];
      const auto& place = plan.places()[t.la];
      ASSERT_EQ(r[c("LOCAL_AUTHORITY")], place.code);
      ASSERT_EQ(r[c("LOCAL_AUTHORITY_LABEL")], place.name);
      ASSERT_EQ(sc::stock_reason(r, c, place.london), d::stock_reason_name(t.stock)) << i;
      ASSERT_EQ(sc::defect_of(r, c, known), d::defect_name(t.defect))
          << i << " " << r[c("POSTCODE")];
      ASSERT_EQ(r[c("UPRN")].empty(), !t.has_uprn);
      if (t.has_uprn) by_uprn[r[c("UPRN")]].push_back(i);
      dirty += t.defect != d::Defect::kNone;
      if (t.defect != d::Defect::kNone) {
        ASSERT_EQ(t.cert_count, 1);
        ASSERT_TRUE(t.has_uprn);
      }
    }
    EXPECT_NEAR(static_cast<double>(dirty) / g.rows.size(), 0.05, 0.01);
    // Repeat certificates: one latest per UPRN, strictly newer than its older ones, which
    // are never better rated.
    std::size_t older = 0;
    for (const auto& [uprn, rows] : by_uprn) {
      ASSERT_EQ(rows.size(), g.truth[rows[0]].cert_count) << uprn;
      std::size_t latest = rows.size();
      for (std::size_t i : rows) {
        if (g.truth[i].cert_rank == 0) latest = i;
      }
      ASSERT_LT(latest, rows.size() == 0 ? 0 : g.rows.size());
      for (std::size_t i : rows) {
        if (i == latest) continue;
        ++older;
        EXPECT_LT(g.rows[i][c("LODGEMENT_DATE")], g.rows[latest][c("LODGEMENT_DATE")]);
        EXPECT_LT(std::stoi(g.rows[i][c("CURRENT_ENERGY_EFFICIENCY")]),
                  std::stoi(g.rows[latest][c("CURRENT_ENERGY_EFFICIENCY")]));
        EXPECT_EQ(g.rows[i][c("POSTCODE")], g.rows[latest][c("POSTCODE")]);
        EXPECT_EQ(g.rows[i][c("BUILT_FORM")], g.rows[latest][c("BUILT_FORM")]);
      }
    }
    std::size_t truth_older = 0;
    for (const auto& t : g.truth) truth_older += t.cert_rank > 0;
    EXPECT_EQ(older, truth_older);
    EXPECT_NEAR(static_cast<double>(older) / g.rows.size(), 0.079, 0.015);
  }
}

TEST(Synth, CsvQuotingRoundTrip) {
  const std::vector<std::string> nasty = {"12 Shakespeare Crescent",
                                          "Flat 2, \"The Maltings\"\n14 Mill Lane",
                                          "\"Rose Cottage\", 3 High Street",
                                          "Rear of 5\r\nGround Floor",
                                          "",
                                          ",",
                                          "\"",
                                          "\"\"",
                                          "a,b,\"c\"\nd",
                                          "Caf\xC3\xA9 Row, 1",
                                          " leading and trailing "};
  std::string line;
  for (std::size_t i = 0; i < nasty.size(); ++i) {
    if (i) line += ',';
    d::append_csv_field(line, nasty[i]);
  }
  line += "\n";
  auto csv = sc::parse_csv(line);
  ASSERT_EQ(csv.rows.size(), 1u);
  EXPECT_EQ(csv.rows[0], nasty);
  // Plain values stay unquoted.
  std::string plain;
  d::append_csv_field(plain, "Mid-Terrace");
  EXPECT_EQ(plain, "Mid-Terrace");
}

TEST(Synth, PostcodesAreUniqueRealisticAndInsideTheirAuthority) {
  for (const char* region : {"london", "england"}) {
    d::Plan plan(opts(400000, 2, region));
    std::set<std::string> seen;
    for (std::size_t k = 0; k < plan.la_count(); ++k) {
      const auto& p = plan.places()[k];
      for (std::uint64_t i = 0; i < plan.la_postcodes(k); ++i) {
        std::string pc = plan.postcode(k, i);
        ASSERT_TRUE(seen.insert(pc).second) << pc;
        ASSERT_EQ(pc, sc::clean_postcode(pc));
        ASSERT_NE(pc[pc.size() - 3], '0');
        long e, n;
        plan.postcode_centroid(k, i, &e, &n);
        double de = e - p.e_km * 1000, dn = n - p.n_km * 1000;
        ASSERT_LE(std::sqrt(de * de + dn * dn), p.r_km * 1000 + 1) << pc;
      }
      // Unknown postcodes look the same but never collide with a known one.
      for (std::uint64_t i = 0; i < 50; ++i) {
        std::string pc = plan.postcode(k, i, true);
        EXPECT_EQ(pc, sc::clean_postcode(pc));
      }
    }
    for (std::size_t k = 0; k < plan.la_count(); ++k) {
      for (std::uint64_t i = 0; i < 50; ++i) EXPECT_FALSE(seen.count(plan.postcode(k, i, true)));
    }
    // About 15 dwellings per postcode.
    EXPECT_NEAR(400000.0 / 1.08 / static_cast<double>(plan.total_postcodes()), 15.0, 1.5);
  }
}
