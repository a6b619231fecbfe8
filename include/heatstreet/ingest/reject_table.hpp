#pragma once
// The rejects table, declared once: where each rejected certificate was and why. The
// builder keeps its rejects in this table; the stage carries them (with the duplicates)
// as records of the same layout. Pure code.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "heatstreet/core/column_spec.hpp"
#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/record_store.hpp"
#include "heatstreet/core/table.hpp"
#include "heatstreet/ingest/selection_rules.hpp"

namespace heatstreet::ingest {

namespace reject {
inline constexpr ColumnSpec<std::int32_t> kSourceFile{dwelling::kSourceFile.name, "",
                                                      "index of the input file in the input list"};
inline constexpr ColumnSpec<std::int64_t> kSourceLine{
    dwelling::kSourceLine.name, "", "physical line (1-based) where the row starts"};
inline constexpr ColumnSpec<std::string> kCertificateNumber{
    dwelling::kCertificateNumber.name, "", "certificate number, when it could be read"};
inline constexpr ColumnSpec<std::uint8_t> kReason{"reason", "", "why the certificate was rejected",
                                                  epc::reason_labels};
}  // namespace reject

struct Reject {
  std::int32_t file = 0;
  std::int64_t line = 0;
  std::string_view certificate;
  epc::Reason reason = epc::Reason::kDuplicate;
};

// source_file, source_line, certificate_number, reason
Table make_reject_table();
void append_reject(Table& rejects, const Reject& r);

// Writes rejects as records of make_reject_table()'s layout.
class RejectWriter {
 public:
  explicit RejectWriter(const RowCodec& codec);
  std::string_view write(const Reject& r);

 private:
  RecordFiller filler_;
  std::size_t file_, line_, certificate_, reason_;
};

}  // namespace heatstreet::ingest
