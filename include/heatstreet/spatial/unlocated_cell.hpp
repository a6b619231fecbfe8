#pragma once
// The predecessor's pseudo-cell of unlocated dwellings (spatial spec §5.8, §11.3 item 6):
// every unlocated dwelling, on any rank, falls in one shared cell without neighbours, and
// is given that cell's density and the density tier of it.
#include "heatstreet/core/table.hpp"
#include "heatstreet/parallel/comm.hpp"
#include "heatstreet/spatial/cell_owners.hpp"
#include "heatstreet/spatial/tiers.hpp"

namespace heatstreet::spatial {

// Collective. The pseudo-cell's energy: the Kahan sum, in global row order, of the demand
// of every unlocated dwelling; the same on every rank.
double unlocated_cell_kwh(const HomeRows& home, const Comm& comm);

// Collective. Writes the pseudo-cell's density and density tier into the heat density and
// tier columns of this rank's unlocated dwellings.
void tier_unlocated_in_one_cell(Table& dwellings, const HomeRows& home, double area_km2,
                                const tiers::Params& params, const Comm& comm);

}  // namespace heatstreet::spatial
