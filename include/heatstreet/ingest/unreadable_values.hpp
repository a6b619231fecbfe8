#pragma once
// Values a certificate states but that cannot be used: dates not in the register's form
// (YYYY-MM-DD), dates after the day of the run, UPRNs that are not whole numbers. They
// are read as missing (the row stays), counted for the validation report and named, the
// first of each kind, in a warning. Pure code.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "heatstreet/ingest/selection_rules.hpp"

namespace heatstreet::ingest {

struct UnreadableValues {
  enum Kind { kLodgementDate, kInspectionDate, kFutureDate, kUprn, kNumKinds };
  std::array<std::int64_t, kNumKinds> count{};
  // The first of each kind: "file:line: COLUMN 'text'", empty when there is none.
  std::array<std::string, kNumKinds> first;

  // Checks one parsed certificate; `today` is the run's date in days since 1970-01-01.
  void check(const epc::Certificate& c, std::int32_t today, const std::string& file,
             std::int64_t line);
  // What a warning says of `n` values of a kind, with the first example.
  static std::string describe(Kind kind, std::int64_t n, const std::string& first);

 private:
  void note(Kind kind, const std::string& file, std::int64_t line, const char* column,
            std::string_view text);
};

// Today's date (UTC) in days since 1970-01-01.
std::int32_t today_in_days();

}  // namespace heatstreet::ingest
