#include "heatstreet/spatial/hnpd.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "heatstreet/core/error.hpp"

namespace heatstreet::hnpd {

namespace {

// ---- UTF-8 text ------------------------------------------------------------------

bool valid_utf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // truncated sequence
    for (std::size_t k = 1; k <= n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    // Overlong forms, surrogates and values beyond U+10FFFF are invalid.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

std::string latin1_to_utf8(const std::string& s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

std::vector<std::uint32_t> decode(const std::string& s) {  // s is valid UTF-8
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : 3;
    std::uint32_t cp = n == 0 ? c : n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k <= n && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n + 1;
  }
  return out;
}

void encode(std::uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// White space as Python's str.split() sees it (NBSP included).
bool is_space(std::uint32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0 ||
         cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// Case folding for the letters that occur in the file: ASCII and Latin-1.
void fold(std::uint32_t cp, std::string& out) {
  if (cp >= 'A' && cp <= 'Z') {
    out.push_back(static_cast<char>(cp + 32));
  } else if (cp == 0xDF) {
    out += "ss";
  } else if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {
    encode(cp + 0x20, out);
  } else {
    encode(cp, out);
  }
}

// Splits on white space (after dropping U+FEFF) and re-joins with single spaces.
std::string collapse(const std::string& text, bool casefold) {
  std::string out;
  bool pending_space = false;
  for (std::uint32_t cp : decode(text)) {
    if (cp == 0xFEFF) continue;
    if (is_space(cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    if (casefold)
      fold(cp, out);
    else
      encode(cp, out);
  }
  return out;
}

// ---- RFC 4180 records ------------------------------------------------------------

struct Record {
  std::vector<std::string> fields;
  std::int64_t line = 0;
  bool blank = false;  // an empty line: skipped like Python's csv reader does
};

std::vector<Record> split_records(const std::string& text) {
  std::vector<Record> records;
  std::size_t i = 0;
  std::int64_t line = 1;
  const std::size_t n = text.size();
  while (i < n) {
    Record rec;
    rec.line = line;
    std::string field;
    bool quoted_any = false;
    bool end_of_record = false;
    while (!end_of_record) {
      field.clear();
      if (i < n && text[i] == '"') {
        quoted_any = true;
        ++i;
        while (i < n) {
          if (text[i] == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field.push_back('"');
              i += 2;
            } else {
              ++i;
              break;
            }
          } else {
            if (text[i] == '\n') ++line;
            field.push_back(text[i++]);
          }
        }
      }
      // Unquoted text, or what follows a closing quote, up to the separator.
      while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
        field.push_back(text[i++]);
      rec.fields.push_back(field);
      if (i < n && text[i] == ',') {
        ++i;
        continue;
      }
      if (i < n && text[i] == '\r') ++i;
      if (i < n && text[i] == '\n') ++i;
      ++line;
      end_of_record = true;
    }
    rec.blank = !quoted_any && rec.fields.size() == 1 && rec.fields[0].empty();
    records.push_back(std::move(rec));
  }
  return records;
}

bool is_unset(const std::string& normalised) {
  return normalised.empty() || normalised == "not set" || normalised == "none" ||
         normalised == "nan";
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Python float() syntax after trimming: [sign] (digits [. digits?] | . digits) [e [sign] digits]
// or inf / infinity / nan; single underscores allowed between digits.
bool python_float(const std::string& s, double* value) {
  std::string t;
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) t.push_back(s[i++]);
  std::string rest;
  for (std::size_t k = i; k < s.size(); ++k)
    rest.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(s[k]))));
  if (rest == "inf" || rest == "infinity" || rest == "nan") {
    t += rest;
    *value = std::strtod(t.c_str(), nullptr);
    return true;
  }
  auto digits = [&](std::size_t& k) {
    std::size_t start = k;
    while (k < s.size()) {
      if (is_digit(s[k])) {
        t.push_back(s[k++]);
      } else if (s[k] == '_' && k > start && k + 1 < s.size() && is_digit(s[k - 1]) &&
                 is_digit(s[k + 1])) {
        ++k;
      } else {
        break;
      }
    }
    return k - start;
  };
  std::size_t int_digits = digits(i);
  std::size_t frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    t.push_back(s[i++]);
    frac_digits = digits(i);
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    t.push_back(s[i++]);
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) t.push_back(s[i++]);
    if (digits(i) == 0) return false;
  }
  if (i != s.size()) return false;
  *value = std::strtod(t.c_str(), nullptr);  // overflow gives inf, as Python does
  return true;
}

std::string trim_ascii_and_unicode(const std::string& s) {
  auto cps = decode(s);
  std::size_t b = 0, e = cps.size();
  while (b < e && is_space(cps[b])) ++b;
  while (e > b && is_space(cps[e - 1])) --e;
  std::string out;
  for (std::size_t k = b; k < e; ++k) encode(cps[k], out);
  return out;
}

}  // namespace

