#include "heatstreet/ingest/ingest_stage.hpp"

#include <algorithm>
#include <string_view>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/record_store.hpp"
#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/ingest/byte_ranges.hpp"
#include "heatstreet/ingest/certificate_builder.hpp"
#include "heatstreet/ingest/duplicate_exchange.hpp"
#include "heatstreet/ingest/geocode.hpp"
#include "heatstreet/ingest/ingest_counters.hpp"
#include "heatstreet/ingest/reject_table.hpp"
#include "heatstreet/parallel/record_spread.hpp"

namespace heatstreet::ingest {

namespace {

// Reads this rank's pieces, in global order, into the builder.
void read_own_pieces(const std::vector<InputFile>& files, const std::vector<Piece>& pieces,
                     const std::vector<PieceStart>& starts, int rank, std::size_t block,
                     CertificateBuilder& builder) {
  std::vector<std::int64_t> bom(files.size(), -1);
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    const Piece& p = pieces[k];
    if (p.owner != rank) continue;
    const InputFile& f = files[p.file];
    if (bom[p.file] < 0) bom[p.file] = bom_length(f);
    const std::vector<std::string> header = read_header(f, bom[p.file], block);
    builder.begin_file(p.file, f.name, std::vector<std::string_view>(header.begin(), header.end()));
    bool skip_header = p.begin == 0;
    scan_range(f, std::max(p.begin, bom[p.file]), p.end, starts[k].state, starts[k].line, block,
               [&](const csv::Record& r) {
                 if (skip_header) {
                   skip_header = false;
                   return true;
                 }
                 builder.add(r);
                 return true;
               });
  }
}

// The latest certificate per dwelling stays; the others leave the kept records and join
// the rejects, which are returned as records. Under dedup_before_validation the survivors
// are validated now, and the rows the rules drop join the rejects too.
RecordStore remove_duplicates(CertificateBuilder& builder, const IngestPolicy& policy,
                              const RowCodec& reject_codec, const Comm& comm) {
  std::vector<std::uint64_t> duplicates;
  run_agreed(comm, [&] { duplicates = find_duplicates(builder, policy, comm); });
  builder.counters()[kDuplicatesRemoved] = static_cast<std::int64_t>(duplicates.size());
  std::vector<std::pair<std::uint64_t, epc::Reason>> drop;
  for (std::uint64_t i : duplicates) drop.emplace_back(i, epc::Reason::kDuplicate);
  if (policy.dedup_before_validation) {
    const auto invalid = builder.validate_kept(duplicates);
    const std::size_t mid = drop.size();
    drop.insert(drop.end(), invalid.begin(), invalid.end());
    std::inplace_merge(drop.begin(), drop.begin() + static_cast<std::ptrdiff_t>(mid), drop.end());
  }
  RecordStore rejects = reject_records(reject_codec, builder.rejects(), builder, drop);
  builder.rejects() = Table();
  std::vector<std::uint64_t> indices;
  for (const auto& d : drop) indices.push_back(d.first);
  builder.records().remove(indices);
  return rejects;
}

// The first non-empty example over the ranks, in rank order (pieces are in global order,
// so this is the first in the files). Collective.
std::string first_over_ranks(const std::string& mine, const Comm& comm) {
  for (const std::string& s : comm.allgather(mine))
    if (!s.empty()) return s;
  return std::string();
}

// Wordings listed per descriptor in tables/unrecognised_wording.csv.
constexpr std::size_t kUnrecognisedWordings = 50;

// Every rank's census summed; the table is the same on every rank. Collective.
Table unrecognised_wording(const WordingCensus& mine, const Comm& comm) {
  WordingCensus all;
  for (const std::string& bytes : comm.allgather(mine.serialise())) all.merge(bytes);
  return all.top(kUnrecognisedWordings);
}

// Counts and warnings for stated values read as missing. Collective.
void report_unreadable(CertificateBuilder& builder, const Comm& comm,
                       std::vector<std::string>& warnings) {
  const UnreadableValues& u = builder.unreadable();
  static constexpr Counter kCounterOf[UnreadableValues::kNumKinds] = {
      kUnreadableLodgementDates, kUnreadableInspectionDates, kFutureDates, kUprnsNotNumeric};
  for (int k = 0; k < UnreadableValues::kNumKinds; ++k) {
    builder.counters()[kCounterOf[k]] = u.count[k];
    const std::int64_t total = comm.sum(u.count[k]);
    const std::string first = first_over_ranks(u.first[k], comm);
    if (total > 0)
      warnings.push_back(
          UnreadableValues::describe(static_cast<UnreadableValues::Kind>(k), total, first));
  }
}

// Counts and warnings for the postcode file's rows that could not be used. Collective.
void report_postcode_file(const PostcodeFileCheck& check, const std::string& file,
                          CertificateBuilder& builder, const Comm& comm,
                          std::vector<std::string>& warnings) {
  // Every rank read the whole file: its count is counted once.
  builder.counters()[kPostcodeRowsOffGrid] = comm.root() ? check.rows_off_grid : 0;
  if (check.rows_off_grid > 0)
    warnings.push_back(std::to_string(check.rows_off_grid) +
                       " postcode row(s) with a centroid off the British National Grid "
                       "(0-700000, 0-1300000 m) left out; first at " +
                       check.first_off_grid);
  std::string mine;
  for (const std::string& pc : check.conflicting) mine += pc + '\n';
  std::vector<std::string> all;
  for (const std::string& part : comm.allgather(mine)) {
    std::size_t b = 0;
    for (std::size_t e; (e = part.find('\n', b)) != std::string::npos; b = e + 1)
      all.push_back(part.substr(b, e - b));
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  builder.counters()[kPostcodesWithConflictingRows] =
      comm.root() ? static_cast<std::int64_t>(all.size()) : 0;
  if (!all.empty())
    warnings.push_back(file + " (inputs.postcodes): " + std::to_string(all.size()) +
                       " postcode(s) of the dwellings have rows with different centroids; the "
                       "first row of each is used (first: " +
                       all.front() + ")");
}

// A warning naming the first register row whose coordinates lie off the grid. Collective.
void report_outside_grid(const Located& located, const std::vector<InputFile>& files,
                         const IngestPolicy& policy, const Comm& comm,
                         std::vector<std::string>& warnings) {
  const std::int64_t total = comm.sum(located.outside_grid);
  std::string mine;
  if (located.first_outside_file >= 0)
    mine = files[static_cast<std::size_t>(located.first_outside_file)].name + ":" +
           std::to_string(located.first_outside_line);
  const std::string first = first_over_ranks(mine, comm);
  if (total > 0)
    warnings.push_back(std::to_string(total) +
                       " certificate(s) with LATITUDE/LONGITUDE off the British National Grid " +
                       (policy.outside_grid_unlocated ? "left unlocated" : "placed as projected") +
                       "; first at " + first);
}

// Locations, before the rows move (each row's location is its own).
void locate(CertificateBuilder& builder, const IngestSettings& settings,
            const std::vector<InputFile>& files, const Comm& comm, std::size_t block,
            std::vector<std::string>& warnings) {
  const bool only = coordinates_only(builder.records(), builder.codec(), settings.policy, comm);
  Located located;
  run_agreed(comm,
             [&] { located = geocode(builder.records(), builder.codec(), settings, only, block); });
  auto& counters = builder.counters();
  counters[kLocatedByPostcode] = located.by_postcode;
  counters[kLocatedByCoordinates] = located.by_coordinates;
  counters[kUnlocated] = located.unlocated;
  counters[kCoordinatesOutsideGrid] = located.outside_grid;
  report_outside_grid(located, files, settings.policy, comm, warnings);
  if (!settings.postcodes.empty())
    report_postcode_file(located.postcode_file, settings.postcodes, builder, comm, warnings);
}

// Ventilation unknown for the whole cohort reads as natural (the predecessor's rule, under
// unknown_ventilation_cohort_natural). Collective.
void natural_ventilation_if_all_unknown(Table& dwellings, const Comm& comm) {
  auto& vent = column(dwellings, dwelling::kVentilation);
  std::int64_t known = 0;
  for (auto v : vent) known += v != static_cast<std::uint8_t>(Ventilation::kUnknown);
  if (comm.sum(known) == 0)
    std::fill(vent.begin(), vent.end(), static_cast<std::uint8_t>(Ventilation::kNatural));
}

IngestReport make_report(const std::vector<std::int64_t>& totals,
                         const std::vector<InputFile>& files) {
  IngestReport report;
  for (int i = 0; i < kNumCounters; ++i)
    report.counters.emplace_back(counter_names()[i], totals[i]);
  report.input_files = files;
  return report;
}

}  // namespace

IngestResult run(const IngestSettings& settings, const Comm& comm, const IngestOptions& opt) {
  // 1. Inputs, resolved once and shared, cut into pieces of work.
  const std::vector<InputFile> files = shared_inputs(settings, comm);
  const std::vector<Piece> pieces = plan_pieces(files, comm.size(), opt.min_split_bytes);
  // 2. The exact scanner state and line at the first byte of every piece.
  const std::vector<PieceStart> starts = piece_starts(files, pieces, comm, opt.block_bytes);
  // 3. Own pieces, in global order, into dwelling records and rejects.
  CertificateBuilder builder(settings);
  run_agreed(
      comm, [&] { read_own_pieces(files, pieces, starts, comm.rank(), opt.block_bytes, builder); });
  builder.records().seal();
  std::vector<std::string> warnings;
  report_unreadable(builder, comm, warnings);
  // 4. Latest certificate per dwelling; the losers become rejects.
  const RowCodec reject_codec(make_reject_table());
  RecordStore rejects = remove_duplicates(builder, settings.policy, reject_codec, comm);
  // 5. Locations.
  locate(builder, settings, files, comm, opt.block_bytes, warnings);
  // 6. Global order, evenly spread; then the tables, at their exact size.
  IngestResult result;
  {
    RecordStore mine = spread_evenly(std::move(rejects), comm);
    result.rejects = decode_all(reject_codec, mine);
  }
  {
    RecordStore mine = spread_evenly(std::move(builder.records()), comm);
    result.dwellings = decode_all(builder.codec(), mine);
  }
  builder.counters()[kKept] = static_cast<std::int64_t>(result.dwellings.num_rows());
  if (settings.policy.unknown_ventilation_cohort_natural)
    natural_ventilation_if_all_unknown(result.dwellings, comm);
  // 7. The counters over all ranks; too many rejects stops the run.
  const std::vector<std::int64_t> totals = comm.sum(builder.counters());
  result.report = make_report(totals, files);
  result.report.warnings = std::move(warnings);
  result.report.unrecognised_wording = unrecognised_wording(builder.census(), comm);
  check_reject_fraction(totals, settings.validation.max_reject_fraction);
  return result;
}

}  // namespace heatstreet::ingest
