#include "heatstreet/ingest/unreadable_values.hpp"

#include <chrono>

namespace heatstreet::ingest {

void UnreadableValues::note(Kind kind, const std::string& file, std::int64_t line,
                            const char* column, std::string_view text) {
  if (count[kind]++ == 0)
    first[kind] =
        file + ":" + std::to_string(line) + ": " + column + " '" + std::string(text) + "'";
}

void UnreadableValues::check(const epc::Certificate& c, std::int32_t today, const std::string& file,
                             std::int64_t line) {
  if (!c.is_null(epc::kLodgementDate) && !c.lodgement)
    note(kLodgementDate, file, line, "LODGEMENT_DATE", c.value(epc::kLodgementDate));
  if (!c.is_null(epc::kInspectionDate) && !c.inspection)
    note(kInspectionDate, file, line, "INSPECTION_DATE", c.value(epc::kInspectionDate));
  if (c.lodgement && *c.lodgement > today)
    note(kFutureDate, file, line, "LODGEMENT_DATE", c.value(epc::kLodgementDate));
  else if (c.inspection && *c.inspection > today)
    note(kFutureDate, file, line, "INSPECTION_DATE", c.value(epc::kInspectionDate));
  if (!c.is_null(epc::kUprn) && c.uprn < 0) note(kUprn, file, line, "UPRN", c.value(epc::kUprn));
}

std::string UnreadableValues::describe(Kind kind, std::int64_t n, const std::string& first) {
  static const char* const what[kNumKinds] = {
      "lodgement date(s) not in the form YYYY-MM-DD, read as missing",
      "inspection date(s) not in the form YYYY-MM-DD, read as missing",
      "date(s) after today (kept as written: the most recent certificate may be wrong)",
      "UPRN(s) that are not whole numbers, read as missing (see docs/ingest.md for how "
      "dwellings without a UPRN are matched)"};
  return std::to_string(n) + " " + what[kind] + "; first at " + first;
}

std::int32_t today_in_days() {
  using namespace std::chrono;
  return static_cast<std::int32_t>(
      duration_cast<hours>(system_clock::now().time_since_epoch()).count() / 24);
}

}  // namespace heatstreet::ingest
