#pragma once
// The dwelling model of the synthetic register: what a dwelling is (type, form, age,
// fabric, heating, tenure) and its certificates' ratings and dates. A dwelling is a pure
// function of (seed, dwelling id); its certificates are rows of the register.
#include <cstddef>
#include <cstdint>
#include <string>

#include "heatstreet/synth/detail.hpp"

namespace heatstreet::synth::detail {

// A wall description with its weight and its WALLS_ENERGY_EFF.
struct WallOption {
  const char* text;
  double w;
  const char* eff;
};

// Heating classes drive fuel, controls and hot water.
enum HeatClass {
  kGasBoiler,
  kGasUnderfloor,
  kStorage,
  kElecRoom,
  kGasRoom,
  kHeatPump,
  kCommunity,
  kOil,
  kWarmAir,
  kNoSystem
};

struct Dwelling {
  const char* property_type;
  const char* built_form;
  std::string age_band;
  int age_index;  // 0..11 band index; 12 bare year; 13 NO DATA!; 14 INVALID!
  bool house, flat;
  StockReason stock;
  bool has_uprn;
  std::uint64_t uprn;
  std::uint64_t building_ref;
  Defect defect;
  std::uint64_t postcode;  // local index
  int house_number, flat_number;
  std::uint64_t street_key;
  double tfa;
  int rooms;
  const WallOption* walls;
  const char* floor;
  int heat;
  int tenure;  // 0 owner, 1 private, 2 social, 3 unknown
  const char* tenure_unknown_text;
  int sap[3];    // SAP of certificate i, 0 = the latest
  long date[3];  // lodgement of certificate i, days since 2008-01-01
  double floor_height;
  int extensions;
  int fireplaces;
  int top_storey;
};

// Dwelling `id` of authority k, with `count` certificates in the data set.
void make_dwelling(const Plan& plan, std::size_t k, std::uint64_t id, int count, Dwelling& d);

}  // namespace heatstreet::synth::detail
