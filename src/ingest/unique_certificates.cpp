#include "heatstreet/ingest/unique_certificates.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <string_view>
#include <vector>

namespace heatstreet {

void check_unique_certificates(const Table& dwellings, const std::string& column,
                               const Comm& comm) {
  const StringColumn& keys = dwellings.strings(column);
  const auto p = static_cast<std::size_t>(comm.size());
  std::int64_t blank = 0;
  std::vector<std::vector<char>> out(p);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string_view k = keys[i];
    if (k.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      ++blank;
      continue;
    }
    // The hash only spreads the work; the verdict does not depend on where keys meet.
    std::vector<char>& b = out[std::hash<std::string_view>{}(k) % p];
    const auto len = static_cast<std::uint32_t>(k.size());
    const char* lp = reinterpret_cast<const char*>(&len);
    b.insert(b.end(), lp, lp + sizeof len);
    b.insert(b.end(), k.begin(), k.end());
  }
  const std::vector<std::vector<char>> in = comm.exchange(out);
  std::vector<std::string_view> mine;
  for (const auto& b : in)
    for (std::size_t at = 0; at < b.size();) {
      std::uint32_t len = 0;
      std::memcpy(&len, b.data() + at, sizeof len);
      at += sizeof len;
      mine.emplace_back(b.data() + at, len);
      at += len;
    }
  std::sort(mine.begin(), mine.end());
  std::string repeated;
  for (std::size_t i = 1; i < mine.size(); ++i)
    if (mine[i] == mine[i - 1]) {
      repeated = std::string(mine[i]);
      break;
    }
  // Agree on one message: the blank count, then the smallest repeated number anywhere.
  const std::int64_t blanks = comm.sum(blank);
  const std::vector<std::string> all = comm.allgather(repeated);
  std::string first;
  for (const std::string& r : all)
    if (!r.empty() && (first.empty() || r < first)) first = r;
  if (blanks > 0)
    throw AgreedError(ExitCode::kInputData, -1,
                      std::to_string(blanks) +
                          " kept dwelling(s) have no certificate number "
                          "(rule V8: every modelled dwelling needs one)");
  if (!first.empty())
    throw AgreedError(ExitCode::kInputData, -1,
                      "certificate number " + first +
                          " belongs to more than one kept dwelling "
                          "(rule V8: certificate numbers must be unique)");
}

}  // namespace heatstreet
