#include "heatstreet/scenario/fabric_tipping_point.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace heatstreet::scenario {

namespace {

struct Candidate {
  std::string id, token, group;
  double capex, saving;
};

double flat_cost(const ScenarioModelConfig& cfg, const std::string& key, double fallback) {
  auto it = cfg.costs.find(key);
  return it == cfg.costs.end() ? fallback : it->second;
}

double saving_of(const ScenarioModelConfig& cfg, const std::string& measure, double fallback,
                 const char* wall_key = nullptr) {
  auto it = cfg.measure_savings.find(measure);
  if (it == cfg.measure_savings.end()) return fallback;
  if (wall_key) {
    const auto& v = std::string(wall_key) == "cavity" ? it->second.cavity_kwh_saving_pct
                                                      : it->second.solid_kwh_saving_pct;
    return v.value_or(fallback);
  }
  return it->second.kwh_saving_pct.value_or(fallback);
}

// round(x, 12) as a comparison key, so values equal to 12 decimals tie.
double round12(double x) { return std::nearbyint(x * 1e12) / 1e12; }

void push_unique(std::vector<std::string>& v, const std::string& s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

// The catalogue's fabric measures with their flat cost and saving; those that cost or
// save nothing are left out.
std::vector<Candidate> fabric_candidates(const ScenarioModelConfig& cfg) {
  std::vector<Candidate> cands{
      {"loft_insulation", "loft_insulation_topup", "",
       flat_cost(cfg, "loft_insulation_topup", 1200),
       saving_of(cfg, "loft_insulation_topup", 0.15)},
      {"cavity_wall_insulation", "wall_insulation", "",
       flat_cost(cfg, "cavity_wall_insulation", 2500),
       saving_of(cfg, "wall_insulation", 0.20, "cavity")},
      {"solid_wall_insulation_ewi", "wall_insulation", "",
       flat_cost(cfg, "solid_wall_insulation_ewi", 10000),
       saving_of(cfg, "wall_insulation", 0.30, "solid")},
      {"solid_wall_insulation_iwi", "wall_insulation", "",
       flat_cost(cfg, "solid_wall_insulation_iwi", 14000),
       saving_of(cfg, "wall_insulation", 0.30, "solid")},
      {"floor_insulation", "floor_insulation", "", flat_cost(cfg, "floor_insulation", 1500),
       saving_of(cfg, "floor_insulation", 0.05)},
      {"double_glazing_upgrade", "double_glazing", "glazing",
       flat_cost(cfg, "double_glazing_upgrade", 6000), saving_of(cfg, "double_glazing", 0.10)},
      {"triple_glazing_upgrade", "triple_glazing", "glazing",
       flat_cost(cfg, "triple_glazing_upgrade", 9000), saving_of(cfg, "triple_glazing", 0.15)},
      {"draught_proofing", "draught_proofing", "", flat_cost(cfg, "draught_proofing", 500),
       saving_of(cfg, "draught_proofing", 0.05)},
  };
  cands.erase(std::remove_if(cands.begin(), cands.end(),
                             [](const Candidate& c) { return !(c.saving > 0 && c.capex > 0); }),
              cands.end());
  return cands;
}

// The greedy sequence: at each step the candidate saving most kWh per pound on what the
// reference home still uses (ties: cheaper, then by id); a pick removes the other
// candidates of its group.
std::vector<Candidate> greedy_sequence(std::vector<Candidate> cands) {
  const double D = kTippingReferenceDemandKwh;
  std::vector<Candidate> sequence;
  double r = 1.0;
  while (!cands.empty()) {
    std::size_t best = 0;
    double best_b = round12(D * r * cands[0].saving / cands[0].capex);
    for (std::size_t i = 1; i < cands.size(); ++i) {
      const double b = round12(D * r * cands[i].saving / cands[i].capex);
      const Candidate& c = cands[i];
      const Candidate& cb = cands[best];
      if (b > best_b ||
          (b == best_b && (c.capex < cb.capex || (c.capex == cb.capex && c.id < cb.id)))) {
        best = i;
        best_b = b;
      }
    }
    const Candidate pick = cands[best];
    sequence.push_back(pick);
    r *= (1.0 - pick.saving);
    cands.erase(cands.begin() + static_cast<std::ptrdiff_t>(best));
    if (!pick.group.empty())
      cands.erase(std::remove_if(cands.begin(), cands.end(),
                                 [&](const Candidate& c) { return c.group == pick.group; }),
                  cands.end());
  }
  return sequence;
}

// The marginal-cost curve along the sequence, on the reference home.
std::vector<FabricStep> marginal_cost_curve(const std::vector<Candidate>& sequence) {
  const double D = kTippingReferenceDemandKwh;
  std::vector<FabricStep> curve;
  double r = 1.0, cum = 0;
  for (const auto& c : sequence) {
    FabricStep s;
    s.id = c.id;
    s.token = c.token;
    s.capex = c.capex;
    s.saving = c.saving;
    s.kwh = D * r * c.saving;
    r *= (1.0 - c.saving);
    cum += s.kwh;
    s.cumulative_kwh = cum;
    s.marginal_cost = s.kwh > 0 ? c.capex / s.kwh : std::numeric_limits<double>::infinity();
    curve.push_back(s);
  }
  return curve;
}

}  // namespace

FabricBundles fabric_bundles(const ScenarioModelConfig& cfg) {
  FabricBundles out;
  out.curve = marginal_cost_curve(greedy_sequence(fabric_candidates(cfg)));
  double min_m = std::numeric_limits<double>::infinity();
  for (const auto& s : out.curve)
    if (std::isfinite(s.marginal_cost)) min_m = std::min(min_m, s.marginal_cost);
  out.threshold = kTippingFactor * min_m;
  bool beyond = false;
  for (auto& s : out.curve) {
    s.beyond_tipping_point = s.marginal_cost > out.threshold;
    if (s.beyond_tipping_point) beyond = true;
    if (!beyond) push_unique(out.full_to_tipping, s.token);
  }
  for (const auto& s : out.curve) {
    push_unique(out.minimum_to_ashp, s.token);
    if (s.cumulative_kwh >= kTippingAshpTargetSaving * kTippingReferenceDemandKwh) break;
  }
  return out;
}

}  // namespace heatstreet::scenario
