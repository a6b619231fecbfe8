// The spatial slice of the configuration and the policy resolved from the methodology.
#include <gtest/gtest.h>

#include "heatstreet/config/spatial_settings.hpp"

using namespace heatstreet;

TEST(SpatialSettings, DocumentedPolicyIsTheDefault) {
  const SpatialPolicy p = spatial_policy(Methodology::kDocumented);
  const SpatialPolicy d;
  EXPECT_EQ(p.unusable_hnpd_is_error, d.unusable_hnpd_is_error);
  EXPECT_EQ(p.energy_intensity_required, d.energy_intensity_required);
  EXPECT_EQ(p.floor_area_required, d.floor_area_required);
  EXPECT_EQ(p.exact_energy_sums, d.exact_energy_sums);
  EXPECT_EQ(p.unlocated_share_one_cell, d.unlocated_share_one_cell);
  EXPECT_EQ(p.tier1_by_distance, d.tier1_by_distance);
}

TEST(SpatialSettings, PredecessorPolicyTurnsEveryBehaviour) {
  const SpatialPolicy p = spatial_policy(Methodology::kPython);
  const SpatialPolicy d;
  EXPECT_NE(p.unusable_hnpd_is_error, d.unusable_hnpd_is_error);
  EXPECT_NE(p.energy_intensity_required, d.energy_intensity_required);
  EXPECT_NE(p.floor_area_required, d.floor_area_required);
  EXPECT_NE(p.exact_energy_sums, d.exact_energy_sums);
  EXPECT_NE(p.unlocated_share_one_cell, d.unlocated_share_one_cell);
  EXPECT_NE(p.tier1_by_distance, d.tier1_by_distance);
}

TEST(SpatialSettings, CarriesTheSpatialSectionAndItsInputs) {
  Config cfg;
  cfg.spatial.cell_size_m = 100;
  cfg.inputs.hnpd = "hnpd.csv";
  cfg.inputs.zones = {"zones.gpkg"};
  cfg.inputs.networks = {"a.gpkg", "b.gpkg"};
  cfg.model.methodology = Methodology::kPython;
  const SpatialSettings s = spatial_settings(cfg);
  EXPECT_EQ(s.spatial.cell_size_m, 100);
  EXPECT_EQ(s.hnpd, "hnpd.csv");
  EXPECT_EQ(s.zones, cfg.inputs.zones);
  EXPECT_EQ(s.networks, cfg.inputs.networks);
  EXPECT_FALSE(s.policy.tier1_by_distance);
}
