// The text of a certificate row: the register's vocabularies for the certificate-level
// fields, the values of one certificate of a dwelling, the injected defects and the row in
// register order. Every value is a pure function of (seed, row index), see detail.hpp.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <string>
#include <string_view>

#include "heatstreet/synth/detail.hpp"
#include "heatstreet/synth/dwelling.hpp"
#include "heatstreet/synth/field_text.hpp"

namespace heatstreet::synth::detail {
namespace {

// ---- vocabularies (spec data-validation §1.5 and §10) ---------------------------------
char band_of(int sap) {
  if (sap >= 92) return 'A';
  if (sap >= 81) return 'B';
  if (sap >= 69) return 'C';
  if (sap >= 55) return 'D';
  if (sap >= 39) return 'E';
  if (sap >= 21) return 'F';
  return 'G';
}

// MAINHEAT_DESCRIPTION by heating class.
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

const char* const kTenureOld[] = {"owner-occupied", "rental (private)", "rental (social)"};
const char* const kTenureNew[] = {"Owner-occupied", "Rented (private)", "Rented (social)"};
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

// ---- one certificate of a dwelling ----------------------------------------------------
// The values of a certificate before they become text.
struct Certificate {
  long lodged;  // days since 2008-01-01
  int sap, pot_sap;
  char band, pot_band;
  double energy, energy_pot, co2, co2_pot;
  int ei, ei_pot;
  int heat_cost, heat_cost_pot, light_cost, water_cost;
  const WindowOption* win;
  const char* roof_eff;
  const char* roof;
  const char* controls;
  const char* hot_water;
  const char* main_fuel;
  bool mains_gas;
  int lel, outlets, low_outlets;  // low energy lighting (%) and fixed outlets
  const char* tenure_text;
  const char* transaction;
};

void rate_energy(const Dwelling& d, int rank, Rng& r, Certificate& c) {
  const int sap = d.sap[rank];
  const int pot_sap = std::min(100, sap + static_cast<int>(r.between(4, 28)));
  double energy = 240.0 - 6.0 * (sap - 61) + 25.0 * r.normal();
  energy = std::round(std::min(600.0, std::max(40.0, energy)));
  double energy_pot =
      std::round(std::max(20.0, energy - 4.5 * (pot_sap - sap) - 10.0 * r.uniform()));
  double co2 = energy * d.tfa * 0.20 / 1000.0 * (1.0 + 0.08 * r.normal());
  co2 = std::max(0.1, std::round(co2 * 10.0) / 10.0);
  c.sap = sap;
  c.pot_sap = pot_sap;
  c.band = band_of(sap);
  c.pot_band = band_of(pot_sap);
  c.energy = energy;
  c.energy_pot = energy_pot;
  c.co2 = co2;
  c.co2_pot = std::max(0.1, std::round(co2 * energy_pot / energy * 10.0) / 10.0);
  c.ei = std::max(1, std::min(100, sap - 8 + static_cast<int>(r.between(-5, 5))));
  c.ei_pot = std::max(c.ei, std::min(100, pot_sap - 6 + static_cast<int>(r.between(-4, 4))));
  const double annual = energy * d.tfa;
  c.heat_cost = static_cast<int>(annual * 0.70 * 0.045);
  c.heat_cost_pot = static_cast<int>(energy_pot * d.tfa * 0.70 * 0.045);
  c.light_cost = 45 + static_cast<int>(d.tfa * 0.6);
  c.water_cost = 70 + static_cast<int>(d.tfa * 0.5);
}

const WindowOption* pick_window(Rng& r) {
  double total = 0;
  for (const auto& w : kWindows) total += w.w;
  double u = r.uniform() * total;
  for (const auto& w : kWindows) {
    if (u < w.w) return &w;
    u -= w.w;
  }
  return &kWindows[0];
}

const char* pick_controls(int heat, Rng& r) {
  switch (heat) {
    case kGasBoiler:
    case kGasUnderfloor:
    case kOil:
    case kWarmAir:
      return pick(r, kControlsGas);
    case kStorage:
      return pick(r, kControlsStorage);
    case kElecRoom:
    case kGasRoom:
    case kNoSystem:
      return pick(r, kControlsRoom);
    case kHeatPump:
      return pick(r, kControlsHeatPump);
    case kCommunity:
      return pick(r, kControlsCommunity);
  }
  return "";
}

// Windows, roof, heating controls, hot water, fuel and lighting.
void describe_fabric_and_services(const Dwelling& d, Rng& r, Certificate& c) {
  c.win = pick_window(r);
  if (d.flat && !d.top_storey) {
    c.roof_eff = "N/A";
    c.roof = "(another dwelling above)";
  } else {
    c.roof_eff = pick(r, kRoofEff);
    c.roof = band_roof_list(r, c.roof_eff);
  }
  c.controls = pick_controls(d.heat, r);
  const bool electric =
      d.heat == kStorage || d.heat == kElecRoom || d.heat == kNoSystem || d.heat == kHeatPump;
  c.hot_water = electric ? pick(r, kHotWaterElectric) : pick(r, kHotWaterMain);
  if (d.heat == kCommunity) c.hot_water = "Community scheme";
  c.main_fuel = d.heat == kCommunity ? "mains gas (community)"
                : d.heat == kOil     ? "oil (not community)"
                : electric           ? "electricity (not community)"
                                     : "mains gas (not community)";
  c.mains_gas = !electric || r.chance(0.4);
  c.lel = static_cast<int>(r.between(0, 10)) * 10;
  c.outlets = 4 + static_cast<int>(d.tfa / 10.0);
  c.low_outlets = c.outlets * c.lel / 100;
}

// The register spells tenure differently from 2017 on.
void describe_tenure(const Dwelling& d, Rng& r, Certificate& c) {
  const int tenure = d.tenure;
  const bool new_spelling = year_of(c.lodged) >= 2017;
  c.tenure_text = tenure == 3    ? d.tenure_unknown_text
                  : new_spelling ? kTenureNew[tenure]
                                 : kTenureOld[tenure];
  c.transaction = tenure == 0   ? pick(r, kTransactionOwner)
                  : tenure == 1 ? pick(r, kTransactionPrivate)
                  : tenure == 2 ? pick(r, kTransactionSocial)
                                : pick(r, kTransactionUnknown);
}

Certificate describe_certificate(const Dwelling& d, int rank, Rng& r) {
  Certificate c;
  c.lodged = d.date[rank];
  rate_energy(d, rank, r, c);
  describe_fabric_and_services(d, r, c);
  describe_tenure(d, r, c);
  return c;
}

// ---- the fields a defect may spoil, and the defects -------------------------------------
// The text of the fields that a defect may spoil.
struct RowFields {
  std::string a1, a2, a3, postcode;
  std::string tfa, energy, co2, rating;
  const char* walls;
  const char* mainheat;
};

std::string street_name(const Plan& plan, std::size_t k, std::uint64_t street_key) {
  Rng sr(plan.seed(), kStreamStreet, k, street_key);
  std::string street = kStreetFirst[sr.below(sizeof kStreetFirst / sizeof kStreetFirst[0])];
  street += ' ';
  street += kStreetSuffix[sr.below(sizeof kStreetSuffix / sizeof kStreetSuffix[0])];
  return street;
}

RowFields clean_fields(const Plan& plan, std::size_t k, const Dwelling& d, const Certificate& c,
                       const std::string& street) {
  RowFields f;
  if (d.flat) {
    f.a1 = "Flat " + std::to_string(d.flat_number);
    f.a2 = std::to_string(d.house_number) + " " + street;
  } else {
    f.a1 = std::to_string(d.house_number) + " " + street;
  }
  f.postcode = plan.postcode(k, d.postcode);
  f.tfa.reserve(8);
  append_fixed(f.tfa, d.tfa, 2);
  append_fixed(f.energy, c.energy, 0);
  append_fixed(f.co2, c.co2, 1);
  f.rating.assign(1, c.band);
  f.walls = d.walls->text;
  f.mainheat = kMainheatText[d.heat];
  return f;
}

// Floor area, energy and CO2 out of bounds, negative or malformed.
void spoil_figure(Defect defect, Rng& r, RowFields& f) {
  switch (defect) {
    case Defect::kFloorAreaOutOfBounds: {
      static const char* const kBad[] = {"0",     "12",  "18",  "24.9", "3",
                                         "400.5", "450", "999", "1200"};
      f.tfa = kBad[r.below(9)];
      break;
    }
    case Defect::kFloorAreaMalformed: {
      static const char* const kBad[] = {"NO DATA!", "85.5.1", "1O2", "ninety",
                                         "#VALUE!",  "85,5",   "12a"};
      f.tfa = kBad[r.below(7)];
      break;
    }
    case Defect::kEnergySlightlyNegative:
      f.energy.clear();
      append_int(f.energy, -r.between(1, 10));
      break;
    case Defect::kEnergySeverelyNegative:
      f.energy.clear();
      append_int(f.energy, -r.between(11, 400));
      break;
    case Defect::kEnergyMalformed: {
      static const char* const kBad[] = {"NO DATA!", "2 31", "231kWh", "1,234", "n.a.", "--"};
      f.energy = kBad[r.below(6)];
      break;
    }
    case Defect::kCo2SlightlyNegative:
      f.co2.clear();
      append_fixed(f.co2, -0.1 * static_cast<double>(r.between(1, 50)), 1);
      break;
    case Defect::kCo2SeverelyNegative:
      f.co2.clear();
      append_fixed(f.co2, -0.1 * static_cast<double>(r.between(51, 300)), 1);
      break;
    default:
      break;
  }
}

void unnormalise_postcode(Rng& r, std::string& pc) {
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
}

// A house name in quotes, or a line break inside the first address line.
void quote_address(const Dwelling& d, const std::string& street, const char* eol, Rng& r,
                   RowFields& f) {
  const char* name = kHouseNames[r.below(6)];
  std::string base = std::to_string(d.house_number) + " " + street;
  switch (r.below(3)) {
    case 0:
      f.a1 = std::string("\"") + name + "\", " + base;
      break;
    case 1:
      f.a1 = base + eol + "Ground Floor";
      break;
    default:
      f.a1 =
          std::string("Flat ") + std::to_string(d.flat_number) + ", \"" + name + "\"" + eol + base;
      break;
  }
  f.a2.clear();
}

// Exactly one defect per dirty row.
void inject_defect(const Plan& plan, std::size_t k, const Dwelling& d, const std::string& street,
                   const char* eol, Rng& r, RowFields& f) {
  switch (d.defect) {
    case Defect::kNone:
      break;
    case Defect::kFloorAreaOutOfBounds:
    case Defect::kFloorAreaMalformed:
    case Defect::kEnergySlightlyNegative:
    case Defect::kEnergySeverelyNegative:
    case Defect::kEnergyMalformed:
    case Defect::kCo2SlightlyNegative:
    case Defect::kCo2SeverelyNegative:
      spoil_figure(d.defect, r, f);
      break;
    case Defect::kMissingAddress:
      f.a1.clear();
      f.a2.clear();
      f.a3.clear();
      break;
    case Defect::kMissingPostcode:
      f.postcode.clear();
      break;
    case Defect::kMissingEnergyRating:
      f.rating.clear();
      break;
    case Defect::kMissingWallsDescription:
      f.walls = r.chance(0.25) ? "N/A" : "";
      break;
    case Defect::kMissingMainheatDescription:
      f.mainheat = "";
      break;
    case Defect::kUnknownPostcode:
      f.postcode = plan.postcode(k, d.postcode, true);
      break;
    case Defect::kPostcodeUnnormalised:
      unnormalise_postcode(r, f.postcode);
      break;
    case Defect::kAddressQuoting:
      quote_address(d, street, eol, r, f);
      break;
    default:
      break;
  }
}

std::string joined_address(const RowFields& f) {
  std::string address = f.a1;
  for (const std::string* part : {&f.a2, &f.a3}) {
    if (!part->empty()) {
      if (!address.empty()) address += ", ";
      address += *part;
    }
  }
  return address;
}

std::uint32_t count_line_breaks(const std::string& a1, const std::string& address) {
  std::uint32_t breaks = 0;
  for (const std::string* s : {&a1, &address}) {
    for (std::size_t pos = 0; (pos = s->find('\n', pos)) != std::string::npos; ++pos) ++breaks;
  }
  return breaks;
}

// ---- the row, in register order ---------------------------------------------------------
struct TimeOfDay {
  int hour, minute, second;
};

TimeOfDay draw_time(Rng& r) {
  const int hour = static_cast<int>(r.between(8, 19)), minute = static_cast<int>(r.between(0, 59)),
            second = static_cast<int>(r.between(0, 59));
  return TimeOfDay{hour, minute, second};
}

// Appends the fields of one row, group by group in column order; each group draws what
// it needs from the row's generator in that order.
class RowWriter {
 public:
  RowWriter(std::string& out, Rng& r, const Dwelling& d, const Certificate& c, const RowFields& f)
      : out_(out), r_(r), d_(d), c_(c), f_(f) {}

