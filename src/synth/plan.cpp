// The plan of a synthetic register: rows and postcodes per local authority, the quirks of
// each authority's file, postcodes and their centroids. Every value is a pure function of
// the options, so every rank computes the same plan.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "heatstreet/core/error.hpp"
#include "heatstreet/synth/detail.hpp"

namespace heatstreet::synth::detail {
namespace {

const char kInwardLetters[] = "ABDEFGHJLNPQRSTUWXYZ";  // 20 letters, no C I K M O V

void split_words(const char* s, std::vector<std::string>* out) {
  std::string cur;
  for (const char* p = s;; ++p) {
    if (*p == ' ' || *p == '\0') {
      if (!cur.empty()) out->push_back(cur);
      cur.clear();
      if (*p == '\0') break;
    } else {
      cur += *p;
    }
  }
}

std::string lower_case(const std::string& s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void check_sizes(const Options& options) {
  if (options.n > (1ULL << 36)) throw UsageError("synth: --n is larger than 2^36");
  if (!(options.dirty_fraction >= 0.0 && options.dirty_fraction <= 0.5)) {
    throw UsageError("synth: dirty fraction must lie in [0, 0.5]");
  }
  if (options.out_dir.empty()) throw UsageError("synth: --out is required");
}

// Rows per authority: largest remainder on integer weights, so that every rank computes
// exactly the same allocation.
std::vector<std::uint64_t> rows_per_authority(const std::vector<Place>& places, std::uint64_t n) {
  const std::size_t K = places.size();
  std::vector<std::uint64_t> w(K);
  std::uint64_t W = 0;
  for (std::size_t k = 0; k < K; ++k) {
    w[k] = static_cast<std::uint64_t>(std::llround(places[k].weight * 100.0));
    W += w[k];
  }
  std::vector<std::uint64_t> rows(K);
  std::vector<std::pair<std::uint64_t, std::size_t>> rem(K);
  std::uint64_t assigned = 0;
  for (std::size_t k = 0; k < K; ++k) {
    unsigned __int128 q = static_cast<unsigned __int128>(n) * w[k];
    rows[k] = static_cast<std::uint64_t>(q / W);
    rem[k] = {static_cast<std::uint64_t>(q % W), k};
    assigned += rows[k];
  }
  std::stable_sort(rem.begin(), rem.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = 0; assigned < n; ++i, ++assigned) rows[rem[i % K].second] += 1;
  return rows;
}

std::vector<std::string> sorted_london_districts() {
  std::vector<std::string> districts;
  for (const Place& p : london_places()) split_words(p.districts, &districts);
  std::sort(districts.begin(), districts.end());
  return districts;
}

// Outside London, districts are numbered in the authority's postcode area, shared out
// among the authorities of that area, and never reuse a district that a London borough
// owns.
std::vector<std::string> numbered_districts(const std::vector<Place>& places, std::size_t k,
                                            std::uint64_t want,
                                            const std::vector<std::string>& london_districts) {
  const Place& p = places[k];
  std::vector<std::string> districts;
  std::size_t m = 0, rank = 0;
  for (std::size_t j = 0; j < places.size(); ++j) {
    const Place& q = places[j];
    if (!q.london && std::strcmp(q.districts, p.districts) == 0) {
      if (j < k) ++rank;
      ++m;
    }
  }
  std::uint64_t need = std::max<std::uint64_t>(2, (want + 3599) / 3600);
  for (std::size_t num = rank + 1; num <= 99 && districts.size() < need; num += m) {
    std::string d = std::string(p.districts) + std::to_string(num);
    if (!std::binary_search(london_districts.begin(), london_districts.end(), d)) {
      districts.push_back(d);
    }
  }
  if (districts.empty()) districts.push_back(std::string(p.districts) + "99");
  return districts;
}

}  // namespace

Plan::Plan(const Options& options) : options_(options) {
  const std::string region = lower_case(options.region);
  if (region == "london") {
    london_only_ = true;
    places_ = &london_places();
  } else if (region == "england") {
    london_only_ = false;
    places_ = &england_wales_places();
  } else {
    throw UsageError("synth: --region must be 'london' or 'england', not '" + options.region + "'");
  }
  options_.region = region;
  check_sizes(options);

  const std::size_t K = places_->size();
  const std::vector<std::uint64_t> rows = rows_per_authority(*places_, options.n);
  row_begin_.assign(K + 1, 0);
  for (std::size_t k = 0; k < K; ++k) row_begin_[k + 1] = row_begin_[k] + rows[k];

  // File quirks: about one file in eight has a BOM, one in eight CRLF line ends; at least
  // one of each.
  bom_.assign(K, 0);
  crlf_.assign(K, 0);
  for (std::size_t k = 0; k < K; ++k) {
    Rng r(options.seed, kStreamFile, k);
    bom_[k] = r.chance(0.125);
    crlf_[k] = r.chance(0.125);
  }
  bom_[options.seed % K] = 1;
  crlf_[(options.seed * 7 + 3) % K] = 1;

  // Postcode districts: London boroughs list theirs, elsewhere they are numbered.
  const std::vector<std::string> london_districts = sorted_london_districts();
  districts_.assign(K, {});
  pc_begin_.assign(K + 1, 0);
  for (std::size_t k = 0; k < K; ++k) {
    const Place& p = (*places_)[k];
    std::uint64_t want = std::max<std::uint64_t>(1, (rows[k] + 15) / 16);
    if (p.london) {
      split_words(p.districts, &districts_[k]);
    } else {
      districts_[k] = numbered_districts(*places_, k, want, london_districts);
    }
    std::uint64_t capacity = districts_[k].size() * 3600ULL;
    pc_begin_[k + 1] = pc_begin_[k] + std::min(want, capacity);
  }

  // Defects go to single-certificate dwellings with a UPRN, which hold about 82.5% of the
  // rows; scale so that about dirty_fraction of all rows carry one.
  defect_probability_ = std::min(1.0, options.dirty_fraction / 0.825);
}

std::size_t Plan::la_of_row(std::uint64_t g) const {
  auto it = std::upper_bound(row_begin_.begin(), row_begin_.end(), g);
  return static_cast<std::size_t>(it - row_begin_.begin()) - 1;
}

std::string Plan::header_line(std::size_t k) const {
  std::string s;
  if (la_bom(k)) s += "\xEF\xBB\xBF";
  const auto& cols = certificate_columns();
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (i) s += ',';
    s += cols[i];
  }
  s += la_crlf(k) ? "\r\n" : "\n";
  return s;
}

std::string Plan::postcode(std::size_t k, std::uint64_t p, bool unknown) const {
  const auto& ds = districts_[k];
  std::string s = ds[p % ds.size()];
  s += ' ';
  std::uint64_t rest = p / ds.size();
  unsigned digit;
  std::uint64_t letters;
  if (unknown) {
    digit = 0;  // inward codes with digit 0 are never issued to known postcodes here
    letters = Rng(options_.seed, kStreamPostcode, k, p ^ 0xABCDEFULL).below(400);
  } else {
    digit = 1 + static_cast<unsigned>(rest % 9);
    letters = ((rest / 9) * 37 + 11 * k) % 400;
  }
  s += static_cast<char>('0' + digit);
  s += kInwardLetters[letters / 20];
  s += kInwardLetters[letters % 20];
  return s;
}

void Plan::cluster_centre(std::size_t k, int c, double* e, double* n) const {
  const Place& p = (*places_)[k];
  Rng r(options_.seed, kStreamCluster, k, static_cast<std::uint64_t>(c));
  double angle = 6.283185307179586 * r.uniform();
  double reach = (c == 0 ? 0.3 : 0.65) * std::sqrt(r.uniform());
  *e = p.e_km * 1000.0 + std::cos(angle) * reach * p.r_km * 1000.0;
  *n = p.n_km * 1000.0 + std::sin(angle) * reach * p.r_km * 1000.0;
}

void Plan::postcode_centroid(std::size_t k, std::uint64_t p, long* easting, long* northing) const {
  static const double kClusterWeight[kClusters] = {0.3, 0.2, 0.15, 0.15, 0.1, 0.1};
  const Place& pl = (*places_)[k];
  Rng r(options_.seed, kStreamPostcode, k, p);
  double u = r.uniform();
  int c = 0;
  while (c < kClusters - 1 && u >= kClusterWeight[c]) u -= kClusterWeight[c++];
  double ce, cn;
  cluster_centre(k, c, &ce, &cn);
  double radius = pl.r_km * 1000.0;
  double e = ce + r.normal() * 0.18 * radius;
  double n = cn + r.normal() * 0.18 * radius;
  double de = e - pl.e_km * 1000.0, dn = n - pl.n_km * 1000.0;
  double dist = std::sqrt(de * de + dn * dn);
  if (dist > radius) {
    e = pl.e_km * 1000.0 + de * 0.95 * radius / dist;
    n = pl.n_km * 1000.0 + dn * 0.95 * radius / dist;
  }
  *easting = std::lround(e);
  *northing = std::lround(n);
}

}  // namespace heatstreet::synth::detail
