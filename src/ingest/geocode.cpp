#include "heatstreet/ingest/geocode.hpp"

#include <cpl_error.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/error.hpp"
#include "heatstreet/ingest/byte_ranges.hpp"
#include "heatstreet/ingest/classify.hpp"
#include "heatstreet/ingest/dwelling_record.hpp"
#include "heatstreet/ingest/register_layout.hpp"

namespace heatstreet::ingest {

namespace {

namespace d = dwelling;
using Strings = std::array<std::string_view, RowCodec::kMaxStrings>;

// The extent of the British National Grid (the spatial spec's usable-coordinate box):
// a coordinate outside it is a data error (swapped or zeroed latitude/longitude, a
// foreign point, a mistyped centroid), not a dwelling in England or Wales.
bool inside_bng_extent(double easting, double northing) {
  return easting >= 0 && easting <= 700000 && northing >= 0 && northing <= 1300000;
}

// The postcodes of the kept rows and their centroids, sorted: a postcode of up to eight
// bytes without NUL is one 64-bit word, longer ones (never valid) are kept as text.
class PostcodeIndex {
 public:
  void add(std::string_view pc) {
    std::uint64_t w;
    if (word(pc, w))
      words_.push_back(w);
    else
      texts_.emplace_back(pc);
  }
  void seal() {
    std::sort(words_.begin(), words_.end());
    words_.erase(std::unique(words_.begin(), words_.end()), words_.end());
    words_.shrink_to_fit();
    std::sort(texts_.begin(), texts_.end());
    texts_.erase(std::unique(texts_.begin(), texts_.end()), texts_.end());
    texts_.shrink_to_fit();
    xy_.assign(2 * (words_.size() + texts_.size()), NAN);
  }
  bool empty() const { return words_.empty() && texts_.empty(); }
  // Slot of a postcode, or -1.
  std::ptrdiff_t find(std::string_view pc) const {
    std::uint64_t w;
    if (word(pc, w)) {
      auto it = std::lower_bound(words_.begin(), words_.end(), w);
      return it != words_.end() && *it == w ? it - words_.begin() : -1;
    }
    auto it = std::lower_bound(texts_.begin(), texts_.end(), pc,
                               [](const std::string& a, std::string_view b) { return a < b; });
    return it != texts_.end() && *it == pc
               ? static_cast<std::ptrdiff_t>(words_.size()) + (it - texts_.begin())
               : -1;
  }
  double* xy(std::ptrdiff_t slot) { return &xy_[2 * static_cast<std::size_t>(slot)]; }

 private:
  static bool word(std::string_view pc, std::uint64_t& w) {
    if (pc.size() > 8 || pc.find('\0') != std::string_view::npos) return false;
    w = 0;
    std::memcpy(&w, pc.data(), pc.size());
    return true;
  }
  std::vector<std::uint64_t> words_;
  std::vector<std::string> texts_;
  std::vector<double> xy_;
};

// The postcode file's columns named by inputs.postcode_columns, from its header row.
struct PostcodeColumnsAt {
  int postcode = -1, easting = -1, northing = -1;
  std::size_t count = 0;
};

PostcodeColumnsAt find_postcode_columns(const csv::Record& header, const IngestSettings& s,
                                        const std::string& file) {
  PostcodeColumnsAt at;
  at.count = header.fields.size();
  const PostcodeColumns& names = s.postcode_columns;
  for (std::size_t k = 0; k < header.fields.size(); ++k) {
    const std::string h = epc::lower(epc::trim(header.fields[k]));
    if (h == epc::lower(names.postcode)) at.postcode = static_cast<int>(k);
    if (h == epc::lower(names.easting)) at.easting = static_cast<int>(k);
    if (h == epc::lower(names.northing)) at.northing = static_cast<int>(k);
  }
  for (auto [idx, name] : {std::pair<int, std::string>{at.postcode, names.postcode},
                           {at.easting, names.easting},
                           {at.northing, names.northing}})
    if (idx < 0)
      throw InputError(file + ": column '" + name +
                       "' (inputs.postcode_columns) is missing from the header");
  return at;
}

// One row of the postcode file for a wanted postcode: the first row with both numbers
// wins; a later row that disagrees makes the postcode a conflict.
void take_centroid(PostcodeIndex& wanted, std::string_view postcode, double x, double y,
                   PostcodeFileCheck& check) {
  const std::ptrdiff_t slot = wanted.find(postcode);
  if (slot < 0) return;
  double* xy = wanted.xy(slot);
  if (std::isnan(xy[0])) {
    xy[0] = x;
    xy[1] = y;
  } else if (xy[0] != x || xy[1] != y) {
    check.conflicting.emplace_back(postcode);
  }
}

// Fills the centroids of the wanted postcodes from the postcode file. Every row's
// numbers are checked against the grid's extent: a row off the grid is left out and
// counted (the same count on every rank, since every rank reads the whole file).
PostcodeFileCheck load_centroids(PostcodeIndex& wanted, const IngestSettings& s,
                                 std::size_t block) {
  InputFile f{s.postcodes, s.postcodes, 0, false};
  if (ends_with_ci(f.vsi, ".gz")) f.vsi = "/vsigzip/" + f.vsi;
  if (vsi_size(f.vsi) < 0) throw InputError("inputs.postcodes: '" + f.name + "': no such file");
  const std::int64_t bom = bom_length(f);
  bool header = true;
  PostcodeColumnsAt at;
  PostcodeFileCheck check;
  scan_range(f, bom, -1, csv::State::kRowStart, 1, block, [&](const csv::Record& r) {
    if (header) {
      header = false;
      at = find_postcode_columns(r, s, f.name);
      return true;
    }
    if (r.fields.size() != at.count) return true;
    double x, y;
    if (epc::parse_number(r.fields[at.easting], x) != epc::Parse::kOk ||
        epc::parse_number(r.fields[at.northing], y) != epc::Parse::kOk)
      return true;
    if (!inside_bng_extent(x, y)) {
      if (check.rows_off_grid++ == 0)
        check.first_off_grid = f.name + ":" + std::to_string(r.line) + ": " +
                               std::string(r.fields[at.postcode]) + " (" +
                               std::string(r.fields[at.easting]) + ", " +
                               std::string(r.fields[at.northing]) + ")";
      return true;
    }
    if (!wanted.empty())
      take_centroid(wanted, epc::normalise_postcode(r.fields[at.postcode]), x, y, check);
    return true;
  });
  std::sort(check.conflicting.begin(), check.conflicting.end());
  check.conflicting.erase(std::unique(check.conflicting.begin(), check.conflicting.end()),
                          check.conflicting.end());
  return check;
}

// The postcodes of the records with their centroids.
PostcodeIndex postcode_centroids(const RecordStore& store, const RowCodec& codec,
                                 const IngestSettings& s, std::size_t block,
                                 PostcodeFileCheck& check) {
  PostcodeIndex wanted;
  Strings strs;
  store.for_each([&](const char* r) {
    codec.strings(r, strs.data());
    const std::string_view pc = strs[record_text<d::kPostcode>()];
    if (!pc.empty()) wanted.add(pc);
  });
  wanted.seal();
  check = load_centroids(wanted, s, block);
  return wanted;
}

// WGS84 to the British National Grid, made on first use.
class BngProjection {
 public:
  // Projects (longitude, latitude) in place; false when PROJ cannot.
  bool project(double& x, double& y) {
    if (!ct_) make();
    // PROJ reports impossible latitudes through GDAL's error handler; they are counted
    // by the caller instead of printed without a file or line.
    CPLPushErrorHandler(CPLQuietErrorHandler);
    const bool projected = ct_->Transform(1, &x, &y) && std::isfinite(x) && std::isfinite(y);
    CPLPopErrorHandler();
    return projected;
  }

