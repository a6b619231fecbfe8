#include "heatstreet/stock/readiness_tables.hpp"

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/vocabulary.hpp"

namespace heatstreet::stock {

namespace {

// The per-dwelling columns the tables read.
struct ReadinessColumns {
  const std::vector<std::uint8_t>& tier;
  const std::vector<float>& score;
  const std::vector<double>&fabric, &system, &total, &hybrid, &demand;
  const std::vector<float>&post, &low, &high, &sapu, &size;
  const std::vector<std::uint8_t>&anomaly, &work;
  const std::vector<std::uint8_t>* flag[4];  // loft, wall, glazing, radiators

  explicit ReadinessColumns(const Table& t)
      : tier(need(t, dwelling::kHpReadinessTier)),
        score(need(t, dwelling::kHpDeficiencyScore)),
        fabric(need(t, dwelling::kHpFabricCost)),
        system(need(t, dwelling::kHpSystemCost)),
        total(need(t, dwelling::kHpTotalCost)),
        hybrid(need(t, dwelling::kHpTotalCostTier4Hybrid)),
        demand(need(t, dwelling::kEnergyIntensity)),
        post(need(t, dwelling::kReadinessPostFabricDemand)),
        low(need(t, dwelling::kDemandLow)),
        high(need(t, dwelling::kDemandHigh)),
        sapu(need(t, dwelling::kSapUncertainty)),
        size(need(t, dwelling::kHpSize)),
        anomaly(need(t, dwelling::kEpcAnomaly)),
        work(need(t, dwelling::kWallWork)),
        flag{&need(t, dwelling::kNeedsLoft), &need(t, dwelling::kNeedsWall),
             &need(t, dwelling::kNeedsGlazing), &need(t, dwelling::kNeedsRadiators)} {}
};

// Sums per tier (index 0..4) and for the whole stock (index 5).
enum { kScoreS, kFabric, kSystem, kTotal, kHybrid, kDemand, kPost, kLow, kHigh, kSapU, kSize, kNS };

struct ReadinessSums {
  std::vector<ExactSum> s = std::vector<ExactSum>(6 * kNS);
  // Counts: per tier; interventions (6) overall and outside tier 1; anomalies.
  std::vector<std::int64_t> c = std::vector<std::int64_t>(5 + 12 + 1, 0);
  std::vector<double> med;  // medians of fabric, system, total, hybrid, size
  double mean(std::size_t g, int j) const { return s[g * kNS + j].mean(); }
  double sum(std::size_t g, int j) const { return s[g * kNS + j].value(); }
};

void add_dwelling(const ReadinessColumns& col, std::size_t i, ReadinessSums& out,
                  std::vector<std::vector<double>>& samples) {
  const std::size_t k = static_cast<std::size_t>(col.tier[i]) - 1;
  const double v[kNS] = {col.score[i],  col.fabric[i], col.system[i], col.total[i],
                         col.hybrid[i], col.demand[i], col.post[i],   col.low[i],
                         col.high[i],   col.sapu[i],   col.size[i]};
  for (int j = 0; j < kNS; ++j) {
    out.s[k * kNS + j].add(v[j]);
    out.s[5 * kNS + j].add(v[j]);
  }
  std::vector<std::int64_t>& c = out.c;
  ++c[k];
  bool wants[6];
  for (int f = 0; f < 4; ++f) wants[f] = (*col.flag[f])[i] != 0;
  wants[4] = col.work[i] == static_cast<std::uint8_t>(WallWork::kSolidWallEwi);
  wants[5] = col.work[i] == static_cast<std::uint8_t>(WallWork::kCavityWall);
  for (int f = 0; f < 6; ++f) {
    c[5 + f] += wants[f];
    c[11 + f] += wants[f] && col.tier[i] != 1;
  }
  c[17] += col.anomaly[i] != 0;
  samples[0].push_back(col.fabric[i]);
  samples[1].push_back(col.system[i]);
  samples[2].push_back(col.total[i]);
  samples[3].push_back(col.hybrid[i]);
  samples[4].push_back(col.size[i]);
}

ReadinessSums readiness_sums(const StockInputs& in, const Reducer& r) {
  const ReadinessColumns col(in.t);
  ReadinessSums out;
  std::vector<std::vector<double>> samples(5);  // fabric, system, total, hybrid, size
  for (std::size_t i = 0; i < in.n; ++i) add_dwelling(col, i, out, samples);
  out.s = r.sum(out.s);
  out.c = r.sum(out.c);
  std::vector<QuantileRequest> req;
  for (std::size_t g = 0; g < samples.size(); ++g) req.push_back({g, 0.5, true});
  out.med = r.quantiles(samples, req);
  return out;
}

Table tiers_table(const StockInputs& in, const ReadinessSums& s) {
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
    n.push_back(s.c[k]);
    share.push_back(pct(s.c[k], in.total));
    const double v[] = {s.mean(k, kScoreS), s.mean(k, kFabric), s.mean(k, kSystem),
                        s.mean(k, kTotal),  s.sum(k, kTotal),   s.mean(k, kDemand),
                        s.mean(k, kPost)};
    for (std::size_t j = 0; j < cols.size(); ++j) cols[j]->push_back(v[j]);
  }
  return t;
}

Table interventions_table(const StockInputs& in, const ReadinessSums& s) {
  const std::int64_t non_tier1 = in.total - s.c[0];
  Table t;
  auto& name = t.add_strings({"intervention", "", "work needed before a heat pump", {}});
  auto& n = t.add<std::int64_t>({"n_properties", "dwellings", "dwellings needing it", {}});
  auto& all = t.add<double>({"pct_of_all", "%", "share of all dwellings", {}});
  auto& nt1 = t.add<double>({"pct_of_non_tier1", "%", "share of dwellings outside tier 1", {}});
  const char* names[] = {"loft_topup",        "wall_insulation", "glazing_upgrade",
                         "radiator_upsizing", "solid_wall_ewi",  "cavity_wall"};
  for (int f = 0; f < 6; ++f) {
    name.push_back(names[f]);
    n.push_back(s.c[5 + f]);
    all.push_back(pct(s.c[5 + f], in.total));
    nt1.push_back(pct(s.c[11 + f], non_tier1));
  }
  return t;
}

Table costs_table(const ReadinessSums& s) {
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
    mn.push_back(s.mean(5, idx[k]));
    md.push_back(s.med[k]);
    tot.push_back(s.sum(5, idx[k]));
  }
  return t;
}

