#pragma once
// Heat-network tiers of one dwelling from its proximity to networks and zones and its
// cell's heat density (spatial spec §3, §4, §5.7, §7), and the five-row pathway
// suitability table (§8.2). Pure functions.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "heatstreet/config/spatial_settings.hpp"
#include "heatstreet/core/table.hpp"
#include "heatstreet/spatial/proximity.hpp"

namespace heatstreet::tiers {

// Everything a dwelling is compared with, in EPSG:27700.
struct Layers {
  proximity::PointIndex existing_schemes;  // HNPD Tier-1 statuses: replicated, exact at any range
  proximity::PointIndex planned_schemes;   // HNPD Tier-2 statuses
  proximity::PointIndex network_points;    // network layers (read per region): within `reach` only
  proximity::SegmentIndex network_lines;   // network layers: within `reach` only
  proximity::PolygonIndex zones;           // heat-network zone polygons
};

struct Params {
  double d1 = 250;     // Tier 1 distance
  double d2 = 500;     // Tier 2 distance to a planned scheme
  double reach = 500;  // network-layer features count up to this distance
  double t3 = 20;
  double t4 = 5;
  int ready_tier_max = 3;
  bool disable = false;           // spatial.disable: no density tiers
  bool tier1_by_distance = true;  // false: strictly inside the 64-gons (SpatialPolicy)
};

Params params_from(const SpatialSettings& settings);

struct Proximity {
  double distance_to_network = 0;  // NaN when no network within reach
  bool near_existing = false;      // Tier 1 test
  bool in_heat_zone = false;       // inside a zone or within d2 of a planned scheme
};

Proximity assess(const Layers& layers, const Params& p, const proximity::Point& at);

// Tier 1 beats Tier 2 beats the density tiers; an unlocated dwelling passes a default
// Proximity (nothing near) and NaN density.
std::uint8_t final_tier(const Proximity& prox, double density, const Params& p);

inline bool hn_ready(std::uint8_t tier, const Params& p) { return tier <= p.ready_tier_max; }

// "Tier 1: Adjacent to existing network", ... in tier order.
const std::array<std::string, 5>& tier_labels();

struct SuitabilityRow {
  int tier = 0;
  std::string label;
  std::int64_t count = 0;
  double percentage = 0;  // round(count / total * 100, 1), half to even on the double
  std::string pathway;
  std::string note;
};

// Counts are per tier 1..5; the total is their sum (all dwellings, located or not).
std::vector<SuitabilityRow> suitability(const std::array<std::int64_t, 5>& counts, const Params& p);
// The same as the table /tiers/pathway_suitability and tables/pathway_suitability_by_tier.csv.
Table suitability_table(const std::vector<SuitabilityRow>& rows);

}  // namespace heatstreet::tiers