 private:
  void make() {
    OGRSpatialReference wgs, bng;
    wgs.importFromEPSG(4326);
    bng.importFromEPSG(27700);
    wgs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    bng.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    ct_.reset(OGRCreateCoordinateTransformation(&wgs, &bng));
    if (!ct_)
      throw Error(ExitCode::kInternal,
                  "ingest: no EPSG:4326 to EPSG:27700 transformation available");
  }
  std::unique_ptr<OGRCoordinateTransformation> ct_;
};

void place(char* r, const RowCodec& codec, double x, double y) {
  codec.set<double>(r, record_column<d::kEasting>(), x);
  codec.set<double>(r, record_column<d::kNorthing>(), y);
  codec.set<std::uint8_t>(r, record_column<d::kLocated>(), 1);
}

// Locates a record by its register coordinates, counting the outcome.
void locate_by_coordinates(char* r, const RowCodec& codec, bool outside_grid_unlocated,
                           BngProjection& bng, Located& n) {
  const Coordinates c = record_coordinates(codec, r);
  if (std::isnan(c.latitude) || std::isnan(c.longitude)) {
    ++n.unlocated;
    return;
  }
  double x = c.longitude, y = c.latitude;
  const bool projected = bng.project(x, y);
  if (!projected || !inside_bng_extent(x, y)) {
    if (n.outside_grid++ == 0) {
      n.first_outside_file = record_value<d::kSourceFile>(codec, r);
      n.first_outside_line = record_value<d::kSourceLine>(codec, r);
    }
    // Unlocated under the policy; the predecessor places any projected point.
    if (!projected || outside_grid_unlocated) {
      ++n.unlocated;
      return;
    }
  }
  place(r, codec, x, y);
  ++n.by_coordinates;
}

}  // namespace

bool coordinates_only(const RecordStore& store, const RowCodec& codec, const IngestPolicy& policy,
                      const Comm& comm) {
  if (!policy.coordinates_replace_postcodes) return false;
  std::int64_t with_coordinates = 0;
  store.for_each([&](const char* r) {
    const Coordinates c = record_coordinates(codec, r);
    with_coordinates += !std::isnan(c.latitude) && !std::isnan(c.longitude);
  });
  return comm.sum(with_coordinates) > 0;
}

Located geocode(RecordStore& store, const RowCodec& codec, const IngestSettings& settings,
                bool use_coordinates_only, std::size_t block) {
  Located n;
  const bool by_postcode = !settings.postcodes.empty() && !use_coordinates_only;
  PostcodeIndex wanted;
  if (by_postcode) wanted = postcode_centroids(store, codec, settings, block, n.postcode_file);
  BngProjection bng;
  Strings strs;
  store.for_each([&](char* r) {
    if (by_postcode) {
      codec.strings(r, strs.data());
      const std::string_view pc = strs[record_text<d::kPostcode>()];
      if (!pc.empty()) {
        const double* xy = wanted.xy(wanted.find(pc));
        if (!std::isnan(xy[0])) {
          place(r, codec, xy[0], xy[1]);
          ++n.by_postcode;
          return;
        }
      }
    }
    locate_by_coordinates(r, codec, settings.policy.outside_grid_unlocated, bng, n);
  });
  return n;
}

}  // namespace heatstreet::ingest
