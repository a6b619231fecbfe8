#pragma once
// The scenario model: built once from the configuration (validates it, runs the fabric
// tipping-point analysis, resolves every scenario's measures), then computes every
// dwelling of a table for one scenario, in chunks and on worker threads. Pure: no MPI.
// Each row depends only on its own inputs, so results do not depend on chunk size,
// worker count or how rows are split over ranks.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "heatstreet/config/scenario_settings.hpp"
#include "heatstreet/core/table.hpp"
#include "heatstreet/scenario/fabric_tipping_point.hpp"
#include "heatstreet/scenario/kernel.hpp"
#include "heatstreet/scenario/result_columns.hpp"

namespace heatstreet::scenario {

struct ResolvedScenario {
  ScenarioDefinition definition;  // as configured
  std::vector<Measure> measures;  // placeholders expanded (hybrid tokens kept)
  bool published = false;
  bool is_baseline() const { return measures.empty(); }
  std::vector<std::string> measure_tokens() const;
};

class ScenarioModel {
 public:
  // Throws ConfigError when a scenario cannot be resolved.
  explicit ScenarioModel(const ScenarioSettings& settings);

  const std::vector<ResolvedScenario>& scenarios() const { return scenarios_; }  // calculate order
  // Index of a scenario id in scenarios(), or -1.
  int find(const std::string& id) const;
  const FabricBundles& bundles() const { return bundles_; }
  const KernelParams& params() const { return params_; }
  const ScenarioModelConfig& config() const { return cfg_; }
  const ScenarioPolicy& policy() const { return params_.policy; }

  // Scenario-independent per-dwelling columns for /properties: baseline energy (kWh/yr,
  // after the prebound adjustment), adjusted intensity, rebound factor, flow temperature
  // and heat-pump readiness flags. Rows aligned with `dwellings`.
  Table baseline_columns(const Table& dwellings, std::int64_t chunk_size, int workers) const;

  // Per-dwelling results of one scenario (the columns of result_columns.hpp), rows aligned
  // with `dwellings`. Throws InputError naming the certificate of a row that cannot be
  // modelled.
  Table compute(const Table& dwellings, std::size_t scenario, std::int64_t chunk_size,
                int workers) const;

 private:
  ScenarioModelConfig cfg_;
  FabricBundles bundles_;
  KernelParams params_;
  std::vector<ResolvedScenario> scenarios_;
};

// Reads dwelling i of a validated table (the columns the kernel needs).
class DwellingReader {
 public:
  explicit DwellingReader(const Table& t);  // throws InputError for a missing column
  Dwelling operator()(std::size_t i) const;
  std::string id(std::size_t i) const;
  // Whether row i's certificate number is blank (never without the column: ids are "row N").
  bool blank_id(std::size_t i) const;
  std::size_t size() const { return n_; }
  // The heating-system column is optional here (policy.baseline_priced_by_heating_fuel
  // prices by it).
  bool has_heating_system() const { return heating_ != nullptr; }

 private:
  std::size_t n_;
  const StringColumn* cert_;
  const std::vector<double>*floor_, *intensity_, *sap_;
  const std::vector<std::uint8_t>*band_, *wall_, *insulated_, *glazing_, *hn_;
  const std::vector<std::uint8_t>* heating_;
};

// Runs fn(begin, end) over [0, n) in chunks of chunk_size, each chunk split over up to
// `workers` threads in contiguous ranges. Rethrows the error of the lowest failing row range.
void for_chunks(std::size_t n, std::int64_t chunk_size, int workers,
                const std::function<void(std::size_t, std::size_t)>& fn);

}  // namespace heatstreet::scenario
