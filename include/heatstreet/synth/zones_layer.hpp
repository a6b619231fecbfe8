#pragma once
// zones.gpkg: heat-network zone polygons around the densest neighbourhoods of the densest
// authorities of each region.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "heatstreet/synth/detail.hpp"

namespace heatstreet::synth::detail {

// Writes out/zones.gpkg; returns the zones' features for the manifest.
nlohmann::ordered_json write_zones(const Plan& plan, const std::string& out, std::uint64_t* count,
                                   std::uint64_t* bytes_out);

}  // namespace heatstreet::synth::detail
