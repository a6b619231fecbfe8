#include "heatstreet/certificate_table.hpp"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "heatstreet/epc_classify.hpp"
#include "heatstreet/stock_text.hpp"
#include "heatstreet/vocabulary.hpp"

namespace heatstreet::ingest {

using namespace epc;

const std::vector<std::string>& counter_names() {
  static const std::vector<std::string> v{
      "rows_read", "malformed_rows", "excluded_sample_window", "excluded_local_authority",
      "excluded_property_type", "excluded_built_form", "excluded_age_band", "total_records",
      "implausible_floor_areas", "negative_energy_values", "energy_values_clamped",
      "energy_values_dropped", "negative_co2_values", "co2_values_clamped", "co2_values_dropped",
      "inconsistent_built_form", "missing_critical_fields", "construction_date_mismatches",
      "illogical_insulation", "heating_controls_conflicts", "records_passed",
      "duplicates_removed", "kept", "located_by_postcode", "located_by_coordinates",
      "unlocated", "coordinates_outside_grid"};
  return v;
}

Table make_dwelling_table() {
  Table t;
  t.add_strings({col::kCertificateNumber, "", "certificate number (CERTIFICATE_NUMBER, else LMK_KEY)", {}});
  t.add<std::int64_t>({col::kUprn, "", "Unique Property Reference Number, -1 when none", {}});
  t.add_strings({col::kAddress, "", "address as registered (ADDRESS, else ADDRESS1-3 joined)", {}});
  t.add_strings({col::kPostcode, "", "postcode, normalised (upper case, one space before the inward code)", {}});
  t.add_strings({col::kLocalAuthority, "", "local authority GSS code (LOCAL_AUTHORITY)", {}});
  t.add_strings({col::kLocalAuthorityName, "", "local authority name (COUNCIL, BOROUGH or LOCAL_AUTHORITY_LABEL)", {}});
  t.add<std::int32_t>({col::kLodgementDate, "days since 1970-01-01", "lodgement date, -2147483648 when not recorded", {}});
  t.add<std::int32_t>({col::kSourceFile, "", "index of the input file in the input list", {}});
  t.add<std::int64_t>({col::kSourceLine, "", "physical line (1-based) where the certificate's row starts", {}});
  t.add<double>({col::kEasting, "m", "easting, EPSG:27700; NaN when unlocated", {}});
  t.add<double>({col::kNorthing, "m", "northing, EPSG:27700; NaN when unlocated", {}});
  t.add<std::uint8_t>({col::kLocated, "", "1 when the dwelling has a location", {}});
  t.add_strings({col::kPropertyType, "", "PROPERTY_TYPE as registered", {}});
  t.add_strings({col::kBuiltForm, "", "BUILT_FORM as registered", {}});
  t.add_strings({col::kAgeBand, "", "CONSTRUCTION_AGE_BAND as registered", {}});
  t.add<std::uint8_t>({col::kCurrentBand, "", "current EPC band, 255 when not A-G", band_labels()});
  t.add<double>({col::kCurrentSap, "SAP points", "current energy efficiency (SAP), NaN when missing", {}});
  t.add<double>({col::kFloorArea, "m2", "total floor area", {}});
  t.add<double>({col::kEnergyIntensity, "kWh/m2/yr", "modelled primary energy intensity, slight negatives set to 0", {}});
  t.add<double>({col::kCo2, "t/yr", "modelled CO2 emissions, slight negatives set to 0", {}});
  t.add<std::uint8_t>({col::kHeatingSystem, "", "main heating system class", heating_system_labels()});
  t.add<std::uint8_t>({col::kWallType, "", "wall construction class", wall_type_labels()});
  t.add<std::uint8_t>({col::kWallInsulation, "", "wall insulation status", wall_insulation_labels()});
  t.add<std::uint8_t>({col::kWallInsulated, "", "1 when the walls are insulated", {}});
  t.add<float>({col::kRoofThickness, "mm", "loft insulation thickness (parsed, else imputed from ROOF_ENERGY_EFF), NaN unknown", {}});
  t.add<std::uint8_t>({col::kRoofCategory, "", "loft insulation category", roof_insulation_labels()});
  t.add<std::uint8_t>({col::kFloorInsulation, "", "floor insulation class", floor_insulation_labels()});
  t.add<std::uint8_t>({extra_col::kFloorInsulationPresent, "", "floor insulation present: 0, 1, 255 unknown", {}});
  t.add<std::uint8_t>({col::kGlazing, "", "glazing class", glazing_labels()});
  t.add<std::uint8_t>({col::kVentilation, "", "ventilation class", ventilation_labels()});
  t.add<std::uint8_t>({col::kTenure, "", "tenure class", tenure_labels()});
  t.add<std::uint8_t>({extra_col::kHasTrv, "", "1 when the controls include TRVs", {}});
  t.add<std::uint8_t>({extra_col::kHasProgrammer, "", "1 when the controls include a programmer or timer", {}});
  t.add<std::uint8_t>({extra_col::kHasRoomThermostat, "", "1 when the controls include a room thermostat", {}});
  t.add<std::uint8_t>({extra_col::kHasSmartControls, "", "1 when the controls are smart (app, learning, wireless)", {}});
  t.add<std::uint8_t>({extra_col::kInsulationLogicFlag, "", "1 when the walls text names solid walls with a filled cavity (V7)", {}});
  t.add<std::uint8_t>({extra_col::kRoofText, "", "what ROOF_DESCRIPTION says, bits: 1 described, 2 mm parsed, 4 no insulation, 8 '0 mm', 16 '0mm', 32 '50mm|75mm|100mm', 64 file has ROOF_ENERGY_EFF", {}});
  t.add<std::uint8_t>({extra_col::kRoofRating, "", "ROOF_ENERGY_EFF rating, 255 when not recorded", stock::rating_labels()});
  t.add<std::uint8_t>({extra_col::kHotWater, "", "hot-water system type from HOTWATER_DESCRIPTION, 255 when not described", stock::hot_water_labels()});
  t.add<std::int32_t>({extra_col::kRecordedFields, "", "bit k set when key field k of the data-quality report was recorded (TOTAL_FLOOR_AREA, CURRENT_ENERGY_EFFICIENCY, ENERGY_CONSUMPTION_CURRENT, CO2_EMISSIONS_CURRENT, WALLS_DESCRIPTION, WALLS_ENERGY_EFF, ROOF_DESCRIPTION, ROOF_ENERGY_EFF, WINDOWS_DESCRIPTION, MAINHEAT_DESCRIPTION, MAINHEAT_CONT_DESCRIPTION, POSTCODE)", {}});
  t.add<std::int32_t>({hidden::kInspectionDate, "days since 1970-01-01", "inspection date", {}});
  t.add_strings({hidden::kDedupKey, "", "dwelling key for deduplication", {}});
  t.add<double>({hidden::kLatitude, "degrees", "WGS84 latitude from the register", {}});
  t.add<double>({hidden::kLongitude, "degrees", "WGS84 longitude from the register", {}});
  return t;
}

Table make_reject_table() {
  Table t;
  t.add<std::int32_t>({col::kSourceFile, "", "index of the input file in the input list", {}});
  t.add<std::int64_t>({col::kSourceLine, "", "physical line (1-based) where the row starts", {}});
  t.add_strings({col::kCertificateNumber, "", "certificate number, when it could be read", {}});
  t.add<std::uint8_t>({"reason", "", "why the certificate was rejected", reason_labels()});
  return t;
}

CertificateBuilder::CertificateBuilder(const Config& cfg)
    : m_(cfg.model.methodology),
      selector_(cfg.filters, cfg.model.methodology),
      validator_(cfg.validation, cfg.model.methodology),
      dwellings_(make_dwelling_table()),
      rejects_(make_reject_table()),
      counters_(kNumCounters, 0) {}

void CertificateBuilder::begin_file(std::int32_t file_index, const std::string& display_name,
                                    const std::vector<std::string_view>& header) {
  file_index_ = file_index;
  file_name_ = display_name;
  schema_ = make_schema(header, m_, display_name);
  if (schema_.has(kUprn)) saw_uprn_ = true;
}

void CertificateBuilder::reject(const csv::Record& record, std::string_view certificate,
                                Reason reason) {
  rejects_.get<std::int32_t>(col::kSourceFile).push_back(file_index_);
  rejects_.get<std::int64_t>(col::kSourceLine).push_back(record.line);
  rejects_.strings(col::kCertificateNumber).push_back(certificate);
  rejects_.get<std::uint8_t>("reason").push_back(static_cast<std::uint8_t>(reason));
}

namespace {
std::string_view first_value(const Certificate& c, std::initializer_list<Field> fields) {
  for (Field f : fields)
    if (!c.is_null(f)) return c.value(f);
  return {};
}

std::string address_of(const Certificate& c) {
  if (!c.is_null(kAddress)) return std::string(c.value(kAddress));
  std::string a;
  for (Field f : {kAddress1, kAddress2, kAddress3}) {
    const std::string_view v = trim(c.value(f));
    if (v.empty()) continue;
    if (!a.empty()) a += ", ";
    a += v;
  }
  return a;
}
}  // namespace

std::string dedup_key(std::int64_t uprn, std::string_view address, std::string_view postcode,
                      bool file_has_uprn, Methodology m) {
  if (uprn >= 0) return "U" + std::to_string(uprn);
  if (m == Methodology::kPython) {
    // pandas groups every missing UPRN together; a file without the column keys on the
    // raw address instead.
    return file_has_uprn ? std::string("N") : "R" + std::string(address);
  }
  std::string a;
  bool space = false;
  for (char ch : address) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      if (space && !a.empty()) a.push_back(' ');
      a.push_back(static_cast<char>(std::toupper(c)));
      space = false;
    } else {
      space = true;
    }
  }
  const std::string pc = normalise_postcode(postcode);
  if (a.empty() && pc.empty()) return "";
  return "A" + a + "|" + pc;
}

