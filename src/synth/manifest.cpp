// The manifest of a synthetic data set: what was generated, the ground truth of every
// row summed over the ranks, and the truth of the HNPD extract and the zones.
#include "heatstreet/synth/manifest.hpp"

#include "heatstreet/synth/certificate_files.hpp"

namespace heatstreet::synth::detail {
namespace {

using J = nlohmann::ordered_json;

J rows_json(const Options& options, Counters& sum) {
  auto& v = sum.v;
  J rows;
  rows["total"] = options.n;
  rows["with_uprn"] = v[Counters::kRowsWithUprn];
  rows["without_uprn"] = v[Counters::kRowsWithoutUprn];
  rows["older_duplicates"] = v[Counters::kOlderDuplicates];
  rows["dwellings"] = v[Counters::kDwell1] + v[Counters::kDwell2] + v[Counters::kDwell3];
  rows["dwellings_by_certificate_count"] = {
      {"1", v[Counters::kDwell1]}, {"2", v[Counters::kDwell2]}, {"3", v[Counters::kDwell3]}};
  rows["embedded_line_breaks"] = v[Counters::kLineBreaks];
  return rows;
}

J stock_json(Counters& sum) {
  J stock;
  for (int s = 0; s < static_cast<int>(StockReason::kCount); ++s) {
    stock[stock_reason_name(static_cast<StockReason>(s))] = sum.stock(static_cast<StockReason>(s));
  }
  return stock;
}

J defects_json(Counters& sum, std::uint64_t* dirty) {
  J defects;
  *dirty = 0;
  for (int d = 1; d < static_cast<int>(Defect::kCount); ++d) {
    defects[defect_name(static_cast<Defect>(d))] = sum.defect(static_cast<Defect>(d));
    *dirty += sum.defect(static_cast<Defect>(d));
  }
  return defects;
}

J in_stock_json(Counters& sum) {
  auto& v = sum.v;
  J in;
  in["rows"] = v[Counters::kInStockRows];
  in["dwellings"] = v[Counters::kInStockDwellings];
  in["older_duplicates"] = v[Counters::kInStockOlder];
  in["without_uprn"] = v[Counters::kInStockNoUprn];
  J ind;
  std::uint64_t dropped = 0, idirty = 0;
  for (int d = 1; d < static_cast<int>(Defect::kCount); ++d) {
    std::uint64_t c = sum.defect_in_stock(static_cast<Defect>(d));
    ind[defect_name(static_cast<Defect>(d))] = c;
    idirty += c;
    if (defect_drops_row(static_cast<Defect>(d))) dropped += c;
  }
  in["dirty_rows"] = idirty;
  in["defects"] = ind;
  in["rows_dropped_by_validation"] = dropped;
  in["expected_cohort"] = v[Counters::kInStockRows] - dropped - v[Counters::kInStockOlder];
  in["expected_unlocated"] = sum.defect_in_stock(Defect::kUnknownPostcode);
  return in;
}

J lodgement_years_json(Counters& sum) {
  J years, iyears;
  for (int y = kFirstYear; y <= kLastYear; ++y) {
    years[std::to_string(y)] = sum.year(y);
    iyears[std::to_string(y)] = sum.year_in_stock(y);
  }
  return {{"all", years}, {"in_stock", iyears}};
}

J local_authorities_json(const Plan& plan, Counters& sum) {
  J las = J::array();
  for (std::size_t k = 0; k < plan.la_count(); ++k) {
    const auto& p = plan.places()[k];
    las.push_back({{"code", p.code},
                   {"name", p.name},
                   {"file", cert_rel_path(plan, k)},
                   {"rows", plan.la_rows(k)},
                   {"in_stock_rows", sum.la_in_stock(k)},
                   {"postcodes", plan.la_postcodes(k)},
                   {"bom", plan.la_bom(k)},
                   {"crlf", plan.la_crlf(k)},
                   {"bytes", sum.la_bytes(k)}});
  }
  return las;
}

}  // namespace

void Counters::add(const RowTruth& t) {
  const bool in = t.stock == StockReason::kInStock;
  (t.has_uprn ? v[kRowsWithUprn] : v[kRowsWithoutUprn])++;
  if (t.cert_rank > 0) v[kOlderDuplicates]++;
  if (t.cert_rank == 0) {
    v[kDwell1 + t.cert_count - 1]++;
    stock_dwellings(t.stock)++;
  }
  v[kLineBreaks] += t.line_breaks;
  stock(t.stock)++;
  defect(t.defect)++;
  if (t.lodgement_year >= kFirstYear && t.lodgement_year <= kLastYear) year(t.lodgement_year)++;
  if (in) {
    v[kInStockRows]++;
    if (t.cert_rank > 0) v[kInStockOlder]++;
    if (!t.has_uprn) v[kInStockNoUprn]++;
    if (t.cert_rank == 0) v[kInStockDwellings]++;
    defect_in_stock(t.defect)++;
    if (t.lodgement_year >= kFirstYear && t.lodgement_year <= kLastYear)
      year_in_stock(t.lodgement_year)++;
    la_in_stock(t.la)++;
  }
}

std::string manifest_text(const Plan& plan, Counters& sum, const ManifestFiles& files) {
  const Options& options = plan.options();
  J m;
  m["format"] = "heatstreet-synth-manifest";
  m["format_version"] = 1;
  m["seed"] = options.seed;
  m["n"] = options.n;
  m["region"] = options.region;
  m["dirty_fraction"] = options.dirty_fraction;
  m["zip"] = options.zip;
  m["stock_only"] = options.stock_only;
  m["rows"] = rows_json(options, sum);
  m["stock"] = stock_json(sum);
  std::uint64_t dirty = 0;
  J defects = defects_json(sum, &dirty);
  m["dirty_rows"] = dirty;
  m["defects"] = defects;
  m["in_stock"] = in_stock_json(sum);
  m["lodgement_years"] = lodgement_years_json(sum);
  m["local_authorities"] = local_authorities_json(plan, sum);
  m["postcodes"] = {
      {"file", "postcodes.csv"}, {"rows", plan.total_postcodes()}, {"bytes", files.postcode_bytes}};
  m["hnpd"] = files.hnpd;
  m["hnpd"]["file"] = "hnpd.csv";
  m["zones"] = {{"file", "zones.gpkg"},
                {"layer", "heat_network_zones"},
                {"crs", "EPSG:27700"},
                {"count", files.zone_count},
                {"features", files.zones}};
  if (options.zip)
    m["zip"] = {
        {"file", "certificates.zip"}, {"members", plan.la_count()}, {"bytes", files.zip_bytes}};
  return m.dump(2) + "\n";
}

}  // namespace heatstreet::synth::detail
