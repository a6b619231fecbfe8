#include "heatstreet/core/vocabulary.hpp"

#include <cctype>

namespace heatstreet {

const std::vector<std::string>& band_labels() {
  static const std::vector<std::string> v{"A", "B", "C", "D", "E", "F", "G"};
  return v;
}
const std::vector<std::string>& heating_system_labels() {
  static const std::vector<std::string> v{"District/Communal/Heat Network", "Gas Boiler",
                                          "Electric", "Heat Pump", "Other"};
  return v;
}
const std::vector<std::string>& wall_type_labels() {
  static const std::vector<std::string> v{"solid_brick",  "cavity", "stone",  "timber_frame",
                                          "system_built", "other",  "unknown"};
  return v;
}
const std::vector<std::string>& wall_insulation_labels() {
  static const std::vector<std::string> v{"none",          "external", "internal",
                                          "cavity_filled", "partial",  "unknown"};
  return v;
}
const std::vector<std::string>& roof_insulation_labels() {
  static const std::vector<std::string> v{"none", "minimal",   "partial",
                                          "good", "excellent", "unknown"};
  return v;
}
const std::vector<std::string>& floor_insulation_labels() {
  static const std::vector<std::string> v{"none", "some", "full", "unknown"};
  return v;
}
const std::vector<std::string>& glazing_labels() {
  static const std::vector<std::string> v{"single", "double", "triple", "mixed", "unknown"};
  return v;
}
const std::vector<std::string>& ventilation_labels() {
  static const std::vector<std::string> v{"natural", "extract_fans", "mev",
                                          "mvhr",    "other",        "unknown"};
  return v;
}
const std::vector<std::string>& tenure_labels() {
  static const std::vector<std::string> v{"owner_occupied", "private_rented", "social", "unknown"};
  return v;
}

std::uint8_t band_code(std::string_view letter) {
  std::size_t b = 0, e = letter.size();
  while (b < e && std::isspace(static_cast<unsigned char>(letter[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(letter[e - 1]))) --e;
  if (e - b != 1) return kUnknownCode;
  const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(letter[b])));
  return (c >= 'A' && c <= 'G') ? static_cast<std::uint8_t>(c - 'A') : kUnknownCode;
}

const std::vector<std::string>& rating_labels() {
  static const std::vector<std::string> l{"Very Poor", "Poor", "Average", "Good", "Very Good"};
  return l;
}

const std::vector<std::string>& hot_water_labels() {
  static const std::vector<std::string> l{"Other", "Immersion", "Combi", "System Boiler"};
  return l;
}

const std::vector<std::string>& heat_network_tier_labels() {
  static const std::vector<std::string> l{"", "1", "2", "3", "4", "5"};
  return l;
}

const std::vector<std::string>& readiness_tier_labels() {
  static const std::vector<std::string> l{
      "Tier 1: Ready now", "Tier 2: Minor work", "Tier 3: Moderate work",
      "Tier 4: Significant work",
      "Tier 5: Extensive intervention / currently unsuitable for a standard ASHP"};
  return l;
}

const std::vector<std::string>& readiness_tier_code_labels() {
  static const std::vector<std::string> l = [] {
    std::vector<std::string> out{""};
    for (const auto& t : readiness_tier_labels()) out.push_back(t);
    return out;
  }();
  return l;
}

const std::vector<std::string>& wall_work_labels() {
  static const std::vector<std::string> l{"none", "solid_wall_ewi", "cavity_wall"};
  return l;
}

const std::vector<std::string>& anomaly_reason_names() {
  static const std::vector<std::string> l{"uninsulated_but_good_epc", "single_glazed_good_epc",
                                          "no_fabric_insulation_good_epc"};
  return l;
}

const std::vector<std::string>& anomaly_reason_labels() {
  static const std::vector<std::string> l = [] {
    std::vector<std::string> out;
    for (int code = 0; code < 8; ++code) {
      std::string s;
      for (int b = 0; b < 3; ++b)
        if (code & (1 << b)) s += (s.empty() ? "" : ";") + anomaly_reason_names()[b];
      out.push_back(s);
    }
    return out;
  }();
  return l;
}

const std::vector<std::string>& yes_no_labels() {
  static const std::vector<std::string> l{"no", "yes"};
  return l;
}

}  // namespace heatstreet
