#include "heatstreet/stock/readiness_rules.hpp"

#include <algorithm>
#include <cmath>

#include "heatstreet/core/error.hpp"
#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/ingest/register_text.hpp"

namespace heatstreet::stock {

namespace {
constexpr std::uint8_t kSingle = static_cast<std::uint8_t>(Glazing::kSingle);
constexpr std::uint8_t kVeryPoor = static_cast<std::uint8_t>(Rating::kVeryPoor);
constexpr std::uint8_t kPoor = static_cast<std::uint8_t>(Rating::kPoor);

bool poor_rating(std::uint8_t r) { return r == kVeryPoor || r == kPoor; }
bool good_band(std::uint8_t band) { return band <= static_cast<std::uint8_t>(Band::C); }
bool solid_wall(std::uint8_t w) { return w == static_cast<std::uint8_t>(WallType::kSolidBrick); }
bool cavity_wall(std::uint8_t w) { return w == static_cast<std::uint8_t>(WallType::kCavity); }

// Whether the roof text says the loft has no insulation. The predecessor's `0 mm|0mm`
// test matches every thickness ending in 0 ("270 mm").
bool text_says_uninsulated(const StockDwelling& d, const StockPolicy& policy) {
  bool none = d.roof_text & kRoofNoInsulation;
  if (!policy.loft_none_from_words_only)
    none = none || (d.roof_text & (kRoofZeroMmSpaced | kRoofZeroMmCompact));
  return none;
}
}  // namespace

const std::vector<std::string>& loft_category_labels() {
  static const std::vector<std::string> l{"None",
                                          "Low (<100mm)",
                                          "Partial (100-200mm)",
                                          "Good (200-269mm)",
                                          "Full (\u2265270mm)",
                                          "Very Poor (efficiency rating)",
                                          "Poor (efficiency rating)",
                                          "Average (efficiency rating)",
                                          "Good/Very Good (efficiency rating)",
                                          "Unknown"};
  return l;
}
const std::vector<std::string>& confidence_labels() {
  static const std::vector<std::string> l{"high", "medium", "low"};
  return l;
}
const std::vector<std::string>& needs_work_labels() {
  static const std::vector<std::string> l{"yes", "likely", "possible", "optional", "no"};
  return l;
}

LoftAssessment assess_loft(const StockDwelling& d, const StockPolicy& policy) {
  LoftAssessment a;  // Unknown / low / (likely, set at the end)
  const bool parsed = d.roof_text & kRoofMmParsed;
  const double t = d.roof_mm;
  // The predecessor's `0 mm|0mm` also matches "100 mm", "270 mm"...; harmless here since a
  // parsed thickness overrides it, but documented mode reads a parsed 0 mm as "None".
  if (text_says_uninsulated(d, policy))
    a = {LoftCategory::kNone, Confidence::kHigh, NeedsWork::kYes};
  if (parsed) {
    if (policy.parsed_zero_mm_loft_is_none && t == 0)
      a = {LoftCategory::kNone, Confidence::kHigh, NeedsWork::kYes};
    else if (t < 100)
      a = {LoftCategory::kLow, Confidence::kHigh, NeedsWork::kYes};
    else if (t < 200)
      a = {LoftCategory::kPartial, Confidence::kHigh, NeedsWork::kYes};
    else if (t < 270)
      a = {LoftCategory::kGood, Confidence::kHigh, NeedsWork::kOptional};
    else
      a = {LoftCategory::kFull, Confidence::kHigh, NeedsWork::kNo};
  }
  if (a.category == LoftCategory::kUnknown) {
    switch (static_cast<Rating>(d.roof_rating)) {
      case Rating::kVeryPoor:
        a = {LoftCategory::kRatingVeryPoor, Confidence::kMedium, NeedsWork::kYes};
        break;
      case Rating::kPoor:
        a = {LoftCategory::kRatingPoor, Confidence::kMedium, NeedsWork::kLikely};
        break;
      case Rating::kAverage:
        a = {LoftCategory::kRatingAverage, Confidence::kMedium, NeedsWork::kPossible};
        break;
      case Rating::kGood:
      case Rating::kVeryGood:
        a = {LoftCategory::kRatingGood, Confidence::kMedium, NeedsWork::kNo};
        break;
      default:
        a.needs_work = NeedsWork::kLikely;
        break;  // conservative
    }
  }
  return a;
}

AnomalyParams anomaly_params(const StockAnomalySettings& settings) {
  AnomalyParams p;
  p.roof_threshold_mm = settings.roof_threshold_mm;
  p.suspicious_bands.clear();
  for (const std::string& b : settings.suspicious_bands) {
    const std::uint8_t code = band_code(b);
    if (code == kUnknownCode)
      throw ConfigError("model.anomaly_suspicious_bands: '" + b + "' is not a band A-G");
    p.suspicious_bands.push_back(code);
  }
  return p;
}

std::uint8_t epc_anomaly(const StockDwelling& d, const AnomalyParams& p) {
  std::uint8_t r = 0;
  const bool thin_roof = d.roof_mm < p.roof_threshold_mm;  // NaN (unknown) is not thin
  const bool suspicious = std::find(p.suspicious_bands.begin(), p.suspicious_bands.end(), d.band) !=
                          p.suspicious_bands.end();
  const bool wall_none = d.wall_status == static_cast<std::uint8_t>(WallInsulation::kNone) ||
                         d.wall_status == static_cast<std::uint8_t>(WallInsulation::kUnknown) ||
                         d.wall_status == kUnknownCode;
  if (wall_none && thin_roof && suspicious) r |= kUninsulatedButGoodEpc;
  if (d.glazing == kSingle && good_band(d.band)) r |= kSingleGlazedGoodEpc;
  if (r == 0 && !d.wall_insulated && d.floor_present == 0 && thin_roof && good_band(d.band))
    r |= kNoFabricInsulationGoodEpc;
  return r;
}

double sap_uncertainty(double sap, const StockUncertaintySettings& settings) {
  const double s = std::isnan(sap) ? 50.0 : sap;
  if (s >= 85) return settings.sap_points[0];
  if (s >= 70) return settings.sap_points[1];
  if (s >= 55) return settings.sap_points[2];
  return settings.sap_points[3];
}

ReadinessCosts readiness_costs(const ScenarioModelConfig& cfg) {
  using scenario::cost_item;
  ReadinessCosts c;
  c.loft = cost_item(cfg, "loft_insulation_topup");
  c.cavity = cost_item(cfg, "wall_insulation_cavity");
  c.solid_ewi = cost_item(cfg, "solid_wall_insulation_ewi");
  c.glazing = cost_item(cfg, "double_glazing");
  c.emitters = cost_item(cfg, "radiator_upsizing");
  c.cylinder = cost_item(cfg, "hot_water_cylinder");
  c.ashp = cost_item(cfg, "ashp_installation");
  c.hybrid = cost_item(cfg, "hybrid_heat_pump");
  return c;
}

std::uint8_t readiness_tier(double score, const HeatPumpReadinessConfig& c) {
  for (std::size_t t = 0; t < c.tier_max_score.size(); ++t)
    if (score <= c.tier_max_score[t]) return static_cast<std::uint8_t>(t + 1);
  return 5;
}

namespace {

// The fabric work needed before a heat pump, the demand it leaves and whether the
// emitters must grow for it.
void assess_needs(const StockDwelling& d, const HeatPumpReadinessConfig& c,
                  const StockPolicy& policy, Readiness& r) {
  const bool parsed = d.roof_text & kRoofMmParsed;
  const bool rating_known = d.roof_rating != kUnknownCode;
  r.needs_loft =
      text_says_uninsulated(d, policy) || (parsed && d.roof_mm < c.loft_topup_below_mm) ||
      (!parsed && rating_known && poor_rating(d.roof_rating)) || (!parsed && !rating_known);
  r.needs_wall = !d.wall_insulated;
  if (r.needs_wall && solid_wall(d.wall_type))
    r.wall_work = WallWork::kSolidWallEwi;
  else if (r.needs_wall && cavity_wall(d.wall_type))
    r.wall_work = WallWork::kCavityWall;
  r.needs_glazing = d.glazing == kSingle;

  r.post_fabric_demand = d.heat_demand * (1 - c.loft_saving * r.needs_loft) *
                         (1 - c.solid_wall_saving * (r.wall_work == WallWork::kSolidWallEwi)) *
                         (1 - c.cavity_wall_saving * (r.wall_work == WallWork::kCavityWall)) *
                         (1 - c.glazing_saving * r.needs_glazing);
  r.needs_radiators = r.post_fabric_demand > c.radiator_upsizing_above_kwh_m2;
}

// The roof points of the deficiency score, added to s.
void add_roof_points(double& s, const StockDwelling& d, const HeatPumpReadinessConfig& c,
                     const StockPolicy& policy) {
  const bool parsed = d.roof_text & kRoofMmParsed;
  // The rating decides when there is one; the text only stands in without it (in the
  // predecessor: only when the file has no rating column at all).
  const bool use_rating = policy.roof_text_stands_in_per_dwelling
                              ? d.roof_rating != kUnknownCode
                              : (d.roof_text & kRoofRatingColumn) != 0;
  if (use_rating) {
    if (poor_rating(d.roof_rating)) s += c.score_roof_poor;
  } else if (!policy.roof_text_scored_on_thickness) {
    if (d.roof_text & (kRoofNoInsulation | kRoofZeroMmSpaced)) s += c.score_roof_poor;
    if (d.roof_text & kRoofThinCompact) s += c.score_roof_thin;
  } else {
    if ((d.roof_text & kRoofNoInsulation) || (parsed && d.roof_mm == 0))
      s += c.score_roof_poor;
    else if (parsed && d.roof_mm <= 100)
      s += c.score_roof_thin;
  }
}

double deficiency_score(const StockDwelling& d, const HeatPumpReadinessConfig& c,
                        const StockPolicy& policy) {
  double s = 0;
  if (!d.wall_insulated) {
    s += c.score_wall_uninsulated;
    if (solid_wall(d.wall_type)) s += c.score_solid_wall_uninsulated;
  }
  add_roof_points(s, d, c, policy);
  if (d.glazing == kSingle) s += c.score_single_glazing;
  if (d.floor_present != 1) s += c.score_floor_uninsulated;
  const double sap = std::isnan(d.sap) ? c.sap_missing : d.sap;
  if (sap < c.sap_low_below)
    s += c.score_sap_low;
  else if (sap < c.sap_moderate_below)
    s += c.score_sap_moderate;
  return s;
}

void price_readiness(const StockDwelling& d, const ReadinessCosts& costs, Readiness& r) {
  auto cost = [&](const scenario::CostItem& item) {
    return scenario::item_cost(item, d.floor_area).cost;
  };
  if (r.needs_loft) r.fabric_cost += cost(costs.loft);
  if (r.wall_work == WallWork::kCavityWall) r.fabric_cost += cost(costs.cavity);
  if (r.wall_work == WallWork::kSolidWallEwi) r.fabric_cost += cost(costs.solid_ewi);
  if (r.needs_glazing) r.fabric_cost += cost(costs.glazing);
  const double emitters = r.needs_radiators ? cost(costs.emitters) : 0.0;
  const double cylinder = cost(costs.cylinder);
  r.system_cost = emitters + cylinder + cost(costs.ashp);
  r.total_cost = r.fabric_cost + r.system_cost;
  r.total_cost_tier4_hybrid =
      r.tier == 4 ? r.fabric_cost + emitters + cylinder + cost(costs.hybrid) : r.total_cost;
}

double heat_pump_size_kw(double floor_area, double post_fabric_demand,
                         const HeatPumpReadinessConfig& c) {
  if (std::isnan(floor_area)) return c.size_without_area_kw;
  std::size_t band = 0;
  while (band < c.size_demand_breaks_kwh_m2.size() &&
         !(post_fabric_demand < c.size_demand_breaks_kwh_m2[band] ||
           (band > 0 && post_fabric_demand <= c.size_demand_breaks_kwh_m2[band])))
    ++band;
  return std::min(std::max(floor_area * c.size_kw_per_m2[band], c.min_size_kw), c.max_size_kw);
}

}  // namespace

Readiness assess_readiness(const StockDwelling& d, const HeatPumpReadinessConfig& c,
                           const ReadinessCosts& costs, const StockPolicy& policy) {
  Readiness r;
  assess_needs(d, c, policy, r);
  r.score = deficiency_score(d, c, policy);
  r.tier = readiness_tier(r.score, c);
  price_readiness(d, costs, r);
  r.hp_size_kw = heat_pump_size_kw(d.floor_area, r.post_fabric_demand, c);
  return r;
}

}  // namespace heatstreet::stock
