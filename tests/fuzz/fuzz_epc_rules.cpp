// Fuzz target: the row classifier and the validation rules. The input is CSV text whose
// first record is the header; every later record goes through the same steps as in the
// ingest stage (parse, stock selection, validation, classification) under both
// methodologies. A missing required column is a clean InputError; anything else thrown,
// or any crash, is a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "heatstreet/core/error.hpp"
#include "heatstreet/ingest/classify.hpp"
#include "heatstreet/ingest/csv_scanner.hpp"
#include "heatstreet/ingest/register_layout.hpp"
#include "heatstreet/ingest/register_wording.hpp"
#include "heatstreet/ingest/selection_rules.hpp"

using namespace heatstreet;
using namespace heatstreet::epc;

namespace {

void run_rules(const std::vector<std::string>& header, const std::vector<std::string>& row,
               const IngestPolicy& m) {
  std::vector<std::string_view> header_views(header.begin(), header.end());
  FileSchema schema;
  try {
    schema = make_schema(header_views, m, "fuzz.csv");
  } catch (const InputError&) {
    return;  // a required column is missing: the file is refused as a whole
  }
  std::vector<std::string_view> fields(row.begin(), row.end());
  Certificate c;
  if (parse_certificate(fields, schema, m, c)) return;

  FiltersConfig filters;
  filters.local_authorities = {"E09000007", "Camden"};
  filters.property_types = {"House"};
  filters.built_forms = {"Mid-Terrace", "End-Terrace"};
  filters.age_bands = {"before 1900", "1900-1929"};
  filters.sample_window_start = "2015-01-01";
  filters.sample_window_end = "2023-12-31";
  StockSelector(filters, m).check(c);
  StockSelector(FiltersConfig{}, m).check(c);

  ValidationConfig v;
  v.required_fields = {"CURRENT_ENERGY_RATING", "TOTAL_FLOOR_AREA", "POSTCODE"};
  Validator(v, m, filters.age_bands).check(c);
  Validator(v, m, {}).check(c);

  classify_heating(c.value(kMainheatDescription), m);
  classify_walls(c.value(kWallsDescription), c.present[kWallsDescription], m);
  classify_roof(c.value(kRoofDescription), c.value(kRoofEnergyEff), m);
  classify_floor(c.value(kFloorDescription), m);
  english_wording(c.value(kWallsDescription));
  first_main_system(c.value(kMainheatDescription));
  u_value(c.value(kRoofDescription));
  classify_glazing(c.value(kWindowsDescription), c.value(kGlazedType), c.value(kWindowsEnergyEff),
                   m);
  classify_ventilation(c.value(kVentilationType), c.value(kMechanicalVentilation));
  classify_tenure(c.value(kTenure), c.present[kTenure]);
  classify_controls(c.value(kMainheatContDescription), m);
  illogical_insulation(c.value(kWallsDescription));
  age_band_key(c.value(kAgeBand));
  normalise_postcode(c.value(kPostcode));
  parse_date(c.value(kLodgementDate));
  parse_uprn(c.value(kUprn));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::vector<std::string>> records;
  csv::RecordReader reader(csv::State::kRowStart, 0, 1, 4096);
  auto keep = [&](const csv::Record& r) {
    records.emplace_back(r.fields.begin(), r.fields.end());
    return records.size() < 16;
  };
  if (reader.feed(text.data(), text.size(), keep)) reader.finish(keep);
  if (records.size() < 2) {
    // Free text straight into the classifiers.
    for (Methodology methodology : {Methodology::kDocumented, Methodology::kPython}) {
      const IngestPolicy m = ingest_policy(methodology);
      classify_heating(text, m);
      classify_walls(text, true, m);
      classify_roof(text, text, m);
      classify_glazing(text, text, text, m);
      classify_controls(text, m);
      classify_floor(text, m);
      normalise_header(text, m);
    }
    english_wording(text);
    first_main_system(text);
    u_value(text);
    classify_ventilation(text, text);
    classify_tenure(text, true);
    double x;
    parse_number(text, x);
    parse_date(text);
    parse_uprn(text);
    normalise_postcode(text);
    age_band_key(text);
    return 0;
  }
  for (std::size_t i = 1; i < records.size(); ++i)
    for (Methodology m : {Methodology::kDocumented, Methodology::kPython})
      run_rules(records[0], records[i], ingest_policy(m));
  return 0;
}
