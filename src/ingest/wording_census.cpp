#include "heatstreet/ingest/wording_census.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "heatstreet/parallel/wire.hpp"

namespace heatstreet::ingest {

const std::vector<std::string>& WordingCensus::descriptor_names() {
  static const std::vector<std::string> n{"walls",   "roof",         "floor",
                                          "windows", "main_heating", "hot_water"};
  return n;
}

void WordingCensus::add(Descriptor descriptor, std::string_view text) {
  auto& m = counts_[descriptor];
  auto it = m.find(std::string(text));
  if (it == m.end())
    m.emplace(std::string(text), 1);
  else
    ++it->second;
}

std::int64_t WordingCensus::count(Descriptor descriptor, const std::string& text) const {
  const auto& m = counts_[descriptor];
  const auto it = m.find(text);
  return it == m.end() ? 0 : it->second;
}

std::string WordingCensus::serialise() const {
  std::string out;
  for (int d = 0; d < kNumDescriptors; ++d)
    for (const auto& [text, n] : counts_[d]) {
      wire::put(out, static_cast<std::uint8_t>(d));
      wire::put_text(out, text);
      wire::put(out, n);
    }
  return out;
}

void WordingCensus::merge(std::string_view bytes) {
  const char* p = bytes.data();
  const char* end = p + bytes.size();
  while (p < end) {
    const auto d = wire::get<std::uint8_t>(p);
    const std::string_view text = wire::get_text(p);
    const auto n = wire::get<std::int64_t>(p);
    counts_[d][std::string(text)] += n;
  }
}

namespace {
// One descriptor's wordings, most frequent first (ties by text), and their total.
std::vector<std::pair<std::int64_t, std::string>> ranked(
    const std::unordered_map<std::string, std::int64_t>& counts, std::int64_t& total) {
  std::vector<std::pair<std::int64_t, std::string>> v;
  total = 0;
  for (const auto& [text, n] : counts) {
    v.emplace_back(n, text);
    total += n;
  }
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  return v;
}
}  // namespace

Table WordingCensus::top(std::size_t limit) const {
  Table t;
  StringColumn& descriptor = t.add_strings({"descriptor", "", "the register's description", {}});
  StringColumn& wording = t.add_strings({"wording", "", "the text as the register writes it", {}});
  auto& certificates = t.add<std::int64_t>(
      {"certificates", "", "certificates whose description reads so and was not placed", {}});
  auto& share = t.add<double>(
      {"share_pct", "%", "share of the descriptor's certificates not placed, one decimal", {}});
  for (int d = 0; d < kNumDescriptors; ++d) {
    std::int64_t total = 0;
    auto v = ranked(counts_[d], total);
    if (v.size() > limit) v.resize(limit);
    for (const auto& [n, text] : v) {
      descriptor.push_back(descriptor_names()[static_cast<std::size_t>(d)]);
      wording.push_back(text);
      certificates.push_back(n);
      share.push_back(std::round(1000.0 * static_cast<double>(n) / static_cast<double>(total)) /
                      10.0);
    }
  }
  return t;
}

}  // namespace heatstreet::ingest
