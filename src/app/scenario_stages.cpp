// The scenario stages (one per scenario, each a checkpoint) and the end of the run: the
// scenario tables, the last root attributes and the file's completion.
#include "heatstreet/app/pipeline.hpp"
#include "heatstreet/core/csv_table.hpp"
#include "heatstreet/run/provenance.hpp"
#include "heatstreet/scenario/result_columns.hpp"
#include "heatstreet/scenario/scenario_stage.hpp"
#include "heatstreet/scenario/summary_json.hpp"
#include "heatstreet/scenario/summary_tables.hpp"

namespace heatstreet {

namespace {

std::string scenario_group(const std::string& id) { return "/scenarios/" + id; }

}  // namespace

void Pipeline::run_scenarios() {
  // The scenarios' views of /properties columns are confirmed against these rows.
  writer_->hold_rows("/properties", dwellings_);
  const scenario::ScenarioModel model(settings_.scenario);
  for (std::size_t s = 0; s < model.scenarios().size(); ++s) run_scenario(model, s);
  scenario::add_subsidy_tables(model, summaries_);
}

// The scenario-independent columns are written with the first scenario; every later
// scenario's names link to those datasets (the same values, stored once).
void Pipeline::note_written(const std::string& group) {
  for (const std::string& c : scenario::result::scenario_independent_columns())
    first_copy_.emplace(c, group + "/" + c);
}

void Pipeline::run_scenario(const scenario::ScenarioModel& model, std::size_t s) {
  const std::string id = model.scenarios()[s].definition.id;
  const std::string stage = "scenario " + id;
  const std::string group = scenario_group(id);
  if (state_.done(stage)) {
    note_written(group);
    summaries_.push_back(scenario::summary_from_json(state_.data.at("summaries").at(id)));
    return;
  }
  stages_.run(stage, [&] {
    writer_->remove(group);  // a part written before an interruption
    Table results;
    log_.part("model", [&] {
      results =
          model.compute(dwellings_, s, settings_.scenario.chunk_size, settings_.scenario.workers);
    });
    log_.part("write", [&] { write_scenario_results(group, results); });
    log_.part("summarise", [&] {
      summaries_.push_back(scenario::summarise(model, s, dwellings_, results, comm_));
    });
    log_.part("write", [&] {
      writer_->write_small_table(group + "/summary",
                                 scenario::summary_group_table(summaries_.back()));
      writer_->write_attribute(group, "label", summaries_.back().label);
      writer_->flush();
    });
    state_.completed.push_back(stage);
    state_.data["summaries"][id] = scenario::to_json(summaries_.back());
    save_state();
    return StageRows{static_cast<std::int64_t>(dwellings_.num_rows()),
                     static_cast<std::int64_t>(results.num_rows())};
  });
}

void Pipeline::write_scenario_results(const std::string& group, const Table& results) {
  std::vector<std::string> linked;
  for (const auto& [column, existing] : first_copy_)
    if (results.has(column)) linked.push_back(column);
  // Columns repeating values already in the file (a scenario's unchanged state, the
  // heat-pump figures of a scenario without heat pumps) are stored as views.
  writer_->write_table(group, results, linked, ResultsWriter::Repeats::kView);
  for (const std::string& column : linked)
    writer_->link(first_copy_.at(column), group + "/" + column);
  note_written(group);
}

void Pipeline::finish_results() {
  stages_.run("finish", [&] {
    run_agreed(comm_, [&] {
      if (!comm_.root() || !cfg_.output.tables) return;
      write_csv_file(out_.file("tables/scenario_summary.csv"),
                     scenario::scenario_table(summaries_));
      write_csv_file(out_.file("tables/scenario_breakdown.csv"),
                     scenario::breakdown_table(summaries_));
      write_csv_file(out_.file("tables/subsidy_sensitivity.csv"),
                     scenario::subsidy_table(summaries_));
    });
    writer_->write_attribute("/", "ranks", static_cast<std::int64_t>(comm_.size()));
    write_end_time(*writer_);
    writer_->finish();
    writer_.reset();
    return StageRows{};
  });
}

}  // namespace heatstreet
