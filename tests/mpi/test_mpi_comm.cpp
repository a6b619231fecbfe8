// The MPI layer on 1-4 ranks: row exchange keeps every row exactly once and in a
// deterministic order; an error on one rank becomes the same error on all.
#include <gtest/gtest.h>

#include "heatstreet/mpi_comm.hpp"

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
  for (int r = 0; r < comm.size(); ++r) EXPECT_EQ(all[static_cast<std::size_t>(r)].size(), static_cast<std::size_t>(r));
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
