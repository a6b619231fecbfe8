#include "heatstreet/ingest/selection_rules.hpp"

#include <algorithm>
#include <cctype>

#include "heatstreet/core/error.hpp"
#include "heatstreet/ingest/classify.hpp"

namespace heatstreet::epc {

const std::vector<std::string>& reason_labels() {
  static const std::vector<std::string> v{"unterminated_quote",
                                          "wrong_field_count",
                                          "invalid_number",
                                          "record_too_long",
                                          "implausible_floor_area",
                                          "negative_energy",
                                          "negative_co2",
                                          "inconsistent_built_form",
                                          "missing_critical_field",
                                          "construction_date_mismatch",
                                          "duplicate"};
  return v;
}

namespace {
std::string fold(std::string_view s) { return lower(trim(s)); }

bool in(const std::vector<std::string>& set, const std::string& v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

std::optional<std::int32_t> iso_day(const std::optional<std::string>& s, const char* key) {
  if (!s) return std::nullopt;
  auto d = parse_date(*s);
  if (!d)
    throw ConfigError("filters.sample_window." + std::string(key) + ": '" + *s +
                      "' is not an ISO date (YYYY-MM-DD)");
  return d;
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

// Whether `text` contains `needle` (lower case) in any letter case; no copy of the text,
// as this runs for every certificate that reaches validation.
bool contains_ci(std::string_view text, std::string_view needle) {
  if (needle.size() > text.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= text.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && ascii_lower(text[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

bool blank_or_nan(std::string_view v) {
  const std::string_view t = trim(v);
  return t.empty() || (t.size() == 3 && ascii_lower(t[0]) == 'n' && ascii_lower(t[1]) == 'a' &&
                       ascii_lower(t[2]) == 'n');
}
}  // namespace

std::string age_band_key(std::string_view band) {
  std::string t = fold(band);
  const std::string prefix = "england and wales:";
  if (t.compare(0, prefix.size(), prefix) == 0) t = std::string(trim(t.substr(prefix.size())));
  return t;
}

std::optional<Reason> parse_certificate(const std::vector<std::string_view>& fields,
                                        const FileSchema& schema, const IngestPolicy& policy,
                                        Certificate& c) {
  for (int f = 0; f < kNumFields; ++f) {
    const int i = schema.index[f];
    c.present[f] = i >= 0;
    if (i < 0 || static_cast<std::size_t>(i) >= fields.size()) {
      c.text[f] = {};
      c.null[f] = true;
      continue;
    }
    const std::string_view v = fields[i];
    c.null[f] = is_null_token(v);
    c.text[f] = c.null[f] ? std::string_view{} : v;
  }
  std::optional<Reason> bad;
  auto number = [&](Field f, double& out) {
    out = NAN;
    if (!schema.has(f)) return;
    if (parse_number(c.text[f], out) == Parse::kInvalid) {
      out = NAN;
      if (policy.reject_invalid_numbers) bad = Reason::kInvalidNumber;
    } else if (std::isinf(out) && policy.reject_infinite_numbers) {
      // "inf" is no measurement; pandas (python mode) keeps it and it reaches the totals.
      out = NAN;
      bad = Reason::kInvalidNumber;
    }
  };
  number(kFloorArea, c.floor_area);
  number(kCurrentEfficiency, c.sap);
  number(kEnergyCurrent, c.energy);
  number(kCo2Current, c.co2);
  number(kLatitude, c.latitude);
  number(kLongitude, c.longitude);
  c.lodgement = parse_date(c.text[kLodgementDate]);
  c.inspection = parse_date(c.text[kInspectionDate]);
  c.uprn = parse_uprn(c.text[kUprn]);
  return bad;
}

StockSelector::StockSelector(const FiltersConfig& f, const IngestPolicy& policy)
    : any_column_authority_(policy.authority_matches_any_column),
      start_(iso_day(f.sample_window_start, "start")),
      end_(iso_day(f.sample_window_end, "end")) {
  // A London borough given by code or by name stands for both, as in the predecessor's
  // table (data validation spec §2.3): registers write the code in LOCAL_AUTHORITY and
  // the name in LOCAL_AUTHORITY_LABEL, COUNCIL or BOROUGH.
  for (const auto& a : f.local_authorities) {
    authorities_.push_back(fold(a));
    for (const LocalAuthority& la : london_boroughs())
      if (fold(la.code) == fold(a) || fold(la.name) == fold(a)) {
        authorities_.push_back(fold(la.code));
        authorities_.push_back(fold(la.name));
      }
  }
  std::sort(authorities_.begin(), authorities_.end());
  authorities_.erase(std::unique(authorities_.begin(), authorities_.end()), authorities_.end());
  for (const auto& a : f.property_types) property_types_.push_back(fold(a));
  for (const auto& a : f.built_forms) built_forms_.push_back(fold(a));
  for (const auto& a : f.age_bands) age_bands_.push_back(age_band_key(a));
  if (start_ && end_ && *start_ > *end_)
    throw ConfigError("filters.sample_window: start " + *f.sample_window_start + " is after end " +
                      *f.sample_window_end);
}

Exclusion StockSelector::check(const Certificate& c) const {
  if (start_ || end_) {
    // Effective date: lodgement, else inspection (spec §2.1).
    const auto d = c.lodgement ? c.lodgement : c.inspection;
    if (!d || (start_ && *d < *start_) || (end_ && *d > *end_)) return Exclusion::kSampleWindow;
  }
  if (!authorities_.empty() && !matches_authority(c)) return Exclusion::kLocalAuthority;
  if (!property_types_.empty() && !in(property_types_, fold(c.value(kPropertyType))))
    return Exclusion::kPropertyType;
  if (!built_forms_.empty() && !in(built_forms_, fold(c.value(kBuiltForm))))
    return Exclusion::kBuiltForm;
  if (!age_bands_.empty() && !in(age_bands_, age_band_key(c.value(kAgeBand))))
    return Exclusion::kAgeBand;
  return Exclusion::kNone;
}

bool StockSelector::matches_authority(const Certificate& c) const {
  bool ok = false;
  if (!any_column_authority_) {
    // The predecessor looks only at the first borough column present.
    for (Field f : {kCouncil, kBorough, kLocalAuthorityLabel, kLocalAuthority}) {
      if (c.present[f]) {
        ok = std::binary_search(authorities_.begin(), authorities_.end(), fold(c.value(f)));
        break;
      }
    }
  } else {
    for (Field f : {kCouncil, kBorough, kLocalAuthorityLabel, kLocalAuthority})
      if (!c.is_null(f) &&
          std::binary_search(authorities_.begin(), authorities_.end(), fold(c.value(f))))
        ok = true;
  }
  return ok;
}

Validator::Validator(const ValidationConfig& v, const IngestPolicy& policy,
                     const std::vector<std::string>& stock_age_bands)
    : cfg_(v),
      missing_field_rule_(policy.apply_missing_field_rule),
      missing_field_null_only_(policy.missing_field_null_only),
      age_band_key_(policy.age_band_rule_reads_key),
      age_band_follows_stock_(policy.age_band_rule_follows_stock) {
  for (const auto& a : stock_age_bands) stock_age_bands_.push_back(age_band_key(a));
  std::vector<std::string> names = v.required_fields;
  if (names.empty())
    names = {"address",
             "postcode",
             "property_type",
             "built_form",
             "construction_age_band",
             "current_energy_rating",
             "walls_description",
             "heating_system"};
  for (const std::string& n : names) {
    const std::string k = fold(n);
    std::vector<Field> aliases;
    if (k == "address")
      aliases = {kAddress, kAddress1};
    else if (k == "postcode")
      aliases = {kPostcode};
    else if (k == "property_type")
      aliases = {kPropertyType};
    else if (k == "built_form")
      aliases = {kBuiltForm};
    else if (k == "construction_age_band")
      aliases = {kAgeBand};
    else if (k == "current_energy_rating")
      aliases = {kCurrentRating};
    else if (k == "walls_description")
      aliases = {kWallsDescription, kWallDescription};
    else if (k == "heating_system")
      aliases = {kMainheatDescription, kHeatingSystem};
    else if (k == "uprn")
      aliases = {kUprn};
    else if (k == "lodgement_date")
      aliases = {kLodgementDate};
    else if (k == "total_floor_area")
      aliases = {kFloorArea};
    else
      throw ConfigError("validation.required_fields: unknown field '" + n +
                        "' (known: address, postcode, property_type, built_form, "
                        "construction_age_band, current_energy_rating, walls_description, "
                        "heating_system, uprn, lodgement_date, total_floor_area)");
    required_.push_back(aliases);
    required_names_.push_back(k);
  }
}

std::int32_t pack_validation(const ValidationResult& r) {
  const unsigned reason = r.drop ? static_cast<unsigned>(*r.drop) + 1 : 0;
  const unsigned flags = (r.negative_energy ? 1u : 0u) | (r.energy_clamped ? 2u : 0u) |
                         (r.negative_co2 ? 4u : 0u) | (r.co2_clamped ? 8u : 0u) |
                         (r.illogical_insulation ? 16u : 0u);
  return static_cast<std::int32_t>(reason | flags << 8);
}

ValidationResult unpack_validation(std::int32_t packed) {
  ValidationResult r;
  const auto bits = static_cast<unsigned>(packed);
  const unsigned reason = bits & 0xFFu, flags = bits >> 8;
  if (reason != 0) r.drop = static_cast<Reason>(reason - 1);
  r.negative_energy = flags & 1u;
  r.energy_clamped = flags & 2u;
  r.negative_co2 = flags & 4u;
  r.co2_clamped = flags & 8u;
  r.illogical_insulation = flags & 16u;
  return r;
}

ValidationResult Validator::check(Certificate& c) const {
  ValidationResult r;
  // V2 floor area: null or outside [min, max] (bounds kept).
  if (std::isnan(c.floor_area) || c.floor_area < cfg_.min_floor_area_m2 ||
      c.floor_area > cfg_.max_floor_area_m2) {
    r.drop = Reason::kFloorArea;
    return r;
  }
  r.drop = check_energy_and_co2(c, r);
  if (r.drop) return r;
  // V4 built form contradicts the property type.
  if (contains_ci(c.value(kPropertyType), "terrace") &&
      contains_ci(c.value(kBuiltForm), "detached")) {
    r.drop = Reason::kBuiltForm;
    return r;
  }
  // V5 critical fields. The predecessor's production path reads nulls back as the
  // text "nan", so the rule never fires there; the policy decides whether it applies.
  if (missing_field_rule_ && missing_critical_field(c)) {
    r.drop = Reason::kMissingField;
    return r;
  }
  if (later_age_band(c)) {
    r.drop = Reason::kAgeBandMismatch;
    return r;
  }
  // V7 flag only.
  r.illogical_insulation = illogical_insulation(c.value(kWallsDescription));
  return r;
}

// V3: count negatives before clamping, clamp the slight ones, then drop on the clamped
// values (so a row clamped on one metric can still go for the other).
std::optional<Reason> Validator::check_energy_and_co2(Certificate& c, ValidationResult& r) const {
  r.negative_energy = c.energy < 0;
  r.negative_co2 = c.co2 < 0;
  if (c.energy < 0 && c.energy >= cfg_.energy_clamp_floor) {
    c.energy = 0;
    r.energy_clamped = true;
  }
  if (c.co2 < 0 && c.co2 >= cfg_.co2_clamp_floor) {
    c.co2 = 0;
    r.co2_clamped = true;
  }
  if (c.energy < cfg_.energy_clamp_floor) return Reason::kNegativeEnergy;
  if (c.co2 < cfg_.co2_clamp_floor) return Reason::kNegativeCo2;
  return std::nullopt;
}

bool Validator::missing_critical_field(const Certificate& c) const {
  for (const auto& aliases : required_) {
    // The first alias present in the file decides; absent columns skip the field.
    const Field* used = nullptr;
    for (const Field& f : aliases)
      if (c.present[f]) {
        used = &f;
        break;
      }
    if (used && (c.is_null(*used) || (!missing_field_null_only_ && blank_or_nan(c.value(*used)))))
      return true;
  }
  return false;
}

// V6: an age band outside the modelled stock. The predecessor hard-codes its stock
// (pre-1930) as a list of later bands; the documented methodology reads the configured
// bands, so a cleared list models every home.
bool Validator::later_age_band(const Certificate& c) const {
  if (age_band_follows_stock_)
    return !stock_age_bands_.empty() && !in(stock_age_bands_, age_band_key(c.value(kAgeBand)));
  static const char* const kLater[] = {"1930-1949", "1950-1966",   "1967-1975", "1976-1982",
                                       "1983-1990", "1991-1995",   "1996-2002", "2003-2006",
                                       "2007-2011", "2012 onwards"};
  const std::string band =
      age_band_key_ ? age_band_key(c.value(kAgeBand)) : std::string(c.value(kAgeBand));
  for (const char* b : kLater)
    if (band == b) return true;
  return false;
}

}  // namespace heatstreet::epc
