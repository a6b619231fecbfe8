#pragma once
// Per-dwelling rules of the stock characterisation (data validation spec §3.6, §4, §5,
// §7): the loft assessment of the archetype analysis, the EPC/fabric anomaly flags, SAP
// and demand uncertainty, and heat-pump readiness with its costs. Pure functions of one
// dwelling: no MPI, no tables.
#include <cstdint>
#include <string>
#include <vector>

#include "heatstreet/config/stock_settings.hpp"
#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/scenario/kernel.hpp"

namespace heatstreet::stock {

// What the rules read of one dwelling (codes as in vocabulary.hpp and stock_text.hpp).
struct StockDwelling {
  std::uint8_t band = 255;
  double sap = 0;          // NaN when not recorded
  double floor_area = 0;   // m2
  double heat_demand = 0;  // ENERGY_CONSUMPTION_CURRENT, kWh/m2/yr (not prebound-adjusted)
  std::uint8_t wall_type = 255;
  std::uint8_t wall_status = 255;
  std::uint8_t wall_insulated = 0;
  double roof_mm = 0;          // roof_insulation_thickness_mm (parsed, else imputed), NaN unknown
  std::uint8_t roof_text = 0;  // RoofTextBit bits
  std::uint8_t roof_rating = 255;
  std::uint8_t glazing = 255;
  std::uint8_t floor_present = 255;  // 0/1, 255 unknown
};

// --- loft assessment (§5 loft_insulation) --------------------------------------------
enum class LoftCategory : std::uint8_t {
  kNone,
  kLow,
  kPartial,
  kGood,
  kFull,
  kRatingVeryPoor,
  kRatingPoor,
  kRatingAverage,
  kRatingGood,
  kUnknown
};
enum class Confidence : std::uint8_t { kHigh, kMedium, kLow };
enum class NeedsWork : std::uint8_t { kYes, kLikely, kPossible, kOptional, kNo };
const std::vector<std::string>& loft_category_labels();  // "None", "Low (<100mm)", ...
const std::vector<std::string>& confidence_labels();     // high, medium, low
const std::vector<std::string>& needs_work_labels();     // yes, likely, possible, optional, no

struct LoftAssessment {
  LoftCategory category = LoftCategory::kUnknown;
  Confidence confidence = Confidence::kLow;
  NeedsWork needs_work = NeedsWork::kLikely;
};
LoftAssessment assess_loft(const StockDwelling& d, const StockPolicy& policy);

// --- EPC/fabric anomaly flags (§3.6) -------------------------------------------------
// (AnomalyBit and its labels: core/vocabulary.hpp)
struct AnomalyParams {
  double roof_threshold_mm = 100;
  std::vector<std::uint8_t> suspicious_bands{2, 3};  // band codes (C, D)
};
// Throws ConfigError for a band that is not A-G.
AnomalyParams anomaly_params(const StockAnomalySettings& settings);
std::uint8_t epc_anomaly(const StockDwelling& d, const AnomalyParams& p);

// --- uncertainty (§4) ----------------------------------------------------------------
// SAP uncertainty in points by rating band (>=85, 70-84, 55-69, <55); missing SAP = 50.
double sap_uncertainty(double sap, const StockUncertaintySettings& settings);

// --- heat-pump readiness (§7) --------------------------------------------------------
// (WallWork and the readiness tier labels: core/vocabulary.hpp)

// Cost items of the readiness costs, priced by the scenario model's costing engine.
struct ReadinessCosts {
  scenario::CostItem loft, cavity, solid_ewi, glazing, emitters, cylinder, ashp, hybrid;
};
ReadinessCosts readiness_costs(const ScenarioModelConfig& cfg);

struct Readiness {
  bool needs_loft = false, needs_wall = false, needs_glazing = false, needs_radiators = false;
  WallWork wall_work = WallWork::kNone;
  double post_fabric_demand = 0;       // kWh/m2/yr
  double score = 0;                    // deficiency score, points
  std::uint8_t tier = 1;               // 1..5
  double fabric_cost = 0;              // GBP: loft + cavity + solid EWI + double glazing, as needed
  double system_cost = 0;              // GBP: emitters if needed + hot-water cylinder + ASHP
  double total_cost = 0;               // GBP: fabric + system
  double total_cost_tier4_hybrid = 0;  // GBP: as total, with a hybrid heat pump in tier 4
  double hp_size_kw = 0;
};
Readiness assess_readiness(const StockDwelling& d, const HeatPumpReadinessConfig& c,
                           const ReadinessCosts& costs, const StockPolicy& policy);
// Tier (1..5) of a deficiency score.
std::uint8_t readiness_tier(double score, const HeatPumpReadinessConfig& c);

}  // namespace heatstreet::stock
