#pragma once
// One register row in, one dwelling record or one reject out: parse, select the stock,
// validate, classify, and record every rejected row with its reason. Pure code (the MPI
// stage in ingest_stage.hpp moves the records between ranks).
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "heatstreet/config/config.hpp"
#include "heatstreet/config/ingest_settings.hpp"
#include "heatstreet/core/record_store.hpp"
#include "heatstreet/core/table.hpp"
#include "heatstreet/core/text_memo.hpp"
#include "heatstreet/ingest/classify.hpp"
#include "heatstreet/ingest/csv_scanner.hpp"
#include "heatstreet/ingest/dwelling_record.hpp"
#include "heatstreet/ingest/ingest_counters.hpp"
#include "heatstreet/ingest/register_layout.hpp"
#include "heatstreet/ingest/reject_table.hpp"
#include "heatstreet/ingest/selection_rules.hpp"
#include "heatstreet/ingest/unreadable_values.hpp"
#include "heatstreet/ingest/wording_census.hpp"

namespace heatstreet::ingest {

class CertificateBuilder {
 public:
  explicit CertificateBuilder(const IngestSettings& settings);

  // Starts a file: reads its header (throws InputError naming the file and column).
  void begin_file(std::int32_t file_index, const std::string& display_name,
                  const std::vector<std::string_view>& header);
  // One data record of the current file.
  void add(const csv::Record& record);

  // The kept rows and the rejects as tables (decoded from the records; for tests and
  // single-process use: the MPI stage works on the records).
  Table& dwellings();
  Table& rejects() { return rejects_; }
  // Records of the kept rows, layout dwelling_codec(): the dwelling record of
  // dwelling_record.hpp, coordinates in the tail.
  RecordStore& records() { return records_; }
  const RecordStore& records() const { return records_; }
  const RowCodec& codec() const { return codec_; }
  // Whether the file with this index had a UPRN column (for dedup_key).
  bool file_has_uprn(std::int32_t file) const {
    return file >= 0 && static_cast<std::size_t>(file) < file_uprn_.size() && file_uprn_[file];
  }
  std::vector<std::int64_t>& counters() { return counters_; }
  // Descriptions the classifier could not place, by wording, on this rank.
  const WordingCensus& census() const { return census_; }
  // Stated values that could not be used, counted on this rank.
  const UnreadableValues& unreadable() const { return unreadable_; }
  // Under dedup_before_validation: counts the validation of every record but the
  // duplicates (indices, ascending) and returns those it drops, with their reasons.
  std::vector<std::pair<std::uint64_t, epc::Reason>> validate_kept(
      const std::vector<std::uint64_t>& duplicates);
  // Whether any file read so far had a UPRN column.
  bool saw_uprn_column() const { return saw_uprn_; }

 private:
  // The heating controls description: the first non-blank alias, and whether another
  // alias says something else.
  struct Controls {
    std::string_view text;
    bool recorded = false;
    bool conflict = false;
  };
  bool reject_malformed(const csv::Record& record);
  bool selected();
  bool count_validation(const epc::ValidationResult& v);
  Controls heating_controls() const;
  std::string wording(std::string_view text) const;
  void count_unplaced_fabric(bool walls_present, const epc::WallClass& w, const epc::RoofClass& r,
                             const epc::FloorClass& fl, std::uint8_t glazing);
  void write_identity(const csv::Record& record, std::string_view certificate);
  void write_register_values();
  void write_fabric();
  void write_services(const Controls& controls);
  void write_register_text(bool illogical_insulation, bool controls_recorded);
  std::int32_t recorded_fields(bool controls_recorded) const;
  void reject(const csv::Record& record, std::string_view certificate, epc::Reason reason);

  IngestPolicy policy_;
  epc::StockSelector selector_;
  epc::Validator validator_;
  RowCodec codec_;
  DwellingWriter writer_;
  RecordStore records_;
  Table dwellings_;
  std::size_t decoded_rows_ = SIZE_MAX;
  std::vector<char> file_uprn_;
  Table rejects_;
  std::vector<std::int64_t> counters_;
  std::int32_t file_index_ = -1;
  std::string file_name_;
  epc::FileSchema schema_;
  epc::Certificate cert_;
  // The row's address and postcode as written to its record.
  std::string address_, postcode_;
  // Each descriptor classified once per distinct wording (text_memo.hpp).
  TextMemo<std::uint8_t> heating_memo_, glazing_memo_, ventilation_memo_, tenure_memo_,
      roof_text_memo_, hot_water_memo_;
  TextMemo<epc::WallClass> walls_memo_;
  TextMemo<epc::RoofClass> roof_memo_;
  TextMemo<epc::FloorClass> floor_memo_;
  TextMemo<epc::ControlsClass> controls_memo_;
  bool saw_uprn_ = false;
  UnreadableValues unreadable_;
  WordingCensus census_;
  std::int32_t today_ = today_in_days();
};

}  // namespace heatstreet::ingest
