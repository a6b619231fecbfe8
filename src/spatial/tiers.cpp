#include "heatstreet/spatial/tiers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "heatstreet/core/column_spec.hpp"
#include "heatstreet/core/csv_text.hpp"

namespace heatstreet::tiers {

Params params_from(const SpatialSettings& settings) {
  Params p;
  const SpatialConfig& s = settings.spatial;
  p.d1 = s.tier1_distance_m;
  // A missing or zero Tier-2 distance falls back to the Tier-1 one (spec §1).
  p.d2 = s.tier2_distance_m > 0 ? s.tier2_distance_m
                                : (s.tier1_distance_m > 0 ? s.tier1_distance_m : 250);
  p.reach = std::max(p.d1, p.d2);
  p.t3 = s.tier3_min_density_gwh_km2;
  p.t4 = s.tier4_min_density_gwh_km2;
  p.ready_tier_max = s.ready_tier_max;
  p.disable = s.disable;
  p.tier1_by_distance = settings.policy.tier1_by_distance;
  return p;
}

Proximity assess(const Layers& layers, const Params& p, const proximity::Point& at) {
  Proximity out;
  const double scheme_d = layers.existing_schemes.nearest(at);
  double d = scheme_d;
  const double dp = layers.network_points.nearest(at);
  const double line = layers.network_lines.empty()
                          ? std::numeric_limits<double>::infinity()
                          : layers.network_lines.nearest_within(at, p.reach);
  const double layer_d =
      std::min(dp <= p.reach ? dp : std::numeric_limits<double>::infinity(), line);
  d = std::min(d, layer_d);
  out.distance_to_network = std::isinf(d) ? std::numeric_limits<double>::quiet_NaN() : d;

  bool near_scheme = false;
  if (p.tier1_by_distance) {
    near_scheme = scheme_d <= p.d1;
  } else {
    // Strictly inside the union of the 64-gons around the scheme points.
    layers.existing_schemes.within(at, p.d1, [&](const proximity::Point& c) {
      if (!near_scheme && proximity::strictly_inside_64gon(c, p.d1, at)) near_scheme = true;
    });
  }
  out.near_existing = near_scheme || layer_d <= p.d1;
  out.in_heat_zone =
      layers.zones.strictly_inside_any(at) || layers.planned_schemes.nearest(at) <= p.d2;
  return out;
}

std::uint8_t final_tier(const Proximity& prox, double density, const Params& p) {
  if (prox.near_existing) return 1;
  if (prox.in_heat_zone) return 2;
  if (p.disable) return 5;
  if (density >= p.t3) return 3;
  if (density >= p.t4) return 4;
  return 5;
}

const std::array<std::string, 5>& tier_labels() {
  static const std::array<std::string, 5> labels{
      "Tier 1: Adjacent to existing network", "Tier 2: Near planned network (proxy)",
      "Tier 3: High heat density", "Tier 4: Medium heat density", "Tier 5: Low heat density"};
  return labels;
}

std::vector<SuitabilityRow> suitability(const std::array<std::int64_t, 5>& counts,
                                        const Params& p) {
  static const std::array<const char*, 5> pathways{
      "District Heating (existing network connection)", "District Heating (planned network)",
      "District Heating (high density justifies extension)",
      "Heat Pump (moderate density, network extension marginal)",
      "Heat Pump (low density, network not viable)"};
  const std::string t3 = format_number(p.t3), t4 = format_number(p.t4);
  const std::array<std::string, 5> notes{
      "Within 250m of existing network infrastructure",  // literal 250, as the predecessor writes
                                                         // it
      "Planned network indicator (polygon zone layer if available; otherwise within " +
          format_number(p.d2) + "m of HNPD planning-granted scheme)",
      "Heat density \u2265" + t3 + " GWh/km\u00b2",
      "Heat density " + t4 + "-" + t3 + " GWh/km\u00b2", "Heat density <" + t4 + " GWh/km\u00b2"};
  std::int64_t total = 0;
  for (std::int64_t c : counts) total += c;
  std::vector<SuitabilityRow> rows;
  for (int t = 0; t < 5; ++t) {
    SuitabilityRow r;
    r.tier = t + 1;
    r.label = tier_labels()[static_cast<std::size_t>(t)];
    r.count = counts[static_cast<std::size_t>(t)];
    if (total > 0) {
      // printf rounds the exact binary value half to even, like Python's round(x, 1).
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.1f",
                    (static_cast<double>(r.count) / static_cast<double>(total)) * 100.0);
      r.percentage = std::strtod(buf, nullptr);
    }
    r.pathway = pathways[static_cast<std::size_t>(t)];
    r.note = notes[static_cast<std::size_t>(t)];
    rows.push_back(std::move(r));
  }
  return rows;
}

Table suitability_table(const std::vector<SuitabilityRow>& rows) {
  static constexpr ColumnSpec<std::int32_t> kTier{"tier", "", "Heat-network tier, 1 (best) to 5"};
  static constexpr ColumnSpec<std::string> kLabel{"label", "", "Tier name"};
  static constexpr ColumnSpec<std::int64_t> kDwellings{"dwellings", "", "Dwellings in the tier"};
  static constexpr ColumnSpec<double> kPercentage{"percentage", "%",
                                                  "Share of all dwellings, one decimal"};
  static constexpr ColumnSpec<std::string> kPathway{"recommended_pathway", "",
                                                    "Recommended pathway"};
  static constexpr ColumnSpec<std::string> kNote{"note", "", "Criteria of the tier"};
  Table t;
  auto& tier = add_column(t, kTier);
  auto& label = add_column(t, kLabel);
  auto& count = add_column(t, kDwellings);
  auto& pct = add_column(t, kPercentage);
  auto& pathway = add_column(t, kPathway);
  auto& note = add_column(t, kNote);
  for (const auto& r : rows) {
    tier.push_back(r.tier);
    label.push_back(r.label);
    count.push_back(r.count);
    pct.push_back(r.percentage);
    pathway.push_back(r.pathway);
    note.push_back(r.note);
  }
  return t;
}

}  // namespace heatstreet::tiers
