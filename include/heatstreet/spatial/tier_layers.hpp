#pragma once
// What the dwellings are compared with for Tiers 1 and 2 (spatial spec §2.5, §2.6, §11.2):
// the HNPD scheme points, replicated on every rank, and the zone and network layers, read
// by each rank over its own region.
#include <string>
#include <vector>

#include "heatstreet/config/spatial_settings.hpp"
#include "heatstreet/parallel/comm.hpp"
#include "heatstreet/spatial/proximity.hpp"
#include "heatstreet/spatial/tiers.hpp"

namespace heatstreet::spatial {

struct SchemePoints {
  std::vector<proximity::Point> existing;  // rows with a Tier-1 status
  std::vector<proximity::Point> planned;   // rows with a Tier-2 status
  std::int64_t unreadable_pairs = 0;       // rows left out: coordinates unreadable or off-grid
};

// Collective. Rank 0 reads the HNPD file (settings.hnpd), every rank parses the same
// bytes. No file configured: both layers empty. A file that cannot be read or fails
// validation throws InputError or, when the policy carries on without it, leaves both
// layers empty and adds a warning (the same on every rank). Empty filters throw
// ConfigError (spec §2.5).
SchemePoints load_hnpd_schemes(const SpatialSettings& settings, const Comm& comm,
                               std::vector<std::string>& warnings);

// Collective. The layers for the dwellings at (x[i], y[i]) on this rank: the scheme points,
// and the zone polygons and network geometry (settings.zones, settings.networks) met by
// the rank's bounding box grown by `reach` and a slack.
tiers::Layers tier_layers(SchemePoints schemes, const std::vector<double>& x,
                          const std::vector<double>& y, const SpatialSettings& settings,
                          double reach, const Comm& comm);

}  // namespace heatstreet::spatial
