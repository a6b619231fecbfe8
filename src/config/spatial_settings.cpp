#include "heatstreet/config/spatial_settings.hpp"

namespace heatstreet {

SpatialPolicy spatial_policy(Methodology m) {
  SpatialPolicy p;
  if (m == Methodology::kDocumented) return p;
  p.unusable_hnpd_is_error = false;
  p.energy_intensity_required = false;
  p.floor_area_required = false;
  p.exact_energy_sums = false;
  p.unlocated_share_one_cell = true;
  p.tier1_by_distance = false;
  return p;
}

SpatialSettings spatial_settings(const Config& cfg) {
  SpatialSettings s;
  s.spatial = cfg.spatial;
  s.hnpd = cfg.inputs.hnpd;
  s.zones = cfg.inputs.zones;
  s.networks = cfg.inputs.networks;
  s.policy = spatial_policy(cfg.model.methodology);
  return s;
}

}  // namespace heatstreet