  void lmk_key(std::uint64_t g, const TimeOfDay& time);
  void address_and_ratings();
  void authority(std::size_t k, const Place& place);
  void energy_and_costs();
  void layout_and_glazing();
  void elements();
  void lighting();
  void fuel_and_ventilation();
  void labels_and_identifiers(const Place& place, const std::string& address, const TimeOfDay& time,
                              const char* eol);

 private:
  void text(std::string_view v) {
    append_csv_field(out_, v);
    out_ += ',';
  }
  void number(std::int64_t v) {
    append_int(out_, v);
    out_ += ',';
  }
  void empty() { out_ += ','; }

  std::string& out_;
  Rng& r_;
  const Dwelling& d_;
  const Certificate& c_;
  const RowFields& f_;
};

// LMK_KEY: a unique 14-digit part from the row index, the lodgement time, a check part.
void RowWriter::lmk_key(std::uint64_t g, const TimeOfDay& time) {
  int y, m, dd;
  civil_from_days(c_.lodged, &y, &m, &dd);
  append_padded(out_, scramble(g, 44), 14);
  append_uint(out_, static_cast<std::uint64_t>(y));
  append_padded(out_, static_cast<std::uint64_t>(m), 2);
  append_padded(out_, static_cast<std::uint64_t>(dd), 2);
  append_padded(out_, static_cast<std::uint64_t>(time.hour), 2);
  append_padded(out_, static_cast<std::uint64_t>(time.minute), 2);
  append_padded(out_, r_.below(100000), 5);
  out_ += ',';
}

// ADDRESS1 .. INSPECTION_DATE
void RowWriter::address_and_ratings() {
  text(f_.a1);
  text(f_.a2);
  text(f_.a3);
  text(f_.postcode);
  number(static_cast<std::int64_t>(d_.building_ref));
  text(f_.rating);
  out_ += c_.pot_band;
  out_ += ',';
  number(c_.sap);
  number(c_.pot_sap);
  text(d_.property_type);
  text(d_.built_form);
  append_date(out_, c_.lodged - static_cast<long>(r_.between(0, 14)));
  out_ += ',';
}

// LOCAL_AUTHORITY, CONSTITUENCY, COUNTY
void RowWriter::authority(std::size_t k, const Place& place) {
  text(place.code);
  if (place.code[0] == 'W') {
    out_ += "W07000";
    append_padded(out_, 41 + k % 40, 3);
  } else {
    out_ += "E14000";
    append_padded(out_, 530 + (k * 7) % 533, 3);
  }
  out_ += ',';
  text(place.london ? "Greater London Authority" : "");
}

// LODGEMENT_DATE .. MAINS_GAS_FLAG
void RowWriter::energy_and_costs() {
  append_date(out_, c_.lodged);
  out_ += ',';
  text(c_.transaction);
  number(c_.ei);
  number(c_.ei_pot);
  text(f_.energy);
  append_fixed(out_, c_.energy_pot, 0);
  out_ += ',';
  text(f_.co2);
  number(static_cast<std::int64_t>(std::lround(c_.co2 * 1000.0 / d_.tfa)));
  append_fixed(out_, c_.co2_pot, 1);
  out_ += ',';
  number(c_.light_cost);
  number(std::max(30, c_.light_cost * 6 / 10));
  number(c_.heat_cost);
  number(c_.heat_cost_pot);
  number(c_.water_cost);
  number(std::max(40, c_.water_cost * 7 / 10));
  text(f_.tfa);
  text(pick(r_, kTariff));
  out_ += c_.mains_gas ? "Y," : "N,";
}

// FLOOR_LEVEL .. NUMBER_OPEN_FIREPLACES
void RowWriter::layout_and_glazing() {
  if (d_.flat) {
    text(pick(r_, kFloorLevel));
    out_ += d_.top_storey ? "Y," : "N,";
    number(r_.between(2, 8));
  } else {
    empty();
    empty();
    empty();
  }
  const int code = controls_code(c_.controls);
  if (code)
    number(code);
  else
    empty();
  const WindowOption* win = c_.win;
  if (win->glazing == 4)
    empty();
  else
    number(r_.between(win->prop_lo, win->prop_hi));
  switch (win->glazing) {
    case 0:
      text(pick(r_, kGlazedDouble));
      break;
    case 1:
      text("single glazing");
      break;
    case 2:
      text("secondary glazing");
      break;
    case 3:
      text("triple glazing");
      break;
    default:
      text(pick(r_, kGlazedUndefined));
      break;
  }
  text(pick(r_, kGlazedArea));
  number(d_.extensions);
  number(d_.rooms);
  number(std::max(1, d_.rooms - static_cast<int>(r_.below(2))));
  number(c_.lel);
  number(d_.fireplaces);
}

// HOTWATER_DESCRIPTION .. MAINHEATC_ENV_EFF: each element with its two ratings.
void RowWriter::elements() {
  const int sap = c_.sap;
  text(c_.hot_water);
  const char* hw_eff = rating_near(r_, sap);
  text(hw_eff);
  text(hw_eff);
  text(d_.floor);
  if (r_.chance(0.9)) {
    text("N/A");
    text("N/A");
  } else {
    const char* e = rating_near(r_, sap);
    text(e);
    text(e);
  }
  text(c_.win->text);
  const char* weff = r_.chance(0.5) ? c_.win->eff_a : c_.win->eff_b;
  text(weff);
  text(weff);
  text(f_.walls);
  text(d_.walls->eff);
  text(d_.walls->eff);
  text(pick(r_, kSecondHeat));
  text("N/A");
  text("N/A");
  text(c_.roof);
  text(c_.roof_eff);
  text(c_.roof_eff);
  text(f_.mainheat);
  const char* mh_eff = rating_near(r_, sap);
  text(mh_eff);
  text(mh_eff);
  text(c_.controls);
  const char* c_eff = c_.controls[0] ? rating_near(r_, sap) : "N/A";
  text(c_eff);
  text(c_eff);
}

// LIGHTING_DESCRIPTION .. LIGHTING_ENV_EFF
void RowWriter::lighting() {
  const int lel = c_.lel;
  if (lel == 100)
    text("Low energy lighting in all fixed outlets");
  else if (lel == 0)
    text("No low energy lighting");
  else {
    std::string s = "Low energy lighting in " + std::to_string(lel) + "% of fixed outlets";
    text(s);
  }
  const char* l_eff = lel >= 80   ? "Very Good"
                      : lel >= 50 ? "Good"
                      : lel >= 20 ? "Average"
                                  : "Very Poor";
  text(l_eff);
  text(l_eff);
}

// MAIN_FUEL .. MECHANICAL_VENTILATION
void RowWriter::fuel_and_ventilation() {
  text(c_.main_fuel);
  number(0);
  if (d_.flat) {
    const char* corridor = pick(r_, kCorridor);
    text(corridor);
    if (std::strcmp(corridor, "unheated corridor") == 0) {
      append_fixed(out_, 3.0 + r_.uniform() * 12.0, 2);
      out_ += ',';
    } else {
      empty();
    }
  } else {
    text("NO DATA!");
    empty();
  }
  append_fixed(out_, d_.floor_height, 2);
  out_ += ',';
  if (r_.chance(0.85))
    number(0);
  else
    empty();
  text(r_.chance(0.9) ? "N" : "");
  text(pick(r_, kVentilation));
}

// ADDRESS .. UPRN_SOURCE and the line end.
void RowWriter::labels_and_identifiers(const Place& place, const std::string& address,
                                       const TimeOfDay& time, const char* eol) {
  text(address);
  text(place.name);
  text(place.name);
  text(place.posttown);
  text(d_.age_band);
  append_date(out_, c_.lodged);
  out_ += ' ';
  append_padded(out_, static_cast<std::uint64_t>(time.hour), 2);
  out_ += ':';
  append_padded(out_, static_cast<std::uint64_t>(time.minute), 2);
  out_ += ':';
  append_padded(out_, static_cast<std::uint64_t>(time.second), 2);
  out_ += ',';
  text(c_.tenure_text);
  if (year_of(c_.lodged) >= 2012) {
    number(c_.outlets);
    number(c_.low_outlets);
  } else {
    empty();
    empty();
  }
  if (d_.has_uprn) {
    number(static_cast<std::int64_t>(d_.uprn));
    out_ += r_.chance(0.9) ? "Address Matched" : "Energy Assessor";
  } else {
    out_ += ',';
  }
  out_ += eol;
}

}  // namespace

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
  Rng r(plan_.seed(), kStreamCert, g);
  const Certificate c = describe_certificate(d, slot.rank, r);
  const std::string street = street_name(plan_, k, d.street_key);
  RowFields f = clean_fields(plan_, k, d, c, street);
  inject_defect(plan_, k, d, street, eol, r, f);
  const std::string address = joined_address(f);

  t.la = static_cast<std::uint32_t>(k);
  t.dwelling = dwelling_id;
  t.cert_rank = slot.rank;
  t.cert_count = slot.count;
  t.has_uprn = d.has_uprn;
  t.stock = d.stock;
  t.defect = d.defect;
  t.line_breaks = count_line_breaks(f.a1, address);
  t.lodgement_year = static_cast<std::uint16_t>(year_of(c.lodged));
  t.postcode_index = plan_.postcode_begin(k) + d.postcode;

  const TimeOfDay time = draw_time(r);
  RowWriter w(out, r, d, c, f);
  w.lmk_key(g, time);
  w.address_and_ratings();
  w.authority(k, place);
  w.energy_and_costs();
  w.layout_and_glazing();
  w.elements();
  w.lighting();
  w.fuel_and_ventilation();
  w.labels_and_identifiers(place, address, time, eol);
}

}  // namespace heatstreet::synth::detail