void CertificateBuilder::add(const csv::Record& record) {
  ++counters_[kRowsRead];
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
    return;
  }
  // pandas pads short rows with nulls and (on_bad_lines="skip") drops long ones; a short
  // row is a truncated row, so documented mode rejects both.
  if (f.size() > schema_.num_columns ||
      (f.size() < schema_.num_columns && m_ == Methodology::kDocumented)) {
    ++counters_[kMalformedRows];
    reject(record, certificate_guess(), Reason::kFieldCount);
    return;
  }
  Certificate& c = cert_;
  if (auto bad = parse_certificate(f, schema_, m_, c)) {
    ++counters_[kMalformedRows];
    reject(record, certificate_guess(), *bad);
    return;
  }
  switch (selector_.check(c)) {
    case Exclusion::kNone: break;
    case Exclusion::kSampleWindow: ++counters_[kExcludedSampleWindow]; return;
    case Exclusion::kLocalAuthority: ++counters_[kExcludedLocalAuthority]; return;
    case Exclusion::kPropertyType: ++counters_[kExcludedPropertyType]; return;
    case Exclusion::kBuiltForm: ++counters_[kExcludedBuiltForm]; return;
    case Exclusion::kAgeBand: ++counters_[kExcludedAgeBand]; return;
  }
  ++counters_[kValidated];
  const std::string_view certificate = first_value(c, {kCertificateNumber, kLmkKey});
  const ValidationResult v = validator_.check(c);
  counters_[kNegativeEnergyValues] += v.negative_energy;
  counters_[kEnergyValuesClamped] += v.energy_clamped;
  counters_[kNegativeCo2Values] += v.negative_co2;
  counters_[kCo2ValuesClamped] += v.co2_clamped;
  if (v.drop) {
    switch (*v.drop) {
      case Reason::kFloorArea: ++counters_[kImplausibleFloorAreas]; break;
      case Reason::kNegativeEnergy: ++counters_[kEnergyValuesDropped]; break;
      case Reason::kNegativeCo2: ++counters_[kCo2ValuesDropped]; break;
      case Reason::kBuiltForm: ++counters_[kInconsistentBuiltForm]; break;
      case Reason::kMissingField: ++counters_[kMissingCriticalFields]; break;
      case Reason::kAgeBandMismatch: ++counters_[kConstructionDateMismatches]; break;
      default: break;
    }
    reject(record, certificate, *v.drop);
    return;
  }
  ++counters_[kRecordsPassed];
  counters_[kIllogicalInsulation] += v.illogical_insulation;

  // Heating controls: the first non-blank alias; a code (MAIN_HEATING_CONTROLS) is not
  // a description, so documented mode leaves it out.
  std::vector<Field> aliases{kMainheatContDescription, kMainheatcontDescription,
                             kMainHeatContDescription, kHeatingControlsDescription};
  if (m_ == Methodology::kPython) aliases.push_back(kMainHeatingControls);
  std::string_view controls;
  bool have = false;
  for (Field a : aliases) {
    const std::string_view t = trim(c.value(a));
    if (t.empty()) continue;
    if (!have) {
      controls = t;
      have = true;
    } else if (lower(t) != lower(controls)) {
      ++counters_[kHeatingControlsConflicts];
      break;
    }
  }

  Table& t = dwellings_;
  const std::string address = address_of(c);
  const std::string postcode = c.is_null(kPostcode) ? std::string() : normalise_postcode(c.value(kPostcode));
  t.strings(col::kCertificateNumber).push_back(certificate);
  t.get<std::int64_t>(col::kUprn).push_back(c.uprn);
  t.strings(col::kAddress).push_back(address);
  t.strings(col::kPostcode).push_back(postcode);
  t.strings(col::kLocalAuthority).push_back(c.value(kLocalAuthority));
  t.strings(col::kLocalAuthorityName).push_back(first_value(c, {kCouncil, kBorough, kLocalAuthorityLabel}));
  t.get<std::int32_t>(col::kLodgementDate).push_back(c.lodgement ? *c.lodgement : kNoDate);
  t.get<std::int32_t>(col::kSourceFile).push_back(file_index_);
  t.get<std::int64_t>(col::kSourceLine).push_back(record.line);
  t.get<double>(col::kEasting).push_back(NAN);
  t.get<double>(col::kNorthing).push_back(NAN);
  t.get<std::uint8_t>(col::kLocated).push_back(0);
  t.strings(col::kPropertyType).push_back(c.value(kPropertyType));
  t.strings(col::kBuiltForm).push_back(c.value(kBuiltForm));
  t.strings(col::kAgeBand).push_back(c.value(kAgeBand));
  t.get<std::uint8_t>(col::kCurrentBand).push_back(band_code(c.value(kCurrentRating)));
  t.get<double>(col::kCurrentSap).push_back(c.sap);
  t.get<double>(col::kFloorArea).push_back(c.floor_area);
  t.get<double>(col::kEnergyIntensity).push_back(c.energy);
  t.get<double>(col::kCo2).push_back(c.co2);

  const std::string_view mainheat = first_value(c, {kMainheatDescription, kHeatingSystem});
  t.get<std::uint8_t>(col::kHeatingSystem).push_back(
      static_cast<std::uint8_t>(classify_heating(mainheat, m_)));
  const bool walls_present = c.present[kWallsDescription] || c.present[kWallDescription];
  const WallClass w =
      classify_walls(first_value(c, {kWallsDescription, kWallDescription}), walls_present, m_);
  t.get<std::uint8_t>(col::kWallType).push_back(static_cast<std::uint8_t>(w.type));
  t.get<std::uint8_t>(col::kWallInsulation).push_back(static_cast<std::uint8_t>(w.status));
  t.get<std::uint8_t>(col::kWallInsulated).push_back(w.insulated ? 1 : 0);
  const RoofClass r = classify_roof(c.value(kRoofDescription), c.value(kRoofEnergyEff), m_);
  t.get<float>(col::kRoofThickness).push_back(r.thickness_mm ? static_cast<float>(*r.thickness_mm) : NAN);
  t.get<std::uint8_t>(col::kRoofCategory).push_back(static_cast<std::uint8_t>(r.category));
  const FloorClass fl = classify_floor(c.value(kFloorDescription));
  t.get<std::uint8_t>(col::kFloorInsulation).push_back(static_cast<std::uint8_t>(fl.insulation));
  t.get<std::uint8_t>(extra_col::kFloorInsulationPresent).push_back(fl.present);
  t.get<std::uint8_t>(col::kGlazing).push_back(static_cast<std::uint8_t>(classify_glazing(
      c.value(kWindowsDescription), c.value(kGlazedType), c.value(kWindowsEnergyEff), m_)));
  t.get<std::uint8_t>(col::kVentilation).push_back(static_cast<std::uint8_t>(
      classify_ventilation(c.value(kVentilationType), c.value(kMechanicalVentilation))));
  t.get<std::uint8_t>(col::kTenure).push_back(
      static_cast<std::uint8_t>(classify_tenure(c.value(kTenure), c.present[kTenure])));
  const ControlsClass cc = classify_controls(controls, m_);
  t.get<std::uint8_t>(extra_col::kHasTrv).push_back(cc.trv);
  t.get<std::uint8_t>(extra_col::kHasProgrammer).push_back(cc.programmer);
  t.get<std::uint8_t>(extra_col::kHasRoomThermostat).push_back(cc.room_thermostat);
  t.get<std::uint8_t>(extra_col::kHasSmartControls).push_back(cc.smart);
  t.get<std::uint8_t>(extra_col::kInsulationLogicFlag).push_back(v.illogical_insulation);
  t.get<std::uint8_t>(extra_col::kRoofText).push_back(
      stock::roof_text_code(c.value(kRoofDescription), c.present[kRoofEnergyEff], m_));
  t.get<std::uint8_t>(extra_col::kRoofRating).push_back(stock::rating_code(c.value(kRoofEnergyEff)));
  const bool hw_present = c.present[kHotwaterDescription] || c.present[kHotWaterSystem];
  t.get<std::uint8_t>(extra_col::kHotWater).push_back(stock::hot_water_code(
      first_value(c, {kHotwaterDescription, kHotWaterSystem}), hw_present, m_));
  {
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
    mark(stock::kRecControls, have);
    mark(stock::kRecPostcode, !postcode.empty());
    t.get<std::int32_t>(extra_col::kRecordedFields).push_back(rec);
  }
  t.get<std::int32_t>(hidden::kInspectionDate).push_back(c.inspection ? *c.inspection : kNoDate);
  t.strings(hidden::kDedupKey).push_back(
      dedup_key(c.uprn, m_ == Methodology::kPython && !c.is_null(kAddress) ? c.value(kAddress) : address,
                postcode, schema_.has(kUprn), m_));
  t.get<double>(hidden::kLatitude).push_back(c.latitude);
  t.get<double>(hidden::kLongitude).push_back(c.longitude);
}

