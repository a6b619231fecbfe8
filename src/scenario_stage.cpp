#include "heatstreet/scenario_stage.hpp"

#include <algorithm>
#include <cstring>
#include <set>
#include <sstream>

#include "heatstreet/distributed_quantile.hpp"
#include "heatstreet/vocabulary.hpp"

namespace heatstreet::scenario {

namespace {

// The local authorities present on any rank, sorted, so every rank has the same groups.
std::vector<std::string> agreed_keys(const std::set<std::string>& local, const Comm& comm) {
  std::string joined;
  for (const auto& k : local) joined += k + '\n';
  std::set<std::string> all;
  for (const auto& part : comm.allgather(joined)) {
    std::istringstream in(part);
    for (std::string line; std::getline(in, line);) all.insert(line);
  }
  return {all.begin(), all.end()};
}

}  // namespace

ScenarioSummary summarise(const ScenarioModel& model, std::size_t scenario, const Table& dwellings,
                          const Table& results, const Comm& comm) {
  const ResolvedScenario& sc = model.scenarios().at(scenario);
  ScenarioSummary out;
  out.id = sc.definition.id;
  out.label = sc.definition.name;
  out.measures = sc.measure_tokens();
  out.published = sc.published;
  out.baseline = sc.is_baseline();

  const StringColumn* la =
      dwellings.has(col::kLocalAuthority) ? &dwellings.strings(col::kLocalAuthority) : nullptr;
  const std::vector<std::uint8_t>* tier =
      dwellings.has(col::kTier) ? &dwellings.get<std::uint8_t>(col::kTier) : nullptr;
  std::set<std::string> local_las;
  run_agreed(comm, [&] {
    if (la)
      for (std::size_t i = 0; i < la->size(); ++i) local_las.insert(std::string((*la)[i]));
  });
  const std::vector<std::string> las = agreed_keys(local_las, comm);
  // Every rank agrees on whether the optional columns exist (an absent column on one
  // rank only would give different groups).
  const bool have_tier = comm.sum(std::int64_t(tier ? 1 : 0)) == comm.size();

  // Groups: 0 = all, then local authorities, then tiers 1..5.
  std::vector<std::pair<std::string, std::string>> names{{"all", ""}};
  for (const auto& k : las) names.emplace_back("local_authority", k);
  const std::size_t tier0 = names.size();
  if (have_tier)
    for (int t = 1; t <= 5; ++t) names.emplace_back("tier", std::to_string(t));
  std::vector<Accumulator> acc(names.size());

  run_agreed(comm, [&] {
    const RowAggregator agg(model, dwellings, results);
    for (std::size_t i = 0; i < dwellings.num_rows(); ++i) {
      agg.add(i, acc[0]);
      if (la) {
        const std::string key((*la)[i]);
        const auto it = std::lower_bound(las.begin(), las.end(), key);
        agg.add(i, acc[1 + static_cast<std::size_t>(it - las.begin())]);
      }
      if (have_tier && (*tier)[i] >= 1 && (*tier)[i] <= 5) agg.add(i, acc[tier0 + (*tier)[i] - 1]);
    }
  });

  // Exact merge: gather every rank's integer words and add them.
  std::vector<std::int64_t> words(acc.size() * Accumulator::kWords);
  for (std::size_t g = 0; g < acc.size(); ++g)
    acc[g].to_words(words.data() + g * Accumulator::kWords);
  std::vector<Accumulator> merged(acc.size());
  for (const std::vector<std::int64_t>& w : comm.allgather(words))
    for (std::size_t g = 0; g < merged.size(); ++g)
      merged[g].add_words(w.data() + g * Accumulator::kWords);

  // Medians of every sample of every group and p10/p90 of abatement, in one batch.
  std::vector<std::vector<double>> samples;
  for (auto& a : acc)
    for (std::size_t k = 0; k < Accumulator::kSamples; ++k) samples.push_back(std::move(a.samples[k]));
  DistributedSelection sel(samples, comm);
  std::vector<std::size_t> med, p10, p90;
  for (std::size_t g = 0; g < acc.size(); ++g) {
    const std::size_t base = g * Accumulator::kSamples;
    for (std::size_t k = 0; k < Accumulator::kSamples; ++k) med.push_back(sel.median(base + k));
    p10.push_back(sel.quantile(base + Accumulator::kSAbatement, 0.10));
    p90.push_back(sel.quantile(base + Accumulator::kSAbatement, 0.90));
  }
  sel.resolve();

  for (std::size_t g = 0; g < merged.size(); ++g) {
    SampleStats st;
    for (std::size_t k = 0; k < Accumulator::kSamples; ++k)
      st.median[k] = sel.value(med[g * Accumulator::kSamples + k]);
    st.abatement_p10 = sel.value(p10[g]);
    st.abatement_p90 = sel.value(p90[g]);
    SummaryGroup group;
    group.dimension = names[g].first;
    group.key = names[g].second;
    group.values = summary_values(merged[g], st, model, out.baseline);
    out.groups.push_back(std::move(group));
  }
  return out;
}

void add_subsidy_tables(const ScenarioModel& model, std::vector<ScenarioSummary>& summaries) {
  const auto& ids = model.config().subsidy.scenarios;
  for (auto& s : summaries)
    if (!s.baseline && std::find(ids.begin(), ids.end(), s.id) != ids.end())
      s.subsidy = subsidy_sensitivity(s.overall(), model.config());
}

}  // namespace heatstreet::scenario
