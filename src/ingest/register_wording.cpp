#include "heatstreet/ingest/register_wording.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <iterator>
#include <utility>
#include <vector>

#include "heatstreet/ingest/classify.hpp"
#include "heatstreet/ingest/register_layout.hpp"

namespace heatstreet::epc {

namespace {

// The register's Welsh phrases and their English wording (docs/methodology.md lists
// them), lower case, apostrophes as '.
constexpr std::pair<std::string_view, std::string_view> kWelshPhrases[] = {
    // Walls.
    {"waliau ceudod", "cavity wall"},
    {"wal geudod", "cavity wall"},
    {"briciau solet", "solid brick"},
    {"brics solet", "solid brick"},
    {"tywodfaen neu galchfaen", "sandstone or limestone"},
    {"tywodfaen", "sandstone"},
    {"calchfaen", "limestone"},
    {"gwenithfaen neu risgraig", "granite or whinstone"},
    {"gwenithfaen", "granite"},
    {"ffr\xC3\xA2m bren", "timber frame"},
    {"ffram bren", "timber frame"},
    {"system adeiladu", "system built"},
    {"fel y'u hadeiladwyd", "as built"},
    {"fel y'i hadeiladwyd", "as built"},
    {"ceudod wedi'i lenwi", "filled cavity"},
    {"ceudod wedi'u llenwi", "filled cavity"},
    {"gydag inswleiddio allanol", "with external insulation"},
    {"inswleiddio allanol", "external insulation"},
    {"gydag inswleiddio mewnol", "with internal insulation"},
    {"inswleiddio mewnol", "internal insulation"},
    {"wedi'i inswleiddio", "insulated"},
    {"wedi'i hinswleiddio", "insulated"},
    {"wedi'u hinswleiddio", "insulated"},
    {"inswleiddio rhannol", "partial insulation"},
    {"inswleiddio cyfyngedig", "limited insulation"},
    {"dim inswleiddio", "no insulation"},
    {"(rhagdybiaeth)", "(assumed)"},
    {"inswleiddio", "insulation"},
    // Roofs and floors.
    {"ar oleddf", "pitched"},
    {"to gwastad", "flat"},
    {"gwastad", "flat"},
    {"ystafelloedd to", "roof rooms"},
    {"ystafell do", "roof room"},
    {"o inswleiddio yn y llofft", "loft insulation"},
    {"inswleiddio yn y llofft", "loft insulation"},
    {"wrth y trawstiau", "at rafters"},
    {"annedd arall uwchben", "another dwelling above"},
    {"eiddo arall uwchben", "another dwelling above"},
    {"annedd arall islaw", "another dwelling below"},
    {"eiddo arall islaw", "another dwelling below"},
    {"i ofod heb ei wresogi", "to unheated space"},
    {"i'r awyr allanol", "to external air"},
    {"crog", "suspended"},
    {"solet", "solid"},
    // Windows.
    {"gwydrau dwbl llawn", "fully double glazed"},
    {"gwydrau dwbl rhannol", "partial double glazing"},
    {"gwydrau dwbl gan mwyaf", "mostly double glazing"},
    {"rhai gwydrau dwbl", "some double glazing"},
    {"gwydrau triphlyg llawn", "fully triple glazed"},
    {"gwydrau triphlyg", "triple glazing"},
    {"gwydrau dwbl", "double glazing"},
    {"gwydrau sengl", "single glazed"},
    {"gwydrau eilaidd", "secondary glazing"},
    {"gwydrau lluosog", "multiple glazing"},
    // Main heating.
    {"bwyler a rheiddiaduron", "boiler and radiators"},
    {"bwyler a gwres dan y llawr", "boiler and underfloor heating"},
    {"bwyler", "boiler"},
    {"rheiddiaduron", "radiators"},
    {"nwy prif gyflenwad", "mains gas"},
    {"nwy potel", "bottled gas"},
    {"olew", "oil"},
    {"glo", "coal"},
    {"pelenni coed", "wood pellets"},
    {"coed", "wood"},
    {"gwresogyddion storio trydan", "electric storage heaters"},
    {"gwresogyddion storio", "storage heaters"},
    {"gwresogyddion trydan cludadwy", "portable electric heaters"},
    {"gwresogyddion ystafell", "room heaters"},
    {"pwmp gwres o'r awyr", "air source heat pump"},
    {"pwmp gwres o'r ddaear", "ground source heat pump"},
    {"pwmp gwres", "heat pump"},
    {"cynllun cymunedol", "community scheme"},
    {"gwres dan y llawr", "underfloor heating"},
    {"aer cynnes", "warm air"},
    {"trydanol", "electric"},
    {"trydan", "electric"},
    // Controls and hot water.
    {"falfiau rheiddiadur thermostatig", "thermostatic radiator valves"},
    {"thermostatau ystafell", "room thermostats"},
    {"thermostat ystafell", "room thermostat"},
    {"rhaglennydd", "programmer"},
    {"rheolaeth amser", "time control"},
    {"rheolydd amser", "time control"},
    {"dim rheolaeth thermostatig", "no thermostatic control"},
    {"rheoli parthau", "zone control"},
    {"o'r brif system", "from main system"},
    {"trochi trydan", "electric immersion"},
};

// The phrases longest first, so a phrase is replaced before any phrase it contains.
const std::vector<std::pair<std::string_view, std::string_view>>& welsh_phrases() {
  static const auto sorted = [] {
    std::vector<std::pair<std::string_view, std::string_view>> v(std::begin(kWelshPhrases),
                                                                 std::end(kWelshPhrases));
    std::stable_sort(v.begin(), v.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    return v;
  }();
  return sorted;
}

// A byte of a word: ASCII letters and digits, the apostrophe, and every byte of a
// multi-byte UTF-8 letter.
bool letter(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '\'' || u >= 0x80;
}

// Replaces whole-phrase occurrences of `from` in `text` by `to`.
void replace_phrase(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t p = text.find(from); p != std::string::npos; p = text.find(from, p)) {
    const std::size_t e = p + from.size();
    const bool whole = (p == 0 || !letter(text[p - 1]) || !letter(from.front())) &&
                       (e == text.size() || !letter(text[e]) || !letter(from.back()));
    if (!whole) {
      ++p;
      continue;
    }
    text.replace(p, from.size(), to);
    p += to.size();
  }
}

// Lower case, with the register's lost or typographic apostrophes as '.
std::string folded(std::string_view text) {
  std::string t = lower(text);
  const std::string_view curly = "\xE2\x80\x99";
  for (std::size_t p = t.find(curly); p != std::string::npos; p = t.find(curly, p))
    t.replace(p, curly.size(), "'");
  for (std::size_t i = 1; i + 1 < t.size(); ++i)
    if (t[i] == '?' && std::isalpha(static_cast<unsigned char>(t[i - 1])) &&
        std::isalpha(static_cast<unsigned char>(t[i + 1])))
      t[i] = '\'';
  return t;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && lower(text.substr(0, prefix.size())) == prefix;
}

}  // namespace

std::string_view english_part(std::string_view text) {
  const std::size_t bar = text.find('|');
  if (bar == std::string_view::npos) return trim(text);
  const std::string_view english = trim(text.substr(0, bar));
  return english.empty() ? trim(text.substr(bar + 1)) : english;
}

bool placeholder(std::string_view text) {
  const std::string_view t = trim(text);
  const std::string l = lower(t);
  return starts_with_ci(t, "sap05:") || l == "no data!" || l == "invalid!";
}

std::string english_wording(std::string_view text) {
  const std::string_view half = english_part(text);
  if (placeholder(half)) return std::string();
  std::string t = folded(half);
  for (const auto& [welsh, english] : welsh_phrases()) replace_phrase(t, welsh, english);
  return t;
}

std::optional<double> u_value(std::string_view text) {
  const std::string t = lower(text);
  const std::string_view key = "thermal transmittance";
  const std::size_t k = t.find(key);
  if (k == std::string::npos) return std::nullopt;
  std::size_t p = k + key.size();
  while (p < t.size() && (t[p] == ' ' || t[p] == '=' || t[p] == ':')) ++p;
  double v = 0;
  const auto r = std::from_chars(t.data() + p, t.data() + t.size(), v);
  if (r.ec != std::errc() || !(v >= 0)) return std::nullopt;
  std::size_t u = static_cast<std::size_t>(r.ptr - t.data());
  while (u < t.size() && t[u] == ' ') ++u;
  // Every encoding of the unit starts "w/m": the ² is what the register mangles.
  if (t.compare(u, 3, "w/m") != 0) return std::nullopt;
  return v;
}

namespace {
// How the register starts the description of a heating system (English and Welsh).
bool starts_a_system(std::string_view rest) {
  static const std::string_view starts[] = {"boiler",
                                            "electric storage",
                                            "electric underfloor",
                                            "electric ceiling",
                                            "room heaters",
                                            "portable electric",
                                            "air source heat pump",
                                            "ground source heat pump",
                                            "water source heat pump",
                                            "heat pump",
                                            "community scheme",
                                            "warm air",
                                            "no system present",
                                            "bwyler",
                                            "gwresogyddion",
                                            "pwmp gwres",
                                            "cynllun cymunedol",
                                            "aer cynnes"};
  for (std::string_view s : starts)
    if (starts_with_ci(rest, s)) return true;
  return false;
}
}  // namespace

std::string_view first_main_system(std::string_view mainheat) {
  // A second system follows ", " with a capital and one of the register's system
  // openings; a fuel written in capitals ("Boiler and radiators, LPG") is not one.
  for (std::size_t p = mainheat.find(", "); p != std::string_view::npos;
       p = mainheat.find(", ", p + 1)) {
    const std::string_view rest = mainheat.substr(p + 2);
    if (!rest.empty() && std::isupper(static_cast<unsigned char>(rest.front())) &&
        starts_a_system(rest))
      return mainheat.substr(0, p);
  }
  return mainheat;
}

double roof_equivalent_mm(double u) { return u > 0 ? 40.0 / u : 1000.0; }

}  // namespace heatstreet::epc