Table summary_table(const StockInputs& in, const ReadinessSums& s) {
  Table t;
  one_row<std::int64_t>(t, {"n_properties", "dwellings", "dwellings", {}}, in.total);
  auto put = [&](const char* name, const char* unit, const char* desc, double v) {
    one_row<double>(t, {name, unit, desc, {}}, v);
  };
  put("mean_heat_demand_kwh_m2", "kWh/m2/yr", "mean register energy intensity", s.mean(5, kDemand));
  put("mean_post_fabric_demand_kwh_m2", "kWh/m2/yr", "mean after the needed fabric work",
      s.mean(5, kPost));
  put("mean_heat_demand_low_kwh_m2", "kWh/m2/yr", "mean at the low end of the demand uncertainty",
      s.mean(5, kLow));
  put("mean_heat_demand_high_kwh_m2", "kWh/m2/yr", "mean at the high end of the demand uncertainty",
      s.mean(5, kHigh));
  put("mean_sap_uncertainty_points", "SAP points", "mean SAP uncertainty", s.mean(5, kSapU));
  put("mean_estimated_hp_size_kw", "kW", "mean estimated heat-pump size", s.mean(5, kSize));
  put("median_estimated_hp_size_kw", "kW", "median estimated heat-pump size", s.med[4]);
  one_row<std::int64_t>(
      t, {"n_epc_fabric_anomalies", "dwellings", "dwellings flagged as EPC/fabric anomalies", {}},
      s.c[17]);
  return t;
}

}  // namespace

ReadinessTables readiness_tables(const StockInputs& in, const Reducer& r) {
  const ReadinessSums s = readiness_sums(in, r);
  ReadinessTables out;
  out.tables.push_back({"tiers", tiers_table(in, s)});
  out.tables.push_back({"interventions", interventions_table(in, s)});
  out.tables.push_back({"costs", costs_table(s)});
  out.tables.push_back({"summary", summary_table(in, s)});
  for (std::size_t k = 0; k < 5; ++k) out.tiers[k] = s.c[k];
  out.anomalies = s.c[17];
  out.mean_total = s.mean(5, kTotal);
  return out;
}

}  // namespace heatstreet::stock
