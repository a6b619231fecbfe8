#include "heatstreet/stock/characterise.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/error.hpp"
#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/ingest/certificate_table.hpp"
#include "heatstreet/ingest/classify.hpp"
#include "heatstreet/ingest/register_text.hpp"

namespace heatstreet::stock {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

template <class T>
const std::vector<T>* need(const Table& t, const char* name) {
  const Column* c = t.find(name);
  if (!c)
    throw InputError(std::string("stock characterisation: the dwellings have no column '") + name +
                     "'");
  const auto* v = std::get_if<std::vector<T>>(&c->data);
  if (!v) throw std::logic_error(std::string("column '") + name + "' has another type");
  return v;
}

double pct(double part, double whole) { return whole > 0 ? 100.0 * part / whole : kNaN; }

// Sets the value of a one-row table's column (adding the column sizes it to the row).
template <class T>
void one_row(Table& t, ColumnInfo info, T value) {
  auto& v = t.add<T>(std::move(info));
  if (v.empty())
    v.push_back(value);
  else
    v[0] = value;
}

// --- small table builders ------------------------------------------------------------

// A long table of counts: measure, category, count, share_pct.
struct CountTable {
  Table t;
  StringColumn *measure, *category;
  std::vector<std::int64_t>* count;
  std::vector<double>* share;
  CountTable() {
    measure = &t.add_strings({"measure", "", "what is counted", {}});
    category = &t.add_strings({"category", "", "value counted", {}});
    count = &t.add<std::int64_t>({"count", "dwellings", "number of dwellings", {}});
    share = &t.add<double>(
        {"share_pct", "%", "share of all dwellings unless the measure says otherwise", {}});
  }
  void row(const std::string& m, const std::string& c, std::int64_t n, double s) {
    measure->push_back(m);
    category->push_back(c);
    count->push_back(n);
    share->push_back(s);
  }
};

std::string label_of(const std::vector<std::string>& labels, std::size_t code) {
  return code < labels.size() ? labels[code] : std::string("unknown");
}

// Counts of codes 0..n-1 with everything else in slot n (unknown).
std::vector<std::int64_t> code_counts(const std::vector<std::uint8_t>& codes, std::size_t n,
                                      const Reducer& r) {
  std::vector<std::int64_t> c(n + 1, 0);
  for (std::uint8_t v : codes) ++c[v < n ? v : n];
  return r.sum(c);
}

// Rows of a categorical count, non-zero categories in code order (unknown last).
void add_counts(CountTable& ct, const std::string& measure, const std::vector<std::int64_t>& c,
                const std::vector<std::string>& labels, std::int64_t total, bool keep_zero) {
  for (std::size_t k = 0; k < c.size(); ++k)
    if (keep_zero || c[k] > 0) ct.row(measure, label_of(labels, k), c[k], pct(c[k], total));
}

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

}  // namespace

// --- per-dwelling columns --------------------------------------------------------------

StockReader::StockReader(const Table& t)
    : band_(need<std::uint8_t>(t, dwelling::kCurrentBand)),
      wall_type_(need<std::uint8_t>(t, dwelling::kWallType)),
      wall_status_(need<std::uint8_t>(t, dwelling::kWallInsulation)),
      wall_ins_(need<std::uint8_t>(t, dwelling::kWallInsulated)),
      roof_text_(need<std::uint8_t>(t, dwelling::kRoofText)),
      roof_rating_(need<std::uint8_t>(t, dwelling::kRoofRating)),
      glazing_(need<std::uint8_t>(t, dwelling::kGlazing)),
      floor_present_(need<std::uint8_t>(t, dwelling::kFloorInsulationPresent)),
      sap_(need<double>(t, dwelling::kCurrentSap)),
      area_(need<double>(t, dwelling::kFloorArea)),
      energy_(need<double>(t, dwelling::kEnergyIntensity)),
      roof_mm_(need<float>(t, dwelling::kRoofThickness)) {}

StockDwelling StockReader::operator()(std::size_t i) const {
  StockDwelling d;
  d.band = (*band_)[i];
  d.sap = (*sap_)[i];
  d.floor_area = (*area_)[i];
  d.heat_demand = (*energy_)[i];
  d.wall_type = (*wall_type_)[i];
  d.wall_status = (*wall_status_)[i];
  d.wall_insulated = (*wall_ins_)[i];
  d.roof_mm = static_cast<double>((*roof_mm_)[i]);
  d.roof_text = (*roof_text_)[i];
  d.roof_rating = (*roof_rating_)[i];
  d.glazing = (*glazing_)[i];
  d.floor_present = (*floor_present_)[i];
  return d;
}

