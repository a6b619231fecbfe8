#include "heatstreet/stock/local_authority_breakdown.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <string>
#include <vector>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/ingest/register_layout.hpp"

namespace heatstreet::stock {

namespace {

double round1(double v) { return std::nearbyint(v * 10) / 10; }

// The local authorities of the whole stock: codes in sorted order and the name of each.
struct Authorities {
  std::vector<std::string> keys, names;
};

// The predecessor drops dwellings without a local authority (pandas groupby skips
// nulls); documented mode keeps them in a row of their own so the rows add up.
bool counted(const std::string& code, const StockPolicy& policy) {
  return policy.blank_authority_kept || !code.empty();
}

Authorities authorities(const StockInputs& in, const Reducer& r) {
  const auto& code = in.t.strings(dwelling::kLocalAuthority);
  const StringColumn* name = in.t.has(dwelling::kLocalAuthorityName)
                                 ? &in.t.strings(dwelling::kLocalAuthorityName)
                                 : nullptr;
  std::map<std::string, std::string> seen;
  for (std::size_t i = 0; i < in.n; ++i) {
    const std::string c(epc::trim(code[i]));
    if (!counted(c, in.policy)) continue;
    const std::string nm = name ? std::string(epc::trim((*name)[i])) : std::string();
    auto it = seen.find(c);
    if (it == seen.end() || (!nm.empty() && (it->second.empty() || nm < it->second))) seen[c] = nm;
  }
  std::vector<std::string> local_codes, local_pairs;
  for (const auto& [c, nm] : seen) {
    local_codes.push_back(c);
    local_pairs.push_back(c + '\x1f' + nm);
  }
  Authorities a;
  a.keys = r.union_keys(local_codes);
  // Name of each code: the smallest non-blank name any rank saw.
  a.names.resize(a.keys.size());
  for (const std::string& p : r.union_keys(local_pairs)) {
    const std::size_t cut = p.find('\x1f');
    const auto it = std::lower_bound(a.keys.begin(), a.keys.end(), p.substr(0, cut));
    std::string& nm = a.names[static_cast<std::size_t>(it - a.keys.begin())];
    const std::string cand = p.substr(cut + 1);
    if (nm.empty()) nm = cand;
  }
  return a;
}

// Per local authority g: sums s[g * 4 + (SAP, energy, CO2, floor area)] and counts
// c[g * 8 + (dwellings, bands A..G)].
struct AuthoritySums {
  std::vector<ExactSum> s;
  std::vector<std::int64_t> c;
};

AuthoritySums authority_sums(const StockInputs& in, const std::vector<std::string>& keys,
                             const Reducer& r) {
  const auto& code = in.t.strings(dwelling::kLocalAuthority);
  const auto& sap = need(in.t, dwelling::kCurrentSap);
  const auto& energy = need(in.t, dwelling::kEnergyIntensity);
  const auto& co2 = need(in.t, dwelling::kCo2);
  const auto& area = need(in.t, dwelling::kFloorArea);
  const auto& band = need(in.t, dwelling::kCurrentBand);
  AuthoritySums a{std::vector<ExactSum>(keys.size() * 4),
                  std::vector<std::int64_t>(keys.size() * 8, 0)};
  for (std::size_t i = 0; i < in.n; ++i) {
    const std::string k(epc::trim(code[i]));
    if (!counted(k, in.policy)) continue;
    const std::size_t g =
        static_cast<std::size_t>(std::lower_bound(keys.begin(), keys.end(), k) - keys.begin());
    a.s[g * 4 + 0].add(sap[i]);
    a.s[g * 4 + 1].add(energy[i]);
    a.s[g * 4 + 2].add(co2[i]);
    a.s[g * 4 + 3].add(area[i]);
    ++a.c[g * 8];
    if (band[i] < 7) ++a.c[g * 8 + 1 + band[i]];
  }
  a.s = r.sum(a.s);
  a.c = r.sum(a.c);
  return a;
}

// The most common band of bands[0..6] (A..G), ties to the better band; unknown when none.
std::uint8_t modal_band(const std::int64_t* bands) {
  std::uint8_t best = kUnknownCode;
  for (std::uint8_t b = 0; b < 7; ++b)
    if (bands[b] > 0 && (best == kUnknownCode || bands[b] > bands[best])) best = b;
  return best;
}

}  // namespace

Table local_authority_breakdown(const StockInputs& in, const Reducer& r) {
  const Authorities la_keys = authorities(in, r);
  const AuthoritySums sums = authority_sums(in, la_keys.keys, r);
  const std::vector<ExactSum>& s = sums.s;
  const std::vector<std::int64_t>& c = sums.c;
  std::vector<std::size_t> order(la_keys.keys.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return c[a * 8] > c[b * 8]; });
  Table t;
  auto& la = t.add_strings({"local_authority", "", "local authority GSS code", {}});
  auto& ln = t.add_strings({"local_authority_name", "", "local authority name", {}});
  auto& n = t.add<std::int64_t>({"property_count", "dwellings", "dwellings", {}});
  auto& ms = t.add<double>({"mean_sap", "SAP points", "mean SAP rating", {}});
  auto& me =
      t.add<double>({"mean_energy_kwh_m2", "kWh/m2/yr", "mean register energy intensity", {}});
  auto& mc = t.add<double>({"mean_co2_t_per_year", "t/yr", "mean CO2 emissions", {}});
  auto& ma = t.add<double>({"mean_floor_area_m2", "m2", "mean floor area", {}});
  auto& mb = t.add<std::uint8_t>(
      {"modal_epc_band", "", "most common band (ties: the better band)", band_labels()});
  auto fmt = [&](double v) { return in.policy.authority_means_unrounded ? v : round1(v); };
  for (std::size_t g : order) {
    la.push_back(la_keys.keys[g]);
    ln.push_back(la_keys.names[g]);
    n.push_back(c[g * 8]);
    ms.push_back(fmt(s[g * 4 + 0].mean()));
    me.push_back(fmt(s[g * 4 + 1].mean()));
    mc.push_back(fmt(s[g * 4 + 2].mean()));
    ma.push_back(fmt(s[g * 4 + 3].mean()));
    mb.push_back(modal_band(&c[g * 8 + 1]));
  }
  return t;
}

}  // namespace heatstreet::stock
