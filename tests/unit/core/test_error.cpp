#include <gtest/gtest.h>

#include "heatstreet/core/error.hpp"

using heatstreet::ExitCode;

TEST(Error, CarriesContractExitCodes) {
  EXPECT_EQ(heatstreet::ConfigError("x").exit_code(), 2);
  EXPECT_EQ(heatstreet::InputError("x").exit_code(), 3);
  EXPECT_EQ(heatstreet::OutputError("x").exit_code(), 4);
  EXPECT_EQ(heatstreet::InterruptedError("x").exit_code(), 130);
  EXPECT_EQ(heatstreet::Error(ExitCode::kInternal, "boom").what(), std::string("boom"));
}