void add_dwelling_columns(Table& t, const Config& cfg, const ReadinessCosts& costs) {
  const StockReader read(t);
  const Methodology m = cfg.model.methodology;
  const AnomalyParams ap = anomaly_params(cfg.model);
  const HeatPumpReadinessConfig& rc = cfg.scenario.heat_pump.readiness;
  for (const char* name :
       {dwelling::kHpReadinessTier.name, dwelling::kNeedsLoft.name, dwelling::kNeedsWall.name, dwelling::kWallWork.name,
        dwelling::kNeedsGlazing.name, dwelling::kNeedsRadiators.name, dwelling::kReadinessPostFabricDemand.name,
        dwelling::kHpDeficiencyScore.name, dwelling::kHpFabricCost.name, dwelling::kHpSystemCost.name,
        dwelling::kHpTotalCost.name, dwelling::kHpTotalCostTier4Hybrid.name, dwelling::kHpSize.name,
        dwelling::kEpcAnomaly.name, dwelling::kEpcAnomalyReason.name, dwelling::kDemandLow.name,
        dwelling::kDemandHigh.name, dwelling::kSapUncertainty.name})
    if (t.has(name)) t.remove(name);
  namespace d = dwelling;
  auto& tier = add_column(t, d::kHpReadinessTier);
  auto& loft = add_column(t, d::kNeedsLoft);
  auto& wall = add_column(t, d::kNeedsWall);
  auto& work = add_column(t, d::kWallWork);
  auto& glaz = add_column(t, d::kNeedsGlazing);
  auto& rads = add_column(t, d::kNeedsRadiators);
  auto& post = add_column(t, d::kReadinessPostFabricDemand);
  auto& score = add_column(t, d::kHpDeficiencyScore);
  auto& fabric = add_column(t, d::kHpFabricCost);
  auto& system = add_column(t, d::kHpSystemCost);
  auto& total = add_column(t, d::kHpTotalCost);
  auto& hybrid = add_column(t, d::kHpTotalCostTier4Hybrid);
  auto& size = add_column(t, d::kHpSize);
  auto& anomaly = add_column(t, d::kEpcAnomaly);
  auto& reason = add_column(t, d::kEpcAnomalyReason);
  auto& low = add_column(t, d::kDemandLow);
  auto& high = add_column(t, d::kDemandHigh);
  auto& sapu = add_column(t, d::kSapUncertainty);
  const StringColumn* cert =
      t.has(dwelling::kCertificateNumber) ? &t.strings(dwelling::kCertificateNumber) : nullptr;
  for (std::size_t i = 0; i < t.num_rows(); ++i) {
    const StockDwelling d = read(i);
    Readiness r;
    try {
      r = assess_readiness(d, rc, costs, m);
    } catch (const std::domain_error& e) {
      throw InputError("certificate " + (cert ? std::string((*cert)[i]) : std::to_string(i)) +
                       ": readiness costs: " + e.what());
    }
    tier[i] = r.tier;
    loft[i] = r.needs_loft;
    wall[i] = r.needs_wall;
    work[i] = static_cast<std::uint8_t>(r.wall_work);
    glaz[i] = r.needs_glazing;
    rads[i] = r.needs_radiators;
    post[i] = static_cast<float>(r.post_fabric_demand);
    score[i] = static_cast<float>(r.score);
    fabric[i] = r.fabric_cost;
    system[i] = r.system_cost;
    total[i] = r.total_cost;
    hybrid[i] = r.total_cost_tier4_hybrid;
    size[i] = static_cast<float>(r.hp_size_kw);
    const std::uint8_t a = epc_anomaly(d, ap);
    anomaly[i] = a != 0;
    reason[i] = a;
    const double lo = a ? cfg.model.anomaly_demand_error_low : cfg.model.demand_error_low;
    const double hi = a ? cfg.model.anomaly_demand_error_high : cfg.model.demand_error_high;
    low[i] = static_cast<float>(d.heat_demand * (1 + lo));
    high[i] = static_cast<float>(d.heat_demand * (1 + hi));
    sapu[i] = static_cast<float>(sap_uncertainty(d.sap, cfg.model));
  }
}

const std::vector<std::string>& archetype_sections() {
  static const std::vector<std::string> s{
      "epc_bands",          "sap_scores",       "wall_construction",
      "loft_insulation",    "floor_insulation", "glazing",
      "heating_systems",    "heating_controls", "hot_water",
      "energy_consumption", "co2_emissions"};
  return s;
}

std::string csv_file_name(const std::string& group, const std::string& name) {
  if (group == "archetypes" || group == "readiness") return group + "_" + name + ".csv";
  return name + ".csv";
}

std::string results_path(const std::string& group, const std::string& name) {
  return "/" + group + "/" + name;
}

// --- archetype statistics (§5) ---------------------------------------------------------

