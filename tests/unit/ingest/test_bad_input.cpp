// Messages for input that is not a register file at all: they must send users to the
// real cause (docs/operations.md, bad-data catalogue).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "heatstreet/config/config.hpp"
#include "heatstreet/core/error.hpp"
#include "heatstreet/ingest/register_layout.hpp"
#include "heatstreet/ingest/selection_rules.hpp"

using namespace heatstreet;
using namespace heatstreet::epc;

namespace {

std::string schema_error(const std::vector<std::string_view>& header) {
  try {
    make_schema(header, ingest_policy(Methodology::kDocumented), "data/la.csv");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(BadInput, SemicolonSeparatedHeaderNamesTheSeparator) {
  const std::string m = schema_error({"LMK_KEY;POSTCODE;TOTAL_FLOOR_AREA"});
  EXPECT_NE(m.find("data/la.csv: required column CERTIFICATE_NUMBER or LMK_KEY is missing"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("single column containing ';'"), std::string::npos) << m;
}

TEST(BadInput, TabSeparatedHeaderNamesTheSeparator) {
  const std::string m = schema_error({"LMK_KEY\tPOSTCODE"});
  EXPECT_NE(m.find("single column containing '\\t'"), std::string::npos) << m;
}

TEST(BadInput, SingleColumnWithoutSeparatorAsksWhetherItIsCsv) {
  const std::string m = schema_error({"\x89PNG\x1a"});
  EXPECT_NE(m.find("is this a comma-separated certificates file?"), std::string::npos) << m;
}

TEST(BadInput, ManyColumnsGetNoSeparatorHint) {
  const std::string m = schema_error({"LMK_KEY", "ADDRESS"});
  EXPECT_NE(m.find("POSTCODE is missing from the header"), std::string::npos) << m;
  EXPECT_EQ(m.find("single column"), std::string::npos) << m;
}

namespace {

// One certificate row read with a minimal valid header; `energy` and `floor` as written.
std::optional<Reason> parse_row(const std::string& floor, const std::string& energy, Methodology m,
                                Certificate& c) {
  const std::vector<std::string_view> header{"LMK_KEY",
                                             "POSTCODE",
                                             "LOCAL_AUTHORITY",
                                             "PROPERTY_TYPE",
                                             "BUILT_FORM",
                                             "CONSTRUCTION_AGE_BAND",
                                             "LODGEMENT_DATE",
                                             "TOTAL_FLOOR_AREA",
                                             "CURRENT_ENERGY_RATING",
                                             "ENERGY_CONSUMPTION_CURRENT",
                                             "CO2_EMISSIONS_CURRENT"};
  static std::vector<std::string> row;
  row = {"K1",         "N1 0PN", "E09000019", "House", "Mid-Terrace", "before 1900",
         "2020-06-01", floor,    "D",         energy,  "3.0"};
  const std::vector<std::string_view> fields(row.begin(), row.end());
  const IngestPolicy policy = ingest_policy(m);
  return parse_certificate(fields, make_schema(header, policy, "t.csv"), policy, c);
}

}  // namespace

// Documented: an infinite reading is an invalid number (rejected, reason invalid_number);
// python mode keeps pandas' inf, and the validation rules see it.
TEST(BadInput, InfiniteNumbersAreInvalidInDocumentedMode) {
  for (const char* v : {"inf", "-inf", "Infinity", " INF "}) {
    Certificate c;
    EXPECT_EQ(parse_row("85", v, Methodology::kDocumented, c), Reason::kInvalidNumber) << v;
    Certificate p;
    EXPECT_EQ(parse_row("85", v, Methodology::kPython, p), std::nullopt) << v;
    EXPECT_TRUE(std::isinf(p.energy)) << v;
  }
  Certificate c;
  EXPECT_EQ(parse_row("inf", "250", Methodology::kDocumented, c), Reason::kInvalidNumber);
}

TEST(BadInput, NanNegativeZeroAndThousandsSeparators) {
  Certificate c;
  // NaN is one of pandas' null tokens: a null, not a malformed number.
  EXPECT_EQ(parse_row("85", "NaN", Methodology::kDocumented, c), std::nullopt);
  EXPECT_TRUE(c.is_null(kEnergyCurrent));
  EXPECT_TRUE(std::isnan(c.energy));
  // -0 is a number (zero).
  EXPECT_EQ(parse_row("85", "-0", Methodology::kDocumented, c), std::nullopt);
  EXPECT_EQ(c.energy, 0.0);
  // A thousands separator or an out-of-range exponent is not a number.
  EXPECT_EQ(parse_row("1,234", "250", Methodology::kDocumented, c), Reason::kInvalidNumber);
  EXPECT_EQ(parse_row("85", "1e999", Methodology::kDocumented, c), Reason::kInvalidNumber);
  EXPECT_EQ(parse_row("1,234", "250", Methodology::kPython, c), std::nullopt);
  EXPECT_TRUE(std::isnan(c.floor_area));
}

TEST(BadInput, ImpossibleDatesAreNull) {
  for (const char* d : {"2021-02-30", "2021-13-01", "2021-00-10", "2021-04-31", "2023-02-29",
                        "20-06-2021", "2021-6-1", "not a date", "2021-06-01x"})
    EXPECT_EQ(parse_date(d), std::nullopt) << d;
  EXPECT_EQ(parse_date("2024-02-29"), days_from_civil(2024, 2, 29));
  EXPECT_EQ(parse_date("2021-06-01 00:00:00"), days_from_civil(2021, 6, 1));
}

namespace {

std::string config_error(const std::string& yaml) {
  ConfigOverrides o;
  o.use_environment = false;
  try {
    load_config_text(yaml, "site.yaml", o);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

// Found by fuzz_config (tests/fuzz/corpus/config/regression-complex-key.yaml): a YAML
// complex key escaped as a yaml-cpp conversion exception (exit 1, no file named).
TEST(BadInput, ConfigKeysMustBePlainNames) {
  EXPECT_EQ(config_error("spatial:\n  grid:\n    ? [cell, size]\n    : 125\n"),
            "site.yaml:3: a key must be a plain name, not a list");
  EXPECT_EQ(config_error("? {a: 1}\n: x\n"), "site.yaml:1: a key must be a plain name, not a map");
  std::ifstream in(std::string(HEATSTREET_SOURCE_DIR) +
                   "/tests/fuzz/corpus/config/regression-complex-key.yaml");
  std::stringstream found;
  found << in.rdbuf();
  ASSERT_FALSE(found.str().empty());
  EXPECT_EQ(config_error(found.str()), "site.yaml:62: a key must be a plain name, not a map");
  EXPECT_EQ(config_error("run:\n  chunk_size: 1000\n"), "");
}
