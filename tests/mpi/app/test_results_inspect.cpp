// `inspect`: the figures it prints for a small results file written by all ranks, and
// its refusals (exit codes and messages) for files that are not complete results.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "heatstreet/app/inspect_command.hpp"
#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/error.hpp"
#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/output/results_writer.hpp"
#include "heatstreet/parallel/comm.hpp"

using namespace heatstreet;
namespace fs = std::filesystem;

namespace {

std::string shared_dir(const Comm& comm) {
  std::string p;
  if (comm.root()) {
    char tmpl[] = "/tmp/heatstreet-inspect-XXXXXX";
    p = mkdtemp(tmpl);
  }
  return comm.bcast(p);
}

// Ten dwellings (global order): tiers 1,1,2,3,3,3,4,5,5,unknown; authorities
// E09000001 ×4, E09000002 ×3, E09000003 ×3. Scenario heat_pump: capital cost
// 1000 × (i + 1) (sum 55,000), bill savings 10 × i (mean 45.00), payback i + 0.5 with
// row 9 NaN (median of 0.5..8.5 = 4.5), CO2 reduction 100 kg each (1.0 t), bands
// after C for rows 0-5, B for 6-8, unknown for row 9.
void write_example(const std::string& path, const Comm& comm, bool finish) {
  const std::uint8_t tiers[10] = {1, 1, 2, 3, 3, 3, 4, 5, 5, 255};
  const char* las[10] = {"E09000001", "E09000002", "E09000001", "E09000003", "E09000001",
                         "E09000002", "E09000003", "E09000001", "E09000002", "E09000003"};
  // Rank r holds rows [r * 10 / size, (r + 1) * 10 / size).
  const std::size_t b =
      static_cast<std::size_t>(comm.rank()) * 10 / static_cast<std::size_t>(comm.size());
  const std::size_t e =
      static_cast<std::size_t>(comm.rank() + 1) * 10 / static_cast<std::size_t>(comm.size());
  Table p, s;
  auto& la = p.add_strings({dwelling::kLocalAuthority, "", "GSS code", {}});
  auto& tier = p.add<std::uint8_t>({dwelling::kHeatNetworkTier, "", "tier", {}});
  auto& cost = s.add<double>({"capital_cost_gbp", "GBP", "capital cost", {}});
  auto& sav = s.add<double>({"annual_bill_savings_gbp", "GBP/yr", "bill savings", {}});
  auto& pay = s.add<double>({"simple_payback_years", "years", "payback", {}});
  auto& co2 = s.add<double>({"co2_reduction_kg", "kg/yr", "CO2 saved", {}});
  auto& band = s.add<std::uint8_t>({"epc_band_after", "", "band", band_labels()});
  for (std::size_t i = b; i < e; ++i) {
    la.push_back(las[i]);
    tier.push_back(tiers[i]);
    cost.push_back(1000.0 * static_cast<double>(i + 1));
    sav.push_back(10.0 * static_cast<double>(i));
    pay.push_back(i == 9 ? std::nan("") : static_cast<double>(i) + 0.5);
    co2.push_back(100.0);
    band.push_back(i == 9 ? 255 : i <= 5 ? 2 : 1);
  }
  ResultsWriter w(path, comm, 4);
  w.write_attribute("/", "version", "9.9.9");
  w.write_attribute("/", "ranks", comm.size());
  w.write_table("/properties", p);
  w.write_table("/scenarios/heat_pump", s);
  w.write_table("/scenarios/fabric", s);
  if (finish) w.finish();
}

// The text with runs of spaces squeezed to one, so checks do not depend on widths.
std::string squeeze(const std::string& s) {
  std::string out;
  for (char c : s)
    if (!(c == ' ' && !out.empty() && out.back() == ' ')) out += c;
  return out;
}

int inspect_error(const std::string& path, const std::string& scenario, std::string* message) {
  std::ostringstream out;
  try {
    inspect_results(path, scenario, out);
  } catch (const Error& e) {
    *message = e.what();
    return e.exit_code();
  }
  return 0;
}

}  // namespace

TEST(Inspect, PrintsTheFiguresOfASmallFile) {
  Comm comm;
  const std::string dir = shared_dir(comm);
  write_example(dir + "/results.h5", comm, true);
  if (comm.root()) {
    std::ostringstream out;
    EXPECT_EQ(inspect_results(dir + "/results.h5", "", out), 0);
    const std::string s = squeeze(out.str());
    EXPECT_NE(s.find("Version 9.9.9 (revision -)"), std::string::npos) << s;
    EXPECT_NE(s.find("Dwellings: 10\n"), std::string::npos) << s;
    EXPECT_NE(s.find("Tier 3 3 30.0%"), std::string::npos) << s;
    EXPECT_NE(s.find("unknown 1 10.0%"), std::string::npos) << s;
    EXPECT_NE(s.find("E09000001 4 40.0%"), std::string::npos) << s;
    // heat_pump: 10 dwellings, 55,000 GBP, mean savings 45.00, median payback 4.5, 1.0 t.
    EXPECT_NE(s.find("heat_pump 10 55,000 45.00 4.5 1.0\n"), std::string::npos) << s;

    std::ostringstream detail;
    inspect_results(dir + "/results.h5", "heat_pump", detail);
    const std::string d = squeeze(detail.str());
    EXPECT_NE(d.find("Scenario heat_pump: 10 dwellings"), std::string::npos) << d;
    // Payback: 9 finite values, mean 4.50, min 0.50, max 8.50.
    EXPECT_NE(d.find("simple_payback_years years 9 4.50 0.50 8.50\n"), std::string::npos) << d;
    EXPECT_NE(d.find("C 6 60.0%"), std::string::npos) << d;
    EXPECT_NE(d.find("unknown 1 10.0%"), std::string::npos) << d;
    EXPECT_NE(d.find("epc_band_after 9 (codes)"), std::string::npos) << d;
  }
  comm.barrier();
  if (comm.root()) fs::remove_all(dir);
}

TEST(Inspect, RefusesFilesThatAreNotCompleteResults) {
  Comm comm;
  const std::string dir = shared_dir(comm);
  write_example(dir + "/unfinished.h5", comm, false);
  {
    ResultsWriter w(dir + "/other.h5", comm, 0);
    w.write_attribute("/", "note", "not results");
    w.finish();
  }
  write_example(dir + "/results.h5", comm, true);
  if (comm.root()) {
    std::ofstream(dir + "/text.h5") << "certificate_number,uprn\n1,2\n";
    std::string m;
    EXPECT_EQ(inspect_error(dir + "/text.h5", "", &m), 3);
    EXPECT_EQ(m, dir + "/text.h5: not an HDF5 file");
    EXPECT_EQ(inspect_error(dir + "/missing.h5", "", &m), 3);
    EXPECT_NE(m.find("no such results file"), std::string::npos) << m;
    EXPECT_EQ(inspect_error(dir + "/other.h5", "", &m), 3);
    EXPECT_EQ(m, dir + "/other.h5: not a HeatStreet results file (no /properties group)");
    EXPECT_EQ(inspect_error(dir + "/unfinished.h5", "", &m), 3);
    EXPECT_EQ(m, dir + "/unfinished.h5: incomplete: the run that wrote it did not finish");
    EXPECT_EQ(inspect_error(dir + "/results.h5", "district", &m), 2);
    EXPECT_EQ(m, dir + "/results.h5: no scenario 'district'; available: fabric, heat_pump");
  }
  comm.barrier();
  if (comm.root()) fs::remove_all(dir);
}
