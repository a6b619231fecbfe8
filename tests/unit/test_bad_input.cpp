// Messages for input that is not a register file at all: they must send users to the
// real cause (docs/operations.md, bad-data catalogue).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "heatstreet/epc_record.hpp"
#include "heatstreet/error.hpp"

using namespace heatstreet;
using namespace heatstreet::epc;

namespace {

std::string schema_error(const std::vector<std::string_view>& header) {
  try {
    make_schema(header, Methodology::kDocumented, "data/la.csv");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(BadInput, SemicolonSeparatedHeaderNamesTheSeparator) {
  const std::string m = schema_error({"LMK_KEY;POSTCODE;TOTAL_FLOOR_AREA"});
  EXPECT_NE(m.find("data/la.csv: required column CERTIFICATE_NUMBER or LMK_KEY is missing"), std::string::npos) << m;
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
