#include "heatstreet/scenario/scenario_stage.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <set>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/parallel/distributed_quantile.hpp"

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
  // The baseline's values use no median or quantile (same on every rank).
  const bool want_samples = !out.baseline;

  const StringColumn* la = dwellings.has(dwelling::kLocalAuthority)
                               ? &dwellings.strings(dwelling::kLocalAuthority)
                               : nullptr;
  const std::vector<std::uint8_t>* tier =
      dwellings.has(dwelling::kHeatNetworkTier)
          ? &dwellings.get<std::uint8_t>(dwelling::kHeatNetworkTier)
          : nullptr;
  // Every rank agrees on whether the optional columns exist (an absent column on one
  // rank only would give different groups).
  const bool have_tier = comm.sum(std::int64_t(tier ? 1 : 0)) == comm.size();

  // One pass over the rows accumulates each cell (local authority x tier slot, slot 0 for
  // no tier group) once; the groups are sums of cells afterwards. The sums and counts are
  // integers, so the totals are those of adding each row to each of its groups. Local
  // authorities are numbered in first-seen order here and renumbered once every rank's
  // are known. Samples keep the row's cell, for the same reason.
  constexpr std::size_t kSlots = 6;
  struct Sample {
    std::uint64_t key;
    std::uint32_t cell;
  };
  const std::size_t n = dwellings.num_rows();
  std::vector<std::string_view> local_las;
  std::vector<Accumulator> cells;
  std::array<std::vector<Sample>, Accumulator::kSamples> samples;
  run_agreed(comm, [&] {
    const RowAggregator agg(model, dwellings, results);
    std::unordered_map<std::string_view, std::uint32_t> la_index;
    std::string_view last_key;
    std::uint32_t last_la = 0;
    bool have_last = false;
    if (want_samples)
      for (auto& v : samples) v.reserve(n);
    std::array<double, Accumulator::kSamples> row_samples;
    for (std::size_t i = 0; i < n; ++i) {
      std::uint32_t la_i = 0;
      if (la) {
        // Neighbouring rows mostly share an authority: compare before hashing.
        const std::string_view key = (*la)[i];
        if (!have_last || key != last_key) {
          const auto [it, fresh] =
              la_index.emplace(key, static_cast<std::uint32_t>(local_las.size()));
          if (fresh) local_las.push_back(key);
          last_key = key;
          last_la = it->second;
          have_last = true;
        }
        la_i = last_la;
      }
      const std::uint8_t t = have_tier ? (*tier)[i] : 0;
      const auto cell = static_cast<std::uint32_t>(la_i * kSlots + (t >= 1 && t <= 5 ? t : 0));
      if (cell >= cells.size()) cells.resize((la_i + 1) * kSlots);
      agg.add(i, cells[cell], row_samples);
      if (want_samples)
        for (std::size_t k = 0; k < Accumulator::kSamples; ++k)
          if (!std::isnan(row_samples[k]))
            samples[k].push_back({ordered_key(row_samples[k]), cell});
    }
  });
  std::set<std::string> local_set(local_las.begin(), local_las.end());
  const std::vector<std::string> las = agreed_keys(local_set, comm);
  // Local authority number -> group index (1 + position in the agreed list).
  std::vector<std::size_t> la_group(local_las.size());
  for (std::size_t j = 0; j < local_las.size(); ++j)
    la_group[j] = 1 + static_cast<std::size_t>(
                          std::lower_bound(las.begin(), las.end(), local_las[j]) - las.begin());

  // Groups: 0 = all, then local authorities, then tiers 1..5.
  std::vector<std::pair<std::string, std::string>> names{{"all", ""}};
  for (const auto& k : las) names.emplace_back("local_authority", k);
  const std::size_t tier0 = names.size();
  if (have_tier)
    for (int t = 1; t <= 5; ++t) names.emplace_back("tier", std::to_string(t));
  // The groups of a cell: all, its authority (when the column exists) and its tier.
  auto groups_of = [&](std::size_t cell, std::size_t* g) {
    std::size_t k = 0;
    g[k++] = 0;
    if (la) g[k++] = la_group[cell / kSlots];
    if (cell % kSlots) g[k++] = tier0 + cell % kSlots - 1;
    return k;
  };
  std::vector<Accumulator> acc(names.size());
  for (std::size_t c = 0; c < cells.size(); ++c) {
    std::size_t g[3];
    const std::size_t k = groups_of(c, g);
    for (std::size_t j = 0; j < k; ++j) acc[g[j]] += cells[c];
  }

  // Exact merge: gather every rank's integer words and add them.
  std::vector<std::int64_t> words(acc.size() * Accumulator::kWords);
  for (std::size_t g = 0; g < acc.size(); ++g)
    acc[g].to_words(words.data() + g * Accumulator::kWords);
  std::vector<Accumulator> merged(acc.size());
  for (const std::vector<std::int64_t>& w : comm.allgather(words))
    for (std::size_t g = 0; g < merged.size(); ++g)
      merged[g].add_words(w.data() + g * Accumulator::kWords);

  // Medians of every sample of every group and p10/p90 of abatement, in one batch. Each
  // sample is sorted once over all rows and dealt out to its groups in order, which
  // leaves every group's keys sorted.
  std::vector<SampleStats> stats(acc.size());
  if (want_samples) {
    std::vector<std::vector<std::uint64_t>> keys(acc.size() * Accumulator::kSamples);
    for (std::size_t k = 0; k < Accumulator::kSamples; ++k) {
      std::vector<Sample>& v = samples[k];
      radix_sort(v, [](const Sample& x) { return x.key; });
      std::vector<std::size_t> size(acc.size(), 0);
      for (const Sample& x : v) {
        std::size_t g[3];
        const std::size_t m = groups_of(x.cell, g);
        for (std::size_t j = 0; j < m; ++j) ++size[g[j]];
      }
      for (std::size_t g = 0; g < acc.size(); ++g)
        keys[g * Accumulator::kSamples + k].reserve(size[g]);
      for (const Sample& x : v) {
        std::size_t g[3];
        const std::size_t m = groups_of(x.cell, g);
        for (std::size_t j = 0; j < m; ++j) keys[g[j] * Accumulator::kSamples + k].push_back(x.key);
      }
      std::vector<Sample>().swap(v);
    }
    DistributedSelection sel = DistributedSelection::from_sorted_keys(std::move(keys), comm);
    std::vector<std::size_t> med, p10, p90;
    for (std::size_t g = 0; g < acc.size(); ++g) {
      const std::size_t base = g * Accumulator::kSamples;
      for (std::size_t k = 0; k < Accumulator::kSamples; ++k) med.push_back(sel.median(base + k));
      p10.push_back(sel.quantile(base + Accumulator::kSAbatement, 0.10));
      p90.push_back(sel.quantile(base + Accumulator::kSAbatement, 0.90));
    }
    sel.resolve();
    for (std::size_t g = 0; g < acc.size(); ++g) {
      for (std::size_t k = 0; k < Accumulator::kSamples; ++k)
        stats[g].median[k] = sel.value(med[g * Accumulator::kSamples + k]);
      stats[g].abatement_p10 = sel.value(p10[g]);
      stats[g].abatement_p90 = sel.value(p90[g]);
    }
  }

  for (std::size_t g = 0; g < merged.size(); ++g) {
    SummaryGroup group;
    group.dimension = names[g].first;
    group.key = names[g].second;
    group.values = summary_values(merged[g], stats[g], model, out.baseline);
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
