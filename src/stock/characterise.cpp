#include "heatstreet/stock/characterise.hpp"

#include "heatstreet/stock/archetypes.hpp"
#include "heatstreet/stock/case_street.hpp"
#include "heatstreet/stock/data_quality.hpp"
#include "heatstreet/stock/fabric_reports.hpp"
#include "heatstreet/stock/local_authority_breakdown.hpp"
#include "heatstreet/stock/readiness_tables.hpp"
#include "heatstreet/stock/table_builders.hpp"

namespace heatstreet::stock {

StockResult characterise(const Table& dwellings, const StockSettings& settings, const Reducer& r,
                         const std::vector<std::pair<std::string, std::int64_t>>& counters) {
  const std::size_t n = dwellings.num_rows();
  const std::int64_t total = r.sum(std::vector<std::int64_t>{static_cast<std::int64_t>(n)})[0];
  const StockInputs in{dwellings, n, total, settings.policy};
  StockResult out;
  out.headline.dwellings = total;
  out.archetypes = archetype_tables(in, r);

  ReadinessTables rt = readiness_tables(in, r);
  out.readiness = std::move(rt.tables);
  out.headline.readiness_tiers = rt.tiers;
  out.headline.anomalies = rt.anomalies;
  out.headline.mean_total_cost_gbp = rt.mean_total;

  out.reports.push_back({"fabric_breakdown_summary", fabric_summary(in, r)});
  out.reports.push_back({"fabric_breakdown_by_tenure", fabric_by_tenure(in, r)});
  out.reports.push_back({"fabric_anomalies_summary", anomalies_summary(in, r)});
  out.reports.push_back({"local_authority_breakdown", local_authority_breakdown(in, r)});
  CaseStreet street = case_street(in, settings.case_street, r);
  out.headline.case_street_dwellings = static_cast<std::int64_t>(street.extract.num_rows());
  out.reports.push_back({"case_street", std::move(street.extract)});
  out.reports.push_back({"case_street_summary", std::move(street.summary)});
  out.reports.push_back({"data_quality", data_quality(in, r, counters)});
  return out;
}

std::string csv_file_name(const std::string& group, const std::string& name) {
  if (group == "archetypes" || group == "readiness") return group + "_" + name + ".csv";
  return name + ".csv";
}

std::string results_path(const std::string& group, const std::string& name) {
  return "/" + group + "/" + name;
}

}  // namespace heatstreet::stock
