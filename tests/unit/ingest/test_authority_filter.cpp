// The local-authority filter: a London borough given by code or by name keeps the rows
// that name it either way, whichever borough column the register has (data validation
// spec §2.3: the predecessor's table holds both). Register data with
// LOCAL_AUTHORITY_LABEL holds names; the shipped configuration lists codes.
#include <gtest/gtest.h>

#include <string>

#include "feed_register.hpp"
#include "heatstreet/ingest/certificate_builder.hpp"

using namespace heatstreet;
using namespace heatstreet::ingest;

namespace {
const char* kHeader =
    "LMK_KEY,ADDRESS,POSTCODE,LOCAL_AUTHORITY_LABEL,LOCAL_AUTHORITY,PROPERTY_TYPE,BUILT_FORM,"
    "CONSTRUCTION_AGE_BAND,LODGEMENT_DATE,TOTAL_FLOOR_AREA,CURRENT_ENERGY_RATING,"
    "CURRENT_ENERGY_EFFICIENCY,ENERGY_CONSUMPTION_CURRENT,CO2_EMISSIONS_CURRENT,"
    "WALLS_DESCRIPTION,MAINHEAT_DESCRIPTION\n";

std::string row(const std::string& k, const std::string& label, const std::string& code) {
  return "K" + k + ",\"" + k + " Upper Street\",N1 0PN," + label + "," + code +
         ",House,Mid-Terrace,England and Wales: before 1900,2020-06-01,85,D,60,250,3.0,"
         "\"Solid brick, as built\",\"Boiler and radiators, mains gas\"\n";
}

std::int64_t kept(Methodology m, const std::vector<std::string>& authorities) {
  Config c;
  c.model.methodology = m;
  c.filters.local_authorities = authorities;
  CertificateBuilder b(ingest_settings(c));
  const std::string text = std::string(kHeader) + row("1", "Islington", "E09000019") +
                           row("2", "Camden", "") + row("3", "Cardiff", "W06000015") +
                           row("4", "ISLINGTON ", "");
  test_support::feed_register(b, text, "la.csv");
  return b.counters()[kValidated];
}
}  // namespace

TEST(AuthorityFilter, LondonCodesAlsoMatchTheirNames) {
  for (Methodology m : {Methodology::kDocumented, Methodology::kPython}) {
    // Codes configured, names in the first borough column: 1, 2 and 4 are kept.
    EXPECT_EQ(kept(m, {"E09000019", "E09000007"}), 3) << to_string(m);
    // Names configured: the same rows.
    EXPECT_EQ(kept(m, {"islington", "Camden"}), 3) << to_string(m);
  }
  // An authority outside the table matches only what is written.
  EXPECT_EQ(kept(Methodology::kPython, {"W06000015"}), 0);
  EXPECT_EQ(kept(Methodology::kDocumented, {"W06000015"}), 1);
  EXPECT_EQ(kept(Methodology::kPython, {"Cardiff"}), 1);
}
