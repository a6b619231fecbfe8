#pragma once
// Test helpers for the synthetic register: a small RFC 4180 reader, independent of the
// product's own reader, and the spec's stock and validation rules applied to row text, so
// that the generator's ground truth can be checked against what the files really contain.
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace synth_check {

struct Csv {
  bool bom = false;
  bool crlf = false;                           // the first record ends with CR LF
  std::vector<std::vector<std::string>> rows;  // header included
  std::size_t embedded_line_breaks = 0;        // LF inside quoted fields
};

inline Csv parse_csv(const std::string& text) {
  Csv csv;
  std::size_t i = 0;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    csv.bom = true;
    i = 3;
  }
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false, first_end = true;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++csv.embedded_line_breaks;
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      any = true;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;  // the LF ends the record
    } else if (c == '\n') {
      if (first_end) {
        csv.crlf = i > 0 && text[i - 1] == '\r';
        first_end = false;
      }
      row.push_back(field);
      csv.rows.push_back(row);
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || !field.empty() || !row.empty()) {
    row.push_back(field);
    csv.rows.push_back(row);
  }
  return csv;
}

inline std::string read_file(const std::string& path) {
  std::ifstream is(path, std::ios::binary);
  std::ostringstream ss;
  ss << is.rdbuf();
  return ss.str();
}

inline std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
inline std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// spec spatial §2.3 clean(pc)
inline std::string clean_postcode(const std::string& pc) {
  std::string s;
  for (char c : trim(pc)) {
    if (c != ' ') s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (s.size() >= 5) s.insert(s.size() - 3, " ");
  return s;
}

// A strict number: the whole trimmed text parses as a double; pandas null tokens fail.
inline bool strict_number(const std::string& text, double* v) {
  std::string s = trim(text);
  if (s.empty()) return false;
  static const std::set<std::string> nulls = {
      "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
      "<NA>", "N/A",      "NA",  "NULL",    "NaN",      "None", "n/a",  "nan",    "null"};
  if (nulls.count(s)) return false;
  char* end = nullptr;
  *v = std::strtod(s.c_str(), &end);
  return end && *end == '\0';
}

inline bool is_null(const std::string& text) {
  double dummy;
  std::string s = trim(text);
  if (s.empty()) return true;
  static const std::set<std::string> nulls = {"N/A",  "NA",  "NULL", "NaN",
                                              "None", "n/a", "nan",  "null"};
  (void)dummy;
  return nulls.count(s) > 0;
}

struct Columns {
  std::map<std::string, std::size_t> index;
  explicit Columns(const std::vector<std::string>& header) {
    for (std::size_t i = 0; i < header.size(); ++i) index[header[i]] = i;
  }
  std::size_t operator()(const std::string& name) const { return index.at(name); }
};

// spec data-validation §2.3-2.5, in the order stock_reason precedence documents.
inline std::string stock_reason(const std::vector<std::string>& row, const Columns& c,
                                bool london_authority) {
  if (!london_authority) return "outside_london";
  if (lower(trim(row[c("PROPERTY_TYPE")])) != "house") return "not_house";
  static const std::set<std::string> forms = {"mid-terrace", "end-terrace", "enclosed mid-terrace",
                                              "enclosed end-terrace"};
  if (!forms.count(lower(trim(row[c("BUILT_FORM")])))) return "not_terraced";
  static const std::set<std::string> ages = {"before 1900", "england and wales: before 1900",
                                             "1900-1929",   "england and wales: 1900-1929",
                                             "1900-1920",   "1920-1929"};
  if (!ages.count(lower(trim(row[c("CONSTRUCTION_AGE_BAND")])))) return "not_pre_1930";
  return "in_stock";
}

// The one defect a row carries, read from its text (docs/synthetic-data.md).
inline std::string defect_of(const std::vector<std::string>& row, const Columns& c,
                             const std::set<std::string>& known_postcodes) {
  double v;
  const std::string& tfa = row[c("TOTAL_FLOOR_AREA")];
  if (!strict_number(tfa, &v)) return "floor_area_malformed";
  if (v < 25 || v > 400) return "floor_area_out_of_bounds";
  const std::string& e = row[c("ENERGY_CONSUMPTION_CURRENT")];
  if (!strict_number(e, &v)) return "energy_malformed";
  if (v < -10) return "energy_severely_negative";
  if (v < 0) return "energy_slightly_negative";
  if (strict_number(row[c("CO2_EMISSIONS_CURRENT")], &v)) {
    if (v < -5) return "co2_severely_negative";
    if (v < 0) return "co2_slightly_negative";
  }
  if (is_null(row[c("ADDRESS")]) && is_null(row[c("ADDRESS1")])) return "missing_address";
  const std::string& pc = row[c("POSTCODE")];
  if (is_null(pc)) return "missing_postcode";
  if (is_null(row[c("CURRENT_ENERGY_RATING")])) return "missing_current_energy_rating";
  if (is_null(row[c("WALLS_DESCRIPTION")])) return "missing_walls_description";
  if (is_null(row[c("MAINHEAT_DESCRIPTION")])) return "missing_mainheat_description";
  if (!known_postcodes.count(clean_postcode(pc))) return "unknown_postcode";
  if (pc != clean_postcode(pc)) return "postcode_unnormalised";
  const std::string& a1 = row[c("ADDRESS1")];
  if (a1.find('"') != std::string::npos || a1.find('\n') != std::string::npos)
    return "address_quoting";
  return "none";
}

inline char band_of(int sap) {
  if (sap >= 92) return 'A';
  if (sap >= 81) return 'B';
  if (sap >= 69) return 'C';
  if (sap >= 55) return 'D';
  if (sap >= 39) return 'E';
  if (sap >= 21) return 'F';
  return 'G';
}

}  // namespace synth_check
