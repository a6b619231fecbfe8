// The spec's ten golden rows (data validation §11, /work/shared/spec copy in
// tests/data) through stock selection, validation, classification and deduplication,
// in both methodologies; and each validation rule on its own.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "feed_register.hpp"
#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/ingest/certificate_builder.hpp"
#include "heatstreet/ingest/dedup_rule.hpp"

using namespace heatstreet;
using namespace heatstreet::ingest;

namespace {

IngestSettings golden_settings(Methodology m) {
  Config c;
  c.model.methodology = m;
  c.filters.sample_window_start = "2012-01-01";
  c.filters.sample_window_end = "2024-12-31";
  c.filters.property_types = {"House"};
  c.filters.built_forms = {"Mid-Terrace", "End-Terrace", "Enclosed Mid-Terrace",
                           "Enclosed End-Terrace"};
  c.filters.age_bands = {"before 1900", "1900-1929"};
  return ingest_settings(c);
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void feed(CertificateBuilder& b, const std::string& text) {
  test_support::feed_register(b, text, "golden.csv");
}

struct Outcome {
  std::vector<std::string> kept;  // certificate numbers after dedup
  std::vector<std::int64_t> counters;
  Table table;
};

Outcome run_golden(Methodology m, const std::string& text) {
  CertificateBuilder b(golden_settings(m));
  feed(b, text);
  std::vector<std::size_t> keep, dropped;
  choose_latest(b.dwellings(), keep, dropped);
  Outcome o;
  o.table = b.dwellings().gather(keep);
  for (std::size_t i = 0; i < o.table.num_rows(); ++i)
    o.kept.emplace_back(o.table.strings(dwelling::kCertificateNumber)[i].substr(0, 4));
  o.counters = b.counters();
  o.counters[kDuplicatesRemoved] = static_cast<std::int64_t>(dropped.size());
  return o;
}

const std::string kGolden = HEATSTREET_SOURCE_DIR "/tests/data/data-validation-golden.csv";

}  // namespace

TEST(GoldenRows, DocumentedMode) {
  const Outcome o = run_golden(Methodology::kDocumented, slurp(kGolden));
  // §11.2 production flow, path B order with V5 applied: G01, G04, G07 survive.
  EXPECT_EQ(o.kept, (std::vector<std::string>{"0390", "0425", "6230"}));
  const auto& c = o.counters;
  EXPECT_EQ(c[kRowsRead], 10);
  EXPECT_EQ(c[kExcludedAgeBand], 1);        // G08
  EXPECT_EQ(c[kExcludedBuiltForm], 1);      // G09
  EXPECT_EQ(c[kValidated], 8);              // §11.3 production total 8
  EXPECT_EQ(c[kImplausibleFloorAreas], 1);  // G03
  EXPECT_EQ(c[kNegativeEnergyValues], 2);   // G04, G05
  EXPECT_EQ(c[kEnergyValuesClamped], 1);    // G04
  EXPECT_EQ(c[kNegativeCo2Values], 2);      // G05, G10
  EXPECT_EQ(c[kCo2ValuesClamped], 1);       // G05
  EXPECT_EQ(c[kMissingCriticalFields], 1);  // G06
  EXPECT_EQ(c[kIllogicalInsulation], 1);    // G07
  EXPECT_EQ(c[kRecordsPassed], 4);          // G01, G02, G04, G07
  EXPECT_EQ(c[kDuplicatesRemoved], 1);      // G02
  // §11.4 derived columns of G01, G04, G07.
  const Table& t = o.table;
  EXPECT_EQ(t.get<std::uint8_t>(dwelling::kWallType), (std::vector<std::uint8_t>{0, 0, 1}));
  EXPECT_EQ(t.get<std::uint8_t>(dwelling::kWallInsulation), (std::vector<std::uint8_t>{0, 2, 3}));
  EXPECT_EQ(t.get<float>(dwelling::kRoofThickness), (std::vector<float>{100, 270, 250}));
  EXPECT_EQ(t.get<std::uint8_t>(dwelling::kRoofCategory), (std::vector<std::uint8_t>{2, 4, 3}));
  EXPECT_EQ(t.get<std::uint8_t>(dwelling::kFloorInsulation), (std::vector<std::uint8_t>{0, 2, 0}));
  EXPECT_EQ(t.get<std::uint8_t>(dwelling::kGlazing), (std::vector<std::uint8_t>{1, 1, 0}));
  EXPECT_EQ(t.get<std::uint8_t>(dwelling::kHeatingSystem), (std::vector<std::uint8_t>{1, 3, 0}));
  EXPECT_EQ(t.get<std::uint8_t>(dwelling::kTenure), (std::vector<std::uint8_t>{0, 0, 2}));
  EXPECT_EQ(t.get<double>(dwelling::kEnergyIntensity),
            (std::vector<double>{231, 0, 178}));  // G04 clamped
  EXPECT_EQ(t.get<std::uint8_t>(dwelling::kInsulationLogicFlag),
            (std::vector<std::uint8_t>{0, 0, 1}));
  EXPECT_EQ(t.get<std::uint8_t>(dwelling::kHasTrv), (std::vector<std::uint8_t>{1, 0, 1}));
  EXPECT_EQ(t.get<std::uint8_t>(dwelling::kHasRoomThermostat),
            (std::vector<std::uint8_t>{1, 0, 0}));
  EXPECT_EQ(t.strings(dwelling::kPostcode)[0], "E12 6LN");
  EXPECT_EQ(t.get<std::int32_t>(dwelling::kLodgementDate)[0], 18701);  // 2021-03-15
  EXPECT_EQ(t.get<std::int64_t>(dwelling::kSourceLine), (std::vector<std::int64_t>{2, 5, 8}));
}

TEST(GoldenRows, PythonModeKeepsG06) {
  const Outcome o = run_golden(Methodology::kPython, slurp(kGolden));
  // §11.3: "Python path B: passed 4 (G06 survives)", after dedup of G02.
  EXPECT_EQ(o.kept, (std::vector<std::string>{"0390", "0425", "1166", "6230"}));
  EXPECT_EQ(o.counters[kMissingCriticalFields], 0);
  EXPECT_EQ(o.counters[kRecordsPassed], 5);
  EXPECT_EQ(o.counters[kDuplicatesRemoved], 1);
  const Table& t = o.table;
  EXPECT_EQ(t.get<std::uint8_t>(dwelling::kWallType)[2],
            static_cast<std::uint8_t>(WallType::kOther));
  EXPECT_EQ(t.get<std::uint8_t>(dwelling::kWallInsulation)[2],
            static_cast<std::uint8_t>(WallInsulation::kUnknown));
}

TEST(GoldenRows, DirectValidationWithoutStockFilter) {
  // §11.3 "validator called directly on all 10 rows": G08 goes to V6 and G09 passes.
  IngestSettings s = golden_settings(Methodology::kPython);
  s.filters = {};
  CertificateBuilder b(s);
  feed(b, slurp(kGolden));
  EXPECT_EQ(b.counters()[kConstructionDateMismatches], 1);
  EXPECT_EQ(b.counters()[kInconsistentBuiltForm], 0);
  EXPECT_EQ(b.counters()[kRecordsPassed], 6);  // G01 G02 G04 G06 G07 G09 before dedup
}

namespace {
const char* kHeader =
    "LMK_KEY,UPRN,ADDRESS,POSTCODE,LOCAL_AUTHORITY,PROPERTY_TYPE,BUILT_FORM,CONSTRUCTION_AGE_BAND,"
    "LODGEMENT_DATE,TOTAL_FLOOR_AREA,CURRENT_ENERGY_RATING,ENERGY_CONSUMPTION_CURRENT,"
    "CO2_EMISSIONS_CURRENT,WALLS_DESCRIPTION,MAINHEAT_DESCRIPTION\n";
std::string row(const std::string& id, const std::string& overrides_area = "80",
                const std::string& energy = "200", const std::string& co2 = "3",
                const std::string& type = "House", const std::string& form = "Mid-Terrace",
                const std::string& band = "England and Wales: 1900-1929",
                const std::string& walls = "\"Solid brick, as built\"") {
  return id + ",1" + id + ",1 Road,E1 1AA,E09000001," + type + "," + form + "," + band +
         ",2020-01-01," + overrides_area + ",D," + energy + "," + co2 + "," + walls + ",Boiler\n";
}
std::vector<std::string> reasons(CertificateBuilder& b) {
  std::vector<std::string> out;
  for (auto r : column(b.rejects(), reject::kReason)) out.push_back(epc::reason_labels()[r]);
  return out;
}
}  // namespace

TEST(ValidationRules, EachRuleAndMalformedRows) {
  CertificateBuilder b(ingest_settings(Config{}));
  std::string text =
      std::string(kHeader) + row("1", "25") + row("2", "400") + row("3", "400.5") + row("4", "") +
      row("5", "80", "-10") + row("6", "80", "-10.5") + row("7", "80", "200", "-5") +
      row("8", "80", "200", "-5.01") +
      row("9", "80", "200", "3", "Terraced house", "Semi-Detached") +
      row("10", "80", "200", "3", "House", "Mid-Terrace", "England and Wales: 1930-1949") +
      row("11", "80", "200", "3", "House", "Mid-Terrace", "1900-1929", "") + row("12", "eighty") +
      "13,1,short row\n" + row("14").substr(0, 20) + ",\"open";
  feed(b, text);
  EXPECT_EQ(reasons(b), (std::vector<std::string>{
                            "implausible_floor_area", "implausible_floor_area", "negative_energy",
                            "negative_co2", "inconsistent_built_form", "missing_critical_field",
                            "invalid_number", "wrong_field_count", "unterminated_quote"}));
  EXPECT_EQ(b.rejects().get<std::int64_t>(dwelling::kSourceLine),
            (std::vector<std::int64_t>{4, 5, 7, 9, 10, 12, 13, 14, 15}));
  // 1, 2 (bounds kept), 5 and 7 clamped, and 10: no age band is configured, so V6 keeps
  // every band.
  EXPECT_EQ(b.counters()[kRecordsPassed], 5);
  EXPECT_EQ(b.dwellings().get<double>(dwelling::kEnergyIntensity)[2], 0.0);
  EXPECT_EQ(b.dwellings().get<double>(dwelling::kCo2)[3], 0.0);
}

// V6 follows the configured stock in the documented methodology; the predecessor drops its
// fixed list of post-1930 bands (bare text only) whatever the stock.
TEST(ValidationRules, AgeBandRuleFollowsTheConfiguredStock) {
  const std::string text = std::string(kHeader) +
                           row("1", "80", "200", "3", "House", "Mid-Terrace", "1930-1949") +
                           row("2", "80", "200", "3", "House", "Mid-Terrace", "2012 onwards") +
                           row("3", "80", "200", "3", "House", "Mid-Terrace", "1900-1929");
  auto mismatches = [&](Methodology m, std::vector<std::string> bands) {
    Config c;
    c.model.methodology = m;
    IngestSettings s = ingest_settings(c);
    CertificateBuilder b(s);
    feed(b, text);
    epc::Certificate cert;
    const epc::Validator v(s.validation, s.policy, bands);
    std::vector<int> dropped;
    for (const char* band : {"1930-1949", "England and Wales: 2012 onwards", "1900-1929"}) {
      cert.present.assign(epc::kNumFields, true);
      cert.null.assign(epc::kNumFields, false);
      cert.text.assign(epc::kNumFields, "x");
      cert.text[epc::kAgeBand] = band;
      cert.floor_area = 80;
      cert.energy = 200;
      cert.co2 = 3;
      dropped.push_back(v.check(cert).drop == epc::Reason::kAgeBandMismatch);
    }
    return std::make_pair(b.counters()[kConstructionDateMismatches], dropped);
  };
  // Every home: nothing to drop.
  EXPECT_EQ(mismatches(Methodology::kDocumented, {}).first, 0);
  EXPECT_EQ(mismatches(Methodology::kDocumented, {}).second, (std::vector<int>{0, 0, 0}));
  // A configured stock: bands outside it, prefixed or not.
  EXPECT_EQ(mismatches(Methodology::kDocumented, {"before 1900", "1900-1929"}).second,
            (std::vector<int>{1, 1, 0}));
  EXPECT_EQ(mismatches(Methodology::kDocumented, {"2012 onwards"}).second,
            (std::vector<int>{1, 0, 1}));
  // The predecessor: its fixed list, exact text, whatever is configured.
  EXPECT_EQ(mismatches(Methodology::kPython, {}).first, 2);
  EXPECT_EQ(mismatches(Methodology::kPython, {"2012 onwards"}).second, (std::vector<int>{1, 0, 0}));
}

TEST(ValidationRules, MissingRequiredColumnNamesFileAndColumn) {
  CertificateBuilder b(ingest_settings(Config{}));
  const std::vector<std::string_view> header{"LMK_KEY", "POSTCODE"};
  try {
    b.begin_file(0, "/data/x/certificates.csv", header);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("/data/x/certificates.csv"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("LOCAL_AUTHORITY"), std::string::npos);
    EXPECT_EQ(e.exit_code(), 3);
  }
}

TEST(ValidationRules, HeaderNormalisation) {
  using epc::normalise_header;
  const IngestPolicy python = ingest_policy(Methodology::kPython);
  const IngestPolicy documented = ingest_policy(Methodology::kDocumented);
  EXPECT_EQ(normalise_header("lodgement-date", python), "LODGEMENT_DATE");
  EXPECT_EQ(normalise_header(" Total Floor Area ", python), "TOTAL_FLOOR_AREA");
  EXPECT_EQ(normalise_header("totalFloorArea", python), "TOTALFLOORAREA");
  EXPECT_EQ(normalise_header("totalFloorArea", documented), "TOTAL_FLOOR_AREA");
  EXPECT_EQ(normalise_header("currentEnergyEfficiencyRating", python), "CURRENT_ENERGY_RATING");
  EXPECT_EQ(normalise_header("currentEnergyEfficiencyRating", documented),
            "CURRENT_ENERGY_EFFICIENCY");
  EXPECT_EQ(normalise_header("registrationDate", documented), "LODGEMENT_DATE");
  EXPECT_EQ(epc::normalise_postcode(" sw1a1aa "), "SW1A 1AA");
  EXPECT_EQ(epc::parse_uprn("100023000001.0"), 100023000001);
  EXPECT_EQ(epc::date_to_iso(*epc::parse_date("2024-02-29 10:00:00")), "2024-02-29");
  EXPECT_FALSE(epc::parse_date("2023-02-29").has_value());
}
