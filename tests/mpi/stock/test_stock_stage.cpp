// The stock characterisation over 1-4 ranks gives the same tables, to the last bit, as
// one process holding every dwelling (a one-rank communicator) and as the plain
// LocalReducer: exact medians, percentiles, standard deviations and sums, key unions,
// distinct counts and the case-street rows.
#include <gtest/gtest.h>
#include <mpi.h>

#include <cmath>

#include "heatstreet/core/csv_table.hpp"
#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/ingest/dwelling_record.hpp"
#include "heatstreet/ingest/register_text.hpp"
#include "heatstreet/stock/stock_stage.hpp"

using namespace heatstreet;

namespace {

// Deterministic pseudo-random value of (row, field).
std::uint64_t mix(std::uint64_t row, std::uint64_t field) {
  std::uint64_t x = row * 0x9E3779B97F4A7C15ull + field * 0xBF58476D1CE4E5B9ull + 7;
  x ^= x >> 31;
  x *= 0x94D049BB133111EBull;
  x ^= x >> 29;
  return x;
}

// Rows [begin, end) of a synthetic stock of dwellings with every column ingest makes.
Table stock_rows(std::size_t begin, std::size_t end) {
  Table t = ingest::make_dwelling_table();
  const std::size_t n = end - begin;
  for (Column& c : t.columns())
    std::visit(
        [&](auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, StringColumn>) {
            for (std::size_t i = 0; i < n; ++i) {
              const std::size_t r = begin + i;
              std::string s;
              if (c.info.name == dwelling::kCertificateNumber.name)
                s = "C" + std::to_string(r % 2900);  // some repeats
              else if (c.info.name == dwelling::kAddress.name)
                s = std::to_string(r % 97) +
                    (mix(r, 1) % 40 == 0 ? " Shakespeare Crescent" : " Other Road");
              else if (c.info.name == dwelling::kLocalAuthority)
                s = "E0900000" + std::to_string(mix(r, 2) % 7);
              else if (c.info.name == dwelling::kLocalAuthorityName)
                s = "Borough " + std::to_string(mix(r, 2) % 7);
              v.push_back(s);
            }
          } else {
            v.resize(n);
          }
        },
        c.data);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t r = begin + i;
    auto u8 = [&](const char* name, std::uint64_t mod, std::uint64_t f) {
      t.get<std::uint8_t>(name)[i] = static_cast<std::uint8_t>(mix(r, f) % mod);
    };
    t.get<std::int64_t>(dwelling::kUprn)[i] = static_cast<std::int64_t>(r);
    t.get<std::int32_t>(dwelling::kSourceFile)[i] = static_cast<std::int32_t>(r / 1000);
    t.get<std::int64_t>(dwelling::kSourceLine)[i] = static_cast<std::int64_t>(r % 1000 + 2);
    u8(dwelling::kCurrentBand, 8, 3);  // 7 = unknown band now and then
    if (t.get<std::uint8_t>(dwelling::kCurrentBand)[i] == 7)
      t.get<std::uint8_t>(dwelling::kCurrentBand)[i] = kUnknownCode;
    // Ties on purpose: SAP in whole points, intensity in steps of 0.5.
    t.get<double>(dwelling::kCurrentSap)[i] =
        mix(r, 4) % 50 == 0 ? NAN : double(mix(r, 4) % 90 + 5);
    t.get<double>(dwelling::kFloorArea)[i] = 30 + double(mix(r, 5) % 2000) / 10;
    t.get<double>(dwelling::kEnergyIntensity)[i] = double(mix(r, 6) % 800) / 2;
    t.get<double>(dwelling::kCo2)[i] = double(mix(r, 7) % 1000) / 100;
    u8(dwelling::kHeatingSystem, 5, 8);
    u8(dwelling::kWallType, 7, 9);
    u8(dwelling::kWallInsulation, 6, 10);
    u8(dwelling::kWallInsulated, 2, 11);
    t.get<float>(dwelling::kRoofThickness)[i] =
        mix(r, 12) % 5 == 0 ? NAN : float(mix(r, 12) % 35 * 10);
    u8(dwelling::kRoofCategory, 6, 13);
    u8(dwelling::kFloorInsulation, 4, 14);
    t.get<std::uint8_t>(dwelling::kFloorInsulationPresent)[i] =
        mix(r, 15) % 3 == 2 ? kUnknownCode : static_cast<std::uint8_t>(mix(r, 15) % 3);
    u8(dwelling::kGlazing, 5, 16);
    u8(dwelling::kVentilation, 6, 17);
    u8(dwelling::kTenure, 4, 18);
    u8(dwelling::kHasTrv, 2, 19);
    u8(dwelling::kHasProgrammer, 2, 20);
    u8(dwelling::kHasRoomThermostat, 2, 21);
    u8(dwelling::kHasSmartControls, 2, 22);
    t.get<std::uint8_t>(dwelling::kRoofText)[i] = static_cast<std::uint8_t>(mix(r, 23) % 128);
    u8(dwelling::kRoofRating, 6, 24);
    u8(dwelling::kHotWater, 5, 25);
    t.get<std::int32_t>(dwelling::kRecordedFields)[i] =
        static_cast<std::int32_t>(mix(r, 26) % 4096);
  }
  return t;
}

std::string all_csv(const stock::StockResult& r) {
  std::string s;
  for (const auto* group : {&r.archetypes, &r.readiness, &r.reports})
    for (const auto& t : *group) s += "## " + t.name + "\n" + table_csv(t.table);
  return s;
}

}  // namespace

TEST(StockStage, TablesIdenticalForAnyRankCount) {
  const Comm comm;
  const Comm self(MPI_COMM_SELF);
  constexpr std::size_t kRows = 3000;
  // Uneven slices: rank k holds a share growing with k.
  const std::size_t P = static_cast<std::size_t>(comm.size());
  const std::size_t k = static_cast<std::size_t>(comm.rank());
  const std::size_t total_w = P * (P + 1) / 2;
  const std::size_t begin = kRows * (k * (k + 1) / 2) / total_w;
  const std::size_t end = kRows * ((k + 1) * (k + 2) / 2) / total_w;

  for (Methodology m : {Methodology::kDocumented, Methodology::kPython}) {
    Config cfg;
    cfg.model.methodology = m;
    const scenario::ScenarioModel model(scenario_settings(cfg));
    const std::vector<std::pair<std::string, std::int64_t>> counters{{"total_records", 3500},
                                                                     {"records_passed", 3000}};
    Table part = stock_rows(begin, end);
    const StockSettings settings = stock_settings(cfg);
    const stock::StockResult spread = stock::run(part, settings, model, comm, counters);
    Table whole = stock_rows(0, kRows);
    const stock::StockResult one = stock::run(whole, settings, model, self, counters);
    const std::string a = all_csv(spread), b = all_csv(one);
    EXPECT_EQ(a, b);
    // The plain one-process reducer agrees too.
    const stock::StockResult local = stock::characterise(whole, settings, LocalReducer(), counters);
    EXPECT_EQ(all_csv(local), b);
    // Numbers the test can check independently: repeated certificate numbers, and the
    // case street found on every rank.
    EXPECT_EQ(one.headline.dwellings, static_cast<std::int64_t>(kRows));
    EXPECT_GT(one.headline.case_street_dwellings, 0);
    EXPECT_NE(b.find("certificate_numbers_repeated,100,"), std::string::npos);
  }
}
