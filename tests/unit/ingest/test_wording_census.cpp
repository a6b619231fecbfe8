// The census of wordings the classifier could not place: counts merge across ranks to the
// same table whatever the split, most frequent first.
#include <gtest/gtest.h>

#include "heatstreet/ingest/wording_census.hpp"

using namespace heatstreet;
using namespace heatstreet::ingest;

TEST(WordingCensus, MergedCountsGiveOneTableWhateverTheSplit) {
  const std::vector<std::pair<WordingCensus::Descriptor, std::string>> rows{
      {WordingCensus::kWalls, "Cob, as built"},
      {WordingCensus::kMainHeating, "Room heaters, mains gas"},
      {WordingCensus::kWalls, "Park home wall"},
      {WordingCensus::kWalls, "Cob, as built"},
      {WordingCensus::kMainHeating, "Room heaters, mains gas"},
      {WordingCensus::kWalls, "A\tB\nC"},  // any bytes survive the exchange
      {WordingCensus::kWalls, "Cob, as built"}};
  WordingCensus whole;
  for (const auto& [d, t] : rows) whole.add(d, t);
  // The same rows on three "ranks", exchanged as bytes.
  WordingCensus parts[3], merged;
  for (std::size_t i = 0; i < rows.size(); ++i) parts[i % 3].add(rows[i].first, rows[i].second);
  for (const auto& p : parts) merged.merge(p.serialise());
  EXPECT_EQ(merged.count(WordingCensus::kWalls, "Cob, as built"), 3);
  EXPECT_EQ(merged.count(WordingCensus::kWalls, "A\tB\nC"), 1);

  const Table t = merged.top(2);
  ASSERT_EQ(t.num_rows(), 3u);  // two walls (the limit), one main heating
  const auto& descriptor = t.strings("descriptor");
  const auto& wording = t.strings("wording");
  EXPECT_EQ(descriptor[0], "walls");
  EXPECT_EQ(wording[0], "Cob, as built");
  EXPECT_EQ(wording[1], "A\tB\nC");  // one each: ties by text ("A" before "P")
  EXPECT_EQ(descriptor[2], "main_heating");
  EXPECT_EQ(t.get<std::int64_t>("certificates"), (std::vector<std::int64_t>{3, 1, 2}));
  EXPECT_EQ(t.get<double>("share_pct"), (std::vector<double>{60.0, 20.0, 100.0}));
  const Table w = whole.top(2);
  EXPECT_EQ(w.get<std::int64_t>("certificates"), t.get<std::int64_t>("certificates"));
}
