#pragma once
// Turns scanned records into the dwelling table: parse, select the stock, validate,
// classify, and record every rejected row; then choose the latest certificate per
// dwelling. Pure code (the MPI stage in ingest.hpp moves the rows between ranks).
#include <cstdint>
#include <string>
#include <vector>

#include "heatstreet/config.hpp"
#include "heatstreet/csv_scanner.hpp"
#include "heatstreet/epc_record.hpp"
#include "heatstreet/epc_rules.hpp"
#include "heatstreet/table.hpp"

namespace heatstreet::ingest {

// Stage counters, in report order (docs/ingest.md explains each).
enum Counter : int {
  kRowsRead, kMalformedRows, kExcludedSampleWindow, kExcludedLocalAuthority,
  kExcludedPropertyType, kExcludedBuiltForm, kExcludedAgeBand, kValidated,
  kImplausibleFloorAreas, kNegativeEnergyValues, kEnergyValuesClamped, kEnergyValuesDropped,
  kNegativeCo2Values, kCo2ValuesClamped, kCo2ValuesDropped, kInconsistentBuiltForm,
  kMissingCriticalFields, kConstructionDateMismatches, kIllogicalInsulation,
  kHeatingControlsConflicts, kRecordsPassed, kDuplicatesRemoved, kKept, kLocatedByPostcode,
  kLocatedByCoordinates, kUnlocated, kCoordinatesOutsideGrid, kNumCounters
};
const std::vector<std::string>& counter_names();

// Internal columns carried through the stage and removed before it returns.
namespace hidden {
inline constexpr const char* kInspectionDate = "_inspection_date";  // int32, kNoDate if none
inline constexpr const char* kDedupKey = "_dedup_key";              // string, "" = no key
inline constexpr const char* kLatitude = "_latitude";               // double WGS84, NaN none
inline constexpr const char* kLongitude = "_longitude";
}  // namespace hidden
inline constexpr std::int32_t kNoDate = INT32_MIN;

// Extra per-dwelling columns this stage adds beside those of vocabulary.hpp.
namespace extra_col {
inline constexpr const char* kFloorInsulationPresent = "floor_insulation_present";  // uint8 0/1/255
inline constexpr const char* kInsulationLogicFlag = "insulation_logic_flag";        // uint8 0/1 (V7)
inline constexpr const char* kHasTrv = "controls_trv";                              // uint8 0/1
inline constexpr const char* kHasProgrammer = "controls_programmer";
inline constexpr const char* kHasRoomThermostat = "controls_room_thermostat";
inline constexpr const char* kHasSmartControls = "controls_smart";
// Codes of stock_text.hpp, for the stock characterisation.
inline constexpr const char* kRoofText = "roof_text";              // uint8 RoofTextBit bits
inline constexpr const char* kRoofRating = "roof_energy_eff";      // uint8 Rating, 255 unknown
inline constexpr const char* kHotWater = "hot_water_type";         // uint8 HotWater, 255 unknown
inline constexpr const char* kRecordedFields = "recorded_fields";  // int32 RecordedField bits
}  // namespace extra_col

// Empty tables with every column, unit, description and code labels set.
Table make_dwelling_table();
Table make_reject_table();  // source_file, source_line, certificate_number, reason

class CertificateBuilder {
 public:
  explicit CertificateBuilder(const Config& cfg);

  // Starts a file: reads its header (throws InputError naming the file and column).
  void begin_file(std::int32_t file_index, const std::string& display_name,
                  const std::vector<std::string_view>& header);
  // One data record of the current file.
  void add(const csv::Record& record);

  Table& dwellings() { return dwellings_; }
  Table& rejects() { return rejects_; }
  std::vector<std::int64_t>& counters() { return counters_; }
  // Whether any file read so far had a UPRN column.
  bool saw_uprn_column() const { return saw_uprn_; }

 private:
  void reject(const csv::Record& record, std::string_view certificate, epc::Reason reason);

  Methodology m_;
  epc::StockSelector selector_;
  epc::Validator validator_;
  Table dwellings_;
  Table rejects_;
  std::vector<std::int64_t> counters_;
  std::int32_t file_index_ = -1;
  std::string file_name_;
  epc::FileSchema schema_;
  epc::Certificate cert_;
  bool saw_uprn_ = false;
};

// The key that groups certificates of one dwelling: the UPRN; without one, documented
// mode uses the normalised address and postcode (no key when both are blank) and python
// mode reproduces the predecessor, which groups every UPRN-less row together.
std::string dedup_key(std::int64_t uprn, std::string_view address, std::string_view postcode,
                      bool file_has_uprn, Methodology m);

// Latest certificate per dedup key among the rows of `t` (spec §3.3 path B: lodgement
// date, inspection date, certificate number, all descending with nulls last, then the
// earliest source position). Rows without a key are all kept. Fills the kept and the
// dropped row indices, each in ascending order.
void choose_latest(const Table& t, std::vector<std::size_t>& keep,
                   std::vector<std::size_t>& dropped);

}  // namespace heatstreet::ingest
