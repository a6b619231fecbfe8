#include "heatstreet/stock/archetypes.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/ingest/register_text.hpp"
#include "heatstreet/stock/stock_reader.hpp"

namespace heatstreet::stock {

namespace {

// Mean, sample standard deviation (two passes: an exact mean, then the exact sum of
// squared deviations from it), min, max, median and percentiles of a variable.
Table numeric_stats(const std::vector<double>& values, const std::string& suffix,
                    const std::string& unit, const Reducer& r) {
  ExactSum s;
  for (double v : values) s.add(v);
  const ExactSum total = r.sum(std::vector<ExactSum>{s})[0];
  const std::int64_t n = total.count();
  const double mean = total.mean();
  ExactSum dev;
  if (n > 0)
    for (double v : values)
      if (!std::isnan(v)) dev.add((v - mean) * (v - mean));
  const ExactSum dev_total = r.sum(std::vector<ExactSum>{dev})[0];
  const double sd = n > 1 ? std::sqrt(dev_total.value() / static_cast<double>(n - 1)) : kNaN;
  const std::vector<double> q = r.quantiles({values}, {{0, 0.0, false},
                                                       {0, 1.0, false},
                                                       {0, 0.5, true},
                                                       {0, 0.25, false},
                                                       {0, 0.5, false},
                                                       {0, 0.75, false},
                                                       {0, 0.90, false}});
  Table t;
  one_row<std::int64_t>(t, {"n", "dwellings", "dwellings with a value", {}}, n);
  auto put = [&](const std::string& stat, const std::string& desc, double v) {
    one_row<double>(t, {stat + "_" + suffix, unit, desc, {}}, v);
  };
  put("mean", "mean", mean);
  put("median", "median", q[2]);
  put("std", "sample standard deviation (n-1)", sd);
  put("min", "minimum", q[0]);
  put("max", "maximum", q[1]);
  put("p25", "25th percentile (linear interpolation)", q[3]);
  put("p50", "50th percentile (linear interpolation)", q[4]);
  put("p75", "75th percentile (linear interpolation)", q[5]);
  put("p90", "90th percentile (linear interpolation)", q[6]);
  return t;
}

Table epc_bands(const StockInputs& in, const Reducer& r) {
  const auto c = code_counts(need(in.t, dwelling::kCurrentBand), 7, r);
  CountTable ct;
  add_counts(ct, "band", c, band_labels(), in.total, true);
  ct.row("total", "all", in.total, in.total > 0 ? 100.0 : kNaN);
  return std::move(ct.t);
}

Table wall_construction(const StockInputs& in, const Reducer& r) {
  const auto& type = need(in.t, dwelling::kWallType);
  const auto& ins = need(in.t, dwelling::kWallInsulated);
  const std::size_t k = wall_type_labels().size();
  std::vector<std::int64_t> c((k + 1) * 2, 0);  // [type][insulated]
  for (std::size_t i = 0; i < in.n; ++i) ++c[(type[i] < k ? type[i] : k) * 2 + (ins[i] ? 1 : 0)];
  c = r.sum(c);
  CountTable ct;
  std::int64_t insulated = 0;
  for (std::size_t w = 0; w <= k; ++w) {
    const std::int64_t nw = c[w * 2] + c[w * 2 + 1];
    insulated += c[w * 2 + 1];
    if (nw > 0) ct.row("wall_type", label_of(wall_type_labels(), w), nw, pct(nw, in.total));
  }
  ct.row("insulation", "insulated", insulated, pct(insulated, in.total));
  ct.row("insulation", "uninsulated", in.total - insulated, pct(in.total - insulated, in.total));
  for (std::size_t w = 0; w <= k; ++w) {
    const std::int64_t nw = c[w * 2] + c[w * 2 + 1];
    if (nw == 0) continue;
    const std::string name = label_of(wall_type_labels(), w);
    ct.row("insulation_within_wall_type_pct", name + "|insulated", c[w * 2 + 1],
           pct(c[w * 2 + 1], nw));
    ct.row("insulation_within_wall_type_pct", name + "|uninsulated", c[w * 2], pct(c[w * 2], nw));
  }
  return std::move(ct.t);
}

Table loft_insulation(const StockInputs& in, const Reducer& r) {
  const StockReader read(in.t);
  const std::size_t nc = loft_category_labels().size(), nl = confidence_labels().size(),
                    nw = needs_work_labels().size();
  std::vector<std::int64_t> c(nc + nl + nw, 0);
  for (std::size_t i = 0; i < in.n; ++i) {
    const LoftAssessment a = assess_loft(read(i), in.policy);
    ++c[static_cast<std::size_t>(a.category)];
    ++c[nc + static_cast<std::size_t>(a.confidence)];
    ++c[nc + nl + static_cast<std::size_t>(a.needs_work)];
  }
  c = r.sum(c);
  CountTable ct;
  for (std::size_t k = 0; k < nc; ++k)
    if (c[k] > 0) ct.row("category", loft_category_labels()[k], c[k], pct(c[k], in.total));
  for (std::size_t k = 0; k < nl; ++k)
    ct.row("confidence", confidence_labels()[k], c[nc + k], pct(c[nc + k], in.total));
  for (std::size_t k = 0; k < nw; ++k)
    if (c[nc + nl + k] > 0)
      ct.row("needs_work", needs_work_labels()[k], c[nc + nl + k], pct(c[nc + nl + k], in.total));
  const std::int64_t yes = c[nc + nl + static_cast<std::size_t>(NeedsWork::kYes)];
  const std::int64_t likely = yes + c[nc + nl + static_cast<std::size_t>(NeedsWork::kLikely)];
  const std::int64_t unknown = c[static_cast<std::size_t>(LoftCategory::kUnknown)];
  ct.row("need_summary", "definitely_need_work", yes, pct(yes, in.total));
  ct.row("need_summary", "likely_need_work", likely, pct(likely, in.total));
  ct.row("need_summary", "unknown", unknown, pct(unknown, in.total));
  return std::move(ct.t);
}

Table floor_insulation(const StockInputs& in, const Reducer& r) {
  const auto c = code_counts(need(in.t, dwelling::kFloorInsulation), 4, r);
  using F = FloorInsulation;
  const std::int64_t ins = c[static_cast<int>(F::kSome)] + c[static_cast<int>(F::kFull)];
  const std::int64_t none = c[static_cast<int>(F::kNone)];
  const std::int64_t unknown = c[static_cast<int>(F::kUnknown)] + c[4];
  CountTable ct;
  ct.row("floor_insulation", "insulated", ins, pct(ins, in.total));
  ct.row("floor_insulation", "uninsulated", none, pct(none, in.total));
  ct.row("floor_insulation", "unknown", unknown, pct(unknown, in.total));
  ct.row("total", "all", in.total, in.total > 0 ? 100.0 : kNaN);
  return std::move(ct.t);
}

Table simple_counts(const StockInputs& in, const Reducer& r,
                    const dwelling::Spec<std::uint8_t>& column, const char* measure,
                    const std::vector<std::string>& labels) {
  const auto c = code_counts(need(in.t, column), labels.size(), r);
  CountTable ct;
  add_counts(ct, measure, c, labels, in.total, false);
  return std::move(ct.t);
}

Table heating_controls(const StockInputs& in, const Reducer& r) {
  const auto& rec = need(in.t, dwelling::kRecordedFields);
  const dwelling::Spec<std::uint8_t>* cols[] = {&dwelling::kHasTrv, &dwelling::kHasProgrammer,
                                                &dwelling::kHasRoomThermostat,
                                                &dwelling::kHasSmartControls};
  std::vector<std::int64_t> c(5, 0);
  for (std::size_t i = 0; i < in.n; ++i) c[0] += (rec[i] >> kRecControls) & 1;
  for (int k = 0; k < 4; ++k)
    for (std::uint8_t v : need(in.t, *cols[k])) c[1 + k] += v != 0;
  c = r.sum(c);
  CountTable ct;
  const char* names[] = {"described", "trv", "programmer", "room_thermostat", "smart_controls"};
  for (int k = 0; k < 5; ++k) ct.row("controls", names[k], c[k], pct(c[k], in.total));
  return std::move(ct.t);
}

Table hot_water(const StockInputs& in, const Reducer& r) {
  const auto c = code_counts(need(in.t, dwelling::kHotWater), hot_water_labels().size(), r);
  const std::int64_t typed = std::accumulate(c.begin(), c.end() - 1, std::int64_t{0});
  CountTable ct;
  for (std::size_t k = 0; k + 1 < c.size(); ++k)
    if (c[k] > 0) ct.row("hot_water_type", hot_water_labels()[k], c[k], pct(c[k], typed));
  return std::move(ct.t);
}

// energy_kwh_per_m2_year (§3.4.10): the register's intensity; python mode repeats the
// predecessor's test that reads a stock mean above 1000 as absolute kWh/yr.
std::vector<double> energy_per_m2(const StockInputs& in, const Reducer& r) {
  const auto& e = need(in.t, dwelling::kEnergyIntensity);
  const auto& a = need(in.t, dwelling::kFloorArea);
  std::vector<double> v(e.begin(), e.end());
  if (!in.policy.energy_intensity_as_registered) {
    ExactSum s;
    for (double x : e) s.add(x);
    if (r.sum(std::vector<ExactSum>{s})[0].mean() > 1000)
      for (std::size_t i = 0; i < v.size(); ++i) v[i] = e[i] / a[i];
  }
  for (double& x : v)
    if (x < 0) x = 0;
  return v;
}

std::vector<double> co2_per_m2(const StockInputs& in) {
  const auto& c = need(in.t, dwelling::kCo2);
  const auto& a = need(in.t, dwelling::kFloorArea);
  std::vector<double> v(in.n);
  for (std::size_t i = 0; i < in.n; ++i) v[i] = std::max(c[i] * 1000 / a[i], 0.0);
  return v;
}

}  // namespace

const std::vector<std::string>& archetype_sections() {
  static const std::vector<std::string> s{
      "epc_bands",          "sap_scores",       "wall_construction",
      "loft_insulation",    "floor_insulation", "glazing",
      "heating_systems",    "heating_controls", "hot_water",
      "energy_consumption", "co2_emissions"};
  return s;
}

std::vector<NamedTable> archetype_tables(const StockInputs& in, const Reducer& r) {
  std::vector<NamedTable> a;
  a.push_back({"epc_bands", epc_bands(in, r)});
  a.push_back(
      {"sap_scores", numeric_stats(need(in.t, dwelling::kCurrentSap), "sap", "SAP points", r)});
  a.push_back({"wall_construction", wall_construction(in, r)});
  a.push_back({"loft_insulation", loft_insulation(in, r)});
  a.push_back({"floor_insulation", floor_insulation(in, r)});
  a.push_back(
      {"glazing", simple_counts(in, r, dwelling::kGlazing, "glazing_type", glazing_labels())});
  a.push_back({"heating_systems", simple_counts(in, r, dwelling::kHeatingSystem,
                                                "heating_system_type", heating_system_labels())});
  a.push_back({"heating_controls", heating_controls(in, r)});
  a.push_back({"hot_water", hot_water(in, r)});
  a.push_back(
      {"energy_consumption", numeric_stats(energy_per_m2(in, r), "kwh_m2", "kWh/m2/yr", r)});
  a.push_back({"co2_emissions", numeric_stats(co2_per_m2(in), "kg_m2", "kg/m2/yr", r)});
  return a;
}

}  // namespace heatstreet::stock
