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
#include "heatstreet/scenario/aggregation.hpp"
#include "heatstreet/scenario/subsidy_sensitivity.hpp"
#include "heatstreet/scenario/summary_values.hpp"

namespace heatstreet::scenario {

namespace {

// Cells: local authority x tier slot (slot 0 for no tier group).
constexpr std::size_t kSlots = 6;

// A sample value as its ordered key, with the cell of its row.
struct Sample {
  std::uint64_t key;
  std::uint32_t cell;
};
using SampleLists = std::array<std::vector<Sample>, Accumulator::kSamples>;

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

ScenarioSummary summary_of(const ResolvedScenario& sc) {
  ScenarioSummary out;
  out.id = sc.definition.id;
  out.label = sc.definition.name;
  out.measures = sc.measure_tokens();
  out.published = sc.published;
  out.baseline = sc.is_baseline();
  return out;
}

// The optional grouping columns of this rank's dwellings.
struct GroupingColumns {
  const StringColumn* la = nullptr;
  const std::vector<std::uint8_t>* tier = nullptr;
  bool have_tier = false;  // on every rank
};

GroupingColumns grouping_columns(const Table& dwellings, const Comm& comm) {
  GroupingColumns c;
  if (dwellings.has(dwelling::kLocalAuthority))
    c.la = &column(dwellings, dwelling::kLocalAuthority);
  if (dwellings.has(dwelling::kHeatNetworkTier))
    c.tier = &column(dwellings, dwelling::kHeatNetworkTier);
  // Every rank agrees on whether the optional columns exist (an absent column on one
  // rank only would give different groups).
  c.have_tier = comm.sum(std::int64_t(c.tier ? 1 : 0)) == comm.size();
  return c;
}

// One pass over the rows accumulates each cell once; the groups are sums of cells
// afterwards. The sums and counts are integers, so the totals are those of adding each
// row to each of its groups. Local authorities are numbered in first-seen order here and
// renumbered once every rank's are known. Samples keep the row's cell, for the same reason.
struct CellPass {
  std::vector<std::string_view> local_las;
  std::vector<Accumulator> cells;
  SampleLists samples;
};

CellPass accumulate_cells(const RowAggregator& agg, const GroupingColumns& cols, std::size_t n,
                          bool want_samples) {
  CellPass p;
  std::unordered_map<std::string_view, std::uint32_t> la_index;
  std::string_view last_key;
  std::uint32_t last_la = 0;
  bool have_last = false;
  if (want_samples)
    for (auto& v : p.samples) v.reserve(n);
  std::array<double, Accumulator::kSamples> row_samples;
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t la_i = 0;
    if (cols.la) {
      // Neighbouring rows mostly share an authority: compare before hashing.
      const std::string_view key = (*cols.la)[i];
      if (!have_last || key != last_key) {
        const auto [it, fresh] =
            la_index.emplace(key, static_cast<std::uint32_t>(p.local_las.size()));
        if (fresh) p.local_las.push_back(key);
        last_key = key;
        last_la = it->second;
        have_last = true;
      }
      la_i = last_la;
    }
    const std::uint8_t t = cols.have_tier ? (*cols.tier)[i] : 0;
    const auto cell = static_cast<std::uint32_t>(la_i * kSlots + (t >= 1 && t <= 5 ? t : 0));
    if (cell >= p.cells.size()) p.cells.resize((la_i + 1) * kSlots);
    agg.add(i, p.cells[cell], row_samples);
    if (want_samples)
      for (std::size_t k = 0; k < Accumulator::kSamples; ++k)
        if (!std::isnan(row_samples[k]))
          p.samples[k].push_back({ordered_key(row_samples[k]), cell});
  }
  return p;
}

// The groups every rank agrees on: 0 = all, then local authorities, then tiers 1..5;
// and the groups of each cell.
class GroupLayout {
 public:
  GroupLayout(const CellPass& pass, const GroupingColumns& cols, const Comm& comm)
      : have_la_(cols.la != nullptr) {
    std::set<std::string> local_set(pass.local_las.begin(), pass.local_las.end());
    const std::vector<std::string> las = agreed_keys(local_set, comm);
    // Local authority number -> group index (1 + position in the agreed list).
    la_group_.resize(pass.local_las.size());
    for (std::size_t j = 0; j < pass.local_las.size(); ++j)
      la_group_[j] =
          1 + static_cast<std::size_t>(std::lower_bound(las.begin(), las.end(), pass.local_las[j]) -
                                       las.begin());
    names_.emplace_back("all", "");
    for (const auto& k : las) names_.emplace_back("local_authority", k);
    tier0_ = names_.size();
    if (cols.have_tier)
      for (int t = 1; t <= 5; ++t) names_.emplace_back("tier", std::to_string(t));
  }
  std::size_t size() const { return names_.size(); }
  const std::pair<std::string, std::string>& name(std::size_t g) const { return names_[g]; }
  // The groups of a cell: all, its authority (when the column exists) and its tier.
  std::size_t groups_of(std::size_t cell, std::size_t* g) const {
    std::size_t k = 0;
    g[k++] = 0;
    if (have_la_) g[k++] = la_group_[cell / kSlots];
    if (cell % kSlots) g[k++] = tier0_ + cell % kSlots - 1;
    return k;
  }

