#pragma once
// Dwelling tables for scenario tests: the golden dwelling P1 of the scenario-model spec
// (§13.1) and a deterministic synthetic stock.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/table.hpp"
#include "heatstreet/core/vocabulary.hpp"

namespace heatstreet::fixtures {

struct DwellingRow {
  std::string id;
  double floor_area, intensity, sap;
  std::uint8_t band, wall_type, wall_insulated, glazing, tier, hn_ready;
  std::string local_authority = "E09000019";
  std::uint8_t heating_system = static_cast<std::uint8_t>(HeatingSystem::kGasBoiler);
};

// P1: 90 m2, 300 kWh/m2/yr, band E / SAP 48, solid brick uninsulated, single glazed, tier 5,
// gas boiler.
inline DwellingRow golden_p1() { return {"GOLDEN-0001", 90, 300, 48, 4, 0, 0, 0, 5, 0}; }

inline Table dwellings_table(const std::vector<DwellingRow>& rows) {
  Table t;
  auto& id = t.add_strings({dwelling::kCertificateNumber, "", "", {}});
  auto& la = t.add_strings({dwelling::kLocalAuthority, "", "", {}});
  auto& area = t.add<double>({dwelling::kFloorArea, "m2", "", {}});
  auto& intensity = t.add<double>({dwelling::kEnergyIntensity, "kWh/m2/yr", "", {}});
  auto& sap = t.add<double>({dwelling::kCurrentSap, "", "", {}});
  auto& band = t.add<std::uint8_t>({dwelling::kCurrentBand, "", "", band_labels()});
  auto& wall = t.add<std::uint8_t>({dwelling::kWallType, "", "", wall_type_labels()});
  auto& ins = t.add<std::uint8_t>({dwelling::kWallInsulated, "", "", {}});
  auto& glazing = t.add<std::uint8_t>({dwelling::kGlazing, "", "", glazing_labels()});
  auto& tier = t.add<std::uint8_t>({dwelling::kHeatNetworkTier, "", "", {}});
  auto& hn = t.add<std::uint8_t>({dwelling::kHnReady, "", "", {}});
  auto& heating = t.add<std::uint8_t>({dwelling::kHeatingSystem, "", "", heating_system_labels()});
  for (const auto& r : rows) {
    id.push_back(r.id);
    la.push_back(r.local_authority);
    area.push_back(r.floor_area);
    intensity.push_back(r.intensity);
    sap.push_back(r.sap);
    band.push_back(r.band);
    wall.push_back(r.wall_type);
    ins.push_back(r.wall_insulated);
    glazing.push_back(r.glazing);
    tier.push_back(r.tier);
    hn.push_back(r.hn_ready);
    heating.push_back(r.heating_system);
  }
  return t;
}

// A deterministic stock of n dwellings (row i depends only on i), covering every band,
// wall type, glazing, tier, heating system and a few local authorities; some SAP, bands and
// heating systems unknown.
inline std::vector<DwellingRow> synthetic_rows(std::size_t begin, std::size_t end) {
  static const char* las[] = {"E09000001", "E09000007", "E09000019", "E09000033"};
  std::vector<DwellingRow> rows;
  for (std::size_t i = begin; i < end; ++i) {
    std::uint64_t h = i * 0x9E3779B97F4A7C15ull + 12345;
    auto next = [&h] {
      h ^= h >> 31;
      h *= 0xBF58476D1CE4E5B9ull;
      h ^= h >> 29;
      return h;
    };
    DwellingRow r;
    r.id = "SYN-" + std::to_string(i);
    r.floor_area = 30 + static_cast<double>(next() % 3000) / 10.0;  // 30-330 m2
    r.intensity = static_cast<double>(next() % 5000) / 10.0;        // 0-500 kWh/m2/yr
    r.sap = 1 + static_cast<double>(next() % 990) / 10.0;           // 1-100
    if (i % 97 == 5) r.sap = std::numeric_limits<double>::quiet_NaN();
    r.band = (i % 53 == 7) ? kUnknownCode : static_cast<std::uint8_t>(next() % 7);
    r.wall_type = static_cast<std::uint8_t>(next() % 7);
    r.wall_insulated = static_cast<std::uint8_t>(next() % 2);
    r.glazing = static_cast<std::uint8_t>(next() % 5);
    r.tier = static_cast<std::uint8_t>(1 + next() % 5);
    r.hn_ready = r.tier <= 3 ? 1 : 0;
    r.local_authority = las[next() % 4];
    r.heating_system =
        (i % 61 == 11) ? kUnknownCode : static_cast<std::uint8_t>(next() % 5);  // every class
    rows.push_back(r);
  }
  return rows;
}

}  // namespace heatstreet::fixtures
