#include "heatstreet/ingest/zip_directory.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>

namespace heatstreet::ingest {

namespace {

constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
constexpr std::uint32_t kDirectoryEntry = 0x02014b50;
constexpr std::size_t kEndRecordSize = 22;
constexpr std::size_t kMaxComment = 0xFFFF;
constexpr std::size_t kEntrySize = 46;

std::uint32_t le(const std::string& b, std::size_t at, int bytes) {
  std::uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i)
    v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
  return v;
}

// The archive's central directory bytes, or "" when there is none to read.
std::string central_directory(std::ifstream& in) {
  in.seekg(0, std::ios::end);
  const std::uint64_t size = static_cast<std::uint64_t>(in.tellg());
  if (size < kEndRecordSize) return {};
  const std::uint64_t tail_size = std::min<std::uint64_t>(size, kEndRecordSize + kMaxComment);
  std::string tail(tail_size, '\0');
  in.seekg(static_cast<std::streamoff>(size - tail_size));
  in.read(tail.data(), static_cast<std::streamsize>(tail_size));
  if (!in) return {};
  // The end record is the last one carrying its signature.
  for (std::size_t at = tail_size - kEndRecordSize + 1; at-- > 0;) {
    if (le(tail, at, 4) != kEndOfDirectory) continue;
    const std::uint32_t length = le(tail, at + 12, 4), offset = le(tail, at + 16, 4);
    if (offset == 0xFFFFFFFFu || std::uint64_t{offset} + length > size) return {};  // zip64
    std::string dir(length, '\0');
    in.seekg(offset);
    in.read(dir.data(), static_cast<std::streamsize>(length));
    return in ? dir : std::string();
  }
  return {};
}

}  // namespace

std::vector<std::string> encrypted_zip_members(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  const std::string dir = central_directory(in);
  std::vector<std::string> encrypted;
  for (std::size_t at = 0; at + kEntrySize <= dir.size();) {
    if (le(dir, at, 4) != kDirectoryEntry) break;
    const std::uint32_t flags = le(dir, at + 8, 2);
    const std::size_t name = le(dir, at + 28, 2), extra = le(dir, at + 30, 2),
                      comment = le(dir, at + 32, 2);
    if (at + kEntrySize + name > dir.size()) break;
    if (flags & 1u) encrypted.push_back(dir.substr(at + kEntrySize, name));
    at += kEntrySize + name + extra + comment;
  }
  return encrypted;
}

}  // namespace heatstreet::ingest
