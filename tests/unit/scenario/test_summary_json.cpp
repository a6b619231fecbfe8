// A scenario summary kept in the run state comes back exactly (NaN included), so a
// resumed run reports what the interrupted one computed.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "heatstreet/scenario/summary_json.hpp"

using namespace heatstreet::scenario;

TEST(SummaryJson, RoundTripsExactly) {
  ScenarioSummary s;
  s.id = "heat_pump";
  s.label = "Heat pump";
  s.measures = {"ashp_installation"};
  s.published = true;
  SummaryGroup g;
  g.dimension = "all";
  g.values = {{"capital_cost_total", "GBP", 0.1 + 0.2, ""},
              {"median_payback", "years", std::numeric_limits<double>::quiet_NaN(), ""},
              {"status", "", std::numeric_limits<double>::quiet_NaN(), "valid"}};
  s.groups.push_back(g);
  SubsidyRow r;
  r.subsidy_pct = 25;
  r.payback_years = 1.0 / 3.0;
  r.properties_upgraded = 42;
  r.narrative = "text";
  s.subsidy.push_back(r);
  const ScenarioSummary t = summary_from_json(nlohmann::json::parse(to_json(s).dump()));
  EXPECT_EQ(t.id, s.id);
  EXPECT_EQ(t.groups[0].values[0].value, 0.1 + 0.2);  // bit for bit
  EXPECT_TRUE(std::isnan(t.groups[0].values[1].value));
  EXPECT_EQ(t.groups[0].values[2].text, "valid");
  EXPECT_EQ(t.subsidy[0].payback_years, 1.0 / 3.0);
  EXPECT_EQ(t.subsidy[0].properties_upgraded, 42);
  EXPECT_TRUE(t.published);
}
