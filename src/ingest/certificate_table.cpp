#include "heatstreet/ingest/certificate_table.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <new>
#include <numeric>
#include <stdexcept>
#include <unordered_map>
#include <variant>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/ingest/classify.hpp"
#include "heatstreet/ingest/register_text.hpp"

namespace heatstreet::ingest {

using namespace epc;

const std::vector<std::string>& counter_names() {
  static const std::vector<std::string> v{"rows_read",
                                          "malformed_rows",
                                          "excluded_sample_window",
                                          "excluded_local_authority",
                                          "excluded_property_type",
                                          "excluded_built_form",
                                          "excluded_age_band",
                                          "total_records",
                                          "implausible_floor_areas",
                                          "negative_energy_values",
                                          "energy_values_clamped",
                                          "energy_values_dropped",
                                          "negative_co2_values",
                                          "co2_values_clamped",
                                          "co2_values_dropped",
                                          "inconsistent_built_form",
                                          "missing_critical_fields",
                                          "construction_date_mismatches",
                                          "illogical_insulation",
                                          "heating_controls_conflicts",
                                          "records_passed",
                                          "duplicates_removed",
                                          "kept",
                                          "located_by_postcode",
                                          "located_by_coordinates",
                                          "unlocated",
                                          "coordinates_outside_grid"};
  return v;
}

Table make_dwelling_table() {
  namespace d = dwelling;
  Table t;
  add_column(t, d::kCertificateNumber);
  add_column(t, d::kUprn);
  add_column(t, d::kAddress);
  add_column(t, d::kPostcode);
  add_column(t, d::kLocalAuthority);
  add_column(t, d::kLocalAuthorityName);
  add_column(t, d::kLodgementDate);
  add_column(t, d::kSourceFile);
  add_column(t, d::kSourceLine);
  add_column(t, d::kEasting);
  add_column(t, d::kNorthing);
  add_column(t, d::kLocated);
  add_column(t, d::kPropertyType);
  add_column(t, d::kBuiltForm);
  add_column(t, d::kAgeBand);
  add_column(t, d::kCurrentBand);
  add_column(t, d::kCurrentSap);
  add_column(t, d::kFloorArea);
  add_column(t, d::kEnergyIntensity);
  add_column(t, d::kCo2);
  add_column(t, d::kHeatingSystem);
  add_column(t, d::kWallType);
  add_column(t, d::kWallInsulation);
  add_column(t, d::kWallInsulated);
  add_column(t, d::kRoofThickness);
  add_column(t, d::kRoofCategory);
  add_column(t, d::kFloorInsulation);
  add_column(t, d::kFloorInsulationPresent);
  add_column(t, d::kGlazing);
  add_column(t, d::kVentilation);
  add_column(t, d::kTenure);
  add_column(t, d::kHasTrv);
  add_column(t, d::kHasProgrammer);
  add_column(t, d::kHasRoomThermostat);
  add_column(t, d::kHasSmartControls);
  add_column(t, d::kInsulationLogicFlag);
  add_column(t, d::kRoofText);
  add_column(t, d::kRoofRating);
  add_column(t, d::kHotWater);
  add_column(t, d::kRecordedFields);
  t.add<std::int32_t>({hidden::kInspectionDate, "days since 1970-01-01", "inspection date", {}});
  t.add_strings({hidden::kDedupKey, "", "dwelling key for deduplication", {}});
  t.add<double>({hidden::kLatitude, "degrees", "WGS84 latitude from the register", {}});
  t.add<double>({hidden::kLongitude, "degrees", "WGS84 longitude from the register", {}});
  return t;
}

Table make_reject_table() {
  // The rejects table: where each rejected row was and why.
  static constexpr ColumnSpec<std::int32_t> kFile{dwelling::kSourceFile, "",
                                                  "index of the input file in the input list"};
  static constexpr ColumnSpec<std::int64_t> kLine{
      dwelling::kSourceLine, "", "physical line (1-based) where the row starts"};
  static constexpr ColumnSpec<std::string> kCertificate{
      dwelling::kCertificateNumber, "", "certificate number, when it could be read"};
  static constexpr ColumnSpec<std::uint8_t> kReason{"reason", "",
                                                    "why the certificate was rejected",
                                                    reason_labels};
  Table t;
  add_column(t, kFile);
  add_column(t, kLine);
  add_column(t, kCertificate);
  add_column(t, kReason);
  return t;
}

RowCodec::RowCodec(const Table& columns, const std::vector<std::string>& hidden)
    : template_(columns.empty_like()) {
  for (const Column& c : template_.columns()) {
    Col k;
    k.type = c.data.index();
    k.decoded = std::find(hidden.begin(), hidden.end(), c.info.name) == hidden.end();
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, StringColumn>) {
            k.offset = strings_++;
          } else {
            k.width = sizeof(typename V::value_type);
            k.offset = 4 + fixed_;
            fixed_ += k.width;
          }
        },
        c.data);
    cols_.push_back(k);
  }
  // Readers decode a record's strings into a fixed array of kMaxStrings views.
  if (strings_ > kMaxStrings) throw std::logic_error("record layout: too many string columns");
}

