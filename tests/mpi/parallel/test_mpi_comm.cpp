// The MPI layer on 1-4 ranks: row exchange keeps every row exactly once and in a
// deterministic order; the flat byte exchange matches the per-rank one; an error on one
// rank becomes the same error on all.
#include <gtest/gtest.h>

#include <algorithm>

#include "heatstreet/parallel/comm.hpp"

using namespace heatstreet;

namespace {
Table make_rows(int rank, int n) {
  Table t;
  auto& id = t.add<std::int64_t>({"id", "", "", {}});
  auto& x = t.add<double>({"x", "m", "", {}});
  auto& name = t.add_strings({"name", "", "", {}});
  for (int i = 0; i < n; ++i) {
    id.push_back(rank * 1000 + i);
    x.push_back(rank + i * 0.5);
    name.push_back(std::string(static_cast<std::size_t>(i % 5), 'a' + static_cast<char>(rank)));
  }
  return t;
}
}  // namespace

TEST(MpiComm, ExchangeRowsDeliversEveryRowToItsDestination) {
  Comm comm;
  const int n = 37 + comm.rank() * 11;
  Table t = make_rows(comm.rank(), n);
  std::vector<int> dest;
  for (int i = 0; i < n; ++i) dest.push_back((i * 7 + comm.rank()) % comm.size());
  Table got = exchange_rows(t, dest, comm);

  const auto& id = got.get<std::int64_t>("id");
  const auto& x = got.get<double>("x");
  const auto& name = got.strings("name");
  std::int64_t previous = -1;
  for (std::size_t i = 0; i < got.num_rows(); ++i) {
    const int src = static_cast<int>(id[i] / 1000), k = static_cast<int>(id[i] % 1000);
    EXPECT_EQ((k * 7 + src) % comm.size(), comm.rank());
    EXPECT_DOUBLE_EQ(x[i], src + k * 0.5);
    EXPECT_EQ(name[i].size(), static_cast<std::size_t>(k % 5));
    EXPECT_GT(id[i], previous) << "rows arrive by source rank, then in the sender's order";
    previous = id[i];
  }
  std::int64_t total_sent = 0;
  for (int r = 0; r < comm.size(); ++r) total_sent += 37 + r * 11;
  EXPECT_EQ(comm.sum(static_cast<std::int64_t>(got.num_rows())), total_sent);
}

TEST(MpiComm, ExscanAndAllgather) {
  Comm comm;
  EXPECT_EQ(comm.exscan(comm.rank() + 1), comm.rank() * (comm.rank() + 1) / 2);
  auto all = comm.allgather(std::string(static_cast<std::size_t>(comm.rank()), 'x'));
  ASSERT_EQ(all.size(), static_cast<std::size_t>(comm.size()));
  for (int r = 0; r < comm.size(); ++r)
    EXPECT_EQ(all[static_cast<std::size_t>(r)].size(), static_cast<std::size_t>(r));
}

TEST(MpiComm, AllgatherOfWordsKeepsEachRanksValuesAndLength) {
  Comm comm;
  // Rank r sends r words (rank 0 none), each -(r * 1000 + k), to cover empty and signed.
  std::vector<std::int64_t> mine;
  for (int k = 0; k < comm.rank(); ++k) mine.push_back(-(comm.rank() * 1000 + k));
  const auto all = comm.allgather(mine);
  ASSERT_EQ(all.size(), static_cast<std::size_t>(comm.size()));
  for (int r = 0; r < comm.size(); ++r) {
    const auto& got = all[static_cast<std::size_t>(r)];
    ASSERT_EQ(got.size(), static_cast<std::size_t>(r));
    for (int k = 0; k < r; ++k) EXPECT_EQ(got[static_cast<std::size_t>(k)], -(r * 1000 + k));
  }
}

TEST(MpiComm, ErrorOnOneRankReachesAllWithItsCode) {
  Comm comm;
  const int failing = comm.size() - 1;
  try {
    run_agreed(comm, [&] {
      if (comm.rank() == failing) throw InputError("bad.csv line 3: broken");
    });
    FAIL() << "every rank must throw";
  } catch (const AgreedError& e) {
    EXPECT_EQ(e.exit_code(), 3);
    EXPECT_EQ(e.failed_rank(), failing);
    EXPECT_STREQ(e.what(), "bad.csv line 3: broken");
  }
  // No error: nothing thrown.
  EXPECT_NO_THROW(run_agreed(comm, [] {}));
}

