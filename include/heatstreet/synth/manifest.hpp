#pragma once
// The manifest of a synthetic data set (manifest.json): the ground truth of every row,
// counted over the ranks, with the sizes and truth of the other files.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "heatstreet/synth/detail.hpp"

namespace heatstreet::synth::detail {

constexpr int kFirstYear = 2008, kLastYear = 2025;
constexpr int kYears = kLastYear - kFirstYear + 1;

// Ground-truth counts of the rows, in a fixed layout so that one MPI_Reduce of v sums them
// over the ranks.
struct Counters {
  enum : std::size_t {
    kRowsWithUprn,
    kRowsWithoutUprn,
    kOlderDuplicates,
    kDwell1,
    kDwell2,
    kDwell3,
    kLineBreaks,
    kInStockRows,
    kInStockOlder,
    kInStockNoUprn,
    kInStockDwellings,
    kFixed
  };
  std::size_t K;
  std::vector<std::uint64_t> v;
  explicit Counters(std::size_t k)
      : K(k),
        v(kFixed + 2 * static_cast<std::size_t>(StockReason::kCount) +
              2 * static_cast<std::size_t>(Defect::kCount) + 2 * kYears + 2 * k,
          0) {}
  std::uint64_t& stock(StockReason r) { return v[kFixed + static_cast<std::size_t>(r)]; }
  std::uint64_t& stock_dwellings(StockReason r) {
    return v[kFixed + static_cast<std::size_t>(StockReason::kCount) + static_cast<std::size_t>(r)];
  }
  std::size_t defect_base() const {
    return kFixed + 2 * static_cast<std::size_t>(StockReason::kCount);
  }
  std::uint64_t& defect(Defect d) { return v[defect_base() + static_cast<std::size_t>(d)]; }
  std::uint64_t& defect_in_stock(Defect d) {
    return v[defect_base() + static_cast<std::size_t>(Defect::kCount) +
             static_cast<std::size_t>(d)];
  }
  std::size_t year_base() const {
    return defect_base() + 2 * static_cast<std::size_t>(Defect::kCount);
  }
  std::uint64_t& year(int y) { return v[year_base() + static_cast<std::size_t>(y - kFirstYear)]; }
  std::uint64_t& year_in_stock(int y) {
    return v[year_base() + kYears + static_cast<std::size_t>(y - kFirstYear)];
  }
  std::size_t la_base() const { return year_base() + 2 * kYears; }
  std::uint64_t& la_in_stock(std::size_t k) { return v[la_base() + k]; }
  std::uint64_t& la_bytes(std::size_t k) { return v[la_base() + K + k]; }

  void add(const RowTruth& t);
};

// What the manifest tells of the files other than the certificates.
struct ManifestFiles {
  std::uint64_t postcode_bytes = 0;
  std::uint64_t zip_bytes = 0;
  nlohmann::ordered_json hnpd;   // ground truth of hnpd.csv
  nlohmann::ordered_json zones;  // the zones' features
  std::uint64_t zone_count = 0;
};

// manifest.json from the counts summed over every rank.
std::string manifest_text(const Plan& plan, Counters& sum, const ManifestFiles& files);

}  // namespace heatstreet::synth::detail
