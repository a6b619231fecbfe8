// CSV tables: a header, code labels, declared precision, and write failures as exit 4.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>

#include "heatstreet/core/csv_table.hpp"
#include "heatstreet/core/error.hpp"

using namespace heatstreet;

TEST(CsvWriter, TableWithEveryColumnKind) {
  Table t;
  auto& name = t.add_strings({"local_authority_name", "", "", {}});
  auto& n = t.add<std::int64_t>({"dwellings", "", "", {}});
  auto& cost = t.add<double>({"capital_cost_gbp", "GBP", "", {}});
  auto& band = t.add<std::uint8_t>({"epc_band_after", "", "", {"A", "B", "C"}});
  auto& flag = t.add<std::uint8_t>({"hn_ready", "", "", {}});
  name.push_back("Kensington and Chelsea");
  n.push_back(12);
  cost.push_back(1.5e9);
  band.push_back(2);
  flag.push_back(1);
  name.push_back("Barking, \"East\"");
  n.push_back(-1);
  cost.push_back(std::nan(""));
  band.push_back(255);
  flag.push_back(0);
  std::ostringstream out;
  write_csv(out, t);
  EXPECT_EQ(out.str(),
            "local_authority_name,dwellings,capital_cost_gbp,epc_band_after,hn_ready\n"
            "Kensington and Chelsea,12,1500000000,C,1\n"
            "\"Barking, \"\"East\"\"\",-1,,,0\n");
}

TEST(CsvWriter, UnwritablePathIsAnOutputError) {
  try {
    write_csv_file("/nonexistent/tables/summary.csv", Table{});
    FAIL();
  } catch (const OutputError& e) {
    EXPECT_EQ(e.exit_code(), 4);
    EXPECT_NE(std::string(e.what()).find("/nonexistent/tables/summary.csv"), std::string::npos);
  }
}

TEST(CsvWriter, ColumnsWithDeclaredDigitsUseThem) {
  Table t;
  auto& total = t.add<double>({"capital_cost_total", "GBP", "", {}, 17});
  auto& share = t.add<double>({"share", "", "", {}});
  total.push_back(0.1);
  share.push_back(0.1);
  std::ostringstream out;
  write_csv(out, t);
  EXPECT_EQ(out.str(), "capital_cost_total,share\n0.10000000000000001,0.1\n");
}
