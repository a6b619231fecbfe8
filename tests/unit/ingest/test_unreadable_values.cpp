// Values stated but unusable: counted and named, never silently dropped; encrypted zip
// members found in the archive's own directory.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "heatstreet/ingest/register_layout.hpp"
#include "heatstreet/ingest/selection_rules.hpp"
#include "heatstreet/ingest/unreadable_values.hpp"
#include "heatstreet/ingest/zip_directory.hpp"

using namespace heatstreet;
using namespace heatstreet::ingest;

namespace {
// A certificate with the given lodgement, inspection and UPRN texts ("" for blank).
epc::Certificate certificate(const char* lodged, const char* inspected, const char* uprn) {
  epc::Certificate c;
  for (int f = 0; f < epc::kNumFields; ++f) c.null[f] = true;
  auto put = [&](epc::Field f, const char* v) {
    c.text[f] = v;
    c.null[f] = epc::is_null_token(v);
  };
  put(epc::kLodgementDate, lodged);
  put(epc::kInspectionDate, inspected);
  put(epc::kUprn, uprn);
  c.lodgement = epc::parse_date(lodged);
  c.inspection = epc::parse_date(inspected);
  c.uprn = epc::parse_uprn(uprn);
  return c;
}
}  // namespace

TEST(UnreadableValues, CountsEachKindAndKeepsTheFirst) {
  const std::int32_t today = epc::days_from_civil(2026, 12, 2);
  UnreadableValues u;
  u.check(certificate("2020-06-01", "2020-05-30", "100023"), today, "a.csv", 2);
  EXPECT_EQ(u.count, (std::array<std::int64_t, 4>{0, 0, 0, 0}));
  u.check(certificate("01/06/2020", "", "100024"), today, "a.csv", 3);
  u.check(certificate("2020-13-01", "June 2020", "10A23"), today, "a.csv", 4);
  u.check(certificate("2099-01-01", "2020-05-30", ""), today, "b.csv", 7);
  u.check(certificate("", "2030-01-01", ""), today, "b.csv", 8);
  EXPECT_EQ(u.count[UnreadableValues::kLodgementDate], 2);
  EXPECT_EQ(u.count[UnreadableValues::kInspectionDate], 1);
  EXPECT_EQ(u.count[UnreadableValues::kFutureDate], 2);
  EXPECT_EQ(u.count[UnreadableValues::kUprn], 1);
  EXPECT_EQ(u.first[UnreadableValues::kLodgementDate], "a.csv:3: LODGEMENT_DATE '01/06/2020'");
  EXPECT_EQ(u.first[UnreadableValues::kInspectionDate], "a.csv:4: INSPECTION_DATE 'June 2020'");
  EXPECT_EQ(u.first[UnreadableValues::kFutureDate], "b.csv:7: LODGEMENT_DATE '2099-01-01'");
  EXPECT_EQ(u.first[UnreadableValues::kUprn], "a.csv:4: UPRN '10A23'");
  EXPECT_EQ(UnreadableValues::describe(UnreadableValues::kUprn, 1, "x"),
            "1 UPRN(s) that are not whole numbers, read as missing (see docs/ingest.md for how "
            "dwellings without a UPRN are matched); first at x");
}

namespace {
void put_le(std::string& b, std::uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) b.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// A stored (uncompressed) zip archive of the given members; `flags` per member.
std::string zip_bytes(const std::vector<std::pair<std::string, std::uint16_t>>& members) {
  std::string body, directory;
  for (const auto& [name, flags] : members) {
    const std::uint32_t offset = static_cast<std::uint32_t>(body.size());
    put_le(body, 0x04034b50, 4);
    put_le(body, 20, 2);
    put_le(body, flags, 2);
    for (int i = 0; i < 9; ++i) put_le(body, 0, 2);  // method .. sizes
    put_le(body, static_cast<std::uint32_t>(name.size()), 2);
    put_le(body, 0, 2);
    body += name;
    put_le(directory, 0x02014b50, 4);
    put_le(directory, 20, 2);
    put_le(directory, 20, 2);
    put_le(directory, flags, 2);
    for (int i = 0; i < 9; ++i) put_le(directory, 0, 2);  // method .. sizes
    put_le(directory, static_cast<std::uint32_t>(name.size()), 2);
    for (int i = 0; i < 4; ++i) put_le(directory, 0, 2);  // extra .. internal attributes
    put_le(directory, 0, 4);
    put_le(directory, offset, 4);
    directory += name;
  }
  std::string out = body + directory;
  put_le(out, 0x06054b50, 4);
  put_le(out, 0, 4);
  put_le(out, static_cast<std::uint32_t>(members.size()), 2);
  put_le(out, static_cast<std::uint32_t>(members.size()), 2);
  put_le(out, static_cast<std::uint32_t>(directory.size()), 4);
  put_le(out, static_cast<std::uint32_t>(body.size()), 4);
  put_le(out, 0, 2);
  return out;
}
}  // namespace

TEST(ZipDirectory, FindsEncryptedMembers) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("heatstreet-zip-" + std::to_string(::getpid()) + ".zip"))
                               .string();
  std::ofstream(path, std::ios::binary) << zip_bytes({{"a.csv", 0}, {"b.csv", 0}});
  EXPECT_TRUE(encrypted_zip_members(path).empty());
  std::ofstream(path, std::ios::binary) << zip_bytes({{"a.csv", 0}, {"2021/b.csv", 1}});
  EXPECT_EQ(encrypted_zip_members(path), std::vector<std::string>{"2021/b.csv"});
  // Not a zip at all, or cut short: nothing to say (GDAL reports those).
  std::ofstream(path, std::ios::binary) << "not a zip";
  EXPECT_TRUE(encrypted_zip_members(path).empty());
  EXPECT_TRUE(encrypted_zip_members(path + ".absent").empty());
  std::filesystem::remove(path);
}
