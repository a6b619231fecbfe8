#pragma once
// The ingest stage's counters, in report order (docs/ingest.md explains each), and the
// limit on rejected certificates. Pure code.
#include <cstdint>
#include <string>
#include <vector>

namespace heatstreet::ingest {

enum Counter : int {
  kRowsRead,
  kMalformedRows,
  kExcludedSampleWindow,
  kExcludedLocalAuthority,
  kExcludedPropertyType,
  kExcludedBuiltForm,
  kExcludedAgeBand,
  kValidated,
  kImplausibleFloorAreas,
  kNegativeEnergyValues,
  kEnergyValuesClamped,
  kEnergyValuesDropped,
  kNegativeCo2Values,
  kCo2ValuesClamped,
  kCo2ValuesDropped,
  kInconsistentBuiltForm,
  kMissingCriticalFields,
  kConstructionDateMismatches,
  kIllogicalInsulation,
  kHeatingControlsConflicts,
  kRecordsPassed,
  kDuplicatesRemoved,
  kKept,
  kLocatedByPostcode,
  kLocatedByCoordinates,
  kUnlocated,
  kCoordinatesOutsideGrid,
  kUnreadableLodgementDates,
  kUnreadableInspectionDates,
  kFutureDates,
  kUprnsNotNumeric,
  kPostcodeRowsOffGrid,
  kPostcodesWithConflictingRows,
  kNumCounters
};
const std::vector<std::string>& counter_names();

// Too many rejects stops the run (duplicates are not errors): throws InputError with the
// share and the count of each rule when the rejected rows exceed `max_reject_fraction`
// of the rows seen. `totals` are the counters summed over ranks.
void check_reject_fraction(const std::vector<std::int64_t>& totals, double max_reject_fraction);

}  // namespace heatstreet::ingest
