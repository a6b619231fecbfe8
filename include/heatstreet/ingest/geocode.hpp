#pragma once
// Locating each dwelling (spatial spec §2.2-§2.3): the centroid of its postcode from the
// postcode file, else its register coordinates projected to the British National Grid.
#include <cstdint>
#include <string>
#include <vector>

#include "heatstreet/config/ingest_settings.hpp"
#include "heatstreet/core/record_store.hpp"
#include "heatstreet/parallel/comm.hpp"

namespace heatstreet::ingest {

// What the postcode file held that could not be used.
struct PostcodeFileCheck {
  // Rows whose centroid lies off the grid (0-700000, 0-1300000 m): left out. The whole
  // file is checked, so the count is the same on every rank.
  std::int64_t rows_off_grid = 0;
  std::string first_off_grid;  // "file:line: POSTCODE (easting, northing)"
  // Postcodes of this rank's dwellings with rows that disagree (the first row is used),
  // sorted and distinct.
  std::vector<std::string> conflicting;
};

struct Located {
  std::int64_t by_postcode = 0, by_coordinates = 0, unlocated = 0;
  std::int64_t outside_grid = 0;  // coordinates that do not project into the BNG extent
  // The first such record on this rank (source_file index, source_line), -1 when none.
  std::int32_t first_outside_file = -1;
  std::int64_t first_outside_line = -1;
  PostcodeFileCheck postcode_file;
};

// Whether register coordinates replace postcode lookups for this cohort: under
// coordinates_replace_postcodes, when any dwelling on any rank has them. Collective.
bool coordinates_only(const RecordStore& store, const RowCodec& codec, const IngestPolicy& policy,
                      const Comm& comm);

// Locates every dwelling record in place (easting, northing, located): by the centroid of
// its postcode when the settings name a postcode file (and not `use_coordinates_only`),
// else by its register coordinates.
Located geocode(RecordStore& store, const RowCodec& codec, const IngestSettings& settings,
                bool use_coordinates_only, std::size_t block);

}  // namespace heatstreet::ingest