namespace {

struct Inputs {
  const Table& t;
  std::size_t n;
  std::int64_t total;  // dwellings over the whole stock
  Methodology m;
};

Table epc_bands(const Inputs& in, const Reducer& r) {
  const auto c = code_counts(*need<std::uint8_t>(in.t, dwelling::kCurrentBand), 7, r);
  CountTable ct;
  add_counts(ct, "band", c, band_labels(), in.total, true);
  ct.row("total", "all", in.total, in.total > 0 ? 100.0 : kNaN);
  return std::move(ct.t);
}

Table wall_construction(const Inputs& in, const Reducer& r) {
  const auto& type = *need<std::uint8_t>(in.t, dwelling::kWallType);
  const auto& ins = *need<std::uint8_t>(in.t, dwelling::kWallInsulated);
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

Table loft_insulation(const Inputs& in, const Reducer& r) {
  const StockReader read(in.t);
  const std::size_t nc = loft_category_labels().size(), nl = confidence_labels().size(),
                    nw = needs_work_labels().size();
  std::vector<std::int64_t> c(nc + nl + nw, 0);
  for (std::size_t i = 0; i < in.n; ++i) {
    const LoftAssessment a = assess_loft(read(i), in.m);
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

Table floor_insulation(const Inputs& in, const Reducer& r) {
  const auto c = code_counts(*need<std::uint8_t>(in.t, dwelling::kFloorInsulation), 4, r);
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

Table simple_counts(const Inputs& in, const Reducer& r, const char* column, const char* measure,
                    const std::vector<std::string>& labels) {
  const auto c = code_counts(*need<std::uint8_t>(in.t, column), labels.size(), r);
  CountTable ct;
  add_counts(ct, measure, c, labels, in.total, false);
  return std::move(ct.t);
}

Table heating_controls(const Inputs& in, const Reducer& r) {
  const auto& rec = *need<std::int32_t>(in.t, dwelling::kRecordedFields);
  const char* cols[] = {dwelling::kHasTrv.name, dwelling::kHasProgrammer.name, dwelling::kHasRoomThermostat.name,
                        dwelling::kHasSmartControls.name};
  std::vector<std::int64_t> c(5, 0);
  for (std::size_t i = 0; i < in.n; ++i) c[0] += (rec[i] >> kRecControls) & 1;
  for (int k = 0; k < 4; ++k)
    for (std::uint8_t v : *need<std::uint8_t>(in.t, cols[k])) c[1 + k] += v != 0;
  c = r.sum(c);
  CountTable ct;
  const char* names[] = {"described", "trv", "programmer", "room_thermostat", "smart_controls"};
  for (int k = 0; k < 5; ++k) ct.row("controls", names[k], c[k], pct(c[k], in.total));
  return std::move(ct.t);
}

Table hot_water(const Inputs& in, const Reducer& r) {
  const auto c =
      code_counts(*need<std::uint8_t>(in.t, dwelling::kHotWater), hot_water_labels().size(), r);
  const std::int64_t typed = std::accumulate(c.begin(), c.end() - 1, std::int64_t{0});
  CountTable ct;
  for (std::size_t k = 0; k + 1 < c.size(); ++k)
    if (c[k] > 0) ct.row("hot_water_type", hot_water_labels()[k], c[k], pct(c[k], typed));
  return std::move(ct.t);
}

// energy_kwh_per_m2_year (§3.4.10): the register's intensity; python mode repeats the
// predecessor's test that reads a stock mean above 1000 as absolute kWh/yr.
std::vector<double> energy_per_m2(const Inputs& in, const Reducer& r) {
  const auto& e = *need<double>(in.t, dwelling::kEnergyIntensity);
  const auto& a = *need<double>(in.t, dwelling::kFloorArea);
  std::vector<double> v(e.begin(), e.end());
  if (in.m == Methodology::kPython) {
    ExactSum s;
    for (double x : e) s.add(x);
    if (r.sum(std::vector<ExactSum>{s})[0].mean() > 1000)
      for (std::size_t i = 0; i < v.size(); ++i) v[i] = e[i] / a[i];
  }
  for (double& x : v)
    if (x < 0) x = 0;
  return v;
}

std::vector<double> co2_per_m2(const Inputs& in) {
  const auto& c = *need<double>(in.t, dwelling::kCo2);
  const auto& a = *need<double>(in.t, dwelling::kFloorArea);
  std::vector<double> v(in.n);
  for (std::size_t i = 0; i < in.n; ++i) v[i] = std::max(c[i] * 1000 / a[i], 0.0);
  return v;
}

}  // namespace

// --- fabric breakdowns (§6) ------------------------------------------------------------

namespace {

Table fabric_summary(const Inputs& in, const Reducer& r) {
  Table t;
  auto& cat = t.add_strings({"category", "", "descriptor", {}});
  auto& sub = t.add_strings({"subcategory", "", "value, or statistic for the roof thickness", {}});
  auto& cnt = t.add<double>(
      {"count", "dwellings (mm for median, q25, q75)", "dwellings, or the statistic", {}});
  auto& share = t.add<double>(
      {"share_pct", "%", "share of all dwellings (roof thresholds: of known thicknesses)", {}});
  auto row = [&](const std::string& a, const std::string& b, double c, double s) {
    cat.push_back(a);
    sub.push_back(b);
    cnt.push_back(c);
    share.push_back(s);
  };
  auto counts = [&](const char* column, const std::vector<std::string>& labels) {
    const auto c = code_counts(*need<std::uint8_t>(in.t, column), labels.size(), r);
    for (std::size_t k = 0; k < c.size(); ++k)
      if (c[k] > 0)
        row(column, label_of(labels, k), static_cast<double>(c[k]), pct(c[k], in.total));
  };
  counts(dwelling::kWallType, wall_type_labels());
  counts(dwelling::kWallInsulation, wall_insulation_labels());
  {
    const auto& type = *need<std::uint8_t>(in.t, dwelling::kWallType);
    const auto& st = *need<std::uint8_t>(in.t, dwelling::kWallInsulation);
    const std::size_t kt = wall_type_labels().size() + 1, ks = wall_insulation_labels().size() + 1;
    std::vector<std::int64_t> c(kt * ks, 0);
    for (std::size_t i = 0; i < in.n; ++i)
      ++c[std::min<std::size_t>(type[i], kt - 1) * ks + std::min<std::size_t>(st[i], ks - 1)];
    c = r.sum(c);
    for (std::size_t a = 0; a < kt; ++a)
      for (std::size_t b = 0; b < ks; ++b)
        if (c[a * ks + b] > 0)
          row("wall_type_x_insulation",
              label_of(wall_type_labels(), a) + "|" + label_of(wall_insulation_labels(), b),
              static_cast<double>(c[a * ks + b]), pct(c[a * ks + b], in.total));
  }
  {
    const auto& mm = *need<float>(in.t, dwelling::kRoofThickness);
    std::vector<double> known;
    std::vector<std::int64_t> c(4, 0);  // known, <100, <200, >=270
    for (float v : mm) {
      if (std::isnan(v)) continue;
      known.push_back(v);
      ++c[0];
      c[1] += v < 100;
      c[2] += v < 200;
      c[3] += v >= 270;
    }
    c = r.sum(c);
    const auto q = r.quantiles({known}, {{0, 0.5, true}, {0, 0.25, false}, {0, 0.75, false}});
    const char* name = dwelling::kRoofThickness;
    row(name, "median", q[0], kNaN);
    row(name, "q25", q[1], kNaN);
    row(name, "q75", q[2], kNaN);
    row(name, "below_100mm", static_cast<double>(c[1]), pct(c[1], c[0]));
    row(name, "below_200mm", static_cast<double>(c[2]), pct(c[2], c[0]));
    row(name, "above_270mm", static_cast<double>(c[3]), pct(c[3], c[0]));
  }
  counts(dwelling::kRoofCategory, roof_insulation_labels());
  counts(dwelling::kFloorInsulation, floor_insulation_labels());
  counts(dwelling::kGlazing, glazing_labels());
  counts(dwelling::kVentilation, ventilation_labels());
  row("total", "n_properties", static_cast<double>(in.total), 100.0);
  return t;
}

Table fabric_by_tenure(const Inputs& in, const Reducer& r) {
  const auto& ten = *need<std::uint8_t>(in.t, dwelling::kTenure);
  const auto& wt = *need<std::uint8_t>(in.t, dwelling::kWallType);
  const auto& wi = *need<std::uint8_t>(in.t, dwelling::kWallInsulated);
  const auto& mm = *need<float>(in.t, dwelling::kRoofThickness);
  const auto& fp = *need<std::uint8_t>(in.t, dwelling::kFloorInsulationPresent);
  const auto& gl = *need<std::uint8_t>(in.t, dwelling::kGlazing);
  const auto& band = *need<std::uint8_t>(in.t, dwelling::kCurrentBand);
  const std::size_t G = tenure_labels().size() + 1;  // unknown code last
  // Per group: n, solid, cavity, stone, other, insulated, roof<100, floor known, floor
  // present, single, double, triple, bands A..G.
  constexpr std::size_t K = 19;
  std::vector<std::int64_t> c(G * K, 0);
  std::vector<std::vector<double>> roofs(G);
  using W = WallType;
  for (std::size_t i = 0; i < in.n; ++i) {
    const std::size_t g = std::min<std::size_t>(ten[i], G - 1);
    std::int64_t* x = &c[g * K];
    ++x[0];
    x[1] += wt[i] == static_cast<std::uint8_t>(W::kSolidBrick);
    x[2] += wt[i] == static_cast<std::uint8_t>(W::kCavity);
    x[3] += wt[i] == static_cast<std::uint8_t>(W::kStone);
    x[4] += wt[i] == static_cast<std::uint8_t>(W::kOther);
    x[5] += wi[i] != 0;
    x[6] += mm[i] < 100;
    x[7] += fp[i] <= 1;
    x[8] += fp[i] == 1;
    x[9] += gl[i] == static_cast<std::uint8_t>(Glazing::kSingle);
    x[10] += gl[i] == static_cast<std::uint8_t>(Glazing::kDouble);
    x[11] += gl[i] == static_cast<std::uint8_t>(Glazing::kTriple);
    if (band[i] < 7) ++x[12 + band[i]];
    roofs[g].push_back(mm[i]);
  }
  c = r.sum(c);
  std::vector<QuantileRequest> req;
  for (std::size_t g = 0; g < G; ++g) req.push_back({g, 0.5, true});
  const auto med = r.quantiles(roofs, req);
  Table t;
  auto& name = t.add_strings({"tenure", "", "tenure class", {}});
  auto& n = t.add<std::int64_t>({"n_properties", "dwellings", "dwellings of this tenure", {}});
  std::vector<std::vector<double>*> cols;
  auto dcol = [&](const std::string& c_name, const std::string& unit, const std::string& desc) {
    cols.push_back(&t.add<double>({c_name, unit, desc, {}}));
  };
  dcol("share_of_total_pct", "%", "share of all dwellings");
  for (const char* w : {"solid_brick", "cavity", "stone", "other"})
    dcol(std::string("wall_type_") + w + "_pct", "%", std::string("share with ") + w + " walls");
  dcol("wall_insulated_pct", "%", "share with insulated walls");
  dcol("roof_insulation_median_mm", "mm", "median known loft insulation thickness");
  dcol("roof_below_100mm_pct", "%", "share with a known loft thickness below 100 mm");
  dcol("floor_insulation_pct", "%", "share with floor insulation, of dwellings where it is known");
  dcol("single_glazed_pct", "%", "share single glazed");
  dcol("double_glazed_pct", "%", "share double glazed");
  dcol("triple_glazed_pct", "%", "share triple glazed");
  for (const std::string& b : band_labels())
    dcol("epc_band_" + b + "_pct", "%", "share in band " + b);
  for (std::size_t g = 0; g < G; ++g) {
    const std::int64_t* x = &c[g * K];
    if (x[0] == 0) continue;
    name.push_back(label_of(tenure_labels(), g));
    n.push_back(x[0]);
    std::size_t k = 0;
    auto put = [&](double v) { cols[k++]->push_back(v); };
    put(pct(x[0], in.total));
    for (int j = 1; j <= 5; ++j) put(pct(x[j], x[0]));
    put(med[g]);
    put(pct(x[6], x[0]));
    put(pct(x[8], x[7]));
    for (int j = 9; j <= 11; ++j) put(pct(x[j], x[0]));
    for (int j = 12; j < 19; ++j) put(pct(x[j], x[0]));
  }
  return t;
}

Table anomalies_summary(const Inputs& in, const Reducer& r) {
  const auto& a = *need<std::uint8_t>(in.t, dwelling::kEpcAnomalyReason);
  const auto& band = *need<std::uint8_t>(in.t, dwelling::kCurrentBand);
  const auto& st = *need<std::uint8_t>(in.t, dwelling::kWallInsulation);
  const std::size_t S = wall_insulation_labels().size() + 1;
  // total n, anomalies; per band n, anomalies; per reason; per status n, anomalies.
  std::vector<std::int64_t> c(2 + 14 + 3 + 2 * S, 0);
  for (std::size_t i = 0; i < in.n; ++i) {
    const bool an = a[i] != 0;
    ++c[0];
    c[1] += an;
    if (band[i] < 7) {
      ++c[2 + 2 * band[i]];
      c[3 + 2 * band[i]] += an;
    }
    for (int b = 0; b < 3; ++b) c[16 + b] += (a[i] >> b) & 1;
    const std::size_t s = std::min<std::size_t>(st[i], S - 1);
    ++c[19 + 2 * s];
    c[20 + 2 * s] += an;
  }
  c = r.sum(c);
  Table t;
  auto& by = t.add_strings({"group_by", "", "grouping", {}});
  auto& val = t.add_strings({"group_value", "", "group", {}});
  auto& np = t.add<double>(
      {"n_properties", "dwellings", "dwellings in the group (empty for reasons)", {}});
  auto& na = t.add<std::int64_t>({"n_anomalies", "dwellings", "flagged dwellings", {}});
  auto& rate = t.add<double>(
      {"anomaly_rate_pct", "%", "flagged share of the group (reasons: of all flagged)", {}});
  auto row = [&](const std::string& g, const std::string& v, double n, std::int64_t k, double p) {
    by.push_back(g);
    val.push_back(v);
    np.push_back(n);
    na.push_back(k);
    rate.push_back(p);
  };
  row("total", "all_properties", static_cast<double>(c[0]), c[1], pct(c[1], c[0]));
  for (int b = 0; b < 7; ++b)
    row("epc_band", band_labels()[b], static_cast<double>(c[2 + 2 * b]), c[3 + 2 * b],
        pct(c[3 + 2 * b], c[2 + 2 * b]));
  for (int b = 0; b < 3; ++b)
    if (c[16 + b] > 0)
      row("anomaly_reason", anomaly_reason_names()[b], kNaN, c[16 + b], pct(c[16 + b], c[1]));
  for (std::size_t s = 0; s < S; ++s)
    if (c[19 + 2 * s] > 0)
      row(dwelling::kWallInsulation.name, label_of(wall_insulation_labels(), s),
          static_cast<double>(c[19 + 2 * s]), c[20 + 2 * s], pct(c[20 + 2 * s], c[19 + 2 * s]));
  return t;
}

}  // namespace

// --- readiness tables (§7) --------------------------------------------------------------

namespace {

struct ReadinessTables {
  std::vector<NamedTable> tables;
  std::array<std::int64_t, 5> tiers{};
  std::int64_t anomalies = 0;
  double mean_total = kNaN;
};

ReadinessTables readiness_tables(const Inputs& in, const Reducer& r) {
  const auto& tier = *need<std::uint8_t>(in.t, dwelling::kHpReadinessTier);
  const auto& score = *need<float>(in.t, dwelling::kHpDeficiencyScore);
  const auto& fabric = *need<double>(in.t, dwelling::kHpFabricCost);
  const auto& system = *need<double>(in.t, dwelling::kHpSystemCost);
  const auto& total = *need<double>(in.t, dwelling::kHpTotalCost);
  const auto& hybrid = *need<double>(in.t, dwelling::kHpTotalCostTier4Hybrid);
  const auto& demand = *need<double>(in.t, dwelling::kEnergyIntensity);
  const auto& post = *need<float>(in.t, dwelling::kReadinessPostFabricDemand);
  const auto& low = *need<float>(in.t, dwelling::kDemandLow);
  const auto& high = *need<float>(in.t, dwelling::kDemandHigh);
  const auto& sapu = *need<float>(in.t, dwelling::kSapUncertainty);
  const auto& size = *need<float>(in.t, dwelling::kHpSize);
  const auto& anomaly = *need<std::uint8_t>(in.t, dwelling::kEpcAnomaly);
  const char* flags[] = {dwelling::kNeedsLoft.name, dwelling::kNeedsWall.name, dwelling::kNeedsGlazing.name,
                         dwelling::kNeedsRadiators.name};
  const auto& work = *need<std::uint8_t>(in.t, dwelling::kWallWork);
  const std::vector<std::uint8_t>* flag[4];
  for (int f = 0; f < 4; ++f) flag[f] = need<std::uint8_t>(in.t, flags[f]);

  // Sums per tier (index 0..4) and for the whole stock (index 5).
  enum {
    kScoreS,
    kFabric,
    kSystem,
    kTotal,
    kHybrid,
    kDemand,
    kPost,
    kLow,
    kHigh,
    kSapU,
    kSize,
    kNS
  };
  std::vector<ExactSum> s(6 * kNS);
  // Counts: per tier; interventions (6) overall and outside tier 1; anomalies.
  std::vector<std::int64_t> c(5 + 12 + 1, 0);
  std::vector<std::vector<double>> samples(5);  // fabric, system, total, hybrid, size
  for (std::size_t i = 0; i < in.n; ++i) {
    const std::size_t k = static_cast<std::size_t>(tier[i]) - 1;
    const double v[kNS] = {score[i], fabric[i], system[i], total[i], hybrid[i], demand[i],
                           post[i],  low[i],    high[i],   sapu[i],  size[i]};
    for (int j = 0; j < kNS; ++j) {
      s[k * kNS + j].add(v[j]);
      s[5 * kNS + j].add(v[j]);
    }
    ++c[k];
    bool wants[6];
    for (int f = 0; f < 4; ++f) wants[f] = (*flag[f])[i] != 0;
    wants[4] = work[i] == static_cast<std::uint8_t>(WallWork::kSolidWallEwi);
    wants[5] = work[i] == static_cast<std::uint8_t>(WallWork::kCavityWall);
    for (int f = 0; f < 6; ++f) {
      c[5 + f] += wants[f];
      c[11 + f] += wants[f] && tier[i] != 1;
    }
    c[17] += anomaly[i] != 0;
    samples[0].push_back(fabric[i]);
    samples[1].push_back(system[i]);
    samples[2].push_back(total[i]);
    samples[3].push_back(hybrid[i]);
    samples[4].push_back(size[i]);
  }
  s = r.sum(s);
  c = r.sum(c);
  std::vector<QuantileRequest> req;
  for (std::size_t g = 0; g < samples.size(); ++g) req.push_back({g, 0.5, true});
  const auto med = r.quantiles(samples, req);
  auto mean = [&](std::size_t g, int j) { return s[g * kNS + j].mean(); };

  ReadinessTables out;
  std::int64_t non_tier1 = in.total - c[0];
  {
    Table t;
    auto& tn = t.add<std::int32_t>({"tier", "", "readiness tier", {}});
    auto& lab = t.add_strings({"label", "", "tier label", {}});
    auto& n = t.add<std::int64_t>({"n_properties", "dwellings", "dwellings in the tier", {}});
    auto& share = t.add<double>({"share_pct", "%", "share of all dwellings", {}});
    std::vector<std::vector<double>*> cols;
    auto dcol = [&](const char* name, const char* unit, const char* desc) {
      cols.push_back(&t.add<double>({name, unit, desc, {}}));
    };
    dcol("mean_deficiency_score", "points", "mean deficiency score");
    dcol("mean_fabric_prerequisite_cost_gbp", "GBP", "mean fabric prerequisite cost");
    dcol("mean_system_cost_full_ashp_gbp", "GBP", "mean heat-pump system cost");
    dcol("mean_total_cost_full_ashp_gbp", "GBP", "mean total cost");
    dcol("total_cost_full_ashp_gbp", "GBP", "total cost over the tier");
    dcol("mean_heat_demand_kwh_m2", "kWh/m2/yr", "mean register energy intensity");
    dcol("mean_post_fabric_demand_kwh_m2", "kWh/m2/yr",
         "mean intensity after the needed fabric work");
    for (std::size_t k = 0; k < 5; ++k) {
      tn.push_back(static_cast<std::int32_t>(k + 1));
      lab.push_back(readiness_tier_labels()[k]);
      n.push_back(c[k]);
      share.push_back(pct(c[k], in.total));
      const double v[] = {mean(k, kScoreS),
                          mean(k, kFabric),
                          mean(k, kSystem),
                          mean(k, kTotal),
                          s[k * kNS + kTotal].value(),
                          mean(k, kDemand),
                          mean(k, kPost)};
      for (std::size_t j = 0; j < cols.size(); ++j) cols[j]->push_back(v[j]);
      out.tiers[k] = c[k];
    }
    out.tables.push_back({"tiers", std::move(t)});
  }
  {
    Table t;
    auto& name = t.add_strings({"intervention", "", "work needed before a heat pump", {}});
    auto& n = t.add<std::int64_t>({"n_properties", "dwellings", "dwellings needing it", {}});
    auto& all = t.add<double>({"pct_of_all", "%", "share of all dwellings", {}});
    auto& nt1 = t.add<double>({"pct_of_non_tier1", "%", "share of dwellings outside tier 1", {}});
    const char* names[] = {"loft_topup",        "wall_insulation", "glazing_upgrade",
                           "radiator_upsizing", "solid_wall_ewi",  "cavity_wall"};
    for (int f = 0; f < 6; ++f) {
      name.push_back(names[f]);
      n.push_back(c[5 + f]);
      all.push_back(pct(c[5 + f], in.total));
      nt1.push_back(pct(c[11 + f], non_tier1));
    }
    out.tables.push_back({"interventions", std::move(t)});
  }
  {
    Table t;
    auto& name = t.add_strings({"cost", "", "cost", {}});
    auto& mn = t.add<double>({"mean_gbp", "GBP", "mean per dwelling", {}});
    auto& md = t.add<double>({"median_gbp", "GBP", "median per dwelling", {}});
    auto& tot = t.add<double>({"total_gbp", "GBP", "total over the stock", {}});
    const char* names[] = {"fabric_prerequisite", "system_full_ashp", "total_full_ashp",
                           "total_tier4_hybrid_sensitivity"};
    const int idx[] = {kFabric, kSystem, kTotal, kHybrid};
    for (int k = 0; k < 4; ++k) {
      name.push_back(names[k]);
      mn.push_back(mean(5, idx[k]));
      md.push_back(med[k]);
      tot.push_back(s[5 * kNS + idx[k]].value());
    }
    out.tables.push_back({"costs", std::move(t)});
  }
  {
    Table t;
    one_row<std::int64_t>(t, {"n_properties", "dwellings", "dwellings", {}}, in.total);
    auto put = [&](const char* name, const char* unit, const char* desc, double v) {
      one_row<double>(t, {name, unit, desc, {}}, v);
    };
    put("mean_heat_demand_kwh_m2", "kWh/m2/yr", "mean register energy intensity", mean(5, kDemand));
    put("mean_post_fabric_demand_kwh_m2", "kWh/m2/yr", "mean after the needed fabric work",
        mean(5, kPost));
    put("mean_heat_demand_low_kwh_m2", "kWh/m2/yr", "mean at the low end of the demand uncertainty",
        mean(5, kLow));
    put("mean_heat_demand_high_kwh_m2", "kWh/m2/yr",
        "mean at the high end of the demand uncertainty", mean(5, kHigh));
    put("mean_sap_uncertainty_points", "SAP points", "mean SAP uncertainty", mean(5, kSapU));
    put("mean_estimated_hp_size_kw", "kW", "mean estimated heat-pump size", mean(5, kSize));
    put("median_estimated_hp_size_kw", "kW", "median estimated heat-pump size", med[4]);
    one_row<std::int64_t>(
        t, {"n_epc_fabric_anomalies", "dwellings", "dwellings flagged as EPC/fabric anomalies", {}},
        c[17]);
    out.tables.push_back({"summary", std::move(t)});
  }
  out.anomalies = c[17];
  out.mean_total = mean(5, kTotal);
  return out;
}

}  // namespace

// --- reports (§8.1) ---------------------------------------------------------------------

namespace {

double round1(double v) { return std::nearbyint(v * 10) / 10; }

Table local_authority_breakdown(const Inputs& in, const Reducer& r) {
  const auto& code = in.t.strings(dwelling::kLocalAuthority);
  const StringColumn* name = in.t.has(dwelling::kLocalAuthorityName)
                                 ? &in.t.strings(dwelling::kLocalAuthorityName)
                                 : nullptr;
  const auto& sap = *need<double>(in.t, dwelling::kCurrentSap);
  const auto& energy = *need<double>(in.t, dwelling::kEnergyIntensity);
  const auto& co2 = *need<double>(in.t, dwelling::kCo2);
  const auto& area = *need<double>(in.t, dwelling::kFloorArea);
  const auto& band = *need<std::uint8_t>(in.t, dwelling::kCurrentBand);
  const bool python = in.m == Methodology::kPython;
  // The predecessor drops dwellings without a local authority (pandas groupby skips
  // nulls); documented mode keeps them in a row of their own so the rows add up.
  std::vector<std::string> local_codes, local_pairs;
  {
    std::map<std::string, std::string> seen;
    for (std::size_t i = 0; i < in.n; ++i) {
      const std::string c(epc::trim(code[i]));
      if (python && c.empty()) continue;
      const std::string nm = name ? std::string(epc::trim((*name)[i])) : std::string();
      auto it = seen.find(c);
      if (it == seen.end() || (!nm.empty() && (it->second.empty() || nm < it->second)))
        seen[c] = nm;
    }
    for (const auto& [c, nm] : seen) {
      local_codes.push_back(c);
      local_pairs.push_back(c + '\x1f' + nm);
    }
  }
  const std::vector<std::string> keys = r.union_keys(local_codes);
  // Name of each code: the smallest non-blank name any rank saw.
  std::vector<std::string> names(keys.size());
  for (const std::string& p : r.union_keys(local_pairs)) {
    const std::size_t cut = p.find('\x1f');
    const auto it = std::lower_bound(keys.begin(), keys.end(), p.substr(0, cut));
    std::string& nm = names[static_cast<std::size_t>(it - keys.begin())];
    const std::string cand = p.substr(cut + 1);
    if (nm.empty()) nm = cand;
  }
  const std::size_t G = keys.size();
  std::vector<ExactSum> s(G * 4);
  std::vector<std::int64_t> c(G * 8, 0);  // n, bands A..G
  for (std::size_t i = 0; i < in.n; ++i) {
    const std::string k(epc::trim(code[i]));
    if (python && k.empty()) continue;
    const std::size_t g =
        static_cast<std::size_t>(std::lower_bound(keys.begin(), keys.end(), k) - keys.begin());
    s[g * 4 + 0].add(sap[i]);
    s[g * 4 + 1].add(energy[i]);
    s[g * 4 + 2].add(co2[i]);
    s[g * 4 + 3].add(area[i]);
    ++c[g * 8];
    if (band[i] < 7) ++c[g * 8 + 1 + band[i]];
  }
  s = r.sum(s);
  c = r.sum(c);
  std::vector<std::size_t> order(G);
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
  auto fmt = [&](double v) { return python ? round1(v) : v; };
  for (std::size_t g : order) {
    la.push_back(keys[g]);
    ln.push_back(names[g]);
    n.push_back(c[g * 8]);
    ms.push_back(fmt(s[g * 4 + 0].mean()));
    me.push_back(fmt(s[g * 4 + 1].mean()));
    mc.push_back(fmt(s[g * 4 + 2].mean()));
    ma.push_back(fmt(s[g * 4 + 3].mean()));
    std::uint8_t best = kUnknownCode;
    for (std::uint8_t b = 0; b < 7; ++b)
      if (c[g * 8 + 1 + b] > 0 && (best == kUnknownCode || c[g * 8 + 1 + b] > c[g * 8 + 1 + best]))
        best = b;
    mb.push_back(best);
  }
  return t;
}

bool address_matches(std::string_view address, const std::string& street, Methodology m) {
  if (street.empty()) return false;
  if (m == Methodology::kPython) return address.find(street) != std::string_view::npos;
  return epc::has(epc::lower(address), epc::lower(street));
}

const std::vector<std::string>& case_street_columns() {
  static const std::vector<std::string> c{dwelling::kCertificateNumber.name,
                                          dwelling::kUprn.name,
                                          dwelling::kAddress.name,
                                          dwelling::kPostcode.name,
                                          dwelling::kLocalAuthority.name,
                                          dwelling::kCurrentBand.name,
                                          dwelling::kCurrentSap.name,
                                          dwelling::kFloorArea.name,
                                          dwelling::kEnergyIntensity.name,
                                          dwelling::kCo2.name,
                                          dwelling::kWallType.name,
                                          dwelling::kWallInsulation.name,
                                          dwelling::kRoofThickness.name,
                                          dwelling::kGlazing.name,
                                          dwelling::kHeatingSystem.name,
                                          dwelling::kHeatNetworkTier.name,
                                          dwelling::kHpReadinessTier.name,
                                          dwelling::kHpDeficiencyScore.name,
                                          dwelling::kHpFabricCost.name,
                                          dwelling::kHpTotalCost.name,
                                          dwelling::kHpSize.name,
                                          dwelling::kEpcAnomaly.name};
  return c;
}

void case_street(const Inputs& in, const Config& cfg, const Reducer& r, StockResult& out) {
  const std::string& street = cfg.output.case_street;
  const auto& address = in.t.strings(dwelling::kAddress);
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < in.n; ++i)
    if (address_matches(address[i], street, in.m)) rows.push_back(i);
  // Only the columns reported travel.
  Table slim;
  for (const std::string& name : case_street_columns())
    if (const Column* c = in.t.find(name)) slim.columns().push_back(*c);
  for (const char* name : {dwelling::kSourceFile.name, dwelling::kSourceLine.name})
    if (const Column* c = in.t.find(name)) slim.columns().push_back(*c);
  Table mine = slim.gather(rows);
  Table all = r.gather_rows(mine);
  // Register order (file, line), whatever rank each row was on.
  std::vector<std::size_t> order(all.num_rows());
  std::iota(order.begin(), order.end(), 0);
  if (all.has(dwelling::kSourceFile) && all.has(dwelling::kSourceLine)) {
    const auto& f = all.get<std::int32_t>(dwelling::kSourceFile);
    const auto& l = all.get<std::int64_t>(dwelling::kSourceLine);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return std::tie(f[a], l[a]) < std::tie(f[b], l[b]);
    });
  } else {
    const auto& cert = all.strings(dwelling::kCertificateNumber);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return cert[a] < cert[b]; });
  }
  Table sorted = all.gather(order);
  Table extract;
  for (const std::string& name : case_street_columns())
    if (Column* c = sorted.find(name)) extract.columns().push_back(std::move(*c));
  out.headline.case_street_dwellings = static_cast<std::int64_t>(extract.num_rows());