std::size_t RowCodec::column(std::string_view name) const {
  const auto& cs = template_.columns();
  for (std::size_t i = 0; i < cs.size(); ++i)
    if (cs[i].info.name == name) return i;
  throw std::logic_error("record layout has no column '" + std::string(name) + "'");
}

Table RowCodec::empty_table() const {
  Table t = template_.empty_like();
  for (std::size_t i = 0; i < cols_.size(); ++i)
    if (!cols_[i].decoded) t.remove(template_.columns()[i].info.name);
  return t;
}

namespace {
std::size_t read_varint(const char*& p) {
  std::size_t v = 0;
  for (int shift = 0;; shift += 7) {
    const auto b = static_cast<unsigned char>(*p++);
    v |= static_cast<std::size_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return v;
  }
}
}  // namespace

const char* RowCodec::strings(const char* record, std::string_view* out) const {
  const char* p = record + strings_at();
  for (std::size_t j = 0; j < strings_; ++j) {
    const std::size_t n = read_varint(p);
    out[j] = std::string_view(p, n);
    p += n;
  }
  return p;
}

void RowWriter::begin() {
  buf_.assign(codec_.strings_at(), '\0');
  next_ = 0;
}

void RowWriter::check(std::size_t width) {
  if (next_ >= codec_.cols().size() || codec_.cols()[next_].width != width)
    throw std::logic_error("record writer: value does not match column " + std::to_string(next_));
}

void RowWriter::put_str(std::string_view s) {
  check(0);
  std::size_t n = s.size();
  while (n >= 0x80) {
    buf_.push_back(static_cast<char>((n & 0x7F) | 0x80));
    n >>= 7;
  }
  buf_.push_back(static_cast<char>(n));
  buf_.append(s.data(), s.size());
  ++next_;
}

void RowWriter::put_tail(const void* p, std::size_t n) {
  buf_.append(static_cast<const char*>(p), n);
}

std::string_view RowWriter::finish() {
  if (next_ != codec_.cols().size()) throw std::logic_error("record writer: columns missing");
  const auto len = static_cast<std::uint32_t>(buf_.size());
  std::memcpy(buf_.data(), &len, sizeof len);
  return buf_;
}

namespace {
std::size_t page_round(std::size_t n) {
  static const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  return (n + page - 1) / page * page;
}
}  // namespace

PageBuffer& PageBuffer::operator=(PageBuffer&& o) noexcept {
  if (this != &o) {
    release();
    p_ = o.p_;
    size_ = o.size_;
    cap_ = o.cap_;
    o.p_ = nullptr;
    o.size_ = o.cap_ = 0;
  }
  return *this;
}

