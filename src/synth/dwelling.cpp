// The dwelling model: each dwelling's type, form, age, fabric, heating, tenure and the
// ratings and dates of its certificates, drawn from the register's vocabularies with the
// shares of spec data-validation §10.
#include "heatstreet/synth/dwelling.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

namespace heatstreet::synth::detail {
namespace {

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

// Shares from spec §10 (houses); flats lean to electric and community heating.
const double kHeatHouse[] = {96.0, 0.5, 1.0, 1.0, 0.7, 0.25, 0.07, 0.2, 0.2, 0.08};
const double kHeatFlat[] = {72.0, 0.3, 10.0, 7.0, 1.0, 1.0, 7.0, 0.1, 1.0, 0.6};

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
const Weighted kTenureUnknown[] = {
    {"unknown", 40.0},
    {"NO DATA!", 35.0},
    {"Not defined - use in the case of a new dwelling for which the intended tenure in not "
     "known. It is not to be used for an existing dwelling",
     25.0}};

constexpr long kDateSpan = 6575;        // 2008-01-01 .. 2025-12-31
constexpr long kRepeatEarliest = 1461;  // 2012-01-01

bool is_terraced(const char* form) {
  return std::strcmp(form, "Mid-Terrace") == 0 || std::strcmp(form, "End-Terrace") == 0 ||
         std::strcmp(form, "Enclosed Mid-Terrace") == 0 ||
         std::strcmp(form, "Enclosed End-Terrace") == 0;
}

void pick_type_and_form(bool stock_only, bool london, Rng& r, Dwelling& d) {
  if (stock_only) {
    d.property_type = pick(r, kPropertyTypeStock);
  } else {
    d.property_type = pick(r, london ? kPropertyTypeLondon : kPropertyTypeElsewhere);
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
}

void pick_age_band(bool stock_only, bool terraced, Rng& r, Dwelling& d) {
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
}

StockReason stock_reason(bool london, bool terraced, const Dwelling& d) {
  bool pre1930 = d.age_index <= 1;
  if (!london) return StockReason::kOutsideLondon;
  if (!d.house) return StockReason::kNotHouse;
  if (!terraced) return StockReason::kNotTerraced;
  if (!pre1930) return StockReason::kNotPre1930;
  return StockReason::kInStock;
}

Defect pick_defect(const Plan& plan, int count, bool has_uprn, Rng& r) {
  if (count == 1 && has_uprn && r.chance(plan.defect_probability())) {
    // Mix of defects (docs/synthetic-data.md); weights in per cent.
    static const Weighted kDefects[] = {{"", 20.0}, {"", 5.0}, {"", 8.0},  {"", 4.0}, {"", 5.0},
                                        {"", 5.0},  {"", 3.0}, {"", 4.0},  {"", 4.0}, {"", 4.0},
                                        {"", 4.0},  {"", 4.0}, {"", 14.0}, {"", 6.0}, {"", 10.0}};
    return static_cast<Defect>(1 + pick_index(r, kDefects));
  }
  return Defect::kNone;
}

// Identifiers, the injected defect (if any) and where the dwelling is.
void place_and_identify(const Plan& plan, std::size_t k, std::uint64_t id, int count, Rng& r,
                        Dwelling& d) {
  // About 3% of rows have no UPRN; only single-certificate dwellings lack one.
  d.has_uprn = !(count == 1 && r.chance(0.033));
  d.uprn = 100000000000ULL + scramble(id, 36);
  d.building_ref = 1000000000ULL + scramble(id ^ 0x5555ULL, 36) % 9000000000ULL;
  d.defect = pick_defect(plan, count, d.has_uprn, r);

  d.postcode = r.below(plan.la_postcodes(k));
  d.street_key = d.postcode * 2 + (r.chance(0.3) ? 1 : 0);
  d.house_number = static_cast<int>(r.between(1, 180));
  d.flat_number = static_cast<int>(r.between(1, 40));
}

// Floor area: lognormal, median 95 m2 for houses (spec §10), smaller for flats; kept
// inside [26, 395] so that only the injected defects fail the [25, 400] rule.
void pick_floor_area(Rng& r, Dwelling& d) {
  double median = d.house ? 95.0 : d.flat ? 62.0 : 80.0;
  d.tfa = median * std::exp(0.35 * r.normal());
  d.tfa = std::min(395.0, std::max(26.0, d.tfa));
  if (r.chance(0.55)) d.tfa = std::round(d.tfa);
  d.rooms = std::max(1, std::min(12, static_cast<int>(d.tfa / 22.0 + r.uniform() * 1.5)));
}

int pick_heat_class(bool flat, Rng& r) {
  const double* shares = flat ? kHeatFlat : kHeatHouse;
  double total = 0;
  for (int i = 0; i < 10; ++i) total += shares[i];
  double u = r.uniform() * total;
  for (int i = 0; i < 10; ++i) {
    if (u < shares[i]) return i;
    u -= shares[i];
  }
  return 9;
}

int pick_tenure(Rng& r) {
  double u = r.uniform() * 100.0;
  for (int i = 0; i < 4; ++i) {
    if (u < kTenureShare[i]) return i;
    u -= kTenureShare[i];
  }
  return 3;
}

void pick_fabric_heating_and_tenure(Rng& r, Dwelling& d) {
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
  d.heat = pick_heat_class(d.flat, r);
  d.tenure = pick_tenure(r);
  d.tenure_unknown_text = pick(r, kTenureUnknown);
}

// Latest SAP: band first, then uniform within the band (spec §10). Older certificates
// are 3-12 points worse each.
void draw_sap(Rng& r, Dwelling& d) {
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
}

// Lodgement dates 2008-2025, rising slightly towards recent years. Dwellings with older
// certificates have their latest one in 2012 or later and strictly earlier older ones.
void draw_dates(int count, Rng& r, Dwelling& d) {
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
}

}  // namespace

void make_dwelling(const Plan& plan, std::size_t k, std::uint64_t id, int count, Dwelling& d) {
  const Place& place = plan.places()[k];
  Rng r(plan.seed(), kStreamDwelling, id);
  const bool stock_only = plan.options().stock_only;
  pick_type_and_form(stock_only, place.london, r, d);
  const bool terraced = is_terraced(d.built_form);
  pick_age_band(stock_only, terraced, r, d);
  d.stock = stock_reason(place.london, terraced, d);
  place_and_identify(plan, k, id, count, r, d);
  pick_floor_area(r, d);
  pick_fabric_heating_and_tenure(r, d);
  draw_sap(r, d);
  draw_dates(count, r, d);
  d.floor_height = 2.3 + r.uniform() * 0.8;
  d.extensions = d.house ? static_cast<int>(r.between(0, 2)) : 0;
  d.fireplaces = d.age_index <= 1 ? static_cast<int>(r.between(0, 2)) : 0;
  d.top_storey = r.chance(0.3);
}

}  // namespace heatstreet::synth::detail
