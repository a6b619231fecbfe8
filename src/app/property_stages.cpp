// The stages of a fresh run up to the checkpoint before the scenarios: ingest, the
// certificate-number check, the spatial stage, the baseline, the stock characterisation,
// and writing /properties with everything known by then. A resumed run reads it back.
#include "heatstreet/app/pipeline.hpp"
#include "heatstreet/core/column_spec.hpp"
#include "heatstreet/core/csv_table.hpp"
#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/ingest/unique_certificates.hpp"
#include "heatstreet/output/grid_maps.hpp"
#include "heatstreet/output/map_cells.hpp"
#include "heatstreet/output/results_reader.hpp"
#include "heatstreet/run/provenance.hpp"
#include "heatstreet/spatial/grid.hpp"
#include "heatstreet/stock/stock_stage.hpp"

namespace heatstreet {

namespace {

// /validation and tables/validation_report.csv: every counter of the run.
Table counters_table(const nlohmann::json& counts) {
  static constexpr ColumnSpec<std::string> kCounter{"counter", "", "Counter name (docs/ingest.md)"};
  static constexpr ColumnSpec<std::int64_t> kValue{"value", "", "Count over all ranks"};
  Table t;
  auto& name = add_column(t, kCounter);
  auto& value = add_column(t, kValue);
  for (const auto& [k, v] : counts.items()) {
    name.push_back(k);
    value.push_back(v.get<std::int64_t>());
  }
  return t;
}

// The stock tables by results group.
std::vector<std::pair<const char*, const std::vector<stock::NamedTable>*>> stock_groups(
    const stock::StockResult& stock) {
  return {{"archetypes", &stock.archetypes},
          {"readiness", &stock.readiness},
          {"reports", &stock.reports}};
}

StageRows all_rows(const Table& dwellings) {
  const auto n = static_cast<std::int64_t>(dwellings.num_rows());
  return StageRows{n, n};
}

}  // namespace

void Pipeline::build_properties() {
  ingest::IngestResult ingested;
  ingest_certificates(ingested);
  check_keys();
  spatial::SpatialResult placed;
  place_on_grid(placed);
  const scenario::ScenarioModel model(settings_.scenario);
  add_baseline(model);
  stock::StockResult stock;
  characterise_stock(model, ingested, stock);
  write_properties(ingested, placed, stock);
}

void Pipeline::ingest_certificates(ingest::IngestResult& ingested) {
  stages_.run("ingest", [&] {
    ingested = ingest::run(settings_.ingest, comm_);
    for (const std::string& w : ingested.report.warnings) log_.info("warning: " + w);
    std::int64_t read = 0;
    for (const auto& [name, value] : ingested.report.counters) {
      counts_[name] = value;
      if (name == "rows_read") read = value;
    }
    // Rows in are counted over all ranks already; report them from rank 0 only.
    return StageRows{comm_.root() ? read : 0,
                     static_cast<std::int64_t>(ingested.dwellings.num_rows())};
  });
  dwellings_ = std::move(ingested.dwellings);
}

void Pipeline::check_keys() {
  stages_.run("check keys", [&] {
    check_unique_certificates(dwellings_, dwelling::kCertificateNumber, comm_);
    return all_rows(dwellings_);
  });
}

void Pipeline::place_on_grid(spatial::SpatialResult& placed) {
  stages_.run("spatial", [&] {
    placed = spatial::run(dwellings_, settings_.spatial, comm_);
    for (const std::string& w : placed.warnings) log_.info("warning: " + w);
    counts_["located"] = placed.located;
    counts_["unlocated"] = placed.unlocated;
    counts_["populated_cells"] = placed.populated_cells;
    counts_["hnpd_rows_unreadable_coordinates"] = placed.hnpd_rows_unreadable;
    // Decomposition figures depend on the rank count: run.json only, never the results.
    decomposition_["load_imbalance"] = placed.imbalance;
    decomposition_["dwellings_per_rank"] = placed.dwellings_per_rank;
    decomposition_["halo_cells_requested"] = placed.halo_cells_requested;
    for (std::size_t t = 0; t < placed.tier_counts.size(); ++t)
      counts_["tier_" + std::to_string(t + 1)] = placed.tier_counts[t];
    return all_rows(dwellings_);
  });
}

void Pipeline::add_baseline(const scenario::ScenarioModel& model) {
  stages_.run("baseline", [&] {
    Table base = model.baseline_columns(dwellings_, settings_.scenario.chunk_size,
                                        settings_.scenario.workers);
    for (Column& c : base.columns()) dwellings_.columns().push_back(std::move(c));
    return all_rows(dwellings_);
  });
}

// Readiness columns join the dwellings; the archetype, readiness and report tables are
// identical on every rank.
void Pipeline::characterise_stock(const scenario::ScenarioModel& model,
                                  const ingest::IngestResult& ingested, stock::StockResult& stock) {
  stages_.run("characterise", [&] {
    stock = stock::run(dwellings_, settings_.stock, model, comm_, ingested.report.counters);
    for (std::size_t t = 0; t < stock.headline.readiness_tiers.size(); ++t)
      counts_["readiness_tier_" + std::to_string(t + 1)] = stock.headline.readiness_tiers[t];
    counts_["epc_fabric_anomalies"] = stock.headline.anomalies;
    counts_["case_street_dwellings"] = stock.headline.case_street_dwellings;
    return all_rows(dwellings_);
  });
}

// /properties and everything known before the scenarios; together with the run state
// this is the checkpoint a resumed run starts from.
void Pipeline::write_properties(const ingest::IngestResult& ingested,
                                const spatial::SpatialResult& placed,
                                const stock::StockResult& stock) {
  stages_.run("write properties", [&] {
    writer_ = std::make_unique<ResultsWriter>(results_path_, comm_, cfg_.output.compression_level);
    Provenance p;
    p.configuration_yaml = cfg_.resolved_yaml;
    p.methodology = to_string(cfg_.model.methodology);
    log_.part("input checksums", [&] { p.inputs = describe_inputs(input_paths(), comm_); });
    p.start_time = start_time_;
    log_.part("provenance", [&] { write_provenance(*writer_, p); });
    log_.part("properties", [&] { writer_->write_table("/properties", dwellings_); });
    std::vector<std::string> names;
    for (const auto& f : ingested.report.input_files) names.push_back(f.name);
    writer_->write_attribute("/properties/source_file", "files", names);
    writer_->write_table("/grid", placed.grid_cells);
    writer_->write_table("/rejects", ingested.rejects);
    writer_->write_attribute("/rejects/source_file", "files", names);
    const Table counters = counters_table(counts_);
    writer_->write_small_table("/validation", counters);
    writer_->write_small_table("/tiers/pathway_suitability",
                               tiers::suitability_table(placed.suitability));
    for (const auto& [group, tables] : stock_groups(stock))
      for (const stock::NamedTable& t : *tables)
        writer_->write_small_table(stock::results_path(group, t.name), t.table);
    if (cfg_.output.maps) log_.part("maps", [&] { write_maps(); });
    write_property_tables(counters, ingested, placed, stock);
    writer_->flush();
    state_.completed.push_back(kPropertiesDone);
    state_.data["counts"] = counts_;
    save_state();
    return all_rows(dwellings_);
  });
}

void Pipeline::write_property_tables(const Table& counters, const ingest::IngestResult& ingested,
                                     const spatial::SpatialResult& placed,
                                     const stock::StockResult& stock) {
  run_agreed(comm_, [&] {
    if (!comm_.root() || !cfg_.output.tables) return;
    write_csv_file(out_.file("tables/validation_report.csv"), counters);
    write_csv_file(out_.file("tables/unrecognised_wording.csv"),
                   ingested.report.unrecognised_wording);
    write_csv_file(out_.file("tables/pathway_suitability_by_tier.csv"),
                   tiers::suitability_table(placed.suitability));
    for (const auto& [group, tables] : stock_groups(stock))
      for (const stock::NamedTable& t : *tables)
        write_csv_file(out_.file("tables/" + stock::csv_file_name(group, t.name)), t.table);
  });
}

// heat_density.tif and tiers.tif from the cells of the located dwellings.
void Pipeline::write_maps() {
  const auto& cell = column(dwellings_, dwelling::kCell);
  const auto& density = column(dwellings_, dwelling::kHeatDensity);
  const auto& tier = column(dwellings_, dwelling::kHeatNetworkTier);
  std::vector<std::int64_t> ix, iy;
  std::vector<double> d;
  std::vector<std::uint8_t> t;
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (cell[i] == grid::kNoCell) continue;
    const grid::Cell c = grid::unpack(cell[i]);
    ix.push_back(c.ix);
    iy.push_back(c.iy);
    d.push_back(density[i]);
    t.push_back(tier[i]);
  }
  const std::vector<CellValue> cells = gather_map_cells(tally_cells(ix, iy, d, t), comm_);
  run_agreed(comm_, [&] {
    if (comm_.root() && !cells.empty())
      write_grid_maps(out_.temp(), cells, settings_.spatial.spatial.cell_size_m);
  });
}

void Pipeline::reopen_properties() {
  stages_.run("resume", [&] {
    counts_ = state_.data.at("counts");
    dwellings_ = read_table(results_path_, "/properties", comm_);
    writer_ = std::make_unique<ResultsWriter>(results_path_, comm_, cfg_.output.compression_level,
                                              ResultsWriter::Mode::kAppend);
    return all_rows(dwellings_);
  });
}

}  // namespace heatstreet