 private:
  bool have_la_;
  std::vector<std::size_t> la_group_;
  std::vector<std::pair<std::string, std::string>> names_;
  std::size_t tier0_ = 0;
};

// Each group's accumulator over every rank: the cells added into their groups, then an
// exact merge (every rank's integer words gathered and added).
std::vector<Accumulator> merged_groups(const std::vector<Accumulator>& cells,
                                       const GroupLayout& layout, const Comm& comm) {
  std::vector<Accumulator> acc(layout.size());
  for (std::size_t c = 0; c < cells.size(); ++c) {
    std::size_t g[3];
    const std::size_t k = layout.groups_of(c, g);
    for (std::size_t j = 0; j < k; ++j) acc[g[j]] += cells[c];
  }
  std::vector<std::int64_t> words(acc.size() * Accumulator::kWords);
  for (std::size_t g = 0; g < acc.size(); ++g)
    acc[g].to_words(words.data() + g * Accumulator::kWords);
  std::vector<Accumulator> merged(acc.size());
  for (const std::vector<std::int64_t>& w : comm.allgather(words))
    for (std::size_t g = 0; g < merged.size(); ++g)
      merged[g].add_words(w.data() + g * Accumulator::kWords);
  return merged;
}

// Each sample is sorted once over all rows and dealt out to its groups in order, which
// leaves every group's keys sorted: keys[g * kSamples + k]. Frees the sample lists.
std::vector<std::vector<std::uint64_t>> group_keys(SampleLists& samples,
                                                   const GroupLayout& layout) {
  std::vector<std::vector<std::uint64_t>> keys(layout.size() * Accumulator::kSamples);
  for (std::size_t k = 0; k < Accumulator::kSamples; ++k) {
    std::vector<Sample>& v = samples[k];
    radix_sort(v, [](const Sample& x) { return x.key; });
    std::vector<std::size_t> size(layout.size(), 0);
    for (const Sample& x : v) {
      std::size_t g[3];
      const std::size_t m = layout.groups_of(x.cell, g);
      for (std::size_t j = 0; j < m; ++j) ++size[g[j]];
    }
    for (std::size_t g = 0; g < layout.size(); ++g)
      keys[g * Accumulator::kSamples + k].reserve(size[g]);
    for (const Sample& x : v) {
      std::size_t g[3];
      const std::size_t m = layout.groups_of(x.cell, g);
      for (std::size_t j = 0; j < m; ++j) keys[g[j] * Accumulator::kSamples + k].push_back(x.key);
    }
    std::vector<Sample>().swap(v);
  }
  return keys;
}

// Medians of every sample of every group and p10/p90 of abatement, in one batch. Collective.
std::vector<SampleStats> group_sample_stats(SampleLists& samples, const GroupLayout& layout,
                                            const Comm& comm) {
  const std::size_t groups = layout.size();
  DistributedSelection sel =
      DistributedSelection::from_sorted_keys(group_keys(samples, layout), comm);
  std::vector<std::size_t> med, p10, p90;
  for (std::size_t g = 0; g < groups; ++g) {
    const std::size_t base = g * Accumulator::kSamples;
    for (std::size_t k = 0; k < Accumulator::kSamples; ++k) med.push_back(sel.median(base + k));
    p10.push_back(sel.quantile(base + Accumulator::kSAbatement, 0.10));
    p90.push_back(sel.quantile(base + Accumulator::kSAbatement, 0.90));
  }
  sel.resolve();
  std::vector<SampleStats> stats(groups);
  for (std::size_t g = 0; g < groups; ++g) {
    for (std::size_t k = 0; k < Accumulator::kSamples; ++k)
      stats[g].median[k] = sel.value(med[g * Accumulator::kSamples + k]);
    stats[g].abatement_p10 = sel.value(p10[g]);
    stats[g].abatement_p90 = sel.value(p90[g]);
  }
  return stats;
}

}  // namespace

ScenarioSummary summarise(const ScenarioModel& model, std::size_t scenario, const Table& dwellings,
                          const Table& results, const Comm& comm) {
  ScenarioSummary out = summary_of(model.scenarios().at(scenario));
  // The baseline's values use no median or quantile (same on every rank).
  const bool want_samples = !out.baseline;
  const GroupingColumns cols = grouping_columns(dwellings, comm);
  CellPass pass;
  run_agreed(comm, [&] {
    const RowAggregator agg(model, dwellings, results);
    pass = accumulate_cells(agg, cols, dwellings.num_rows(), want_samples);
  });
  const GroupLayout layout(pass, cols, comm);
  const std::vector<Accumulator> merged = merged_groups(pass.cells, layout, comm);
  std::vector<SampleStats> stats(layout.size());
  if (want_samples) stats = group_sample_stats(pass.samples, layout, comm);
  for (std::size_t g = 0; g < merged.size(); ++g) {
    SummaryGroup group;
    group.dimension = layout.name(g).first;
    group.key = layout.name(g).second;
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