namespace {
// The flat exchange's traffic: rank 1 (of two or more) sends nothing at all; otherwise
// some parts are empty, one is large, the rest small and uneven. Byte k of the part from
// s to d is derived from (s, d, k), so each byte's origin and position can be checked.
std::int64_t flat_count(int s, int d, int p) {
  if (p > 1 && s == 1) return 0;
  if ((s + 2 * d) % 3 == 0 && !(s == 0 && d == 0)) return 0;
  return 1 + (s * 7 + d * 13) % 50 + (d == p - 1 ? 70000 : 0);
}
char flat_byte(int s, int d, std::int64_t k) {
  return static_cast<char>((s * 131 + d * 31 + k * 7 + (k >> 8)) & 0xFF);
}
}  // namespace

TEST(MpiComm, FlatExchangeDeliversUnevenAndEmptyParts) {
  Comm comm;
  const int p = comm.size(), me = comm.rank();
  std::vector<char> send;
  std::vector<std::int64_t> counts(static_cast<std::size_t>(p));
  std::vector<std::vector<char>> parts(static_cast<std::size_t>(p));
  for (int d = 0; d < p; ++d) {
    counts[static_cast<std::size_t>(d)] = flat_count(me, d, p);
    for (std::int64_t k = 0; k < counts[static_cast<std::size_t>(d)]; ++k) {
      send.push_back(flat_byte(me, d, k));
      parts[static_cast<std::size_t>(d)].push_back(flat_byte(me, d, k));
    }
  }
  if (p > 1 && me == 1) {
    ASSERT_TRUE(send.empty());
  }

  // Stale contents of recv_counts must be replaced, not added to.
  std::vector<std::int64_t> recv_counts(7, 99);
  const std::vector<char> got = comm.exchange(send, counts, recv_counts);
  const std::vector<std::vector<char>> per_rank = comm.exchange(parts);

  ASSERT_EQ(recv_counts.size(), static_cast<std::size_t>(p));
  ASSERT_EQ(per_rank.size(), static_cast<std::size_t>(p));
  std::size_t at = 0;
  for (int s = 0; s < p; ++s) {
    SCOPED_TRACE("from rank " + std::to_string(s));
    const std::int64_t n = flat_count(s, me, p);
    ASSERT_EQ(recv_counts[static_cast<std::size_t>(s)], n);
    const auto& part = per_rank[static_cast<std::size_t>(s)];
    ASSERT_EQ(part.size(), static_cast<std::size_t>(n));
    ASSERT_LE(at + static_cast<std::size_t>(n), got.size());
    for (std::int64_t k = 0; k < n; ++k) {
      const char expected = flat_byte(s, me, k);
      if (got[at + static_cast<std::size_t>(k)] != expected ||
          part[static_cast<std::size_t>(k)] != expected) {
        ADD_FAILURE() << "byte " << k << " differs";
        break;
      }
    }
    // The two forms agree part by part.
    EXPECT_TRUE(
        std::equal(part.begin(), part.end(), got.begin() + static_cast<std::ptrdiff_t>(at)));
    at += static_cast<std::size_t>(n);
  }
  EXPECT_EQ(at, got.size());

  // Every byte sent arrives once.
  std::int64_t sent = 0;
  for (int s = 0; s < p; ++s)
    for (int d = 0; d < p; ++d) sent += flat_count(s, d, p);
  EXPECT_EQ(comm.sum(static_cast<std::int64_t>(got.size())), sent);
}

TEST(MpiComm, FlatExchangeWithNothingToSendAnywhere) {
  Comm comm;
  const auto p = static_cast<std::size_t>(comm.size());
  std::vector<std::int64_t> recv_counts{5};
  const std::vector<char> got =
      comm.exchange(std::vector<char>(), std::vector<std::int64_t>(p, 0), recv_counts);
  EXPECT_TRUE(got.empty());
  EXPECT_EQ(recv_counts, std::vector<std::int64_t>(p, 0));

  // Only rank 0 sends, one byte to each rank (its own included).
  std::vector<char> send;
  std::vector<std::int64_t> counts(p, 0);
  if (comm.root()) {
    for (std::size_t d = 0; d < p; ++d) send.push_back(static_cast<char>('a' + d));
    counts.assign(p, 1);
  }
  const std::vector<char> one = comm.exchange(send, counts, recv_counts);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0], static_cast<char>('a' + comm.rank()));
  std::vector<std::int64_t> expected(p, 0);
  expected[0] = 1;
  EXPECT_EQ(recv_counts, expected);
}

TEST(MpiComm, FlatExchangeNeedsOneCountPerRank) {
  Comm comm;
  std::vector<std::int64_t> recv_counts;
  // Every rank fails the same check before any message, so none is left waiting.
  EXPECT_THROW(
      comm.exchange(std::vector<char>(),
                    std::vector<std::int64_t>(static_cast<std::size_t>(comm.size()) + 1, 0),
                    recv_counts),
      Error);
  comm.barrier();
}
