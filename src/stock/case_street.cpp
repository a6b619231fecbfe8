#include "heatstreet/stock/case_street.hpp"

#include <algorithm>
#include <numeric>
#include <string_view>
#include <tuple>
#include <vector>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/ingest/classify.hpp"

namespace heatstreet::stock {

namespace {

bool address_matches(std::string_view address, const std::string& street, bool ignore_case) {
  if (street.empty()) return false;
  if (!ignore_case) return address.find(street) != std::string_view::npos;
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

// The matching rows of every rank, with the reported columns and the register position.
Table street_rows(const StockInputs& in, const std::string& street, const Reducer& r) {
  const auto& address = in.t.strings(dwelling::kAddress);
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < in.n; ++i)
    if (address_matches(address[i], street, in.policy.case_street_ignores_case)) rows.push_back(i);
  // Only the columns reported travel.
  Table slim;
  for (const std::string& name : case_street_columns())
    if (const Column* c = in.t.find(name)) slim.columns().push_back(*c);
  for (const char* name : {dwelling::kSourceFile.name, dwelling::kSourceLine.name})
    if (const Column* c = in.t.find(name)) slim.columns().push_back(*c);
  Table mine = slim.gather(rows);
  return r.gather_rows(mine);
}

// Register order (file, line), whatever rank each row was on; else certificate order.
std::vector<std::size_t> register_order(const Table& all) {
  std::vector<std::size_t> order(all.num_rows());
  std::iota(order.begin(), order.end(), 0);
  if (all.has(dwelling::kSourceFile) && all.has(dwelling::kSourceLine)) {
    const auto& f = column(all, dwelling::kSourceFile);
    const auto& l = column(all, dwelling::kSourceLine);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return std::tie(f[a], l[a]) < std::tie(f[b], l[b]);
    });
  } else {
    const auto& cert = all.strings(dwelling::kCertificateNumber);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return cert[a] < cert[b]; });
  }
  return order;
}

// Street against the whole stock, on the means the predecessor compares.
Table street_summary(const StockInputs& in, const Table& extract, const Reducer& r) {
  const dwelling::Spec<double>* metrics[] = {&dwelling::kEnergyIntensity, &dwelling::kCo2,
                                             &dwelling::kFloorArea, &dwelling::kCurrentSap};
  std::vector<ExactSum> cohort(4), street_sum(4);
  for (int k = 0; k < 4; ++k) {
    for (double v : need(in.t, *metrics[k])) cohort[k].add(v);
    for (double v : need(extract, *metrics[k])) street_sum[k].add(v);
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
    metric.push_back(metrics[k]->name);
    unit.push_back(units[k]);
    const double a = street_sum[k].mean(), b = cohort[k].mean();
    sm.push_back(a);
    cm.push_back(b);
    diff.push_back(b != 0 ? 100 * (a - b) / b : kNaN);
  }
  return s;
}

}  // namespace

CaseStreet case_street(const StockInputs& in, const std::string& street, const Reducer& r) {
  const Table all = street_rows(in, street, r);
  Table sorted = all.gather(register_order(all));
  CaseStreet out;
  for (const std::string& name : case_street_columns())
    if (Column* c = sorted.find(name)) out.extract.columns().push_back(std::move(*c));
  out.summary = street_summary(in, out.extract, r);
  return out;
}

}  // namespace heatstreet::stock
