// Keys meeting at their owner rank, on 1-4 ranks: which hashes repeat, how many distinct
// hashes and texts there are and which text repeats first must be what one process
// counting everything finds, whatever the rank count and however the keys are spread,
// hash collisions included.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "heatstreet/core/hash.hpp"
#include "heatstreet/parallel/key_owner.hpp"

using namespace heatstreet;

namespace {

// Every rank's share of a global list: item i goes to rank (i * 7 + 3) % P, so copies of
// one key usually sit on different ranks.
template <class T>
std::vector<T> share(const std::vector<T>& global, const Comm& comm) {
  std::vector<T> mine;
  const auto p = static_cast<std::size_t>(comm.size());
  for (std::size_t i = 0; i < global.size(); ++i)
    if (static_cast<int>((i * 7 + 3) % p) == comm.rank()) mine.push_back(global[i]);
  return mine;
}

std::vector<std::string> texts_with_repeats() {
  std::vector<std::string> g;
  for (int i = 0; i < 500; ++i) g.push_back("KEY-" + std::to_string(i * 37 % 211));
  g.push_back("");  // an empty text is a text too
  g.push_back("");
  g.push_back("solo");
  return g;
}

std::int64_t distinct(const std::vector<std::string>& v) {
  return static_cast<std::int64_t>(std::set<std::string>(v.begin(), v.end()).size());
}

}  // namespace

TEST(KeyOwner, CensusAnswersWhichHashesRepeatAnywhere) {
  Comm comm;
  std::vector<std::uint64_t> global;
  for (std::uint64_t i = 0; i < 997; ++i) global.push_back((i * 2654435761u) % 613);
  std::map<std::uint64_t, int> count;
  for (std::uint64_t h : global) ++count[h];

  const std::vector<std::uint64_t> mine = share(global, comm);
  const HashCensus census = census_hashes(mine, comm);
  for (std::uint64_t h : mine) EXPECT_EQ(census.repeated(h), count[h] > 1) << h;
  EXPECT_EQ(comm.sum(census.owned_distinct()), static_cast<std::int64_t>(count.size()));
}

TEST(KeyOwner, EmptyRanksTakePart) {
  Comm comm;
  const std::vector<std::uint64_t> mine =
      comm.root() ? std::vector<std::uint64_t>{5, 5, 6} : std::vector<std::uint64_t>{};
  const HashCensus census = census_hashes(mine, comm);
  if (comm.root()) {
    EXPECT_TRUE(census.repeated(5));
    EXPECT_FALSE(census.repeated(6));
  }
  EXPECT_EQ(comm.sum(census.owned_distinct()), 2);
}

TEST(KeyOwner, TextCensusIsExactForAnyRankCount) {
  Comm comm;
  const std::vector<std::string> global = texts_with_repeats();
  const std::vector<std::string> mine = share(global, comm);
  const TextCensus c = census_texts({mine.begin(), mine.end()}, comm);
  EXPECT_EQ(c.distinct, distinct(global));
  EXPECT_TRUE(c.any_repeated);
  EXPECT_EQ(c.first_repeated, "");  // the smallest repeated text in byte order

  std::vector<std::string> unique;
  for (int i = 0; i < 300; ++i) unique.push_back("U" + std::to_string(i));
  const std::vector<std::string> part = share(unique, comm);
  const TextCensus u = census_texts({part.begin(), part.end()}, comm);
  EXPECT_EQ(u.distinct, 300);
  EXPECT_FALSE(u.any_repeated);
  EXPECT_EQ(u.first_repeated, "");
}

TEST(KeyOwner, CollidingHashesAreResolvedByTheTexts) {
  Comm comm;
  // A hash of four values: most distinct texts collide, and the answers must not change.
  std::vector<std::string> global;
  for (int i = 0; i < 200; ++i) global.push_back("T" + std::to_string(i % 90));
  global.push_back("ZZ");
  global.push_back("AA-once");
  const std::vector<std::string> mine = share(global, comm);
  std::vector<std::uint64_t> weak;
  for (const std::string& t : mine) weak.push_back(t.size() % 4);
  const TextCensus c = census_texts({mine.begin(), mine.end()}, weak, comm);
  EXPECT_EQ(c.distinct, distinct(global));
  EXPECT_TRUE(c.any_repeated);
  EXPECT_EQ(c.first_repeated, "T0");
  // The same texts with the real hash give the same answers.
  const TextCensus f = census_texts({mine.begin(), mine.end()}, comm);
  EXPECT_EQ(f.distinct, c.distinct);
  EXPECT_EQ(f.first_repeated, c.first_repeated);
}

TEST(KeyOwner, OwnerIsTheHashModuloTheRankCount) {
  EXPECT_EQ(owner_rank(fnv1a("x"), 1), 0u);
  EXPECT_EQ(owner_rank(10, 4), 2u);
  EXPECT_EQ(owner_rank(~std::uint64_t(0), 3), (~std::uint64_t(0)) % 3);
}
