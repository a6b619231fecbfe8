#include "heatstreet/ingest/classify.hpp"

#include <cctype>
#include <initializer_list>

#include "heatstreet/ingest/register_wording.hpp"

namespace heatstreet::epc {

std::string lower(std::string_view s) {
  // ASCII only, as std::tolower in the "C" locale the program runs in, without a library
  // call per character (this runs for every descriptor of every certificate).
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  return out;
}

bool has(std::string_view text, std::string_view needle) {
  return text.find(needle) != std::string_view::npos;
}

bool has_seq(std::string_view text, std::string_view a, std::string_view b) {
  for (std::size_t p = text.find(a); p != std::string_view::npos; p = text.find(a, p + 1)) {
    const std::size_t line_end = text.find('\n', p + a.size());
    const std::size_t q = text.find(b, p + a.size());
    if (q != std::string_view::npos &&
        (line_end == std::string_view::npos || q + b.size() <= line_end))
      return true;
  }
  return false;
}

namespace {
bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

bool any(std::string_view t, std::initializer_list<std::string_view> needles) {
  for (std::string_view n : needles)
    if (has(t, n)) return true;
  return false;
}
}  // namespace

bool has_word(std::string_view text, std::string_view word) {
  for (std::size_t p = text.find(word); p != std::string_view::npos; p = text.find(word, p + 1)) {
    const bool left = p == 0 || !word_char(text[p - 1]);
    const std::size_t e = p + word.size();
    const bool right = e == text.size() || !word_char(text[e]);
    if (left && right) return true;
  }
  return false;
}

HeatingSystem classify_heating(std::string_view mainheat, const IngestPolicy& policy) {
  const std::string d = lower(mainheat);
  const bool district =
      any(d, {"district", "communal", "heat network", "community heating", "scheme", "heat main"});
  if (district) return HeatingSystem::kDistrict;
  HeatingSystem r = HeatingSystem::kOther;
  if (has(d, "boiler")) {
    // The predecessor calls every boiler a gas boiler; oil, LPG and solid-fuel boilers
    // are not on the gas grid, which matters for the heat-network and heat-pump cases.
    // Whole words: "boiler" itself contains "oil".
    bool other_fuel = false;
    if (policy.boilers_classed_by_fuel)
      for (std::string_view w : {"oil", "lpg", "bottled", "coal", "anthracite", "smokeless", "wood",
                                 "biomass", "dual fuel", "b30k"})
        other_fuel = other_fuel || has_word(d, w);
    r = other_fuel ? HeatingSystem::kOther : HeatingSystem::kGasBoiler;
  }
  if (has(d, "electric")) r = HeatingSystem::kElectric;
  if (has(d, "heat pump")) r = HeatingSystem::kHeatPump;
  return r;
}

WallClass classify_walls(std::string_view walls, bool present, const IngestPolicy& policy) {
  WallClass w;
  if (!present) return w;
  const std::string d = lower(walls);
  w.type = WallType::kOther;
  if (has_seq(d, "solid", "brick") || has_seq(d, "brick", "solid"))
    w.type = WallType::kSolidBrick;
  else if (has(d, "solid"))
    w.type = WallType::kSolidBrick;
  if (has(d, "cavity")) w.type = WallType::kCavity;
  if (has(d, "stone")) w.type = WallType::kStone;
  // "Granite or whin, ..." is how the register cuts "granite or whinstone" short.
  if (policy.read_register_wording && (has_word(d, "granite") || has_word(d, "whin")))
    w.type = WallType::kStone;
  if (has_seq(d, "timber", "frame") || has_seq(d, "wood", "frame")) w.type = WallType::kTimberFrame;
  if (has_seq(d, "system", "built") || has_seq(d, "non", "traditional") || has(d, "prefab"))
    w.type = WallType::kSystemBuilt;

  const bool insul = has(d, "insul");
  const bool external =
      has_seq(d, "external", "insul") || has(d, "ewi") || has_seq(d, "outside", "insul");
  const bool internal = has_seq(d, "internal", "insul") || has(d, "iwi") ||
                        has_seq(d, "inside", "insul") || has_seq(d, "dry", "lin");
  const bool filled = has_seq(d, "cavity", "fill") || has_seq(d, "fill", "cavity") ||
                      has_seq(d, "insulated", "cavity") || has_seq(d, "cavity", "insul");
  const bool partial = has(d, "partial") || has_seq(d, "some", "insul");
  const bool negative = has(d, "no insulation") || has(d, "uninsulated");
  auto set = [&](WallInsulation s, bool ins) {
    w.status = s;
    w.insulated = ins;
  };
  w.u_value = u_value(d);  // stored whatever the policy; classified under it
  if (const auto u = policy.read_register_wording ? w.u_value : std::nullopt) {
    // A U-value says how well the wall keeps heat, not where its insulation is.
    const bool insulated_wall = *u <= kWallInsulatedAtMost;
    set(insulated_wall ? WallInsulation::kUnknown : WallInsulation::kNone, insulated_wall);
    return w;
  }

  if (!policy.wall_negatives_decide_last) {
    if (negative || has(d, "as built") || (has(d, "solid") && !insul))
      set(WallInsulation::kNone, false);
    if (external) set(WallInsulation::kExternal, true);
    if (internal) set(WallInsulation::kInternal, true);
    if (filled) set(WallInsulation::kCavityFilled, true);
    if (partial) set(WallInsulation::kPartial, true);
    return w;
  }
  // Positive evidence first, negative phrases last, so "as built, no insulation" can no
  // longer read as a filled cavity.
  if ((has(d, "solid") || has(d, "as built")) && !insul) set(WallInsulation::kNone, false);
  if (external) set(WallInsulation::kExternal, true);
  if (internal) set(WallInsulation::kInternal, true);
  if (filled) set(WallInsulation::kCavityFilled, true);
  if (partial) set(WallInsulation::kPartial, true);
  // "as built, insulated (assumed)": insulated, where the insulation sits is not stated.
  if (!w.insulated && has_word(d, "insulated")) set(WallInsulation::kUnknown, true);
  if (negative) set(WallInsulation::kNone, false);
  return w;
}

RoofInsulation roof_category(std::optional<double> t) {
  if (!t) return RoofInsulation::kUnknown;
  if (*t <= 0) return RoofInsulation::kNone;
  if (*t < 100) return RoofInsulation::kMinimal;
  if (*t < 200) return RoofInsulation::kPartial;
  if (*t < 270) return RoofInsulation::kGood;
  return RoofInsulation::kExcellent;
}

std::optional<double> millimetres(std::string_view d, bool plus) {
  std::size_t i = 0;
  while (i < d.size()) {
    if (!std::isdigit(static_cast<unsigned char>(d[i]))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < d.size() && std::isdigit(static_cast<unsigned char>(d[j]))) ++j;
    std::size_t k = j;
    if (plus && k < d.size() && d[k] == '+') ++k;
    while (k < d.size() && std::isspace(static_cast<unsigned char>(d[k]))) ++k;
    if (d.substr(k, 2) == "mm") return std::stod(std::string(d.substr(i, j - i)));
    i = j;
  }
  return std::nullopt;
}

RoofClass classify_roof(std::string_view roof, std::string_view roof_energy_eff,
                        const IngestPolicy& policy) {
  RoofClass r;
  const std::string d = lower(roof);
  r.thickness_mm = millimetres(d, policy.roof_mm_reads_plus);
  r.u_value = u_value(d);
  r.other_dwelling_above = has(d, "above") && (has(d, "dwelling") || has(d, "premises"));
  if (const auto u = policy.read_register_wording ? r.u_value : std::nullopt)
    r.thickness_mm = roof_equivalent_mm(*u);
  if (!r.thickness_mm && any(d, {"no insulation", "uninsulated", "0 mm", "0mm"}))
    r.thickness_mm = 0.0;
  if (!r.thickness_mm) {
    std::string e = lower(roof_energy_eff);
    while (!e.empty() && std::isspace(static_cast<unsigned char>(e.back()))) e.pop_back();
    while (!e.empty() && std::isspace(static_cast<unsigned char>(e.front()))) e.erase(e.begin());
    if (e == "very poor")
      r.thickness_mm = 25.0;
    else if (e == "poor")
      r.thickness_mm = 75.0;
    else if (e == "average")
      r.thickness_mm = 150.0;
    else if (e == "good")
      r.thickness_mm = 250.0;
    else if (e == "very good")
      r.thickness_mm = 300.0;
  }
  r.category = roof_category(r.thickness_mm);
  return r;
}

FloorClass classify_floor(std::string_view floor, const IngestPolicy& policy) {
  FloorClass f;
  const std::string d = lower(floor);
  f.u_value = u_value(d);
  f.other_dwelling_below = has(d, "below") && (has(d, "dwelling") || has(d, "premises"));
  if (const auto u = policy.read_register_wording ? f.u_value : std::nullopt) {
    const bool insulated_floor = *u <= kFloorInsulatedAtMost;
    f.insulation = insulated_floor ? FloorInsulation::kFull : FloorInsulation::kNone;
    f.present = insulated_floor ? 1 : 0;
    return f;
  }
  const bool none = has(d, "no insulation") || has(d, "uninsulated") ||
                    has_seq(d, "suspended", "no") || has_seq(d, "solid", "no");
  if (none) f.insulation = FloorInsulation::kNone;
  if ((has(d, "insulated") || has(d, "insulation")) && !none) {
    f.insulation = FloorInsulation::kFull;
    f.present = 1;
  }
  if (any(d, {"limited", "partial", "some"})) {
    f.insulation = FloorInsulation::kSome;
    f.present = 1;
  }
  if (none) f.present = 0;
  return f;
}

namespace {
std::optional<Glazing> glazing_of(std::string_view text) {
  const std::string d = lower(text);
  std::optional<Glazing> g;
  const bool triple = has(d, "triple");
  if (triple) g = Glazing::kTriple;
  if (has(d, "double") && !triple) g = Glazing::kDouble;
  if (has(d, "single")) g = Glazing::kSingle;
  if (any(d, {"mix", "partial", "some"})) g = Glazing::kMixed;
  return g;
}
}  // namespace

Glazing classify_glazing(std::string_view windows_description, std::string_view glazed_type,
                         std::string_view windows_energy_eff, const IngestPolicy& policy) {
  Glazing g = Glazing::kUnknown;
  for (std::string_view col : {windows_description, glazed_type}) {
    const auto found = glazing_of(col);
    if (!found) continue;
    // The predecessor lets a later column overwrite an earlier match ("Partial double
    // glazing" + "double glazing installed ..." = double); the description is the more
    // specific about coverage, so it wins when it matched.
    if (!policy.glazing_description_wins || g == Glazing::kUnknown) g = *found;
  }
  if (g == Glazing::kUnknown) {
    const std::string e = lower(windows_energy_eff);
    if (e == "very poor" || e == "poor")
      g = Glazing::kSingle;
    else if (e == "average" || e == "good" || e == "very good")
      g = Glazing::kDouble;
  }
  return g;
}

Ventilation classify_ventilation(std::string_view ventilation_type,
                                 std::string_view mechanical_ventilation) {
  Ventilation v = Ventilation::kUnknown;
  for (std::string_view col : {ventilation_type, mechanical_ventilation}) {
    const std::string d = lower(col);
    const bool mvhr = has(d, "mvhr") || has_seq(d, "heat", "recovery") || has(d, "hrv");
    const bool mev = has(d, "mev") || has_seq(d, "mechanical", "extract") ||
                     has_seq(d, "centralised", "extract");
    if (mvhr) v = Ventilation::kMvhr;
    if (mev) v = Ventilation::kMev;
    if ((has_seq(d, "extract", "fan") || has_seq(d, "fan", "extract")) && !mev && !mvhr)
      v = Ventilation::kExtractFans;
    if (any(d, {"natural", "none", "no mechanical"})) v = Ventilation::kNatural;
  }
  return v;
}

Tenure classify_tenure(std::string_view tenure, bool present) {
  if (!present) return Tenure::kUnknown;
  std::string t = lower(tenure);
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
  std::size_t b = 0;
  while (b < t.size() && std::isspace(static_cast<unsigned char>(t[b]))) ++b;
  t.erase(0, b);
  Tenure r = Tenure::kUnknown;
  if (any(t, {"owner", "owned", "freehold"})) r = Tenure::kOwnerOccupied;
  const bool social =
      any(t, {"social", "council", "housing association", "local authority",
              "registered social landlord", "rented (social)", "rental (social)"}) ||
      has_word(t, "rsl");
  if (social) r = Tenure::kSocial;
  const bool priv = has_seq(t, "private", "rent") || has_seq(t, "rent", "private") ||
                    has_seq(t, "rental", "private") ||
                    any(t, {"rented privately", "rented (private)", "rental (private)"});
  if (priv || (has(t, "rent") && !social)) r = Tenure::kPrivateRented;
  return r;
}

ControlsClass classify_controls(std::string_view controls, const IngestPolicy& policy) {
  const std::string d = lower(controls);
  ControlsClass c;
  c.trv = has(d, "trv") || has(d, "thermostatic radiator");
  c.programmer = any(d, {"programmer", "timer", "time control"});
  c.room_thermostat = has(d, "room thermostat") || has(d, "roomstat");
  // `app` also matches "appliance thermostats"; the policy may want the word.
  const bool app = policy.smart_app_as_word ? has_word(d, "app") : has(d, "app");
  c.smart = any(d, {"smart", "learning", "wireless"}) || app;
  return c;
}

bool illogical_insulation(std::string_view walls) {
  const std::string d = lower(walls);
  return has(d, "solid") && (has_seq(d, "cavity", "filled") || has_seq(d, "filled", "cavity"));
}

}  // namespace heatstreet::epc
