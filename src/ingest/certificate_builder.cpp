#include "heatstreet/ingest/certificate_builder.hpp"

#include <cmath>
#include <stdexcept>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/ingest/dedup_rule.hpp"
#include "heatstreet/ingest/register_text.hpp"
#include "heatstreet/ingest/register_wording.hpp"
#include "heatstreet/ingest/wording_census.hpp"

namespace heatstreet::ingest {

using namespace epc;
namespace d = dwelling;

CertificateBuilder::CertificateBuilder(const IngestSettings& settings)
    : policy_(settings.policy),
      selector_(settings.filters, settings.policy),
      validator_(settings.validation, settings.policy, settings.filters.age_bands),
      codec_(dwelling_codec()),
      writer_(codec_),
      rejects_(make_reject_table()),
      counters_(kNumCounters, 0) {}

Table& CertificateBuilder::dwellings() {
  if (decoded_rows_ == records_.rows()) return dwellings_;
  // The full layout of make_dwelling_table(), hidden columns included.
  dwellings_ = make_dwelling_table();
  const RowCodec all(dwelling_record_layout());
  Table part = all.empty_table();
  records_.for_each([&](const char* r) { decode_record(all, r, part); });
  const std::size_t n = part.num_rows();
  auto& key = column(dwellings_, hidden::kDedupKey);
  auto& lat = column(dwellings_, hidden::kLatitude);
  auto& lon = column(dwellings_, hidden::kLongitude);
  std::size_t i = 0;
  records_.for_each([&](const char* r) {
    const Coordinates c = record_coordinates(all, r);
    lat.push_back(c.latitude);
    lon.push_back(c.longitude);
    key.push_back(dedup_key(column(part, d::kUprn)[i], column(part, d::kAddress)[i],
                            column(part, d::kPostcode)[i],
                            file_has_uprn(column(part, d::kSourceFile)[i]), policy_));
    ++i;
  });
  for (Column& c : dwellings_.columns()) {
    if (Column* src = part.find(c.info.name)) c.data = std::move(src->data);
  }
  if (dwellings_.columns().front().size() != n) throw std::logic_error("decoded table is ragged");
  decoded_rows_ = records_.rows();
  return dwellings_;
}

void CertificateBuilder::begin_file(std::int32_t file_index, const std::string& display_name,
                                    const std::vector<std::string_view>& header) {
  file_index_ = file_index;
  file_name_ = display_name;
  schema_ = make_schema(header, policy_, display_name);
  if (schema_.has(kUprn)) saw_uprn_ = true;
  if (file_index >= 0) {
    if (file_uprn_.size() <= static_cast<std::size_t>(file_index))
      file_uprn_.resize(file_index + 1, 0);
    file_uprn_[file_index] = schema_.has(kUprn);
  }
}

void CertificateBuilder::reject(const csv::Record& record, std::string_view certificate,
                                Reason reason) {
  append_reject(rejects_, {file_index_, record.line, certificate, reason});
}

namespace {
std::string_view first_value(const Certificate& c, std::initializer_list<Field> fields) {
  for (Field f : fields)
    if (!c.is_null(f)) return c.value(f);
  return {};
}

void address_of(const Certificate& c, std::string& a) {
  a.clear();
  if (!c.is_null(kAddress)) {
    a = c.value(kAddress);
    return;
  }
  for (Field f : {kAddress1, kAddress2, kAddress3}) {
    const std::string_view v = trim(c.value(f));
    if (v.empty()) continue;
    if (!a.empty()) a += ", ";
    a += v;
  }
}
}  // namespace

void CertificateBuilder::add(const csv::Record& record) {
  ++counters_[kRowsRead];
  if (reject_malformed(record)) return;
  unreadable_.check(cert_, today_, file_name_, record.line);
  if (!selected()) return;
  ++counters_[kValidated];
  const std::string_view certificate = first_value(cert_, {kCertificateNumber, kLmkKey});
  ValidationResult v = validator_.check(cert_);
  // Deduplication first: every selected row is kept, its outcome counted after.
  if (!policy_.dedup_before_validation && !count_validation(v)) {
    reject(record, certificate, *v.drop);
    return;
  }
  const Controls controls = heating_controls();
  if (controls.conflict) ++counters_[kHeatingControlsConflicts];

  writer_.begin();
  write_identity(record, certificate);
  write_register_values();
  write_fabric();
  write_services(controls);
  write_register_text(v.illogical_insulation, controls.recorded);
  writer_.set<hidden::kPendingValidation>(pack_validation(v));
  writer_.set_coordinates({cert_.latitude, cert_.longitude});
  records_.append(writer_.finish());
}

// Rows the scanner could not read whole, with the wrong field count, or with values that
// do not parse under the policy.
bool CertificateBuilder::reject_malformed(const csv::Record& record) {
  const auto& f = record.fields;
  auto certificate_guess = [&]() -> std::string_view {
    for (Field k : {kCertificateNumber, kLmkKey}) {
      const int i = schema_.index[k];
      if (i >= 0 && static_cast<std::size_t>(i) < f.size() && !is_null_token(f[i])) return f[i];
    }
    return {};
  };
  if (record.unterminated || record.too_long) {
    ++counters_[kMalformedRows];
    reject(record, {}, record.unterminated ? Reason::kUnterminatedQuote : Reason::kRecordTooLong);
    return true;
  }
  // pandas pads short rows with nulls and (on_bad_lines="skip") drops long ones; a short
  // row is a truncated row, so the policy may reject both.
  if (f.size() > schema_.num_columns ||
      (f.size() < schema_.num_columns && policy_.reject_short_rows)) {
    ++counters_[kMalformedRows];
    reject(record, certificate_guess(), Reason::kFieldCount);
    return true;
  }
  if (auto bad = parse_certificate(f, schema_, policy_, cert_)) {
    ++counters_[kMalformedRows];
    reject(record, certificate_guess(), *bad);
    return true;
  }
  return false;
}

// Stock selection: an excluded row is counted, not rejected.
bool CertificateBuilder::selected() {
  switch (selector_.check(cert_)) {
    case Exclusion::kNone:
      return true;
    case Exclusion::kSampleWindow:
      ++counters_[kExcludedSampleWindow];
      break;
    case Exclusion::kLocalAuthority:
      ++counters_[kExcludedLocalAuthority];
      break;
    case Exclusion::kPropertyType:
      ++counters_[kExcludedPropertyType];
      break;
    case Exclusion::kBuiltForm:
      ++counters_[kExcludedBuiltForm];
      break;
    case Exclusion::kAgeBand:
      ++counters_[kExcludedAgeBand];
      break;
  }
  return false;
}

// Validation V2-V7, counted rule by rule; false when the row is dropped.
bool CertificateBuilder::count_validation(const ValidationResult& v) {
  counters_[kNegativeEnergyValues] += v.negative_energy;
  counters_[kEnergyValuesClamped] += v.energy_clamped;
  counters_[kNegativeCo2Values] += v.negative_co2;
  counters_[kCo2ValuesClamped] += v.co2_clamped;
  if (!v.drop) {
    ++counters_[kRecordsPassed];
    counters_[kIllogicalInsulation] += v.illogical_insulation;
    return true;
  }
  switch (*v.drop) {
    case Reason::kFloorArea:
      ++counters_[kImplausibleFloorAreas];
      break;
    case Reason::kNegativeEnergy:
      ++counters_[kEnergyValuesDropped];
      break;
    case Reason::kNegativeCo2:
      ++counters_[kCo2ValuesDropped];
      break;
    case Reason::kBuiltForm:
      ++counters_[kInconsistentBuiltForm];
      break;
    case Reason::kMissingField:
      ++counters_[kMissingCriticalFields];
      break;
    case Reason::kAgeBandMismatch:
      ++counters_[kConstructionDateMismatches];
      break;
    default:
      break;
  }
  return false;
}

std::vector<std::pair<std::uint64_t, Reason>> CertificateBuilder::validate_kept(
    const std::vector<std::uint64_t>& duplicates) {
  std::vector<std::pair<std::uint64_t, Reason>> dropped;
  std::uint64_t index = 0;
  std::size_t next = 0;
  records_.for_each([&](const char* r) {
    if (next < duplicates.size() && duplicates[next] == index) {
      ++next;
    } else {
      const ValidationResult v =
          unpack_validation(record_value<hidden::kPendingValidation>(codec_, r));
      if (!count_validation(v)) dropped.emplace_back(index, *v.drop);
    }
    ++index;
  });
  return dropped;
}

// Heating controls: the first non-blank alias; MAIN_HEATING_CONTROLS holds a code, not a
// description, so it is an alias only under controls_code_column_is_alias.
CertificateBuilder::Controls CertificateBuilder::heating_controls() const {
  static constexpr Field kAliases[] = {kMainheatContDescription, kMainheatcontDescription,
                                       kMainHeatContDescription, kHeatingControlsDescription,
                                       kMainHeatingControls};
  const std::size_t n = policy_.controls_code_column_is_alias ? 5 : 4;
  Controls c;
  for (std::size_t k = 0; k < n; ++k) {
    const std::string_view t = trim(cert_.value(kAliases[k]));
    if (t.empty()) continue;
    if (!c.recorded) {
      c.text = t;
      c.recorded = true;
    } else if (lower(t) != lower(c.text)) {
      c.conflict = true;
      break;
    }
  }
  return c;
}

void CertificateBuilder::write_identity(const csv::Record& record, std::string_view certificate) {
  const Certificate& c = cert_;
  address_of(c, address_);
  if (c.is_null(kPostcode))
    postcode_.clear();
  else
    postcode_ = normalise_postcode(c.value(kPostcode));
  writer_.set<d::kCertificateNumber>(certificate);
  writer_.set<d::kUprn>(c.uprn);
  writer_.set<d::kAddress>(address_);
  writer_.set<d::kPostcode>(postcode_);
  writer_.set<d::kLocalAuthority>(c.value(kLocalAuthority));
  writer_.set<d::kLocalAuthorityName>(first_value(c, {kCouncil, kBorough, kLocalAuthorityLabel}));
  writer_.set<d::kLodgementDate>(c.lodgement ? *c.lodgement : kNoDate);
  writer_.set<hidden::kInspectionDate>(c.inspection ? *c.inspection : kNoDate);
  writer_.set<d::kSourceFile>(file_index_);
  writer_.set<d::kSourceLine>(record.line);
  // Located later, by geocoding.
  writer_.set<d::kEasting>(NAN);
  writer_.set<d::kNorthing>(NAN);
  writer_.set<d::kLocated>(0);
}

void CertificateBuilder::write_register_values() {
  const Certificate& c = cert_;
  writer_.set<d::kPropertyType>(c.value(kPropertyType));
  writer_.set<d::kBuiltForm>(c.value(kBuiltForm));
  writer_.set<d::kAgeBand>(c.value(kAgeBand));
  writer_.set<d::kCurrentBand>(band_code(c.value(kCurrentRating)));
  writer_.set<d::kCurrentSap>(c.sap);
  writer_.set<d::kFloorArea>(c.floor_area);
  writer_.set<d::kEnergyIntensity>(c.energy);
  writer_.set<d::kCo2>(c.co2);
}

namespace {
float u_value_or_nan(const std::optional<double>& u) { return u ? static_cast<float>(*u) : NAN; }
}  // namespace

// What the classifiers read of a description: the register's wording in English under
// the policy (register_wording.hpp), the text as written otherwise.
std::string CertificateBuilder::wording(std::string_view text) const {
  return policy_.read_register_wording ? english_wording(text) : std::string(text);
}

// Walls, roof, floor and windows, each wording classified once (TextMemo).
void CertificateBuilder::write_fabric() {
  const Certificate& c = cert_;
  const std::string_view walls = first_value(c, {kWallsDescription, kWallDescription});
  // A placeholder is no description: unknown, as a missing column.
  const bool walls_present = (c.present[kWallsDescription] || c.present[kWallDescription]) &&
                             !(policy_.read_register_wording && placeholder(walls));
  const WallClass w = walls_memo_.get({walls}, walls_present, [&] {
    return classify_walls(wording(walls), walls_present, policy_);
  });
  writer_.set<d::kWallType>(static_cast<std::uint8_t>(w.type));
  writer_.set<d::kWallInsulation>(static_cast<std::uint8_t>(w.status));
  writer_.set<d::kWallInsulated>(w.insulated ? 1 : 0);
  writer_.set<d::kWallUValue>(u_value_or_nan(w.u_value));
  const std::string_view roof = c.value(kRoofDescription), roof_eff = c.value(kRoofEnergyEff);
  const RoofClass r = roof_memo_.get(
      {roof, roof_eff}, 0, [&] { return classify_roof(wording(roof), roof_eff, policy_); });
  writer_.set<d::kRoofThickness>(r.thickness_mm ? static_cast<float>(*r.thickness_mm) : NAN);
  writer_.set<d::kRoofCategory>(static_cast<std::uint8_t>(r.category));
  writer_.set<d::kRoofUValue>(u_value_or_nan(r.u_value));
  writer_.set<d::kOtherDwellingAbove>(r.other_dwelling_above);
  const std::string_view floor = c.value(kFloorDescription);
  const FloorClass fl =
      floor_memo_.get({floor}, 0, [&] { return classify_floor(wording(floor), policy_); });
  writer_.set<d::kFloorInsulation>(static_cast<std::uint8_t>(fl.insulation));
  writer_.set<d::kFloorInsulationPresent>(fl.present);
  writer_.set<d::kFloorUValue>(u_value_or_nan(fl.u_value));
  writer_.set<d::kOtherDwellingBelow>(fl.other_dwelling_below);
  const std::string_view windows = c.value(kWindowsDescription), glazed = c.value(kGlazedType),
                         windows_eff = c.value(kWindowsEnergyEff);
  const std::uint8_t glazing = glazing_memo_.get({windows, glazed, windows_eff}, 0, [&] {
    return static_cast<std::uint8_t>(
        classify_glazing(wording(windows), wording(glazed), windows_eff, policy_));
  });
  writer_.set<d::kGlazing>(glazing);
  count_unplaced_fabric(walls_present, w, r, fl, glazing);
}

// The fabric descriptions that fell to other or unknown, by wording (wording_census.hpp).
// Only such rows pay for a look at the text.
void CertificateBuilder::count_unplaced_fabric(bool walls_present, const WallClass& w,
                                               const RoofClass& r, const FloorClass& fl,
                                               std::uint8_t glazing) {
  const Certificate& c = cert_;
  const std::string_view walls = first_value(c, {kWallsDescription, kWallDescription});
  if (walls_present && w.type == WallType::kOther && !trim(walls).empty() && !u_value(walls))
    census_.add(WordingCensus::kWalls, walls);
  const std::string_view roof = c.value(kRoofDescription);
  if (r.category == RoofInsulation::kUnknown && !trim(roof).empty() && !has(lower(roof), "above"))
    census_.add(WordingCensus::kRoof, roof);
  const std::string_view floor = c.value(kFloorDescription);
  if (fl.insulation == FloorInsulation::kUnknown && !trim(floor).empty() &&
      !has(lower(floor), "below"))
    census_.add(WordingCensus::kFloor, floor);
  const std::string_view windows = c.value(kWindowsDescription);
  if (glazing == static_cast<std::uint8_t>(Glazing::kUnknown) && !trim(windows).empty())
    census_.add(WordingCensus::kWindows, windows);
}

// Heating, ventilation, tenure and controls.
void CertificateBuilder::write_services(const Controls& controls) {
  const Certificate& c = cert_;
  const std::string_view mainheat = first_value(c, {kMainheatDescription, kHeatingSystem});
  const std::uint8_t heating = heating_memo_.get({mainheat}, 0, [&] {
    const std::string_view main_system =
        policy_.read_register_wording ? first_main_system(english_part(mainheat)) : mainheat;
    return static_cast<std::uint8_t>(classify_heating(wording(main_system), policy_));
  });
  writer_.set<d::kHeatingSystem>(heating);
  // "Other" is also where oil, LPG and solid-fuel boilers go: those were placed.
  if (heating == static_cast<std::uint8_t>(HeatingSystem::kOther) && !trim(mainheat).empty() &&
      !has(lower(wording(mainheat)), "boiler"))
    census_.add(WordingCensus::kMainHeating, mainheat);
  const std::string_view ventilation = c.value(kVentilationType),
                         mechanical = c.value(kMechanicalVentilation);
  writer_.set<d::kVentilation>(ventilation_memo_.get({ventilation, mechanical}, 0, [&] {
    return static_cast<std::uint8_t>(classify_ventilation(ventilation, mechanical));
  }));
  const std::string_view tenure = c.value(kTenure);
  const bool tenure_present = c.present[kTenure];
  writer_.set<d::kTenure>(tenure_memo_.get({tenure}, tenure_present, [&] {
    return static_cast<std::uint8_t>(classify_tenure(tenure, tenure_present));
  }));
  const ControlsClass cc = controls_memo_.get(
      {controls.text}, 0, [&] { return classify_controls(wording(controls.text), policy_); });
  writer_.set<d::kHasTrv>(cc.trv);
  writer_.set<d::kHasProgrammer>(cc.programmer);
  writer_.set<d::kHasRoomThermostat>(cc.room_thermostat);
  writer_.set<d::kHasSmartControls>(cc.smart);
}

// What the stock characterisation needs of the register text (register_text.hpp).
void CertificateBuilder::write_register_text(bool illogical_insulation, bool controls_recorded) {
  const Certificate& c = cert_;
  writer_.set<d::kInsulationLogicFlag>(illogical_insulation);
  const std::string_view roof = c.value(kRoofDescription);
  const bool roof_rating_column = c.present[kRoofEnergyEff];
  writer_.set<d::kRoofText>(roof_text_memo_.get({roof}, roof_rating_column, [&] {
    return stock::roof_text_code(wording(roof), roof_rating_column, policy_);
  }));
  writer_.set<d::kRoofRating>(stock::rating_code(c.value(kRoofEnergyEff)));
  const bool hw_present = c.present[kHotwaterDescription] || c.present[kHotWaterSystem];
  const std::string_view hot_water = first_value(c, {kHotwaterDescription, kHotWaterSystem});
  const std::uint8_t hw = hot_water_memo_.get({hot_water}, hw_present, [&] {
    return stock::hot_water_code(wording(hot_water), hw_present, policy_);
  });
  writer_.set<d::kHotWater>(hw);
  if (hw == static_cast<std::uint8_t>(HotWater::kOther) && !trim(hot_water).empty())
    census_.add(WordingCensus::kHotWater, hot_water);
  writer_.set<d::kRecordedFields>(recorded_fields(controls_recorded));
}

std::int32_t CertificateBuilder::recorded_fields(bool controls_recorded) const {
  const Certificate& c = cert_;
  std::int32_t rec = 0;
  auto mark = [&](int bit, bool recorded) {
    if (recorded) rec |= std::int32_t(1) << bit;
  };
  mark(stock::kRecFloorArea, !std::isnan(c.floor_area));
  mark(stock::kRecSap, !std::isnan(c.sap));
  mark(stock::kRecEnergy, !std::isnan(c.energy));
  mark(stock::kRecCo2, !std::isnan(c.co2));
  mark(stock::kRecWalls, !trim(first_value(c, {kWallsDescription, kWallDescription})).empty());
  mark(stock::kRecWallsEff, !trim(c.value(kWallsEnergyEff)).empty());
  mark(stock::kRecRoof, !trim(c.value(kRoofDescription)).empty());
  mark(stock::kRecRoofEff, !trim(c.value(kRoofEnergyEff)).empty());
  mark(stock::kRecWindows, !trim(c.value(kWindowsDescription)).empty());
  mark(stock::kRecMainheat, !trim(first_value(c, {kMainheatDescription, kHeatingSystem})).empty());
  mark(stock::kRecControls, controls_recorded);
  mark(stock::kRecPostcode, !postcode_.empty());
  return rec;
}

}  // namespace heatstreet::ingest