  // Street against the whole stock, on the means the predecessor compares.
  const char* metrics[] = {dwelling::kEnergyIntensity.name, dwelling::kCo2.name, dwelling::kFloorArea.name,
                           dwelling::kCurrentSap.name};
  std::vector<ExactSum> cohort(4), street_sum(4);
  for (int k = 0; k < 4; ++k) {
    for (double v : *need<double>(in.t, metrics[k])) cohort[k].add(v);
    for (double v : *need<double>(extract, metrics[k])) street_sum[k].add(v);
  }
  cohort = r.sum(cohort);
  Table s;
  auto& metric = s.add_strings({"metric", "", "dwelling variable", {}});
  auto& unit = s.add_strings({"unit", "", "unit of the means", {}});
  auto& sm = s.add<double>({"street_mean", "", "mean over the street's dwellings", {}});
  auto& cm = s.add<double>({"cohort_mean", "", "mean over the whole stock", {}});
  auto& diff = s.add<double>(
      {"difference_pct", "%", "street mean above (+) or below (-) the stock mean", {}});
  const char* units[] = {"kWh/m2/yr", "t/yr", "m2", "SAP points"};
  for (int k = 0; k < 4; ++k) {
    metric.push_back(metrics[k]);
    unit.push_back(units[k]);
    const double a = street_sum[k].mean(), b = cohort[k].mean();
    sm.push_back(a);
    cm.push_back(b);
    diff.push_back(b != 0 ? 100 * (a - b) / b : kNaN);
  }
  out.reports.push_back({"case_street", std::move(extract)});
  out.reports.push_back({"case_street_summary", std::move(s)});
}

