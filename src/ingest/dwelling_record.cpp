#include "heatstreet/ingest/dwelling_record.hpp"

namespace heatstreet::ingest {

namespace {
template <class Specs>
void add_columns(Table& t, const Specs& specs) {
  std::apply([&](const auto&... spec) { (add_column(t, spec), ...); }, specs);
}
}  // namespace

Table dwelling_record_layout() {
  Table t;
  add_columns(t, kRecordColumns);
  return t;
}

Table make_dwelling_table() {
  Table t = dwelling_record_layout();
  add_columns(t, kDerivedColumns);
  return t;
}

RowCodec dwelling_codec() {
  return RowCodec(dwelling_record_layout(),
                  {hidden::kInspectionDate.name, hidden::kPendingValidation.name});
}

void DwellingWriter::set_coordinates(const Coordinates& c) {
  if (std::isnan(c.latitude) && std::isnan(c.longitude)) return;
  char tail[kCoordinatesTailBytes];
  write_coordinates_tail(c, tail);
  filler_.set_tail(tail, sizeof tail);
}

}  // namespace heatstreet::ingest
