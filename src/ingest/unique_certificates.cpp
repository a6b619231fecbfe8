#include "heatstreet/ingest/unique_certificates.hpp"

#include <string_view>
#include <vector>

#include "heatstreet/parallel/key_owner.hpp"

namespace heatstreet {

void check_unique_certificates(const Table& dwellings, const std::string& column,
                               const Comm& comm) {
  const StringColumn& keys = dwellings.strings(column);
  std::int64_t blank = 0;
  std::vector<std::string_view> numbers;
  numbers.reserve(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string_view k = keys[i];
    if (k.find_first_not_of(" \t\r\n") == std::string_view::npos)
      ++blank;
    else
      numbers.push_back(k);
  }
  // Every number meets its copies at its owner rank (key_owner.hpp); the verdict does not
  // depend on where they meet.
  const TextCensus census = census_texts(numbers, comm);
  const std::int64_t blanks = comm.sum(blank);
  if (blanks > 0)
    throw AgreedError(ExitCode::kInputData, -1,
                      std::to_string(blanks) +
                          " kept dwelling(s) have no certificate number "
                          "(rule V8: every modelled dwelling needs one)");
  if (census.any_repeated)
    throw AgreedError(ExitCode::kInputData, -1,
                      "certificate number " + census.first_repeated +
                          " belongs to more than one kept dwelling "
                          "(rule V8: certificate numbers must be unique)");
}

}  // namespace heatstreet