std::string normalise(const std::string& text) { return collapse(text, true); }
std::string clean_header(const std::string& text) { return collapse(text, false); }

bool parse_coordinate(const std::string& text, double* value) {
  std::string t = trim_ascii_and_unicode(text);
  t.erase(std::remove(t.begin(), t.end(), ','), t.end());
  const std::string n = normalise(t);
  if (is_unset(n) || n == "n/a") return false;
  return python_float(t, value);
}

bool usable_pair(double x, double y) {
  return x >= 0.0 && x <= 700000.0 && y >= 0.0 && y <= 1300000.0;
}

namespace {

// The file's text: UTF-8 without its byte-order mark.
std::string file_text(const std::string& raw, bool* latin1) {
  std::string text = raw;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  if (valid_utf8(text)) return text;
  // Not UTF-8: the predecessor re-reads the whole file as Latin-1.
  *latin1 = true;
  return latin1_to_utf8(raw);
}

std::vector<Record> nonblank_records(const std::string& text) {
  std::vector<Record> records = split_records(text);
  records.erase(
      std::remove_if(records.begin(), records.end(), [](const Record& r) { return r.blank; }),
      records.end());
  return records;
}

// The header row: distinct cleaned names in first-seen order; a repeated name takes the
// later column.
class Header {
 public:
  explicit Header(const Record& rec) {
    for (std::size_t c = 0; c < rec.fields.size(); ++c) {
      const std::string h = clean_header(rec.fields[c]);
      auto it = std::find(names_.begin(), names_.end(), h);
      if (it == names_.end()) {
        names_.push_back(h);
        column_of_.push_back(c);
      } else {
        column_of_[static_cast<std::size_t>(it - names_.begin())] = c;
      }
    }
  }
  // Column of the first name equal to `wanted` once both are normalised; -1 when none.
  long column(const std::string& wanted) const {
    const std::string target = normalise(wanted);
    for (std::size_t k = 0; k < names_.size(); ++k)
      if (normalise(names_[k]) == target) return static_cast<long>(column_of_[k]);
    return -1;
  }

 private:
  std::vector<std::string> names_;
  std::vector<std::size_t> column_of_;
};

// The required columns, in the order row_of reads them.
const char* const kRequired[] = {
    "Ref ID",       "Site Name",   "Region", "Development Status", "Development Status (short)",
    "X-coordinate", "Y-coordinate"};

// Column of each required field; the names of those the header lacks go to `missing`.
std::vector<long> required_columns(const Header& header, std::string* missing) {
  std::vector<long> col;
  for (const char* r : kRequired) {
    col.push_back(header.column(r));
    if (col.back() < 0) *missing += (missing->empty() ? "" : ", ") + std::string(r);
  }
  return col;
}

std::string field(const Record& rec, long c) {
  return static_cast<std::size_t>(c) < rec.fields.size() ? rec.fields[static_cast<std::size_t>(c)]
                                                         : std::string();
}

// One data record; `col` holds the columns of kRequired.
Row row_of(const Record& rec, const std::vector<long>& col) {
  Row row;
  row.line = rec.line;
  row.ref_id = field(rec, col[0]);
  row.site_name = field(rec, col[1]);
  row.region = field(rec, col[2]);
  row.status = field(rec, col[3]);
  if (is_unset(normalise(row.status))) row.status = field(rec, col[4]);
  double x = 0, y = 0;
  const std::string xt = field(rec, col[5]), yt = field(rec, col[6]);
  row.has_pair = parse_coordinate(xt, &x) && parse_coordinate(yt, &y) && usable_pair(x, y);
  if (row.has_pair) row.at = {x, y};
  auto blank = [](const std::string& t) {
    const std::string n = normalise(t);
    return is_unset(n) || n == "n/a";
  };
  row.unreadable_pair = !row.has_pair && !(blank(xt) && blank(yt));
  return row;
}

// The validation of the coordinates (spec §2.5); empty when they are usable.
std::string coordinates_problem(std::int64_t pairs, std::int64_t london_pairs,
                                const std::string& region_filter) {
  if (pairs == 0) return "no row has usable coordinates";
  if (normalise(region_filter) == "london" && london_pairs == 0)
    return "no London row has usable coordinates";
  return std::string();
}

}  // namespace

