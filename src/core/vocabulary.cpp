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

}  // namespace heatstreet
