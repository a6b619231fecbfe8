#pragma once
// SHA-256 (FIPS 180-4), for the input checksums recorded in the results' provenance.
// GDAL's own implementation is not part of its public headers on Debian 12.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace heatstreet {

class Sha256 {
 public:
  Sha256();
  void update(const void* data, std::size_t size);
  void update(std::string_view s) { update(s.data(), s.size()); }
  // Finishes the hash; the object must not be updated afterwards.
  std::array<std::uint8_t, 32> digest();
  std::string hex_digest();

 private:
  void compress(const std::uint8_t* block);
  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

// Lower-case hex SHA-256 of a string.
std::string sha256_hex(std::string_view data);
// Lower-case hex SHA-256 of a file's bytes. Throws InputError naming the file when it
// cannot be read.
std::string sha256_file_hex(const std::string& path);

}  // namespace heatstreet
