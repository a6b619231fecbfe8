#include "heatstreet/stock/per_dwelling_columns.hpp"

#include <stdexcept>
#include <string>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/error.hpp"
#include "heatstreet/stock/stock_reader.hpp"

namespace heatstreet::stock {

namespace {

namespace d = dwelling;

// The columns this module makes, in the order they are added.
const char* const kStockColumns[] = {d::kHpReadinessTier.name,
                                     d::kNeedsLoft.name,
                                     d::kNeedsWall.name,
                                     d::kWallWork.name,
                                     d::kNeedsGlazing.name,
                                     d::kNeedsRadiators.name,
                                     d::kReadinessPostFabricDemand.name,
                                     d::kHpDeficiencyScore.name,
                                     d::kHpFabricCost.name,
                                     d::kHpSystemCost.name,
                                     d::kHpTotalCost.name,
                                     d::kHpTotalCostTier4Hybrid.name,
                                     d::kHpSize.name,
                                     d::kEpcAnomaly.name,
                                     d::kEpcAnomalyReason.name,
                                     d::kDemandLow.name,
                                     d::kDemandHigh.name,
                                     d::kSapUncertainty.name};

struct StockColumns {
  std::vector<std::uint8_t>&tier, &loft, &wall, &work, &glaz, &rads;
  std::vector<float>&post, &score;
  std::vector<double>&fabric, &system, &total, &hybrid;
  std::vector<float>& size;
  std::vector<std::uint8_t>&anomaly, &reason;
  std::vector<float>&low, &high, &sapu;
};

void remove_stock_columns(Table& t) {
  for (const char* name : kStockColumns)
    if (t.has(name)) t.remove(name);
}

StockColumns add_stock_columns(Table& t) {
  // Braced initialisation adds the columns in the order of kStockColumns.
  return StockColumns{add_column(t, d::kHpReadinessTier),
                      add_column(t, d::kNeedsLoft),
                      add_column(t, d::kNeedsWall),
                      add_column(t, d::kWallWork),
                      add_column(t, d::kNeedsGlazing),
                      add_column(t, d::kNeedsRadiators),
                      add_column(t, d::kReadinessPostFabricDemand),
                      add_column(t, d::kHpDeficiencyScore),
                      add_column(t, d::kHpFabricCost),
                      add_column(t, d::kHpSystemCost),
                      add_column(t, d::kHpTotalCost),
                      add_column(t, d::kHpTotalCostTier4Hybrid),
                      add_column(t, d::kHpSize),
                      add_column(t, d::kEpcAnomaly),
                      add_column(t, d::kEpcAnomalyReason),
                      add_column(t, d::kDemandLow),
                      add_column(t, d::kDemandHigh),
                      add_column(t, d::kSapUncertainty)};
}

void put_readiness(StockColumns& c, std::size_t i, const Readiness& r) {
  c.tier[i] = r.tier;
  c.loft[i] = r.needs_loft;
  c.wall[i] = r.needs_wall;
  c.work[i] = static_cast<std::uint8_t>(r.wall_work);
  c.glaz[i] = r.needs_glazing;
  c.rads[i] = r.needs_radiators;
  c.post[i] = static_cast<float>(r.post_fabric_demand);
  c.score[i] = static_cast<float>(r.score);
  c.fabric[i] = r.fabric_cost;
  c.system[i] = r.system_cost;
  c.total[i] = r.total_cost;
  c.hybrid[i] = r.total_cost_tier4_hybrid;
  c.size[i] = static_cast<float>(r.hp_size_kw);
}

// The anomaly flags, and the uncertainty that depends on them.
void put_anomaly_and_uncertainty(StockColumns& c, std::size_t i, const StockDwelling& dw,
                                 const AnomalyParams& ap, const StockUncertaintySettings& u) {
  const std::uint8_t a = epc_anomaly(dw, ap);
  c.anomaly[i] = a != 0;
  c.reason[i] = a;
  const double lo = a ? u.anomaly_demand_error_low : u.demand_error_low;
  const double hi = a ? u.anomaly_demand_error_high : u.demand_error_high;
  c.low[i] = static_cast<float>(dw.heat_demand * (1 + lo));
  c.high[i] = static_cast<float>(dw.heat_demand * (1 + hi));
  c.sapu[i] = static_cast<float>(sap_uncertainty(dw.sap, u));
}

}  // namespace

void add_dwelling_columns(Table& t, const StockSettings& settings, const ReadinessCosts& costs) {
  // Removing columns moves the others; adding them does not.
  remove_stock_columns(t);
  const StockReader read(t);
  const AnomalyParams ap = anomaly_params(settings.anomaly);
  StockColumns cols = add_stock_columns(t);
  const StringColumn* cert =
      t.has(d::kCertificateNumber) ? &t.strings(d::kCertificateNumber) : nullptr;
  for (std::size_t i = 0; i < t.num_rows(); ++i) {
    const StockDwelling dw = read(i);
    Readiness r;
    try {
      r = assess_readiness(dw, settings.readiness, costs, settings.policy);
    } catch (const std::domain_error& e) {
      throw InputError("certificate " + (cert ? std::string((*cert)[i]) : std::to_string(i)) +
                       ": readiness costs: " + e.what());
    }
    put_readiness(cols, i, r);
    put_anomaly_and_uncertainty(cols, i, dw, ap, settings.uncertainty);
  }
}

}  // namespace heatstreet::stock
