#include "heatstreet/ingest/ingest_counters.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "heatstreet/core/error.hpp"

namespace heatstreet::ingest {

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
                                          "coordinates_outside_grid",
                                          "unreadable_lodgement_dates",
                                          "unreadable_inspection_dates",
                                          "future_dates",
                                          "uprns_not_numeric",
                                          "postcode_rows_off_grid",
                                          "postcodes_with_conflicting_rows"};
  return v;
}

namespace {
constexpr Counter kRejectCounters[] = {
    kMalformedRows,         kImplausibleFloorAreas, kEnergyValuesDropped,       kCo2ValuesDropped,
    kInconsistentBuiltForm, kMissingCriticalFields, kConstructionDateMismatches};

// "name count, ..." of the rules that rejected rows, largest first.
std::string rejects_by_rule(const std::vector<std::int64_t>& totals) {
  std::vector<std::pair<std::int64_t, std::string>> by_rule;
  for (int c : kRejectCounters)
    if (totals[c] > 0) by_rule.emplace_back(totals[c], counter_names()[c]);
  std::sort(by_rule.begin(), by_rule.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::string rules;
  for (const auto& [n, name] : by_rule)
    rules += (rules.empty() ? "" : ", ") + name + " " + std::to_string(n);
  return rules;
}
}  // namespace

void check_reject_fraction(const std::vector<std::int64_t>& totals, double max_reject_fraction) {
  std::int64_t rejected = 0;
  for (int c : kRejectCounters) rejected += totals[c];
  const std::int64_t seen = totals[kMalformedRows] + totals[kValidated];
  if (!(seen > 0 &&
        static_cast<double>(rejected) > max_reject_fraction * static_cast<double>(seen)))
    return;
  char frac[32];
  std::snprintf(frac, sizeof frac, "%.1f%%",
                100.0 * static_cast<double>(rejected) / static_cast<double>(seen));
  throw InputError("ingest: " + std::to_string(rejected) + " of " + std::to_string(seen) +
                   " certificates rejected (" + frac + ", above validation.max_reject_fraction " +
                   std::to_string(max_reject_fraction) + "); by rule: " + rejects_by_rule(totals));
}

}  // namespace heatstreet::ingest