struct QualityTable {
  Table t;
  StringColumn *section, *item, *unit, *text;
  std::vector<double>* value;
  QualityTable() {
    section = &t.add_strings({"section", "", "report section", {}});
    item = &t.add_strings({"item", "", "what is reported", {}});
    value = &t.add<double>({"value", "", "the figure (unit in the next column)", {}});
    unit = &t.add_strings({"unit", "", "unit of the value", {}});
    text = &t.add_strings({"text", "", "text for rows without a figure", {}});
  }
  void row(const std::string& s, const std::string& i, double v, const std::string& u,
           const std::string& x = "") {
    section->push_back(s);
    item->push_back(i);
    value->push_back(v);
    unit->push_back(u);
    text->push_back(x);
  }
};

const std::vector<std::string>& known_limitations() {
  static const std::vector<std::string> l{
      "EPC energy figures are modelled (SAP/RdSAP) primary energy intensities, not metered use.",
      "Certificates describe the dwelling at assessment; later works are invisible until a new "
      "certificate.",
      "Only the latest certificate per dwelling is kept; dwellings never assessed are absent.",
      "Fabric descriptors are classified from free text; unusual wording may be misread.",
      "Loft thickness imputed from the roof rating is an estimate, not a measurement.",
      "Floor insulation is known only where the floor description states it.",
      "Tenure is as recorded at assessment and may have changed since.",
      "Readiness tiers are a screening score, not a heat-loss survey or heat-pump design.",
      "Costs are typical per-dwelling figures from the configuration, not quotes.",
      "Dwellings without a usable postcode or coordinates cannot be placed on the grid."};
  return l;
}

