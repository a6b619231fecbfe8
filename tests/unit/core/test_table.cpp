#include <gtest/gtest.h>

#include "heatstreet/core/table.hpp"

using namespace heatstreet;

TEST(Table, ReferencesStayValidAsColumnsAreAdded) {
  Table t;
  auto& a = t.add<std::int32_t>({"a", "", "", {}});
  for (int i = 0; i < 100; ++i) t.add<double>({"c" + std::to_string(i), "", "", {}});
  a.push_back(7);  // would write through a dangling reference if columns moved
  EXPECT_EQ(t.get<std::int32_t>("a").at(0), 7);
}

TEST(Table, GatherAppendAndTypeChecks) {
  Table t;
  auto& id = t.add<std::int64_t>({"id", "", "", {}});
  auto& s = t.add_strings({"s", "", "", {}});
  for (int i = 0; i < 5; ++i) {
    id.push_back(i);
    s.push_back(std::string(static_cast<std::size_t>(i), 'z'));
  }
  Table g = t.gather({4, 1});
  ASSERT_EQ(g.num_rows(), 2u);
  EXPECT_EQ(g.get<std::int64_t>("id")[0], 4);
  EXPECT_EQ(g.strings("s")[1], "z");
  g.append(t);
  EXPECT_EQ(g.num_rows(), 7u);
  EXPECT_EQ(g.strings("s")[6], "zzzz");
  EXPECT_THROW(g.get<double>("id"), std::logic_error);
  EXPECT_THROW(g.get<double>("missing"), std::logic_error);
  // A column added later is sized to the rows already there.
  auto& late = g.add<float>({"late", "", "", {}}, 1.5f);
  EXPECT_EQ(late.size(), 7u);
  EXPECT_EQ(late[3], 1.5f);
}