void choose_latest(const Table& t, std::vector<std::size_t>& keep,
                   std::vector<std::size_t>& dropped) {
  keep.clear();
  dropped.clear();
  const auto& key = t.strings(hidden::kDedupKey);
  const auto& lodged = t.get<std::int32_t>(col::kLodgementDate);
  const auto& inspected = t.get<std::int32_t>(hidden::kInspectionDate);
  const auto& cert = t.strings(col::kCertificateNumber);
  const auto& file = t.get<std::int32_t>(col::kSourceFile);
  const auto& line = t.get<std::int64_t>(col::kSourceLine);
  // kNoDate is the smallest int32, so "descending" already puts nulls last; an empty
  // certificate number likewise sorts last.
  auto newer = [&](std::size_t a, std::size_t b) {
    if (lodged[a] != lodged[b]) return lodged[a] > lodged[b];
    if (inspected[a] != inspected[b]) return inspected[a] > inspected[b];
    if (cert[a] != cert[b]) return cert[a] > cert[b];
    if (file[a] != file[b]) return file[a] < file[b];
    return line[a] < line[b];
  };
  std::unordered_map<std::string_view, std::size_t> best;
  const std::size_t n = t.num_rows();
  std::vector<char> winner(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (key[i].empty()) {
      winner[i] = 1;
      continue;
    }
    auto [it, inserted] = best.emplace(key[i], i);
    if (!inserted && newer(i, it->second)) it->second = i;
  }
  for (const auto& kv : best) winner[kv.second] = 1;
  for (std::size_t i = 0; i < n; ++i) (winner[i] ? keep : dropped).push_back(i);
}

}  // namespace heatstreet::ingest
