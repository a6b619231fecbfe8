#pragma once
// What the spatial stage reads of the configuration (its slice, not the whole), and the
// spatial policy: one named behaviour for each place where the documented methodology and the
// predecessor differ (docs/methodology.md). The policy is resolved from model.methodology
// here, once; the stage and its modules read behaviours, never the methodology.
#include <string>
#include <vector>

#include "heatstreet/config/config.hpp"

namespace heatstreet {

// Each field's default is the documented methodology; `false` (or `true` where said) is
// the predecessor's behaviour (spatial spec, the [PY-COMPAT] rules).
struct SpatialPolicy {
  // --- Inputs (spec §2.1, §2.5, §5.1) ---
  // An HNPD file that cannot be read, or fails validation, is an input error; otherwise
  // the run carries on without Tiers 1 and 2, with a warning.
  bool unusable_hnpd_is_error = true;
  // The energy-intensity column is required; otherwise, without it, the density tiers are
  // skipped (every dwelling not in Tier 1 or 2 stays Tier 5), with a warning.
  bool energy_intensity_required = true;
  // The floor-area column is required, demand being intensity x floor area; otherwise,
  // without it, the intensity alone is summed (wrong in units, as the predecessor does).
  bool floor_area_required = true;

  // --- Heat density (spec §5.4-§5.6) ---
  // Cell and neighbourhood sums are exact: each demand rounded to whole watt-hours and
  // summed in fixed point, so any row order or rank count gives the same bits; otherwise
  // the predecessor's Kahan sum per cell in global row order, then a plain double sum over
  // the mask offsets.
  bool exact_energy_sums = true;
  // Unlocated dwellings have no density and are Tier 5 (false, documented); `true`: they
  // share one pseudo-cell without neighbours whose energy is the Kahan sum, in global row
  // order, of all their demands, and are tiered on its density (spec §5.8).
  bool unlocated_share_one_cell = false;

  // --- Tier 1 (spec §4.1) ---
  // Tier 1 is a distance of at most tier1_distance_m to an existing scheme; otherwise
  // strictly inside the union of the 64-gons inscribed in those circles.
  bool tier1_by_distance = true;
};

SpatialPolicy spatial_policy(Methodology m);

struct SpatialSettings {
  SpatialConfig spatial;              // the spatial section: grid, tiers, HNPD filters
  std::string hnpd;                   // inputs.hnpd ("" = none)
  std::vector<std::string> zones;     // inputs.zones
  std::vector<std::string> networks;  // inputs.networks
  SpatialPolicy policy;
};

SpatialSettings spatial_settings(const Config& cfg);

}  // namespace heatstreet