Table data_quality(const Inputs& in, const Reducer& r,
                   const std::vector<std::pair<std::string, std::int64_t>>& counters) {
  QualityTable q;
  auto counter = [&](const std::string& name) -> double {
    for (const auto& [k, v] : counters)
      if (k == name) return static_cast<double>(v);
    return kNaN;
  };
  const double raw = counter("total_records"), passed = counter("records_passed");
  q.row("volumes", "records_validated", raw, "certificates");
  q.row("volumes", "records_passed", passed, "certificates");
  q.row("volumes", "records_excluded", raw - passed, "certificates");
  q.row("volumes", "retention_pct", pct(passed, raw), "%");
  q.row("volumes", "dwellings_characterised", static_cast<double>(in.total), "dwellings");
  for (const auto& [k, v] : counters) q.row("counters", k, static_cast<double>(v), "certificates");

  const auto& rec = *need<std::int32_t>(in.t, dwelling::kRecordedFields);
  std::vector<std::int64_t> c(kNumRecordedFields, 0);
  for (std::int32_t v : rec)
    for (int b = 0; b < kNumRecordedFields; ++b) c[b] += (v >> b) & 1;
  c = r.sum(c);
  for (int b = 0; b < kNumRecordedFields; ++b)
    q.row("completeness", recorded_field_names()[b], pct(c[b], in.total), "%");

  struct Range {
    const char* column;
    const char* unit;
  };
  const Range ranges[] = {{dwelling::kFloorArea, "m2"},
                          {dwelling::kCurrentSap, "SAP points"},
                          {dwelling::kEnergyIntensity, "kWh/m2/yr"},
                          {dwelling::kCo2, "t/yr"}};
  std::vector<std::vector<double>> groups;
  std::vector<ExactSum> sums(4);
  std::vector<QuantileRequest> req;
  for (std::size_t k = 0; k < 4; ++k) {
    const auto& v = *need<double>(in.t, ranges[k].column);
    groups.push_back(v);
    for (double x : v) sums[k].add(x);
    req.push_back({k, 0.0, false});
    req.push_back({k, 1.0, false});
  }
  sums = r.sum(sums);
  const auto mm = r.quantiles(groups, req);
  for (std::size_t k = 0; k < 4; ++k) {
    q.row("ranges", std::string(ranges[k].column) + "_min", mm[2 * k], ranges[k].unit);
    q.row("ranges", std::string(ranges[k].column) + "_max", mm[2 * k + 1], ranges[k].unit);
    q.row("ranges", std::string(ranges[k].column) + "_mean", sums[k].mean(), ranges[k].unit);
  }

  std::vector<std::string> certs;
  const auto& cert = in.t.strings(dwelling::kCertificateNumber);
  for (std::size_t i = 0; i < in.n; ++i) certs.emplace_back(cert[i]);
  const std::int64_t distinct = r.distinct_count(certs);
  q.row("uniqueness", "certificate_numbers_distinct", static_cast<double>(distinct),
        "certificates");
  q.row("uniqueness", "certificate_numbers_repeated", static_cast<double>(in.total - distinct),
        "certificates");

  struct Mean {
    const char* column;
    const char* unit;
  };
  const Mean means[] = {{"energy_consumption_adjusted_kwh_m2", "kWh/m2/yr"},
                        {dwelling::kBaselineEnergy, "kWh/yr"},
                        {"rebound_factor", ""},
                        {"estimated_flow_temp_c", "degC"},
                        {dwelling::kDemandLow, "kWh/m2/yr"},
                        {dwelling::kDemandHigh, "kWh/m2/yr"},
                        {dwelling::kSapUncertainty, "SAP points"}};
  std::vector<ExactSum> ms(std::size(means));
  std::vector<std::int64_t> present(std::size(means), 0);
  for (std::size_t k = 0; k < std::size(means); ++k) {
    const Column* c = in.t.find(means[k].column);
    if (!c) continue;
    present[k] = 1;
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (!std::is_same_v<V, StringColumn>)
            for (auto x : v) ms[k].add(static_cast<double>(x));
        },
        c->data);
  }
  ms = r.sum(ms);
  for (std::size_t k = 0; k < std::size(means); ++k)
    if (present[k])
      q.row("adjustments", std::string(means[k].column) + "_mean", ms[k].mean(), means[k].unit);

  for (std::size_t k = 0; k < known_limitations().size(); ++k)
    q.row("limitations", std::to_string(k + 1), kNaN, "", known_limitations()[k]);
  return std::move(q.t);
}

}  // namespace

