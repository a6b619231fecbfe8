#pragma once
// The dwelling record: the columns ingest keeps for each certificate, declared once as
// ColumnSpecs (the dwelling columns of core/dwelling_columns.hpp and ingest's own hidden
// ones). The dwelling table, the byte layout of the records (core/record_store.hpp) and
// the writer that fills a record, value by named column, all come from this one list.
#include <climits>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "heatstreet/core/column_spec.hpp"
#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/record_store.hpp"
#include "heatstreet/core/table.hpp"

namespace heatstreet::ingest {

inline constexpr std::int32_t kNoDate = INT32_MIN;

// Internal columns carried through the stage and removed before it returns.
namespace hidden {
inline constexpr ColumnSpec<std::int32_t> kInspectionDate{
    "_inspection_date", "days since 1970-01-01", "inspection date"};  // kNoDate if none
inline constexpr ColumnSpec<std::string> kDedupKey{
    "_dedup_key", "", "dwelling key for deduplication"};  // "" = no key
inline constexpr ColumnSpec<double> kLatitude{"_latitude", "degrees",
                                              "WGS84 latitude from the register"};  // NaN none
inline constexpr ColumnSpec<double> kLongitude{"_longitude", "degrees",
                                               "WGS84 longitude from the register"};
// The validation outcome of a record kept for deduplication first (the predecessor's
// in-memory path): epc::pack_validation; settled after deduplication.
inline constexpr ColumnSpec<std::int32_t> kPendingValidation{
    "_pending_validation", "", "validation outcome awaiting deduplication"};
}  // namespace hidden

// The record of a kept certificate, in record (and table) order. The inspection date and
// the pending validation are stored for deduplication but not decoded into the result.
inline constexpr auto kRecordColumns = std::tie(
    dwelling::kCertificateNumber, dwelling::kUprn, dwelling::kAddress, dwelling::kPostcode,
    dwelling::kLocalAuthority, dwelling::kLocalAuthorityName, dwelling::kLodgementDate,
    dwelling::kSourceFile, dwelling::kSourceLine, dwelling::kEasting, dwelling::kNorthing,
    dwelling::kLocated, dwelling::kPropertyType, dwelling::kBuiltForm, dwelling::kAgeBand,
    dwelling::kCurrentBand, dwelling::kCurrentSap, dwelling::kFloorArea, dwelling::kEnergyIntensity,
    dwelling::kCo2, dwelling::kHeatingSystem, dwelling::kWallType, dwelling::kWallInsulation,
    dwelling::kWallInsulated, dwelling::kRoofThickness, dwelling::kRoofCategory,
    dwelling::kFloorInsulation, dwelling::kFloorInsulationPresent, dwelling::kWallUValue,
    dwelling::kRoofUValue, dwelling::kFloorUValue, dwelling::kOtherDwellingAbove,
    dwelling::kOtherDwellingBelow, dwelling::kGlazing, dwelling::kVentilation, dwelling::kTenure,
    dwelling::kHasTrv, dwelling::kHasProgrammer, dwelling::kHasRoomThermostat,
    dwelling::kHasSmartControls, dwelling::kInsulationLogicFlag, dwelling::kRoofText,
    dwelling::kRoofRating, dwelling::kHotWater, dwelling::kRecordedFields, hidden::kInspectionDate,
    hidden::kPendingValidation);

// Columns of the dwelling table that the record does not store: the dedup key is derived
// from UPRN, address and postcode when needed (dedup_rule.hpp), and the register's rare
// coordinates travel in the record's tail (record_coordinates).
inline constexpr auto kDerivedColumns =
    std::tie(hidden::kDedupKey, hidden::kLatitude, hidden::kLongitude);

namespace detail {
constexpr bool same_text(const char* a, const char* b) {
  while (*a != '\0' && *a == *b) ++a, ++b;
  return *a == *b;
}
// Columns are told apart by type and name (names are unique in a table), not by address:
// the addresses of two variables need not be comparable while compiling.
template <class A, class B>
constexpr bool same_spec(const A& a, const B& b) {
  if constexpr (std::is_same_v<A, B>)
    return same_text(a.name, b.name);
  else
    return false;
}
template <const auto& Spec, std::size_t... I>
constexpr std::size_t record_index(std::index_sequence<I...>) {
  std::size_t found = sizeof...(I);
  ((found = same_spec(std::get<I>(kRecordColumns), Spec) ? I : found), ...);
  return found;
}
template <std::size_t... I>
constexpr std::size_t texts_before(std::size_t col, std::index_sequence<I...>) {
  std::size_t n = 0;
  ((n += I < col &&
         std::is_same_v<typename std::decay_t<decltype(std::get<I>(kRecordColumns))>::value_type,
                        std::string>),
   ...);
  return n;
}
using RecordIndices = std::make_index_sequence<std::tuple_size_v<decltype(kRecordColumns)>>;
}  // namespace detail

// Index of a column in the record; a column the record does not have does not compile.
template <const auto& Spec>
constexpr std::size_t record_column() {
  constexpr std::size_t i = detail::record_index<Spec>(detail::RecordIndices{});
  static_assert(i < std::tuple_size_v<decltype(kRecordColumns)>,
                "the dwelling record has no such column");
  return i;
}

// Ordinal of a text column among the record's strings (RowCodec::strings).
template <const auto& Spec>
constexpr std::size_t record_text() {
  static_assert(std::is_same_v<typename std::decay_t<decltype(Spec)>::value_type, std::string>,
                "not a text column");
  return detail::texts_before(record_column<Spec>(), detail::RecordIndices{});
}

// A fixed-size value of a record, by its column.
template <const auto& Spec>
auto record_value(const RowCodec& codec, const char* record) {
  using T = typename std::decay_t<decltype(Spec)>::value_type;
  static_assert(!std::is_same_v<T, std::string>, "a text column: see record_text");
  return codec.get<T>(record, record_column<Spec>());
}

// The dwelling table: the record's columns, then the derived ones, each with its unit,
// description and code labels.
Table make_dwelling_table();
// The columns of the record alone.
Table dwelling_record_layout();
// The codec of dwelling records (the inspection date stored, not decoded).
RowCodec dwelling_codec();

// Fills one dwelling record by column: set<dwelling::kUprn>(uprn), in any order, each
// column once. Texts must stay valid until finish().
class DwellingWriter {
 public:
  explicit DwellingWriter(const RowCodec& codec) : filler_(codec) {}
  void begin() { filler_.begin(); }
  template <const auto& Spec>
  void set(std::conditional_t<
           std::is_same_v<typename std::decay_t<decltype(Spec)>::value_type, std::string>,
           std::string_view, typename std::decay_t<decltype(Spec)>::value_type>
               v) {
    constexpr std::size_t col = record_column<Spec>();
    if constexpr (std::is_same_v<decltype(v), std::string_view>)
      filler_.set_str(col, v);
    else
      filler_.set(col, v);
  }
  // Register coordinates, when the certificate has any, go in the tail.
  void set_coordinates(const Coordinates& c);
  std::string_view finish() { return filler_.finish(); }

 private:
  RecordFiller filler_;
};

}  // namespace heatstreet::ingest
