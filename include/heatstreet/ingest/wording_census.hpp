#pragma once
// The wordings the classifier could not place: every description that fell to "other" or
// "unknown" is counted by its text, per descriptor, so a user sees what the classifier
// missed on their register (tables/unrecognised_wording.csv). Pure code; ranks exchange
// their counts as wire-format bytes and any rank count gives the same table.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "heatstreet/core/table.hpp"

namespace heatstreet::ingest {

class WordingCensus {
 public:
  enum Descriptor { kWalls, kRoof, kFloor, kWindows, kMainHeating, kHotWater, kNumDescriptors };
  static const std::vector<std::string>& descriptor_names();

  // One certificate whose `descriptor` reads `text` and was not placed.
  void add(Descriptor descriptor, std::string_view text);
  std::int64_t count(Descriptor descriptor, const std::string& text) const;

  // The counts as bytes, and the sum of another census's bytes into this one.
  std::string serialise() const;
  void merge(std::string_view bytes);

  // The `limit` most frequent wordings of each descriptor, most frequent first (ties by
  // text): descriptor, wording, certificates, share_pct (of the descriptor's unplaced
  // certificates, one decimal).
  Table top(std::size_t limit) const;

 private:
  std::array<std::unordered_map<std::string, std::int64_t>, kNumDescriptors> counts_;
};

}  // namespace heatstreet::ingest
