#pragma once
// hnpd.csv: an extract of the Heat Network Planning Database with the quirks of the real
// file (BOM, CRLF, odd headers, status and region spellings, coordinate formats).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "heatstreet/synth/detail.hpp"

namespace heatstreet::synth::detail {

// Writes out/hnpd.csv; returns its ground truth for the manifest.
nlohmann::ordered_json write_hnpd(const Plan& plan, const std::string& out, std::uint64_t* rows_out,
                                  std::uint64_t* bytes_out);

}  // namespace heatstreet::synth::detail
