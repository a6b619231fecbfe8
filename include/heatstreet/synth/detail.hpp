#pragma once
// Building blocks of the synthetic generator, free of MPI so that they can be tested on
// their own: the place tables, the counter-based random numbers and weighted choices, the
// plan (rows per local authority, postcodes) and the row generator.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "heatstreet/synth/synth.hpp"

namespace heatstreet::synth::detail {

// ---------------------------------------------------------------------------------------
// Counter-based random numbers: every value is a pure function of (seed, stream, index).
inline std::uint64_t mix64(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  Rng(std::uint64_t seed, std::uint64_t stream, std::uint64_t index, std::uint64_t sub = 0)
      : state_(mix64(seed ^ mix64(stream ^ mix64(index ^ mix64(sub))))) {}
  std::uint64_t next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return mix64(state_);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
  std::int64_t between(std::int64_t lo, std::int64_t hi) {  // inclusive
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  double normal();  // standard normal
  bool chance(double p) { return uniform() < p; }

 private:
  std::uint64_t state_;
};

// Streams of the counter-based generator: one per kind of object.
enum Stream : std::uint64_t {
  kStreamBlock = 0x11,
  kStreamDwelling = 0x22,
  kStreamCert = 0x33,
  kStreamFile = 0x44,
  kStreamPostcode = 0x55,
  kStreamCluster = 0x66,
  kStreamStreet = 0x77,
};

// A bijection of the low `bits` bits: identifiers look random but stay unique.
std::uint64_t scramble(std::uint64_t x, int bits);

// A choice of a vocabulary with its relative weight.
struct Weighted {
  const char* text;
  double w;
};

template <std::size_t N>
std::size_t pick_index(Rng& r, const Weighted (&list)[N]) {
  double total = 0;
  for (const auto& x : list) total += x.w;
  double u = r.uniform() * total;
  for (std::size_t i = 0; i < N; ++i) {
    if (u < list[i].w) return i;
    u -= list[i].w;
  }
  return N - 1;
}
template <std::size_t N>
const char* pick(Rng& r, const Weighted (&list)[N]) {
  return list[pick_index(r, list)].text;
}

// ---------------------------------------------------------------------------------------
// Places. Coordinates are approximate centres on the British National Grid (EPSG:27700),
// in kilometres, with a radius that gives the footprint's size.
struct Place {
  const char* code;       // GSS code, e.g. E09000007
  const char* name;       // register label, e.g. Camden
  const char* region;     // HNPD-style region, e.g. London
  const char* districts;  // postcode districts (London) or postcode area (elsewhere)
  const char* posttown;
  double e_km, n_km, r_km;
  double weight;  // relative number of certificates
  bool london;
};

const std::vector<Place>& london_places();         // the 33 boroughs, weights from spec §10
const std::vector<Place>& england_wales_places();  // every authority of England and Wales
// "domestic-E09000007-Camden": spaces become hyphens, commas, dots and apostrophes go.
std::string folder_name(const Place& place);

// ---------------------------------------------------------------------------------------
// CSV
// Appends one field with RFC 4180 quoting: quoted if it contains a comma, a double quote,
// CR or LF; embedded quotes are doubled.
void append_csv_field(std::string& out, std::string_view value);

// ---------------------------------------------------------------------------------------
// Ground truth of a row.
enum class StockReason : std::uint8_t {
  kInStock = 0,
  kOutsideLondon,  // england only: authority is not one of the 33 London boroughs
  kNotHouse,       // PROPERTY_TYPE is not House
  kNotTerraced,    // BUILT_FORM is not one of the four terraced forms
  kNotPre1930,     // CONSTRUCTION_AGE_BAND is not before 1900 / 1900-1929
  kCount
};
const char* stock_reason_name(StockReason reason);

enum class Defect : std::uint8_t {
  kNone = 0,
  kFloorAreaOutOfBounds,
  kFloorAreaMalformed,
  kEnergySlightlyNegative,
  kEnergySeverelyNegative,
  kEnergyMalformed,
  kCo2SlightlyNegative,
  kCo2SeverelyNegative,
  kMissingAddress,
  kMissingPostcode,
  kMissingEnergyRating,
  kMissingWallsDescription,
  kMissingMainheatDescription,
  kUnknownPostcode,
  kPostcodeUnnormalised,
  kAddressQuoting,
  kCount
};
const char* defect_name(Defect defect);
// True for the defects that make the validator drop the row (spec §3.2 V2, V3b, V3d, V5).
bool defect_drops_row(Defect defect);

struct RowTruth {
  std::uint32_t la = 0;         // index into Plan::places()
  std::uint64_t dwelling = 0;   // dwelling id (unique over the data set)
  std::uint8_t cert_rank = 0;   // 0 = the dwelling's latest certificate, 1.. older ones
  std::uint8_t cert_count = 1;  // certificates of this dwelling in the data set
  bool has_uprn = true;
  StockReason stock = StockReason::kInStock;
  Defect defect = Defect::kNone;
  std::uint32_t line_breaks = 0;  // line breaks embedded in quoted fields of this row
  std::uint16_t lodgement_year = 0;
  std::uint64_t postcode_index = 0;  // global index into postcodes.csv rows (if known)
};

// ---------------------------------------------------------------------------------------
// Everything derived from the options before any row is generated.
class Plan {
 public:
  explicit Plan(const Options& options);  // throws UsageError on bad options

  const Options& options() const { return options_; }
  bool london_only() const { return london_only_; }
  const std::vector<Place>& places() const { return *places_; }
  std::size_t la_count() const { return places_->size(); }

  std::uint64_t la_begin(std::size_t k) const { return row_begin_[k]; }
  std::uint64_t la_rows(std::size_t k) const { return row_begin_[k + 1] - row_begin_[k]; }
  std::size_t la_of_row(std::uint64_t g) const;
  bool la_bom(std::size_t k) const { return bom_[k] != 0; }
  bool la_crlf(std::size_t k) const { return crlf_[k] != 0; }
  std::string header_line(std::size_t k) const;  // BOM (if any) + header + line end

  // Postcodes of authority k: indices [postcode_begin(k), postcode_begin(k+1)) globally.
  std::uint64_t postcode_begin(std::size_t k) const { return pc_begin_[k]; }
  std::uint64_t la_postcodes(std::size_t k) const { return pc_begin_[k + 1] - pc_begin_[k]; }
  std::uint64_t total_postcodes() const { return pc_begin_.back(); }
  // Local postcode p of authority k, e.g. "E12 6LN"; unknown = true gives a postcode of the
  // same districts that never appears in postcodes.csv.
  std::string postcode(std::size_t k, std::uint64_t p, bool unknown = false) const;
  void postcode_centroid(std::size_t k, std::uint64_t p, long* easting, long* northing) const;
  // Dense neighbourhoods of authority k (the first is the densest): centre in metres.
  static constexpr int kClusters = 6;
  void cluster_centre(std::size_t k, int c, double* e, double* n) const;

  std::uint64_t seed() const { return options_.seed; }
  double defect_probability() const { return defect_probability_; }

 private:
  Options options_;
  bool london_only_ = true;
  const std::vector<Place>* places_ = nullptr;
  std::vector<std::uint64_t> row_begin_;  // size K+1
  std::vector<std::uint64_t> pc_begin_;   // size K+1
  std::vector<std::uint8_t> bom_, crlf_;
  std::vector<std::vector<std::string>> districts_;  // per authority
  double defect_probability_ = 0.0;
};

// Generates rows by global index. Holds a small cache (the current block of dwellings),
// so use one per thread.
class RowGenerator {
 public:
  explicit RowGenerator(const Plan& plan) : plan_(plan) {}
  // Appends row g (0 <= g < n) with its line end to out and fills its ground truth.
  void row(std::uint64_t g, std::string& out, RowTruth& truth);

  static constexpr int kBlock = 64;  // dwellings are laid out in blocks of 64 rows

 private:
  struct Slot {
    std::uint8_t first;  // position in the block of the dwelling's first slot
    std::uint8_t rank;
    std::uint8_t count;
  };
  void load_block(std::size_t k, std::uint64_t b);

  const Plan& plan_;
  std::size_t block_la_ = static_cast<std::size_t>(-1);
  std::uint64_t block_index_ = 0;
  std::array<Slot, kBlock> slots_{};
};

}  // namespace heatstreet::synth::detail
