#include "heatstreet/stock/fabric_reports.hpp"

#include <algorithm>
#include <cmath>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/vocabulary.hpp"

namespace heatstreet::stock {

namespace {

// The rows of fabric_breakdown_summary.
struct FabricSummary {
  Table t;
  StringColumn *category, *subcategory;
  std::vector<double>*count, *share;
  FabricSummary() {
    category = &t.add_strings({"category", "", "descriptor", {}});
    subcategory =
        &t.add_strings({"subcategory", "", "value, or statistic for the roof thickness", {}});
    count = &t.add<double>(
        {"count", "dwellings (mm for median, q25, q75)", "dwellings, or the statistic", {}});
    share = &t.add<double>(
        {"share_pct", "%", "share of all dwellings (roof thresholds: of known thicknesses)", {}});
  }
  void row(const std::string& a, const std::string& b, double c, double s) {
    category->push_back(a);
    subcategory->push_back(b);
    count->push_back(c);
    share->push_back(s);
  }
};

// Non-zero categories of a coded column, in code order (unknown last).
void add_code_counts(FabricSummary& fs, const StockInputs& in, const Reducer& r,
                     const dwelling::Spec<std::uint8_t>& column,
                     const std::vector<std::string>& labels) {
  const auto c = code_counts(need(in.t, column), labels.size(), r);
  for (std::size_t k = 0; k < c.size(); ++k)
    if (c[k] > 0)
      fs.row(column.name, label_of(labels, k), static_cast<double>(c[k]), pct(c[k], in.total));
}

// Non-zero cells of wall type by wall insulation status.
void add_wall_crosstab(FabricSummary& fs, const StockInputs& in, const Reducer& r) {
  const auto& type = need(in.t, dwelling::kWallType);
  const auto& st = need(in.t, dwelling::kWallInsulation);
  const std::size_t kt = wall_type_labels().size() + 1, ks = wall_insulation_labels().size() + 1;
  std::vector<std::int64_t> c(kt * ks, 0);
  for (std::size_t i = 0; i < in.n; ++i)
    ++c[std::min<std::size_t>(type[i], kt - 1) * ks + std::min<std::size_t>(st[i], ks - 1)];
  c = r.sum(c);
  for (std::size_t a = 0; a < kt; ++a)
    for (std::size_t b = 0; b < ks; ++b)
      if (c[a * ks + b] > 0)
        fs.row("wall_type_x_insulation",
               label_of(wall_type_labels(), a) + "|" + label_of(wall_insulation_labels(), b),
               static_cast<double>(c[a * ks + b]), pct(c[a * ks + b], in.total));
}

// Statistics and thresholds of the known loft thicknesses.
void add_roof_thickness(FabricSummary& fs, const StockInputs& in, const Reducer& r) {
  const auto& mm = need(in.t, dwelling::kRoofThickness);
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
  fs.row(name, "median", q[0], kNaN);
  fs.row(name, "q25", q[1], kNaN);
  fs.row(name, "q75", q[2], kNaN);
  fs.row(name, "below_100mm", static_cast<double>(c[1]), pct(c[1], c[0]));
  fs.row(name, "below_200mm", static_cast<double>(c[2]), pct(c[2], c[0]));
  fs.row(name, "above_270mm", static_cast<double>(c[3]), pct(c[3], c[0]));
}

}  // namespace

Table fabric_summary(const StockInputs& in, const Reducer& r) {
  FabricSummary fs;
  add_code_counts(fs, in, r, dwelling::kWallType, wall_type_labels());
  add_code_counts(fs, in, r, dwelling::kWallInsulation, wall_insulation_labels());
  add_wall_crosstab(fs, in, r);
  add_roof_thickness(fs, in, r);
  add_code_counts(fs, in, r, dwelling::kRoofCategory, roof_insulation_labels());
  add_code_counts(fs, in, r, dwelling::kFloorInsulation, floor_insulation_labels());
  add_code_counts(fs, in, r, dwelling::kGlazing, glazing_labels());
  add_code_counts(fs, in, r, dwelling::kVentilation, ventilation_labels());
  fs.row("total", "n_properties", static_cast<double>(in.total), 100.0);
  return std::move(fs.t);
}

Table fabric_by_tenure(const StockInputs& in, const Reducer& r) {
  const auto& ten = need(in.t, dwelling::kTenure);
  const auto& wt = need(in.t, dwelling::kWallType);
  const auto& wi = need(in.t, dwelling::kWallInsulated);
  const auto& mm = need(in.t, dwelling::kRoofThickness);
  const auto& fp = need(in.t, dwelling::kFloorInsulationPresent);
  const auto& gl = need(in.t, dwelling::kGlazing);
  const auto& band = need(in.t, dwelling::kCurrentBand);
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

Table anomalies_summary(const StockInputs& in, const Reducer& r) {
  const auto& a = need(in.t, dwelling::kEpcAnomalyReason);
  const auto& band = need(in.t, dwelling::kCurrentBand);
  const auto& st = need(in.t, dwelling::kWallInsulation);
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

}  // namespace heatstreet::stock