StockResult characterise(const Table& dwellings, const Config& cfg, const Reducer& r,
                         const std::vector<std::pair<std::string, std::int64_t>>& counters) {
  const std::size_t n = dwellings.num_rows();
  const std::int64_t total = r.sum(std::vector<std::int64_t>{static_cast<std::int64_t>(n)})[0];
  const Inputs in{dwellings, n, total, cfg.model.methodology};
  StockResult out;
  out.headline.dwellings = total;

  auto& a = out.archetypes;
  a.push_back({"epc_bands", epc_bands(in, r)});
  a.push_back({"sap_scores", numeric_stats(*need<double>(dwellings, dwelling::kCurrentSap.name), "sap",
                                           "SAP points", r)});
  a.push_back({"wall_construction", wall_construction(in, r)});
  a.push_back({"loft_insulation", loft_insulation(in, r)});
  a.push_back({"floor_insulation", floor_insulation(in, r)});
  a.push_back(
      {"glazing", simple_counts(in, r, dwelling::kGlazing, "glazing_type", glazing_labels())});
  a.push_back({"heating_systems", simple_counts(in, r, dwelling::kHeatingSystem.name,
                                                "heating_system_type", heating_system_labels())});
  a.push_back({"heating_controls", heating_controls(in, r)});
  a.push_back({"hot_water", hot_water(in, r)});
  a.push_back(
      {"energy_consumption", numeric_stats(energy_per_m2(in, r), "kwh_m2", "kWh/m2/yr", r)});
  a.push_back({"co2_emissions", numeric_stats(co2_per_m2(in), "kg_m2", "kg/m2/yr", r)});

  ReadinessTables rt = readiness_tables(in, r);
  out.readiness = std::move(rt.tables);
  out.headline.readiness_tiers = rt.tiers;
  out.headline.anomalies = rt.anomalies;
  out.headline.mean_total_cost_gbp = rt.mean_total;

  out.reports.push_back({"fabric_breakdown_summary", fabric_summary(in, r)});
  out.reports.push_back({"fabric_breakdown_by_tenure", fabric_by_tenure(in, r)});
  out.reports.push_back({"fabric_anomalies_summary", anomalies_summary(in, r)});
  out.reports.push_back({"local_authority_breakdown", local_authority_breakdown(in, r)});
  case_street(in, cfg, r, out);
  out.reports.push_back({"data_quality", data_quality(in, r, counters)});
  return out;
}

}  // namespace heatstreet::stock
