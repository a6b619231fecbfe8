#include "heatstreet/stock/data_quality.hpp"

#include <iterator>
#include <type_traits>
#include <variant>

#include "heatstreet/core/dwelling_columns.hpp"
#include "heatstreet/core/vocabulary.hpp"
#include "heatstreet/ingest/register_text.hpp"

namespace heatstreet::stock {

namespace {

using Counters = std::vector<std::pair<std::string, std::int64_t>>;

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

// A column named in a report row, with its unit.
struct NamedColumn {
  const char* column;
  const char* unit;
};
template <class T>
NamedColumn named(const ColumnSpec<T>& spec) {
  return {spec.name, spec.unit};
}

void add_volumes(QualityTable& q, const StockInputs& in, const Counters& counters) {
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
}

void add_completeness(QualityTable& q, const StockInputs& in, const Reducer& r) {
  const auto& rec = need(in.t, dwelling::kRecordedFields);
  std::vector<std::int64_t> c(kNumRecordedFields, 0);
  for (std::int32_t v : rec)
    for (int b = 0; b < kNumRecordedFields; ++b) c[b] += (v >> b) & 1;
  c = r.sum(c);
  for (int b = 0; b < kNumRecordedFields; ++b)
    q.row("completeness", recorded_field_names()[b], pct(c[b], in.total), "%");
}

// Minimum, maximum and mean of four register values.
void add_ranges(QualityTable& q, const StockInputs& in, const Reducer& r) {
  const dwelling::Spec<double>* ranges[] = {&dwelling::kFloorArea, &dwelling::kCurrentSap,
                                            &dwelling::kEnergyIntensity, &dwelling::kCo2};
  std::vector<std::vector<double>> groups;
  std::vector<ExactSum> sums(4);
  std::vector<QuantileRequest> req;
  for (std::size_t k = 0; k < 4; ++k) {
    const auto& v = need(in.t, *ranges[k]);
    groups.push_back(v);
    for (double x : v) sums[k].add(x);
    req.push_back({k, 0.0, false});
    req.push_back({k, 1.0, false});
  }
  sums = r.sum(sums);
  const auto mm = r.quantiles(groups, req);
  for (std::size_t k = 0; k < 4; ++k) {
    const std::string name = ranges[k]->name;
    q.row("ranges", name + "_min", mm[2 * k], ranges[k]->unit);
    q.row("ranges", name + "_max", mm[2 * k + 1], ranges[k]->unit);
    q.row("ranges", name + "_mean", sums[k].mean(), ranges[k]->unit);
  }
}

void add_uniqueness(QualityTable& q, const StockInputs& in, const Reducer& r) {
  std::vector<std::string> certs;
  const auto& cert = in.t.strings(dwelling::kCertificateNumber);
  for (std::size_t i = 0; i < in.n; ++i) certs.emplace_back(cert[i]);
  const std::int64_t distinct = r.distinct_count(certs);
  q.row("uniqueness", "certificate_numbers_distinct", static_cast<double>(distinct),
        "certificates");
  q.row("uniqueness", "certificate_numbers_repeated", static_cast<double>(in.total - distinct),
        "certificates");
}

// Means of the adjustment columns the dwellings have.
void add_adjustments(QualityTable& q, const StockInputs& in, const Reducer& r) {
  const NamedColumn means[] = {named(dwelling::kAdjustedEnergyIntensity),
                               named(dwelling::kBaselineEnergy),
                               named(dwelling::kReboundFactor),
                               named(dwelling::kFlowTemp),
                               named(dwelling::kDemandLow),
                               named(dwelling::kDemandHigh),
                               named(dwelling::kSapUncertainty)};
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
}

}  // namespace

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

Table data_quality(const StockInputs& in, const Reducer& r, const Counters& counters) {
  QualityTable q;
  add_volumes(q, in, counters);
  add_completeness(q, in, r);
  add_ranges(q, in, r);
  add_uniqueness(q, in, r);
  add_adjustments(q, in, r);
  for (std::size_t k = 0; k < known_limitations().size(); ++k)
    q.row("limitations", std::to_string(k + 1), kNaN, "", known_limitations()[k]);
  return std::move(q.t);
}

}  // namespace heatstreet::stock
