// Row generation of the synthetic register: the plan (rows and postcodes per local
// authority), the dwelling and certificate model, the vocabularies of the register and the
// injected defects. Every value is a pure function of (seed, index), see synth_detail.hpp.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "heatstreet/core/error.hpp"
#include "heatstreet/synth/detail.hpp"

namespace heatstreet::synth {

const std::vector<std::string>& certificate_columns() {
  static const std::vector<std::string> columns = {"LMK_KEY",
                                                   "ADDRESS1",
                                                   "ADDRESS2",
                                                   "ADDRESS3",
                                                   "POSTCODE",
                                                   "BUILDING_REFERENCE_NUMBER",
                                                   "CURRENT_ENERGY_RATING",
                                                   "POTENTIAL_ENERGY_RATING",
                                                   "CURRENT_ENERGY_EFFICIENCY",
                                                   "POTENTIAL_ENERGY_EFFICIENCY",
                                                   "PROPERTY_TYPE",
                                                   "BUILT_FORM",
                                                   "INSPECTION_DATE",
                                                   "LOCAL_AUTHORITY",
                                                   "CONSTITUENCY",
                                                   "COUNTY",
                                                   "LODGEMENT_DATE",
                                                   "TRANSACTION_TYPE",
                                                   "ENVIRONMENT_IMPACT_CURRENT",
                                                   "ENVIRONMENT_IMPACT_POTENTIAL",
                                                   "ENERGY_CONSUMPTION_CURRENT",
                                                   "ENERGY_CONSUMPTION_POTENTIAL",
                                                   "CO2_EMISSIONS_CURRENT",
                                                   "CO2_EMISS_CURR_PER_FLOOR_AREA",
                                                   "CO2_EMISSIONS_POTENTIAL",
                                                   "LIGHTING_COST_CURRENT",
                                                   "LIGHTING_COST_POTENTIAL",
                                                   "HEATING_COST_CURRENT",
                                                   "HEATING_COST_POTENTIAL",
                                                   "HOT_WATER_COST_CURRENT",
                                                   "HOT_WATER_COST_POTENTIAL",
                                                   "TOTAL_FLOOR_AREA",
                                                   "ENERGY_TARIFF",
                                                   "MAINS_GAS_FLAG",
                                                   "FLOOR_LEVEL",
                                                   "FLAT_TOP_STOREY",
                                                   "FLAT_STOREY_COUNT",
                                                   "MAIN_HEATING_CONTROLS",
                                                   "MULTI_GLAZE_PROPORTION",
                                                   "GLAZED_TYPE",
                                                   "GLAZED_AREA",
                                                   "EXTENSION_COUNT",
                                                   "NUMBER_HABITABLE_ROOMS",
                                                   "NUMBER_HEATED_ROOMS",
                                                   "LOW_ENERGY_LIGHTING",
                                                   "NUMBER_OPEN_FIREPLACES",
                                                   "HOTWATER_DESCRIPTION",
                                                   "HOT_WATER_ENERGY_EFF",
                                                   "HOT_WATER_ENV_EFF",
                                                   "FLOOR_DESCRIPTION",
                                                   "FLOOR_ENERGY_EFF",
                                                   "FLOOR_ENV_EFF",
                                                   "WINDOWS_DESCRIPTION",
                                                   "WINDOWS_ENERGY_EFF",
                                                   "WINDOWS_ENV_EFF",
                                                   "WALLS_DESCRIPTION",
                                                   "WALLS_ENERGY_EFF",
                                                   "WALLS_ENV_EFF",
                                                   "SECONDHEAT_DESCRIPTION",
                                                   "SHEATING_ENERGY_EFF",
                                                   "SHEATING_ENV_EFF",
                                                   "ROOF_DESCRIPTION",
                                                   "ROOF_ENERGY_EFF",
                                                   "ROOF_ENV_EFF",
                                                   "MAINHEAT_DESCRIPTION",
                                                   "MAINHEAT_ENERGY_EFF",
                                                   "MAINHEAT_ENV_EFF",
                                                   "MAINHEATCONT_DESCRIPTION",
                                                   "MAINHEATC_ENERGY_EFF",
                                                   "MAINHEATC_ENV_EFF",
                                                   "LIGHTING_DESCRIPTION",
                                                   "LIGHTING_ENERGY_EFF",
                                                   "LIGHTING_ENV_EFF",
                                                   "MAIN_FUEL",
                                                   "WIND_TURBINE_COUNT",
                                                   "HEAT_LOSS_CORRIDOR",
                                                   "UNHEATED_CORRIDOR_LENGTH",
                                                   "FLOOR_HEIGHT",
                                                   "PHOTO_SUPPLY",
                                                   "SOLAR_WATER_HEATING_FLAG",
                                                   "MECHANICAL_VENTILATION",
                                                   "ADDRESS",
                                                   "LOCAL_AUTHORITY_LABEL",
                                                   "CONSTITUENCY_LABEL",
                                                   "POSTTOWN",
                                                   "CONSTRUCTION_AGE_BAND",
                                                   "LODGEMENT_DATETIME",
                                                   "TENURE",
                                                   "FIXED_LIGHTING_OUTLETS_COUNT",
                                                   "LOW_ENERGY_FIXED_LIGHT_COUNT",
                                                   "UPRN",
                                                   "UPRN_SOURCE"};
  return columns;
}

namespace detail {

double Rng::normal() {
  double u1 = uniform();
  double u2 = uniform();
  if (u1 < 1e-300) u1 = 1e-300;
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

void append_csv_field(std::string& out, std::string_view v) {
  bool quote = false;
  for (char c : v) {
    if (c == ',' || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  }
  if (!quote) {
    out.append(v.data(), v.size());
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

const char* stock_reason_name(StockReason r) {
  switch (r) {
    case StockReason::kInStock:
      return "in_stock";
    case StockReason::kOutsideLondon:
      return "outside_london";
    case StockReason::kNotHouse:
      return "not_house";
    case StockReason::kNotTerraced:
      return "not_terraced";
    case StockReason::kNotPre1930:
      return "not_pre_1930";
    default:
      return "?";
  }
}

const char* defect_name(Defect d) {
  switch (d) {
    case Defect::kNone:
      return "none";
    case Defect::kFloorAreaOutOfBounds:
      return "floor_area_out_of_bounds";
    case Defect::kFloorAreaMalformed:
      return "floor_area_malformed";
    case Defect::kEnergySlightlyNegative:
      return "energy_slightly_negative";
    case Defect::kEnergySeverelyNegative:
      return "energy_severely_negative";
    case Defect::kEnergyMalformed:
      return "energy_malformed";
    case Defect::kCo2SlightlyNegative:
      return "co2_slightly_negative";
    case Defect::kCo2SeverelyNegative:
      return "co2_severely_negative";
    case Defect::kMissingAddress:
      return "missing_address";
    case Defect::kMissingPostcode:
      return "missing_postcode";
    case Defect::kMissingEnergyRating:
      return "missing_current_energy_rating";
    case Defect::kMissingWallsDescription:
      return "missing_walls_description";
    case Defect::kMissingMainheatDescription:
      return "missing_mainheat_description";
    case Defect::kUnknownPostcode:
      return "unknown_postcode";
    case Defect::kPostcodeUnnormalised:
      return "postcode_unnormalised";
    case Defect::kAddressQuoting:
      return "address_quoting";
    default:
      return "?";
  }
}

bool defect_drops_row(Defect d) {
  switch (d) {
    case Defect::kFloorAreaOutOfBounds:
    case Defect::kFloorAreaMalformed:
    case Defect::kEnergySeverelyNegative:
    case Defect::kCo2SeverelyNegative:
    case Defect::kMissingAddress:
    case Defect::kMissingPostcode:
    case Defect::kMissingEnergyRating:
    case Defect::kMissingWallsDescription:
    case Defect::kMissingMainheatDescription:
      return true;
    default:
      return false;
  }
}

namespace {

// Streams of the counter-based generator: one per kind of object.
enum Stream : std::uint64_t {
  kStreamBlock = 0x11,
  kStreamDwelling = 0x22,
  kStreamCert = 0x33,
  kStreamFile = 0x44,
  kStreamPostcode = 0x55,
  kStreamCluster = 0x66,
  kStreamStreet = 0x77,
};

struct Weighted {
  const char* text;
  double w;
};

template <std::size_t N>
std::size_t pick_index(Rng& r, const Weighted (&list)[N]) {
  double total = 0;
  for (const auto& x : list) total += x.w;
  double u = r.uniform() * total;
  for (std::size_t i = 0; i < N; ++i) {
    if (u < list[i].w) return i;
    u -= list[i].w;
  }
  return N - 1;
}
template <std::size_t N>
const char* pick(Rng& r, const Weighted (&list)[N]) {
  return list[pick_index(r, list)].text;
}

// ---- vocabularies (spec data-validation §1.5 and §10) ---------------------------------
const Weighted kPropertyTypeLondon[] = {
    {"House", 55.0}, {"Flat", 36.0}, {"Maisonette", 5.5}, {"Bungalow", 3.0}, {"Park home", 0.5}};
const Weighted kPropertyTypeElsewhere[] = {
    {"House", 66.0}, {"Flat", 19.0}, {"Maisonette", 3.5}, {"Bungalow", 10.5}, {"Park home", 1.0}};

// Houses: ~46% terraced; with ~54% of terraced houses built before 1930 this puts about 25%
// of London house certificates in the target stock (spec §10: 183,376 of 732,887).
const Weighted kBuiltFormHouse[] = {{"Mid-Terrace", 32.0},
                                    {"End-Terrace", 11.0},
                                    {"Enclosed Mid-Terrace", 2.5},
                                    {"Enclosed End-Terrace", 1.0},
                                    {"Semi-Detached", 33.0},
                                    {"Detached", 19.0},
                                    {"NO DATA!", 1.5}};
// --stock-only: the terraced forms and pre-1930 bands alone, in the same proportions.
const Weighted kPropertyTypeStock[] = {{"House", 1.0}};
const Weighted kBuiltFormStock[] = {{"Mid-Terrace", 32.0},
                                    {"End-Terrace", 11.0},
                                    {"Enclosed Mid-Terrace", 2.5},
                                    {"Enclosed End-Terrace", 1.0}};
const Weighted kBuiltFormFlat[] = {
    {"Mid-Terrace", 30.0}, {"End-Terrace", 20.0},         {"Semi-Detached", 22.0},
    {"Detached", 18.0},    {"Enclosed Mid-Terrace", 5.0}, {"Enclosed End-Terrace", 2.0},
    {"NO DATA!", 3.0}};
const Weighted kBuiltFormBungalow[] = {{"Detached", 45.0},
                                       {"Semi-Detached", 35.0},
                                       {"Mid-Terrace", 10.0},
                                       {"End-Terrace", 8.0},
                                       {"NO DATA!", 2.0}};

// Age bands, index order; 12 = a bare year, 13 = NO DATA!, 14 = INVALID!.
const char* const kAgeBands[] = {"before 1900", "1900-1929", "1930-1949", "1950-1966",
                                 "1967-1975",   "1976-1982", "1983-1990", "1991-1995",
                                 "1996-2002",   "2003-2006", "2007-2011", "2012 onwards"};
const Weighted kAgeTerraced[] = {{"0", 26.0}, {"1", 28.0}, {"2", 14.0}, {"3", 9.0},  {"4", 7.0},
                                 {"5", 3.0},  {"6", 3.0},  {"7", 1.5},  {"8", 2.0},  {"9", 1.5},
                                 {"10", 1.0}, {"11", 1.0}, {"12", 0.5}, {"13", 1.0}, {"14", 0.5}};
const Weighted kAgeStock[] = {{"0", 26.0}, {"1", 28.0}};
const Weighted kAgeOther[] = {{"0", 7.0},  {"1", 8.0},  {"2", 20.0}, {"3", 14.0}, {"4", 12.0},
                              {"5", 7.0},  {"6", 7.0},  {"7", 4.0},  {"8", 6.0},  {"9", 5.0},
                              {"10", 4.0}, {"11", 4.0}, {"12", 1.0}, {"13", 1.0}, {"14", 0.5}};

// Bands A..G. Pre-1930 houses follow the dashboard cohort (spec §10).
const Weighted kBandPre1930[] = {{"A", 0.02},  {"B", 0.32}, {"C", 21.67}, {"D", 61.33},
                                 {"E", 14.44}, {"F", 1.51}, {"G", 0.72}};
const Weighted kBandMid[] = {{"A", 0.1},  {"B", 2.0}, {"C", 32.0}, {"D", 46.0},
                             {"E", 15.0}, {"F", 3.5}, {"G", 1.4}};
const Weighted kBandNew[] = {{"A", 1.0}, {"B", 42.0}, {"C", 48.0}, {"D", 7.0},
                             {"E", 1.5}, {"F", 0.3},  {"G", 0.2}};
const int kBandLow[] = {92, 81, 69, 55, 39, 21, 1};
const int kBandHigh[] = {100, 91, 80, 68, 54, 38, 20};

char band_of(int sap) {
  if (sap >= 92) return 'A';
  if (sap >= 81) return 'B';
  if (sap >= 69) return 'C';
  if (sap >= 55) return 'D';
  if (sap >= 39) return 'E';
  if (sap >= 21) return 'F';
  return 'G';
}

struct WallOption {
  const char* text;
  double w;
  const char* eff;
};
const WallOption kWallsPre1930[] = {
    {"Solid brick, as built, no insulation (assumed)", 96.0, "Very Poor"},
    {"Solid brick, as built, partial insulation (assumed)", 0.3, "Poor"},
    {"Solid brick, with internal insulation", 1.0, "Good"},
    {"Solid brick, with external insulation", 0.6, "Good"},
    {"Cavity wall, as built, no insulation (assumed)", 0.5, "Poor"},
    {"Cavity wall, filled cavity", 0.5, "Average"},
    {"Cavity wall, as built, insulated (assumed)", 0.4, "Good"},
    {"Timber frame, as built, no insulation (assumed)", 0.08, "Poor"},
    {"System built, as built, no insulation (assumed)", 0.07, "Very Poor"},
    {"Sandstone or limestone, as built, no insulation (assumed)", 0.05, "Very Poor"},
    {"Granite or whinstone, as built, no insulation (assumed)", 0.02, "Very Poor"},
    {"Average thermal transmittance 0.35 W/m\xC2\xB2K", 0.05, "Good"}};
const WallOption kWallsMid[] = {
    {"Cavity wall, as built, no insulation (assumed)", 42.0, "Poor"},
    {"Cavity wall, filled cavity", 33.0, "Average"},
    {"Cavity wall, as built, insulated (assumed)", 8.0, "Good"},
    {"Cavity wall, as built, partial insulation (assumed)", 3.0, "Average"},
    {"Solid brick, as built, no insulation (assumed)", 8.0, "Very Poor"},
    {"System built, as built, no insulation (assumed)", 3.0, "Poor"},
    {"Timber frame, as built, partial insulation (assumed)", 2.0, "Average"},
    {"Solid brick, with external insulation", 1.0, "Good"}};
const WallOption kWallsNew[] = {
    {"Cavity wall, as built, insulated (assumed)", 55.0, "Good"},
    {"Cavity wall, filled cavity", 12.0, "Good"},
    {"Timber frame, as built, insulated (assumed)", 10.0, "Good"},
    {"Average thermal transmittance 0.28 W/m\xC2\xB2K", 12.0, "Very Good"},
    {"Average thermal transmittance 0.18 W/m\xC2\xB2K", 6.0, "Very Good"},
    {"System built, with external insulation", 5.0, "Good"}};

template <std::size_t N>
const WallOption& pick_wall(Rng& r, const WallOption (&list)[N]) {
  double total = 0;
  for (const auto& x : list) total += x.w;
  double u = r.uniform() * total;
  for (std::size_t i = 0; i < N; ++i) {
    if (u < list[i].w) return list[i];
    u -= list[i].w;
  }
  return list[N - 1];
}

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
const char* const kMainheatText[] = {"Boiler and radiators, mains gas",
                                     "Boiler and underfloor heating, mains gas",
                                     "Electric storage heaters",
                                     "Room heaters, electric",
                                     "Room heaters, mains gas",
                                     "Air source heat pump, radiators, electric",
                                     "Community scheme",
                                     "Boiler and radiators, oil",
                                     "Warm air, mains gas",
                                     "No system present: electric heaters assumed"};
// Shares from spec §10 (houses); flats lean to electric and community heating.
const double kHeatHouse[] = {96.0, 0.5, 1.0, 1.0, 0.7, 0.25, 0.07, 0.2, 0.2, 0.08};
const double kHeatFlat[] = {72.0, 0.3, 10.0, 7.0, 1.0, 1.0, 7.0, 0.1, 1.0, 0.6};

const Weighted kControlsGas[] = {{"Programmer, room thermostat and TRVs", 55.0},
                                 {"Programmer and room thermostat", 15.0},
                                 {"Programmer, TRVs and bypass", 10.0},
                                 {"Time and temperature zone control", 5.0},
                                 {"Room thermostat only", 5.0},
                                 {"Programmer and appliance thermostats", 3.0},
                                 {"No time or thermostatic control of room temperature", 2.0},
                                 {"", 5.0}};
const Weighted kControlsStorage[] = {
    {"Manual charge control", 60.0}, {"Automatic charge control", 35.0}, {"", 5.0}};
const Weighted kControlsRoom[] = {{"Appliance thermostats", 55.0},
                                  {"No time or thermostatic control of room temperature", 40.0},
                                  {"", 5.0}};
const Weighted kControlsCommunity[] = {
    {"Charging system linked to use of community heating, programmer and TRVs", 70.0},
    {"Flat rate charging, programmer and TRVs", 25.0},
    {"", 5.0}};
const Weighted kControlsHeatPump[] = {{"Time and temperature zone control", 60.0},
                                      {"Programmer and room thermostat", 35.0},
                                      {"", 5.0}};

int controls_code(const char* text) {
  struct Code {
    const char* t;
    int c;
  };
  static const Code codes[] = {
      {"Programmer, room thermostat and TRVs", 2106},
      {"Programmer and room thermostat", 2104},
      {"Programmer, TRVs and bypass", 2107},
      {"Time and temperature zone control", 2110},
      {"Room thermostat only", 2103},
      {"Programmer and appliance thermostats", 2112},
      {"No time or thermostatic control of room temperature", 2101},
      {"Manual charge control", 2401},
      {"Automatic charge control", 2402},
      {"Appliance thermostats", 2601},
      {"Charging system linked to use of community heating, programmer and TRVs", 2306},
      {"Flat rate charging, programmer and TRVs", 2303}};
  for (const Code& c : codes) {
    if (std::strcmp(c.t, text) == 0) return c.c;
  }
  return 0;
}

const Weighted kHotWaterMain[] = {{"From main system", 86.0},
                                  {"From main system, no cylinder thermostat", 8.0},
                                  {"Gas multipoint", 3.0},
                                  {"From main system, plus solar", 1.0},
                                  {"Electric immersion, off-peak", 2.0}};
const Weighted kHotWaterElectric[] = {{"Electric immersion, off-peak", 70.0},
                                      {"Electric instantaneous at point of use", 20.0},
                                      {"Electric immersion, standard tariff", 10.0}};

struct WindowOption {
  const char* text;
  double w;
  int prop_lo, prop_hi;
  const char* eff_a;
  const char* eff_b;
  int glazing;  // 0 double, 1 single, 2 secondary, 3 triple, 4 undefined
};
// Glazing shares from spec §10: double 90.0 %, single 7.75 %, mixed 2.04 %, triple 0.18 %.
const WindowOption kWindows[] = {
    {"Fully double glazed", 78.0, 100, 100, "Average", "Good", 0},
    {"Mostly double glazing", 6.0, 70, 95, "Average", "Poor", 0},
    {"Partial double glazing", 4.0, 30, 69, "Poor", "Poor", 0},
    {"High performance glazing", 0.5, 100, 100, "Good", "Very Good", 0},
    {"Multiple glazing throughout", 1.5, 100, 100, "Average", "Good", 4},
    {"Some double glazing", 2.04, 5, 29, "Very Poor", "Poor", 0},
    {"Single glazed", 7.75, 0, 0, "Very Poor", "Very Poor", 1},
    {"Full secondary glazing", 0.8, 100, 100, "Average", "Average", 2},
    {"Fully triple glazed", 0.18, 100, 100, "Very Good", "Good", 3}};
const Weighted kGlazedDouble[] = {{"double glazing installed during or after 2002", 50.0},
                                  {"double glazing installed before 2002", 35.0},
                                  {"double glazing, unknown install date", 15.0}};
const Weighted kGlazedUndefined[] = {{"not defined", 60.0}, {"NO DATA!", 40.0}};
const Weighted kGlazedArea[] = {{"Normal", 85.0},
                                {"More Than Typical", 6.0},
                                {"Less Than Typical", 5.0},
                                {"Much More Than Typical", 1.0},
                                {"NO DATA!", 3.0}};

// Roof: ROOF_ENERGY_EFF shares from spec §10, text consistent with the rating.
const Weighted kRoofEff[] = {{"Very Poor", 39.1}, {"Poor", 4.2},      {"Average", 25.7},
                             {"Good", 25.3},      {"Very Good", 5.2}, {"N/A", 0.5}};
const Weighted kRoofVeryPoor[] = {{"Pitched, no insulation (assumed)", 40.0},
                                  {"Pitched, 12 mm loft insulation", 15.0},
                                  {"Pitched, 25 mm loft insulation", 15.0},
                                  {"Roof room(s), no insulation (assumed)", 20.0},
                                  {"Flat, no insulation (assumed)", 10.0}};
const Weighted kRoofPoor[] = {{"Pitched, 50 mm loft insulation", 40.0},
                              {"Pitched, 75 mm loft insulation", 35.0},
                              {"Pitched, limited insulation (assumed)", 25.0}};
const Weighted kRoofAverage[] = {{"Pitched, 100 mm loft insulation", 45.0},
                                 {"Pitched, 150 mm loft insulation", 35.0},
                                 {"Pitched, insulated (assumed)", 20.0}};
const Weighted kRoofGood[] = {{"Pitched, 200 mm loft insulation", 25.0},
                              {"Pitched, 250 mm loft insulation", 25.0},
                              {"Pitched, 270 mm loft insulation", 25.0},
                              {"Pitched, insulated at rafters", 12.0},
                              {"Roof room(s), insulated (assumed)", 13.0}};
const Weighted kRoofVeryGood[] = {{"Pitched, 300 mm loft insulation", 45.0},
                                  {"Pitched, 300+ mm loft insulation", 35.0},
                                  {"Average thermal transmittance 0.16 W/m\xC2\xB2K", 20.0}};

// Floor (spec §10).
const Weighted kFloorHouse[] = {{"Suspended, no insulation (assumed)", 70.0},
                                {"Solid, no insulation (assumed)", 20.0},
                                {"Suspended, insulated", 1.2},
                                {"Solid, insulated (assumed)", 1.0},
                                {"Suspended, limited insulation (assumed)", 0.8},
                                {"To unheated space, no insulation (assumed)", 2.0},
                                {"Average thermal transmittance 0.25 W/m\xC2\xB2K", 5.0}};

// Tenure groups (spec §10): owner 59.81 %, private 29.12 %, social 9.92 %, unknown 1.15 %.
const double kTenureShare[] = {59.81, 29.12, 9.92, 1.15};
const char* const kTenureOld[] = {"owner-occupied", "rental (private)", "rental (social)"};
const char* const kTenureNew[] = {"Owner-occupied", "Rented (private)", "Rented (social)"};
const Weighted kTenureUnknown[] = {
    {"unknown", 40.0},
    {"NO DATA!", 35.0},
    {"Not defined - use in the case of a new dwelling for which the intended tenure in not "
     "known. It is not to be used for an existing dwelling",
     25.0}};
const Weighted kTransactionOwner[] = {
    {"marketed sale", 60.0},  {"non marketed sale", 10.0},        {"none of the above", 10.0},
    {"ECO assessment", 8.0},  {"assessment for green deal", 4.0}, {"FiT application", 3.0},
    {"RHI application", 2.0}, {"following green deal", 1.0},      {"not sale or rental", 2.0}};
const Weighted kTransactionPrivate[] = {
    {"rental (private)", 85.0}, {"marketed sale", 10.0}, {"none of the above", 5.0}};
const Weighted kTransactionSocial[] = {
    {"rental (social)", 80.0}, {"ECO assessment", 10.0}, {"none of the above", 10.0}};
const Weighted kTransactionUnknown[] = {{"new dwelling", 60.0}, {"none of the above", 40.0}};

const Weighted kTariff[] = {{"Single", 55.0},         {"dual", 20.0},           {"Unknown", 15.0},
                            {"standard tariff", 5.0}, {"off-peak 7 hour", 3.0}, {"NO DATA!", 2.0}};
const Weighted kVentilation[] = {{"natural", 90.0},
                                 {"mechanical, extract only", 5.0},
                                 {"mechanical, supply and extract", 1.0},
                                 {"NO DATA!", 4.0}};
const Weighted kSecondHeat[] = {{"None", 70.0},
                                {"Room heaters, mains gas", 12.0},
                                {"Room heaters, electric", 10.0},
                                {"Room heaters, wood logs", 6.0},
                                {"Room heaters, coal", 2.0}};
const Weighted kFloorLevel[] = {{"Ground", 30.0}, {"1st", 25.0},      {"2nd", 15.0},
                                {"3rd", 8.0},     {"mid floor", 8.0}, {"top floor", 8.0},
                                {"NODATA!", 6.0}};
const Weighted kCorridor[] = {
    {"no corridor", 55.0}, {"unheated corridor", 30.0}, {"heated corridor", 15.0}};

const char* const kStreetFirst[] = {
    "Shakespeare", "Stapleton",  "Boundaries",  "Hoe",       "Ravensbourne", "Askew",
    "Sunnyhill",   "Birdhurst",  "Osborne",     "Victoria",  "Albert",       "Station",
    "Church",      "Park",       "Mill",        "Grove",     "Elm",          "Beech",
    "Cedar",       "Chestnut",   "Windsor",     "Clarence",  "Gladstone",    "Palmerston",
    "Cromwell",    "Nelson",     "Wellington",  "Trafalgar", "Milton",       "Tennyson",
    "Byron",       "Wordsworth", "Dickens",     "Chaucer",   "Ruskin",       "Hampden",
    "Stanley",     "Cavendish",  "Portland",    "Lansdowne", "Melbourne",    "Richmond",
    "Belmont",     "Highfield",  "Springfield", "Woodland",  "Hillside",     "Manor",
    "Priory",      "Abbey",      "Chapel",      "Market",    "Queens",       "Kings",
    "Princes",     "Alexandra",  "Mafeking",    "Ladysmith", "Brunswick",    "Hanover"};
const char* const kStreetSuffix[] = {"Road",    "Road",     "Road",  "Street",  "Street",
                                     "Avenue",  "Crescent", "Grove", "Terrace", "Place",
                                     "Gardens", "Lane",     "Rise",  "Park",    "Walk",
                                     "Way",     "Close",    "Hill",  "Vale",    "Square"};
const char* const kHouseNames[] = {"Rose Cottage", "The Old Forge", "Ivy House",
                                   "The Maltings", "Laurel Villa",  "The Coach House"};

// Days since 2008-01-01 -> civil date.
void civil_from_days(long days, int* y, int* m, int* d) {
  long z = days + 13879 + 719468;  // 13879 = days from 1970-01-01 to 2008-01-01
  long era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long yy = static_cast<long>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned dd = doy - (153 * mp + 2) / 5 + 1;
  unsigned mm = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int>(yy + (mm <= 2));
  *m = static_cast<int>(mm);
  *d = static_cast<int>(dd);
}
constexpr long kDateSpan = 6575;        // 2008-01-01 .. 2025-12-31
constexpr long kRepeatEarliest = 1461;  // 2012-01-01

void append_uint(std::string& out, std::uint64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}
void append_int(std::string& out, std::int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}
void append_padded(std::string& out, std::uint64_t v, int width) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  for (int i = static_cast<int>(r.ptr - buf); i < width; ++i) out += '0';
  out.append(buf, r.ptr);
}
// Fixed-point with up to `decimals` decimals, trailing zeros dropped ("86", "86.5").
void append_fixed(std::string& out, double v, int decimals) {
  std::int64_t scale = decimals == 1 ? 10 : decimals == 2 ? 100 : 1;
  std::int64_t q = std::llround(v * static_cast<double>(scale));
  if (q < 0) {
    out += '-';
    q = -q;
  }
  append_int(out, q / scale);
  std::int64_t frac = q % scale;
  if (frac != 0) {
    out += '.';
    if (decimals == 2) {
      out += static_cast<char>('0' + frac / 10);
      if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
    } else {
      out += static_cast<char>('0' + frac);
    }
  }
}
void append_date(std::string& out, long days) {
  int y, m, d;
  civil_from_days(days, &y, &m, &d);
  append_uint(out, static_cast<std::uint64_t>(y));
  out += '-';
  append_padded(out, static_cast<std::uint64_t>(m), 2);
  out += '-';
  append_padded(out, static_cast<std::uint64_t>(d), 2);
}
int year_of(long days) {
  int y, m, d;
  civil_from_days(days, &y, &m, &d);
  return y;
}

// Bijections that make identifiers look random but stay unique.
std::uint64_t scramble(std::uint64_t x, int bits) {
  const std::uint64_t mask = (bits >= 64) ? ~0ULL : ((1ULL << bits) - 1);
  x &= mask;
  x = (x * 0x9E3779B97F4A7C15ULL) & mask;
  x ^= x >> (bits / 2);
  x = (x * 0xBF58476D1CE4E5B9ULL) & mask;
  return x;
}

const char kInwardLetters[] = "ABDEFGHJLNPQRSTUWXYZ";  // 20 letters, no C I K M O V

void split_words(const char* s, std::vector<std::string>* out) {
  std::string cur;
  for (const char* p = s;; ++p) {
    if (*p == ' ' || *p == '\0') {
      if (!cur.empty()) out->push_back(cur);
      cur.clear();
      if (*p == '\0') break;
    } else {
      cur += *p;
    }
  }
}

}  // namespace

// =======================================================================================
// Plan
Plan::Plan(const Options& options) : options_(options) {
  std::string region;
  for (char c : options.region)
    region += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (region == "london") {
    london_only_ = true;
    places_ = &london_places();
  } else if (region == "england") {
    london_only_ = false;
    places_ = &england_wales_places();
  } else {
    throw UsageError("synth: --region must be 'london' or 'england', not '" + options.region + "'");
  }
  options_.region = region;
  if (options.n > (1ULL << 36)) throw UsageError("synth: --n is larger than 2^36");
  if (!(options.dirty_fraction >= 0.0 && options.dirty_fraction <= 0.5)) {
    throw UsageError("synth: dirty fraction must lie in [0, 0.5]");
  }
  if (options.out_dir.empty()) throw UsageError("synth: --out is required");

  const std::size_t K = places_->size();
  // Rows per authority: largest remainder on integer weights, so that every rank computes
  // exactly the same allocation.
  std::vector<std::uint64_t> w(K);
  std::uint64_t W = 0;
  for (std::size_t k = 0; k < K; ++k) {
    w[k] = static_cast<std::uint64_t>(std::llround((*places_)[k].weight * 100.0));
    W += w[k];
  }
  std::vector<std::uint64_t> rows(K);
  std::vector<std::pair<std::uint64_t, std::size_t>> rem(K);
  std::uint64_t assigned = 0;
  for (std::size_t k = 0; k < K; ++k) {
    unsigned __int128 q = static_cast<unsigned __int128>(options.n) * w[k];
    rows[k] = static_cast<std::uint64_t>(q / W);
    rem[k] = {static_cast<std::uint64_t>(q % W), k};
    assigned += rows[k];
  }
  std::stable_sort(rem.begin(), rem.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = 0; assigned < options.n; ++i, ++assigned) rows[rem[i % K].second] += 1;
  row_begin_.assign(K + 1, 0);
  for (std::size_t k = 0; k < K; ++k) row_begin_[k + 1] = row_begin_[k] + rows[k];

  // File quirks: about one file in eight has a BOM, one in eight CRLF line ends; at least
  // one of each.
  bom_.assign(K, 0);
  crlf_.assign(K, 0);
  for (std::size_t k = 0; k < K; ++k) {
    Rng r(options.seed, kStreamFile, k);
    bom_[k] = r.chance(0.125);
    crlf_[k] = r.chance(0.125);
  }
  bom_[options.seed % K] = 1;
  crlf_[(options.seed * 7 + 3) % K] = 1;

  // Postcode districts. London boroughs list theirs; elsewhere districts are numbered in
  // the authority's postcode area, shared out among the authorities of that area, and never
  // reuse a district that a London borough owns.
  std::vector<std::string> london_districts;
  for (const Place& p : london_places()) split_words(p.districts, &london_districts);
  std::sort(london_districts.begin(), london_districts.end());
  districts_.assign(K, {});
  pc_begin_.assign(K + 1, 0);
  for (std::size_t k = 0; k < K; ++k) {
    const Place& p = (*places_)[k];
    std::uint64_t want = std::max<std::uint64_t>(1, (rows[k] + 15) / 16);
    if (p.london) {
      split_words(p.districts, &districts_[k]);
    } else {
      std::size_t m = 0, rank = 0;
      for (std::size_t j = 0; j < K; ++j) {
        const Place& q = (*places_)[j];
        if (!q.london && std::strcmp(q.districts, p.districts) == 0) {
          if (j < k) ++rank;
          ++m;
        }
      }
      std::uint64_t need = std::max<std::uint64_t>(2, (want + 3599) / 3600);
      for (std::size_t num = rank + 1; num <= 99 && districts_[k].size() < need; num += m) {
        std::string d = std::string(p.districts) + std::to_string(num);
        if (!std::binary_search(london_districts.begin(), london_districts.end(), d)) {
          districts_[k].push_back(d);
        }
      }
      if (districts_[k].empty()) districts_[k].push_back(std::string(p.districts) + "99");
    }
    std::uint64_t capacity = districts_[k].size() * 3600ULL;
    pc_begin_[k + 1] = pc_begin_[k] + std::min(want, capacity);
  }

  // Defects go to single-certificate dwellings with a UPRN, which hold about 82.5% of the
  // rows; scale so that about dirty_fraction of all rows carry one.
  defect_probability_ = std::min(1.0, options.dirty_fraction / 0.825);
}

std::size_t Plan::la_of_row(std::uint64_t g) const {
  auto it = std::upper_bound(row_begin_.begin(), row_begin_.end(), g);
  return static_cast<std::size_t>(it - row_begin_.begin()) - 1;
}

std::string Plan::header_line(std::size_t k) const {
  std::string s;
  if (la_bom(k)) s += "\xEF\xBB\xBF";
  const auto& cols = certificate_columns();
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (i) s += ',';
    s += cols[i];
  }
  s += la_crlf(k) ? "\r\n" : "\n";
  return s;
}

std::string Plan::postcode(std::size_t k, std::uint64_t p, bool unknown) const {
  const auto& ds = districts_[k];
  std::string s = ds[p % ds.size()];
  s += ' ';
  std::uint64_t rest = p / ds.size();
  unsigned digit;
  std::uint64_t letters;
  if (unknown) {
    digit = 0;  // inward codes with digit 0 are never issued to known postcodes here
    letters = Rng(options_.seed, kStreamPostcode, k, p ^ 0xABCDEFULL).below(400);
  } else {
    digit = 1 + static_cast<unsigned>(rest % 9);
    letters = ((rest / 9) * 37 + 11 * k) % 400;
  }
  s += static_cast<char>('0' + digit);
  s += kInwardLetters[letters / 20];
  s += kInwardLetters[letters % 20];
  return s;
}

void Plan::cluster_centre(std::size_t k, int c, double* e, double* n) const {
  const Place& p = (*places_)[k];
  Rng r(options_.seed, kStreamCluster, k, static_cast<std::uint64_t>(c));
  double angle = 6.283185307179586 * r.uniform();
  double reach = (c == 0 ? 0.3 : 0.65) * std::sqrt(r.uniform());
  *e = p.e_km * 1000.0 + std::cos(angle) * reach * p.r_km * 1000.0;
  *n = p.n_km * 1000.0 + std::sin(angle) * reach * p.r_km * 1000.0;
}

void Plan::postcode_centroid(std::size_t k, std::uint64_t p, long* easting, long* northing) const {
  static const double kClusterWeight[kClusters] = {0.3, 0.2, 0.15, 0.15, 0.1, 0.1};
  const Place& pl = (*places_)[k];
  Rng r(options_.seed, kStreamPostcode, k, p);
  double u = r.uniform();
  int c = 0;
  while (c < kClusters - 1 && u >= kClusterWeight[c]) u -= kClusterWeight[c++];
  double ce, cn;
  cluster_centre(k, c, &ce, &cn);
  double radius = pl.r_km * 1000.0;
  double e = ce + r.normal() * 0.18 * radius;
  double n = cn + r.normal() * 0.18 * radius;
  double de = e - pl.e_km * 1000.0, dn = n - pl.n_km * 1000.0;
  double dist = std::sqrt(de * de + dn * dn);
  if (dist > radius) {
    e = pl.e_km * 1000.0 + de * 0.95 * radius / dist;
    n = pl.n_km * 1000.0 + dn * 0.95 * radius / dist;
  }
  *easting = std::lround(e);
  *northing = std::lround(n);
}

// =======================================================================================
// RowGenerator

void RowGenerator::load_block(std::size_t k, std::uint64_t b) {
  block_la_ = k;
  block_index_ = b;
  const std::uint64_t rows = plan_.la_rows(k);
  const int m = static_cast<int>(std::min<std::uint64_t>(kBlock, rows - b * kBlock));
  Rng r(plan_.seed(), kStreamBlock, k, b);
  int pos = 0;
  while (pos < m) {
    // About 7% of dwellings carry 1 or 2 older certificates (spec §10: ~8% of stock UPRNs;
    // duplicates are ~7.9% of stock rows).
    int count = 1;
    if (r.chance(0.07)) count = r.chance(0.75) ? 2 : 3;
    count = std::min(count, m - pos);
    for (int i = 0; i < count; ++i) {
      slots_[pos + i] = Slot{static_cast<std::uint8_t>(pos), static_cast<std::uint8_t>(i),
                             static_cast<std::uint8_t>(count)};
    }
    pos += count;
  }
  for (int i = m - 1; i > 0; --i) {  // scatter a dwelling's certificates within the block
    int j = static_cast<int>(r.below(static_cast<std::uint64_t>(i + 1)));
    std::swap(slots_[i], slots_[j]);
  }
}

namespace {

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
  int sap[3];
  long date[3];
  double floor_height;
  int extensions;
  int fireplaces;
  int top_storey;
};

bool is_terraced(const char* form) {
  return std::strcmp(form, "Mid-Terrace") == 0 || std::strcmp(form, "End-Terrace") == 0 ||
         std::strcmp(form, "Enclosed Mid-Terrace") == 0 ||
         std::strcmp(form, "Enclosed End-Terrace") == 0;
}

void make_dwelling(const Plan& plan, std::size_t k, std::uint64_t id, int count, Dwelling& d) {
  const Place& place = plan.places()[k];
  Rng r(plan.seed(), kStreamDwelling, id);
  const bool stock_only = plan.options().stock_only;
  if (stock_only) {
    d.property_type = pick(r, kPropertyTypeStock);
  } else {
    d.property_type = pick(r, place.london ? kPropertyTypeLondon : kPropertyTypeElsewhere);
  }
  d.house = std::strcmp(d.property_type, "House") == 0;
  d.flat =
      std::strcmp(d.property_type, "Flat") == 0 || std::strcmp(d.property_type, "Maisonette") == 0;
  if (stock_only) {
    d.built_form = pick(r, kBuiltFormStock);
  } else if (d.house) {
    d.built_form = pick(r, kBuiltFormHouse);
  } else if (d.flat) {
    d.built_form = pick(r, kBuiltFormFlat);
  } else {
    d.built_form = pick(r, kBuiltFormBungalow);
  }
  bool terraced = is_terraced(d.built_form);
  if (stock_only) {
    d.age_index = static_cast<int>(pick_index(r, kAgeStock));
  } else {
    d.age_index = static_cast<int>(pick_index(r, (d.house && terraced) ? kAgeTerraced : kAgeOther));
  }
  if (d.age_index <= 11) {
    // Most certificates carry the register's prefix; a few have the bare band.
    d.age_band = r.chance(0.93) ? "England and Wales: " : "";
    d.age_band += kAgeBands[d.age_index];
  } else if (d.age_index == 12) {
    d.age_band = std::to_string(2012 + r.between(0, 11));
  } else {
    d.age_band = d.age_index == 13 ? "NO DATA!" : "INVALID!";
  }
  bool pre1930 = d.age_index <= 1;
  if (!place.london) {
    d.stock = StockReason::kOutsideLondon;
  } else if (!d.house) {
    d.stock = StockReason::kNotHouse;
  } else if (!terraced) {
    d.stock = StockReason::kNotTerraced;
  } else if (!pre1930) {
    d.stock = StockReason::kNotPre1930;
  } else {
    d.stock = StockReason::kInStock;
  }

  // About 3% of rows have no UPRN; only single-certificate dwellings lack one.
  d.has_uprn = !(count == 1 && r.chance(0.033));
  d.uprn = 100000000000ULL + scramble(id, 36);
  d.building_ref = 1000000000ULL + scramble(id ^ 0x5555ULL, 36) % 9000000000ULL;

  d.defect = Defect::kNone;
  if (count == 1 && d.has_uprn && r.chance(plan.defect_probability())) {
    // Mix of defects (docs/synthetic-data.md); weights in per cent.
    static const Weighted kDefects[] = {{"", 20.0}, {"", 5.0}, {"", 8.0},  {"", 4.0}, {"", 5.0},
                                        {"", 5.0},  {"", 3.0}, {"", 4.0},  {"", 4.0}, {"", 4.0},
                                        {"", 4.0},  {"", 4.0}, {"", 14.0}, {"", 6.0}, {"", 10.0}};
    d.defect = static_cast<Defect>(1 + pick_index(r, kDefects));
  }

  d.postcode = r.below(plan.la_postcodes(k));
  d.street_key = d.postcode * 2 + (r.chance(0.3) ? 1 : 0);
  d.house_number = static_cast<int>(r.between(1, 180));
  d.flat_number = static_cast<int>(r.between(1, 40));

  // Floor area: lognormal, median 95 m2 for houses (spec §10), smaller for flats; kept
  // inside [26, 395] so that only the injected defects fail the [25, 400] rule.
  double median = d.house ? 95.0 : d.flat ? 62.0 : 80.0;
  d.tfa = median * std::exp(0.35 * r.normal());
  d.tfa = std::min(395.0, std::max(26.0, d.tfa));
  if (r.chance(0.55)) d.tfa = std::round(d.tfa);
  d.rooms = std::max(1, std::min(12, static_cast<int>(d.tfa / 22.0 + r.uniform() * 1.5)));

  if (d.age_index <= 1) {
    d.walls = &pick_wall(r, kWallsPre1930);
  } else if (d.age_index <= 5 || d.age_index >= 13) {
    d.walls = &pick_wall(r, kWallsMid);
  } else {
    d.walls = &pick_wall(r, kWallsNew);
  }
  if (d.flat && r.chance(0.5)) {
    d.floor = "(another dwelling below)";
  } else {
    d.floor = pick(r, kFloorHouse);
  }
  {
    const double* shares = d.flat ? kHeatFlat : kHeatHouse;
    double total = 0;
    for (int i = 0; i < 10; ++i) total += shares[i];
    double u = r.uniform() * total;
    d.heat = 9;
    for (int i = 0; i < 10; ++i) {
      if (u < shares[i]) {
        d.heat = i;
        break;
      }
      u -= shares[i];
    }
  }
  {
    double u = r.uniform() * 100.0;
    d.tenure = 3;
    for (int i = 0; i < 4; ++i) {
      if (u < kTenureShare[i]) {
        d.tenure = i;
        break;
      }
      u -= kTenureShare[i];
    }
    d.tenure_unknown_text = pick(r, kTenureUnknown);
  }

  // Latest SAP: band first, then uniform within the band (spec §10). Older certificates
  // are 3-12 points worse each.
  int band;
  if (d.age_index <= 1) {
    band = static_cast<int>(pick_index(r, kBandPre1930));
  } else if (d.age_index >= 9 && d.age_index <= 12) {
    band = static_cast<int>(pick_index(r, kBandNew));
  } else {
    band = static_cast<int>(pick_index(r, kBandMid));
  }
  d.sap[0] = static_cast<int>(r.between(kBandLow[band], kBandHigh[band]));
  for (int i = 1; i < 3; ++i)
    d.sap[i] = std::max(1, d.sap[i - 1] - static_cast<int>(r.between(3, 12)));

  // Lodgement dates 2008-2025, rising slightly towards recent years. Dwellings with older
  // certificates have their latest one in 2012 or later and strictly earlier older ones.
  double u = r.chance(0.5) ? r.uniform() : std::sqrt(r.uniform());
  if (count == 1) {
    d.date[0] = static_cast<long>(u * kDateSpan);
  } else {
    d.date[0] = kRepeatEarliest + static_cast<long>(u * (kDateSpan - kRepeatEarliest));
    long gap_max = d.date[0] / count;
    long gap = static_cast<long>(r.between(180, std::max<long>(181, gap_max)));
    for (int i = 1; i < count; ++i) {
      d.date[i] =
          d.date[0] - i * gap - static_cast<long>(r.below(static_cast<std::uint64_t>(gap / 4)));
    }
  }
  d.floor_height = 2.3 + r.uniform() * 0.8;
  d.extensions = d.house ? static_cast<int>(r.between(0, 2)) : 0;
  d.fireplaces = d.age_index <= 1 ? static_cast<int>(r.between(0, 2)) : 0;
  d.top_storey = r.chance(0.3);
}

const char* band_roof_list(Rng& r, const char* eff) {
  if (std::strcmp(eff, "Very Poor") == 0) return pick(r, kRoofVeryPoor);
  if (std::strcmp(eff, "Poor") == 0) return pick(r, kRoofPoor);
  if (std::strcmp(eff, "Average") == 0) return pick(r, kRoofAverage);
  if (std::strcmp(eff, "Good") == 0) return pick(r, kRoofGood);
  if (std::strcmp(eff, "Very Good") == 0) return pick(r, kRoofVeryGood);
  return "(another dwelling above)";
}

const char* rating_near(Rng& r, int sap) {
  static const char* const kRatings[] = {"Very Poor", "Poor", "Average", "Good", "Very Good"};
  int base = sap < 40 ? 0 : sap < 55 ? 1 : sap < 70 ? 2 : sap < 85 ? 3 : 4;
  base += static_cast<int>(r.between(-1, 1));
  return kRatings[std::max(0, std::min(4, base))];
}

}  // namespace

void RowGenerator::row(std::uint64_t g, std::string& out, RowTruth& t) {
  const std::size_t k = plan_.la_of_row(g);
  const std::uint64_t j = g - plan_.la_begin(k);
  const std::uint64_t b = j / kBlock;
  if (k != block_la_ || b != block_index_) load_block(k, b);
  const Slot slot = slots_[j % kBlock];
  const std::uint64_t dwelling_id = plan_.la_begin(k) + b * kBlock + slot.first;
  const Place& place = plan_.places()[k];
  const char* eol = plan_.la_crlf(k) ? "\r\n" : "\n";

  Dwelling d;
  make_dwelling(plan_, k, dwelling_id, slot.count, d);
  const int rank = slot.rank;
  Rng r(plan_.seed(), kStreamCert, g);

  t.la = static_cast<std::uint32_t>(k);
  t.dwelling = dwelling_id;
  t.cert_rank = slot.rank;
  t.cert_count = slot.count;
  t.has_uprn = d.has_uprn;
  t.stock = d.stock;
  t.defect = d.defect;
  t.line_breaks = 0;
  t.postcode_index = plan_.postcode_begin(k) + d.postcode;
  const long lodged = d.date[rank];
  t.lodgement_year = static_cast<std::uint16_t>(year_of(lodged));

  // ---- certificate-level values ------------------------------------------------------
  const int sap = d.sap[rank];
  const char band = band_of(sap);
  const int pot_sap = std::min(100, sap + static_cast<int>(r.between(4, 28)));
  const char pot_band = band_of(pot_sap);
  double energy = 240.0 - 6.0 * (sap - 61) + 25.0 * r.normal();
  energy = std::round(std::min(600.0, std::max(40.0, energy)));
  double energy_pot =
      std::round(std::max(20.0, energy - 4.5 * (pot_sap - sap) - 10.0 * r.uniform()));
  double co2 = energy * d.tfa * 0.20 / 1000.0 * (1.0 + 0.08 * r.normal());
  co2 = std::max(0.1, std::round(co2 * 10.0) / 10.0);
  double co2_pot = std::max(0.1, std::round(co2 * energy_pot / energy * 10.0) / 10.0);
  const int ei = std::max(1, std::min(100, sap - 8 + static_cast<int>(r.between(-5, 5))));
  const int ei_pot = std::max(ei, std::min(100, pot_sap - 6 + static_cast<int>(r.between(-4, 4))));
  const double annual = energy * d.tfa;
  const int heat_cost = static_cast<int>(annual * 0.70 * 0.045);
  const int heat_cost_pot = static_cast<int>(energy_pot * d.tfa * 0.70 * 0.045);
  const int light_cost = 45 + static_cast<int>(d.tfa * 0.6);
  const int water_cost = 70 + static_cast<int>(d.tfa * 0.5);

  const WindowOption* win = &kWindows[0];
  {
    double total = 0;
    for (const auto& w : kWindows) total += w.w;
    double u = r.uniform() * total;
    for (const auto& w : kWindows) {
      if (u < w.w) {
        win = &w;
        break;
      }
      u -= w.w;
    }
  }
  const char* roof_eff;
  const char* roof;
  if (d.flat && !d.top_storey) {
    roof_eff = "N/A";
    roof = "(another dwelling above)";
  } else {
    roof_eff = pick(r, kRoofEff);
    roof = band_roof_list(r, roof_eff);
  }
  const char* controls = "";
  switch (d.heat) {
    case kGasBoiler:
    case kGasUnderfloor:
    case kOil:
    case kWarmAir:
      controls = pick(r, kControlsGas);
      break;
    case kStorage:
      controls = pick(r, kControlsStorage);
      break;
    case kElecRoom:
    case kGasRoom:
    case kNoSystem:
      controls = pick(r, kControlsRoom);
      break;
    case kHeatPump:
      controls = pick(r, kControlsHeatPump);
      break;
    case kCommunity:
      controls = pick(r, kControlsCommunity);
      break;
  }
  const bool electric =
      d.heat == kStorage || d.heat == kElecRoom || d.heat == kNoSystem || d.heat == kHeatPump;
  const char* hot_water = electric ? pick(r, kHotWaterElectric) : pick(r, kHotWaterMain);
  if (d.heat == kCommunity) hot_water = "Community scheme";
  const char* main_fuel = d.heat == kCommunity ? "mains gas (community)"
                          : d.heat == kOil     ? "oil (not community)"
                          : electric           ? "electricity (not community)"
                                               : "mains gas (not community)";
  const bool mains_gas = !electric || r.chance(0.4);
  const int lel = static_cast<int>(r.between(0, 10)) * 10;
  const int outlets = 4 + static_cast<int>(d.tfa / 10.0);
  const int low_outlets = outlets * lel / 100;
  const int tenure = d.tenure;
  const bool new_spelling = year_of(lodged) >= 2017;
  const char* tenure_text = tenure == 3    ? d.tenure_unknown_text
                            : new_spelling ? kTenureNew[tenure]
                                           : kTenureOld[tenure];
  const char* transaction = tenure == 0   ? pick(r, kTransactionOwner)
                            : tenure == 1 ? pick(r, kTransactionPrivate)
                            : tenure == 2 ? pick(r, kTransactionSocial)
                                          : pick(r, kTransactionUnknown);

  // ---- address and postcode -----------------------------------------------------------
  std::string street;
  {
    Rng sr(plan_.seed(), kStreamStreet, k, d.street_key);
    street = kStreetFirst[sr.below(sizeof kStreetFirst / sizeof kStreetFirst[0])];
    street += ' ';
    street += kStreetSuffix[sr.below(sizeof kStreetSuffix / sizeof kStreetSuffix[0])];
  }
  std::string a1, a2, a3;
  if (d.flat) {
    a1 = "Flat " + std::to_string(d.flat_number);
    a2 = std::to_string(d.house_number) + " " + street;
  } else {
    a1 = std::to_string(d.house_number) + " " + street;
  }
  std::string postcode = plan_.postcode(k, d.postcode);
  std::string tfa_text, energy_text, co2_text;
  tfa_text.reserve(8);
  append_fixed(tfa_text, d.tfa, 2);
  append_fixed(energy_text, energy, 0);
  append_fixed(co2_text, co2, 1);
  std::string rating(1, band);
  const char* walls_text = d.walls->text;
  const char* mainheat_text = kMainheatText[d.heat];

  // ---- defects: exactly one per dirty row --------------------------------------------
  switch (d.defect) {
    case Defect::kNone:
      break;
    case Defect::kFloorAreaOutOfBounds: {
      static const char* const kBad[] = {"0",     "12",  "18",  "24.9", "3",
                                         "400.5", "450", "999", "1200"};
      tfa_text = kBad[r.below(9)];
      break;
    }
    case Defect::kFloorAreaMalformed: {
      static const char* const kBad[] = {"NO DATA!", "85.5.1", "1O2", "ninety",
                                         "#VALUE!",  "85,5",   "12a"};
      tfa_text = kBad[r.below(7)];
      break;
    }
    case Defect::kEnergySlightlyNegative:
      energy_text.clear();
      append_int(energy_text, -r.between(1, 10));
      break;
    case Defect::kEnergySeverelyNegative:
      energy_text.clear();
      append_int(energy_text, -r.between(11, 400));
      break;
    case Defect::kEnergyMalformed: {
      static const char* const kBad[] = {"NO DATA!", "2 31", "231kWh", "1,234", "n.a.", "--"};
      energy_text = kBad[r.below(6)];
      break;
    }
    case Defect::kCo2SlightlyNegative:
      co2_text.clear();
      append_fixed(co2_text, -0.1 * static_cast<double>(r.between(1, 50)), 1);
      break;
    case Defect::kCo2SeverelyNegative:
      co2_text.clear();
      append_fixed(co2_text, -0.1 * static_cast<double>(r.between(51, 300)), 1);
      break;
    case Defect::kMissingAddress:
      a1.clear();
      a2.clear();
      a3.clear();
      break;
    case Defect::kMissingPostcode:
      postcode.clear();
      break;
    case Defect::kMissingEnergyRating:
      rating.clear();
      break;
    case Defect::kMissingWallsDescription:
      walls_text = r.chance(0.25) ? "N/A" : "";
      break;
    case Defect::kMissingMainheatDescription:
      mainheat_text = "";
      break;
    case Defect::kUnknownPostcode:
      postcode = plan_.postcode(k, d.postcode, true);
      break;
    case Defect::kPostcodeUnnormalised: {
      std::string pc = postcode;
      switch (r.below(4)) {
        case 0:
          for (char& c : pc) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          break;
        case 1:
          pc.erase(pc.find(' '), 1);
          break;
        case 2:
          pc = " " + pc + " ";
          break;
        default:
          pc.insert(pc.find(' '), " ");
          break;
      }
      postcode = pc;
      break;
    }
    case Defect::kAddressQuoting: {
      const char* name = kHouseNames[r.below(6)];
      std::string base = std::to_string(d.house_number) + " " + street;
      switch (r.below(3)) {
        case 0:
          a1 = std::string("\"") + name + "\", " + base;
          break;
        case 1:
          a1 = base + eol + "Ground Floor";
          break;
        default:
          a1 = std::string("Flat ") + std::to_string(d.flat_number) + ", \"" + name + "\"" + eol +
               base;
          break;
      }
      a2.clear();
      break;
    }
    default:
      break;
  }
  std::string address = a1;
  for (const std::string* part : {&a2, &a3}) {
    if (!part->empty()) {
      if (!address.empty()) address += ", ";
      address += *part;
    }
  }
  for (const std::string* s : {&a1, &address}) {
    for (std::size_t pos = 0; (pos = s->find('\n', pos)) != std::string::npos; ++pos)
      ++t.line_breaks;
  }

  // ---- the row, in register order -------------------------------------------------------
  auto f = [&out](std::string_view v) {
    append_csv_field(out, v);
    out += ',';
  };
  auto fi = [&out](std::int64_t v) {
    append_int(out, v);
    out += ',';
  };
  auto empty = [&out]() { out += ','; };

  // LMK_KEY: a unique 14-digit part from the row index, the lodgement time, a check part.
  const int hour = static_cast<int>(r.between(8, 19)), minute = static_cast<int>(r.between(0, 59)),
            second = static_cast<int>(r.between(0, 59));
  {
    int y, m, dd;
    civil_from_days(lodged, &y, &m, &dd);
    append_padded(out, scramble(g, 44), 14);
    append_uint(out, static_cast<std::uint64_t>(y));
    append_padded(out, static_cast<std::uint64_t>(m), 2);
    append_padded(out, static_cast<std::uint64_t>(dd), 2);
    append_padded(out, static_cast<std::uint64_t>(hour), 2);
    append_padded(out, static_cast<std::uint64_t>(minute), 2);
    append_padded(out, r.below(100000), 5);
    out += ',';
  }
  f(a1);
  f(a2);
  f(a3);
  f(postcode);
  fi(static_cast<std::int64_t>(d.building_ref));
  f(rating);
  out += pot_band;
  out += ',';
  fi(sap);
  fi(pot_sap);
  f(d.property_type);
  f(d.built_form);
  append_date(out, lodged - static_cast<long>(r.between(0, 14)));
  out += ',';
  f(place.code);
  if (place.code[0] == 'W') {
    out += "W07000";
    append_padded(out, 41 + k % 40, 3);
  } else {
    out += "E14000";
    append_padded(out, 530 + (k * 7) % 533, 3);
  }
  out += ',';
  f(place.london ? "Greater London Authority" : "");
  append_date(out, lodged);
  out += ',';
  f(transaction);
  fi(ei);
  fi(ei_pot);
  f(energy_text);
  append_fixed(out, energy_pot, 0);
  out += ',';
  f(co2_text);
  fi(static_cast<std::int64_t>(std::lround(co2 * 1000.0 / d.tfa)));
  append_fixed(out, co2_pot, 1);
  out += ',';
  fi(light_cost);
  fi(std::max(30, light_cost * 6 / 10));
  fi(heat_cost);
  fi(heat_cost_pot);
  fi(water_cost);
  fi(std::max(40, water_cost * 7 / 10));
  f(tfa_text);
  f(pick(r, kTariff));
  out += mains_gas ? "Y," : "N,";
  if (d.flat) {
    f(pick(r, kFloorLevel));
    out += d.top_storey ? "Y," : "N,";
    fi(r.between(2, 8));
  } else {
    empty();
    empty();
    empty();
  }
  {
    int code = controls_code(controls);
    if (code)
      fi(code);
    else
      empty();
  }
  if (win->glazing == 4)
    empty();
  else
    fi(r.between(win->prop_lo, win->prop_hi));
  switch (win->glazing) {
    case 0:
      f(pick(r, kGlazedDouble));
      break;
    case 1:
      f("single glazing");
      break;
    case 2:
      f("secondary glazing");
      break;
    case 3:
      f("triple glazing");
      break;
    default:
      f(pick(r, kGlazedUndefined));
      break;
  }
  f(pick(r, kGlazedArea));
  fi(d.extensions);
  fi(d.rooms);
  fi(std::max(1, d.rooms - static_cast<int>(r.below(2))));
  fi(lel);
  fi(d.fireplaces);
  f(hot_water);
  const char* hw_eff = rating_near(r, sap);
  f(hw_eff);
  f(hw_eff);
  f(d.floor);
  if (r.chance(0.9)) {
    f("N/A");
    f("N/A");
  } else {
    const char* e = rating_near(r, sap);
    f(e);
    f(e);
  }
  f(win->text);
  const char* weff = r.chance(0.5) ? win->eff_a : win->eff_b;
  f(weff);
  f(weff);
  f(walls_text);
  f(d.walls->eff);
  f(d.walls->eff);
  f(pick(r, kSecondHeat));
  f("N/A");
  f("N/A");
  f(roof);
  f(roof_eff);
  f(roof_eff);
  f(mainheat_text);
  const char* mh_eff = rating_near(r, sap);
  f(mh_eff);
  f(mh_eff);
  f(controls);
  const char* c_eff = controls[0] ? rating_near(r, sap) : "N/A";
  f(c_eff);
  f(c_eff);
  if (lel == 100)
    f("Low energy lighting in all fixed outlets");
  else if (lel == 0)
    f("No low energy lighting");
  else {
    std::string s = "Low energy lighting in " + std::to_string(lel) + "% of fixed outlets";
    f(s);
  }
  const char* l_eff = lel >= 80   ? "Very Good"
                      : lel >= 50 ? "Good"
                      : lel >= 20 ? "Average"
                                  : "Very Poor";
  f(l_eff);
  f(l_eff);
  f(main_fuel);
  fi(0);
  if (d.flat) {
    const char* corridor = pick(r, kCorridor);
    f(corridor);
    if (std::strcmp(corridor, "unheated corridor") == 0) {
      append_fixed(out, 3.0 + r.uniform() * 12.0, 2);
      out += ',';
    } else {
      empty();
    }
  } else {
    f("NO DATA!");
    empty();
  }
  append_fixed(out, d.floor_height, 2);
  out += ',';
  if (r.chance(0.85))
    fi(0);
  else
    empty();
  f(r.chance(0.9) ? "N" : "");
  f(pick(r, kVentilation));
  f(address);
  f(place.name);
  f(place.name);
  f(place.posttown);
  f(d.age_band);
  append_date(out, lodged);
  out += ' ';
  append_padded(out, static_cast<std::uint64_t>(hour), 2);
  out += ':';
  append_padded(out, static_cast<std::uint64_t>(minute), 2);
  out += ':';
  append_padded(out, static_cast<std::uint64_t>(second), 2);
  out += ',';
  f(tenure_text);
  if (year_of(lodged) >= 2012) {
    fi(outlets);
    fi(low_outlets);
  } else {
    empty();
    empty();
  }
  if (d.has_uprn) {
    fi(static_cast<std::int64_t>(d.uprn));
    out += r.chance(0.9) ? "Address Matched" : "Energy Assessor";
  } else {
    out += ',';
  }
  out += eol;
}

}  // namespace detail
}  // namespace heatstreet::synth
