#include "heatstreet/ingest/register_layout.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <map>

#include "heatstreet/core/error.hpp"

namespace heatstreet::epc {

namespace {
const char* const kNames[kNumFields] = {"CERTIFICATE_NUMBER",
                                        "LMK_KEY",
                                        "UPRN",
                                        "ADDRESS",
                                        "ADDRESS1",
                                        "ADDRESS2",
                                        "ADDRESS3",
                                        "POSTCODE",
                                        "LOCAL_AUTHORITY",
                                        "LOCAL_AUTHORITY_LABEL",
                                        "COUNCIL",
                                        "BOROUGH",
                                        "PROPERTY_TYPE",
                                        "BUILT_FORM",
                                        "CONSTRUCTION_AGE_BAND",
                                        "LODGEMENT_DATE",
                                        "INSPECTION_DATE",
                                        "TOTAL_FLOOR_AREA",
                                        "CURRENT_ENERGY_RATING",
                                        "CURRENT_ENERGY_EFFICIENCY",
                                        "ENERGY_CONSUMPTION_CURRENT",
                                        "CO2_EMISSIONS_CURRENT",
                                        "WALLS_DESCRIPTION",
                                        "WALL_DESCRIPTION",
                                        "ROOF_DESCRIPTION",
                                        "ROOF_ENERGY_EFF",
                                        "FLOOR_DESCRIPTION",
                                        "WINDOWS_DESCRIPTION",
                                        "GLAZED_TYPE",
                                        "WINDOWS_ENERGY_EFF",
                                        "MAINHEAT_DESCRIPTION",
                                        "HEATING_SYSTEM",
                                        "MAINHEAT_CONT_DESCRIPTION",
                                        "MAINHEATCONT_DESCRIPTION",
                                        "MAIN_HEAT_CONT_DESCRIPTION",
                                        "HEATING_CONTROLS_DESCRIPTION",
                                        "MAIN_HEATING_CONTROLS",
                                        "VENTILATION_TYPE",
                                        "MECHANICAL_VENTILATION",
                                        "TENURE",
                                        "LATITUDE",
                                        "LONGITUDE",
                                        "WALLS_ENERGY_EFF",
                                        "HOTWATER_DESCRIPTION",
                                        "HOT_WATER_SYSTEM"};

const std::map<std::string, std::string>& camel_map() {
  static const std::map<std::string, std::string> m{
      {"certificateNumber", "CERTIFICATE_NUMBER"},
      {"addressLine1", "ADDRESS_LINE1"},
      {"addressLine2", "ADDRESS_LINE2"},
      {"addressLine3", "ADDRESS_LINE3"},
      {"addressLine4", "ADDRESS_LINE4"},
      {"postcode", "POSTCODE"},
      {"postTown", "POST_TOWN"},
      {"council", "COUNCIL"},
      {"constituency", "CONSTITUENCY"},
      {"currentEnergyEfficiencyBand", "CURRENT_ENERGY_RATING"},
      {"currentEnergyEfficiencyRating", "CURRENT_ENERGY_RATING"},
      {"registrationDate", "LODGEMENT_DATE"},
      {"lodgementDate", "LODGEMENT_DATE"},
      {"inspectionDate", "INSPECTION_DATE"},
      {"uprn", "UPRN"},
      {"propertyType", "PROPERTY_TYPE"},
      {"propertyTypeDescription", "PROPERTY_TYPE"},
      {"builtForm", "BUILT_FORM"},
      {"constructionAgeBand", "CONSTRUCTION_AGE_BAND"}};
  return m;
}
}  // namespace

const char* field_name(Field f) { return kNames[f]; }

std::string_view trim(std::string_view v) {
  std::size_t b = 0, e = v.size();
  while (b < e && std::isspace(static_cast<unsigned char>(v[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(v[e - 1]))) --e;
  return v.substr(b, e - b);
}

std::string normalise_header(std::string_view raw, const IngestPolicy& policy) {
  std::string name(trim(raw));
  const auto& cm = camel_map();
  auto it = cm.find(name);
  if (it != cm.end()) {
    if (policy.efficiency_rating_header_is_score && name == "currentEnergyEfficiencyRating")
      return "CURRENT_ENERGY_EFFICIENCY";
    return it->second;
  }
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    // Any camelCase name to UPPER_SNAKE (totalFloorArea -> TOTAL_FLOOR_AREA); the
    // predecessor upper-cased it to TOTALFLOORAREA.
    if (policy.camel_case_headers_to_snake && i > 0 &&
        std::isupper(static_cast<unsigned char>(c)) &&
        std::islower(static_cast<unsigned char>(name[i - 1])))
      out.push_back('_');
    if (c == '-' || c == ' ' || c == '\t')
      out.push_back('_');
    else
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

namespace {

// A header read as a single column usually means another separator or a file that is
// not CSV at all: say so, since "column missing" alone sends users to the wrong place.
std::string delimiter_hint(const std::vector<std::string_view>& header) {
  if (header.size() != 1) return "";
  for (const char* sep : {";", "\t", "|"})
    if (header[0].find(sep) != std::string_view::npos)
      return std::string(" (the header is a single column containing '") +
             (sep[0] == '\t' ? "\\t" : sep) + "': the register's files are comma-separated)";
  return " (the header is a single column: is this a comma-separated certificates file?)";
}

}  // namespace

FileSchema make_schema(const std::vector<std::string_view>& header, const IngestPolicy& policy,
                       const std::string& file) {
  FileSchema s;
  s.num_columns = header.size();
  std::map<std::string, int> first;
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string_view h = header[i];
    if (i == 0 && h.substr(0, 3) == "\xEF\xBB\xBF") h.remove_prefix(3);
    first.emplace(normalise_header(h, policy), static_cast<int>(i));
  }
  for (int f = 0; f < kNumFields; ++f) {
    auto it = first.find(kNames[f]);
    if (it != first.end()) s.index[f] = it->second;
  }
  if (policy.address_lines_stand_in) {
    // The newer API's address lines stand in for the legacy ADDRESS1..3.
    const std::array<Field, 3> legacy{kAddress1, kAddress2, kAddress3};
    for (int k = 0; k < 3; ++k) {
      auto it = first.find("ADDRESS_LINE" + std::to_string(k + 1));
      if (s.index[legacy[k]] < 0 && it != first.end()) s.index[legacy[k]] = it->second;
    }
  }
  auto need = [&](std::initializer_list<Field> any_of) {
    for (Field f : any_of)
      if (s.has(f)) return;
    std::string names;
    for (Field f : any_of) names += (names.empty() ? "" : " or ") + std::string(kNames[f]);
    throw InputError(file + ": required column " + names + " is missing from the header" +
                     delimiter_hint(header));
  };
  need({kCertificateNumber, kLmkKey});
  need({kPostcode});
  need({kCouncil, kBorough, kLocalAuthorityLabel, kLocalAuthority});
  need({kPropertyType});
  need({kBuiltForm});
  need({kAgeBand});
  need({kLodgementDate, kInspectionDate});
  need({kFloorArea});
  need({kCurrentRating});
  need({kEnergyCurrent});
  need({kCo2Current});
  return s;
}

bool is_null_token(std::string_view v) {
  static const std::array<std::string_view, 19> tokens{
      "",     "#N/A",   "#N/A N/A", "#NA",  "-1.#IND", "-1.#QNAN", "-NaN",
      "-nan", "1.#IND", "1.#QNAN",  "<NA>", "N/A",     "NA",       "NULL",
      "NaN",  "None",   "n/a",      "nan",  "null"};
  for (std::string_view t : tokens)
    if (v == t) return true;
  return false;
}

Parse parse_number(std::string_view v, double& out) {
  if (is_null_token(v)) return Parse::kNull;
  v = trim(v);
  if (v.empty() || is_null_token(v)) return Parse::kNull;
  if (v.front() == '+') v.remove_prefix(1);
  const auto r = std::from_chars(v.data(), v.data() + v.size(), out);
  if (r.ec != std::errc() || r.ptr != v.data() + v.size()) return Parse::kInvalid;
  return Parse::kOk;
}

std::int64_t parse_uprn(std::string_view v) {
  v = trim(v);
  if (v.empty() || is_null_token(v)) return -1;
  std::size_t dot = v.find('.');
  std::string_view digits = v.substr(0, dot);
  if (dot != std::string_view::npos) {
    for (char c : v.substr(dot + 1))
      if (c != '0') return -1;
  }
  std::int64_t u = 0;
  const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), u);
  if (r.ec != std::errc() || r.ptr != digits.data() + digits.size() || u < 0) return -1;
  return u;
}

std::int32_t days_from_civil(int y, int m, int d) {
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

std::string date_to_iso(std::int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned mo = mp < 10 ? mp + 3 : mp - 9;
  y += mo <= 2;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, mo, d);
  return buf;
}

std::optional<std::int32_t> parse_date(std::string_view v) {
  v = trim(v);
  if (v.size() < 10 || is_null_token(v)) return std::nullopt;
  auto num = [&](std::size_t b, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = b; i < b + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(v[i]))) return false;
      out = out * 10 + (v[i] - '0');
    }
    return true;
  };
  int y, m, d;
  if (!num(0, 4, y) || v[4] != '-' || !num(5, 2, m) || v[7] != '-' || !num(8, 2, d))
    return std::nullopt;
  if (v.size() > 10 && v[10] != ' ' && v[10] != 'T') return std::nullopt;
  static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return std::nullopt;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m == 2 && d == 29 && !leap) return std::nullopt;
  return days_from_civil(y, m, d);
}

std::string normalise_postcode(std::string_view v) {
  std::string out;
  for (char c : trim(v))
    if (c != ' ') out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  if (out.size() >= 5) out.insert(out.size() - 3, " ");
  return out;
}

}  // namespace heatstreet::epc