void PageBuffer::reserve(std::size_t n) {
  if (n <= cap_) return;
  const std::size_t cap = page_round(n);
  void* q = p_ ? mremap(p_, cap_, cap, MREMAP_MAYMOVE)
               : mmap(nullptr, cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (q == MAP_FAILED) throw std::bad_alloc();
  p_ = static_cast<char*>(q);
  cap_ = cap;
}

void PageBuffer::append(const char* p, std::size_t n) {
  if (size_ + n > cap_) reserve(std::max(size_ + n, 2 * cap_));
  if (n) std::memcpy(p_ + size_, p, n);
  size_ += n;
}

void PageBuffer::shrink_to_fit() {
  const std::size_t cap = page_round(size_);
  if (cap == 0) {
    release();
  } else if (cap < cap_) {
    munmap(p_ + cap, cap_ - cap);
    cap_ = cap;
  }
}

void PageBuffer::release() {
  if (p_) munmap(p_, cap_);
  p_ = nullptr;
  size_ = cap_ = 0;
}

void RecordStore::append(std::string_view record) {
  if (chunks_.empty() ||
      chunks_.back().bytes.size() + record.size() > chunks_.back().bytes.capacity()) {
    seal();
    chunks_.emplace_back();
    chunks_.back().bytes.reserve(std::max(kChunkBytes, record.size()));
  }
  RecordChunk& c = chunks_.back();
  c.bytes.append(record.data(), record.size());
  ++c.rows;
  ++rows_;
}

void RecordStore::append_chunk(PageBuffer bytes, std::size_t rows) {
  if (!rows) return;
  seal();
  chunks_.push_back({std::move(bytes), rows});
  rows_ += rows;
}

void RecordStore::seal() {
  if (!chunks_.empty()) chunks_.back().bytes.shrink_to_fit();
}

void RecordStore::clear() {
  chunks_.clear();
  rows_ = 0;
}

void RecordStore::remove(const std::vector<std::uint64_t>& drop) {
  std::size_t next = 0;
  std::uint64_t index = 0;
  for (RecordChunk& c : chunks_) {
    if (next == drop.size() || drop[next] >= index + c.rows) {
      index += c.rows;
      continue;
    }
    PageBuffer kept;
    kept.reserve(c.bytes.size());
    std::size_t rows = 0;
    for (const char *p = c.bytes.data(), *e = p + c.bytes.size(); p < e; ++index) {
      const std::uint32_t n = record_length(p);
      if (next < drop.size() && drop[next] == index)
        ++next;
      else {
        kept.append(p, n);
        ++rows;
      }
      p += n;
    }
    kept.shrink_to_fit();
    rows_ -= c.rows - rows;
    c.bytes = std::move(kept);
    c.rows = rows;
  }
  chunks_.erase(std::remove_if(chunks_.begin(), chunks_.end(),
                               [](const RecordChunk& c) { return c.rows == 0; }),
                chunks_.end());
}

namespace {
// fn(codec column, that column's vector in `out`) for each decoded column, in order.
template <class F>
void for_each_decoded(const RowCodec& codec, Table& out, F&& fn) {
  std::size_t k = 0;
  auto& cols = out.columns();
  for (const RowCodec::Col& c : codec.cols()) {
    if (!c.decoded) continue;
    std::visit([&](auto& v) { fn(c, v); }, cols[k++].data);
  }
}
}  // namespace

void decode_record(const RowCodec& codec, const char* record, Table& out) {
  std::string_view strs[RowCodec::kMaxStrings];
  codec.strings(record, strs);
  for_each_decoded(codec, out, [&](const RowCodec::Col& c, auto& v) {
    using V = std::decay_t<decltype(v)>;
    if constexpr (std::is_same_v<V, StringColumn>) {
      v.push_back(strs[c.offset]);
    } else {
      v.push_back(RowCodec::load<typename V::value_type>(record, c.offset));
    }
  });
}

void reserve_for(const RowCodec& codec, const RecordStore& store, Table& out) {
  std::vector<std::size_t> bytes(codec.num_strings(), 0);
  std::string_view strs[RowCodec::kMaxStrings];
  store.for_each([&](const char* r) {
    codec.strings(r, strs);
    for (std::size_t j = 0; j < bytes.size(); ++j) bytes[j] += strs[j].size();
  });
  const std::size_t extra = store.rows();
  for_each_decoded(codec, out, [&](const RowCodec::Col& c, auto& v) {
    using V = std::decay_t<decltype(v)>;
    if constexpr (std::is_same_v<V, StringColumn>) {
      v.reserve(v.size() + extra, v.char_bytes() + bytes[c.offset]);
    } else {
      v.reserve(v.size() + extra);
    }
  });
}

Coordinates record_coordinates(const RowCodec& codec, const char* record) {
  std::string_view strs[RowCodec::kMaxStrings];
  const char* tail = codec.strings(record, strs);
  Coordinates c;
  if (tail < record + record_length(record) && *tail == 1) {
    std::memcpy(&c.latitude, tail + 1, sizeof(double));
    std::memcpy(&c.longitude, tail + 1 + sizeof(double), sizeof(double));
  }
  return c;
}

namespace {
// The record layout of kept rows: the dwelling table without what is derived (the dedup
// key) or rarely present (coordinates, in the tail); the inspection date is stored for
// deduplication but not decoded.
Table dwelling_record_layout() {
  Table t = make_dwelling_table();
  for (const char* h : {hidden::kDedupKey, hidden::kLatitude, hidden::kLongitude}) t.remove(h);
  return t;
}
}  // namespace

CertificateBuilder::CertificateBuilder(const Config& cfg)
    : m_(cfg.model.methodology),
      selector_(cfg.filters, cfg.model.methodology),
      validator_(cfg.validation, cfg.model.methodology),
      codec_(dwelling_record_layout(), {hidden::kInspectionDate}),
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
  auto& key = dwellings_.strings(hidden::kDedupKey);
  auto& lat = dwellings_.get<double>(hidden::kLatitude);
  auto& lon = dwellings_.get<double>(hidden::kLongitude);
  std::size_t i = 0;
  records_.for_each([&](const char* r) {
    const Coordinates c = record_coordinates(all, r);
    lat.push_back(c.latitude);
    lon.push_back(c.longitude);
    key.push_back(dedup_key(part.get<std::int64_t>(dwelling::kUprn)[i],
                            part.strings(dwelling::kAddress)[i],
                            part.strings(dwelling::kPostcode)[i],
                            file_has_uprn(part.get<std::int32_t>(dwelling::kSourceFile)[i]), m_));
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
  schema_ = make_schema(header, m_, display_name);
  if (schema_.has(kUprn)) saw_uprn_ = true;
  if (file_index >= 0) {
    if (file_uprn_.size() <= static_cast<std::size_t>(file_index))
      file_uprn_.resize(file_index + 1, 0);
    file_uprn_[file_index] = schema_.has(kUprn);
  }
}

void CertificateBuilder::reject(const csv::Record& record, std::string_view certificate,
                                Reason reason) {
  rejects_.get<std::int32_t>(dwelling::kSourceFile).push_back(file_index_);
  rejects_.get<std::int64_t>(dwelling::kSourceLine).push_back(record.line);
  rejects_.strings(dwelling::kCertificateNumber).push_back(certificate);
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
    case Exclusion::kNone:
      break;
    case Exclusion::kSampleWindow:
      ++counters_[kExcludedSampleWindow];
      return;
    case Exclusion::kLocalAuthority:
      ++counters_[kExcludedLocalAuthority];
      return;
    case Exclusion::kPropertyType:
      ++counters_[kExcludedPropertyType];
      return;
    case Exclusion::kBuiltForm:
      ++counters_[kExcludedBuiltForm];
      return;
    case Exclusion::kAgeBand:
      ++counters_[kExcludedAgeBand];
      return;
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

  RowWriter& t = writer_;
  t.begin();
  const std::string address = address_of(c);
  const std::string postcode =
      c.is_null(kPostcode) ? std::string() : normalise_postcode(c.value(kPostcode));
  t.put_str(certificate);
  t.put<std::int64_t>(c.uprn);
  t.put_str(address);
  t.put_str(postcode);
  t.put_str(c.value(kLocalAuthority));
  t.put_str(first_value(c, {kCouncil, kBorough, kLocalAuthorityLabel}));
  t.put<std::int32_t>(c.lodgement ? *c.lodgement : kNoDate);
  t.put<std::int32_t>(file_index_);
  t.put<std::int64_t>(record.line);
  t.put<double>(NAN);
  t.put<double>(NAN);
  t.put<std::uint8_t>(0);
  t.put_str(c.value(kPropertyType));
  t.put_str(c.value(kBuiltForm));
  t.put_str(c.value(kAgeBand));
  t.put<std::uint8_t>(band_code(c.value(kCurrentRating)));
  t.put<double>(c.sap);
  t.put<double>(c.floor_area);
  t.put<double>(c.energy);
  t.put<double>(c.co2);

  const std::string_view mainheat = first_value(c, {kMainheatDescription, kHeatingSystem});
  t.put<std::uint8_t>(heating_memo_.get(
      {mainheat}, 0, [&] { return static_cast<std::uint8_t>(classify_heating(mainheat, m_)); }));
  const bool walls_present = c.present[kWallsDescription] || c.present[kWallDescription];
  const std::string_view walls = first_value(c, {kWallsDescription, kWallDescription});
  const WallClass w = walls_memo_.get({walls}, walls_present,
                                      [&] { return classify_walls(walls, walls_present, m_); });
  t.put<std::uint8_t>(static_cast<std::uint8_t>(w.type));
  t.put<std::uint8_t>(static_cast<std::uint8_t>(w.status));
  t.put<std::uint8_t>(w.insulated ? 1 : 0);
  const std::string_view roof = c.value(kRoofDescription), roof_eff = c.value(kRoofEnergyEff);
  const RoofClass r =
      roof_memo_.get({roof, roof_eff}, 0, [&] { return classify_roof(roof, roof_eff, m_); });
  t.put<float>(r.thickness_mm ? static_cast<float>(*r.thickness_mm) : NAN);
  t.put<std::uint8_t>(static_cast<std::uint8_t>(r.category));
  const std::string_view floor = c.value(kFloorDescription);
  const FloorClass fl = floor_memo_.get({floor}, 0, [&] { return classify_floor(floor); });
  t.put<std::uint8_t>(static_cast<std::uint8_t>(fl.insulation));
  t.put<std::uint8_t>(fl.present);
  const std::string_view windows = c.value(kWindowsDescription), glazed = c.value(kGlazedType),
                         windows_eff = c.value(kWindowsEnergyEff);
  t.put<std::uint8_t>(glazing_memo_.get({windows, glazed, windows_eff}, 0, [&] {
    return static_cast<std::uint8_t>(classify_glazing(windows, glazed, windows_eff, m_));
  }));
  const std::string_view ventilation = c.value(kVentilationType),
                         mechanical = c.value(kMechanicalVentilation);
  t.put<std::uint8_t>(ventilation_memo_.get({ventilation, mechanical}, 0, [&] {
    return static_cast<std::uint8_t>(classify_ventilation(ventilation, mechanical));
  }));
  const std::string_view tenure = c.value(kTenure);
  const bool tenure_present = c.present[kTenure];
  t.put<std::uint8_t>(tenure_memo_.get({tenure}, tenure_present, [&] {
    return static_cast<std::uint8_t>(classify_tenure(tenure, tenure_present));
  }));
  const ControlsClass cc =
      controls_memo_.get({controls}, 0, [&] { return classify_controls(controls, m_); });
  t.put<std::uint8_t>(cc.trv);
  t.put<std::uint8_t>(cc.programmer);
  t.put<std::uint8_t>(cc.room_thermostat);
  t.put<std::uint8_t>(cc.smart);
  t.put<std::uint8_t>(v.illogical_insulation);
  const bool roof_rating_column = c.present[kRoofEnergyEff];
  t.put<std::uint8_t>(roof_text_memo_.get({roof}, roof_rating_column, [&] {
    return stock::roof_text_code(roof, roof_rating_column, m_);
  }));
  t.put<std::uint8_t>(stock::rating_code(roof_eff));
  const bool hw_present = c.present[kHotwaterDescription] || c.present[kHotWaterSystem];
  const std::string_view hot_water = first_value(c, {kHotwaterDescription, kHotWaterSystem});
  t.put<std::uint8_t>(hot_water_memo_.get(
      {hot_water}, hw_present, [&] { return stock::hot_water_code(hot_water, hw_present, m_); }));
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
    mark(stock::kRecMainheat,
         !trim(first_value(c, {kMainheatDescription, kHeatingSystem})).empty());
    mark(stock::kRecControls, have);
    mark(stock::kRecPostcode, !postcode.empty());
    t.put<std::int32_t>(rec);
  }
  t.put<std::int32_t>(c.inspection ? *c.inspection : kNoDate);
  // The dedup key is derived from uprn, address and postcode when needed (dedup_key).
  if (!std::isnan(c.latitude) || !std::isnan(c.longitude)) {
    const char one = 1;
    t.put_tail(&one, 1);
    t.put_tail(&c.latitude, sizeof c.latitude);
    t.put_tail(&c.longitude, sizeof c.longitude);
  }
  records_.append(t.finish());
}

void choose_latest(const Table& t, std::vector<std::size_t>& keep,
                   std::vector<std::size_t>& dropped) {
  keep.clear();
  dropped.clear();
  const auto& key = t.strings(hidden::kDedupKey);
  const auto& lodged = t.get<std::int32_t>(dwelling::kLodgementDate);
  const auto& inspected = t.get<std::int32_t>(hidden::kInspectionDate);
  const auto& cert = t.strings(dwelling::kCertificateNumber);
  const auto& file = t.get<std::int32_t>(dwelling::kSourceFile);
  const auto& line = t.get<std::int64_t>(dwelling::kSourceLine);
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