File parse(const std::string& raw, const std::string& name, const std::string& region_filter) {
  File file;
  file.name = name;
  const std::vector<Record> records = nonblank_records(file_text(raw, &file.latin1));
  if (records.empty()) {
    file.problem = "no header row";
    return file;
  }
  if (records.size() < 2) {
    file.problem = "no data rows";
    return file;
  }
  std::string missing;
  const std::vector<long> col = required_columns(Header(records[0]), &missing);
  if (!missing.empty()) {
    file.problem = "missing required columns: " + missing;
    return file;
  }
  std::int64_t pairs = 0;
  for (std::size_t k = 1; k < records.size(); ++k) {
    Row row = row_of(records[k], col);
    if (row.has_pair) ++pairs;
    if (row.unreadable_pair && file.unreadable_pairs++ == 0)
      file.first_unreadable = "line " + std::to_string(row.line) + ": X-coordinate '" +
                              field(records[k], col[5]) + "', Y-coordinate '" +
                              field(records[k], col[6]) + "'";
    if (normalise(row.region) == "london") {
      ++file.london_rows;
      if (row.has_pair) ++file.london_pairs;
    }
    file.rows.push_back(std::move(row));
  }
  file.problem = coordinates_problem(pairs, file.london_pairs, region_filter);
  return file;
}

File read(const std::string& path, const std::string& region_filter) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open the Heat Network Planning Database file");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw InputError(path + ": read error");
  return parse(ss.str(), path, region_filter);
}

const std::vector<std::string>& builtin_tier1_statuses() {
  static const std::vector<std::string> s{"Operational", "Under Construction",
                                          "No Application Required", "No Application Made"};
  return s;
}

const std::vector<std::string>& builtin_tier2_statuses() {
  static const std::vector<std::string> s{"Planning Permission Granted", "Appeal Granted",
                                          "Secretary of State - Granted"};
  return s;
}

std::vector<std::string> effective_statuses(const std::vector<std::string>& configured,
                                            const std::vector<std::string>& builtin) {
  std::vector<std::string> out, seen;
  auto take = [&](const std::string& s) {
    const std::string n = normalise(s);
    if (std::find(seen.begin(), seen.end(), n) != seen.end()) return;
    seen.push_back(n);
    out.push_back(s);
  };
  for (const auto& s : configured) take(s);
  for (const auto& s : builtin) take(s);
  return out;
}

std::vector<Point> layer(const File& file, const std::string& region_filter,
                         const std::vector<std::string>& statuses, const std::string& what,
                         const std::string& region_key) {
  const std::string region = normalise(region_filter);
  std::vector<std::string> wanted;
  for (const auto& s : statuses) wanted.push_back(normalise(s));
  std::vector<const Row*> in_region, in_status;
  for (const Row& r : file.rows)
    if (region.empty() || normalise(r.region) == region) in_region.push_back(&r);
  if (in_region.empty())
    throw ConfigError(file.name + ": no Heat Network Planning Database rows in region '" +
                      region_filter + "' (" + region_key + ")");
  for (const Row* r : in_region)
    if (std::find(wanted.begin(), wanted.end(), normalise(r->status)) != wanted.end())
      in_status.push_back(r);
  if (in_status.empty())
    throw ConfigError(file.name + ": no " + what + " (statuses of the " + what +
                      " layer) in region '" + region_filter + "' (" + region_key + ")");
  std::vector<Point> points;
  for (const Row* r : in_status)
    if (r->has_pair) points.push_back(r->at);
  if (points.empty())
    throw ConfigError(file.name + ": no " + what + " in region '" + region_filter +
                      "' has usable coordinates (" + region_key + ")");
  return points;
}

}  // namespace heatstreet::hnpd
