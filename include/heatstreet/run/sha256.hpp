#pragma once
// SHA-256 for the input checksums recorded in the results' provenance. OpenSSL's
// implementation uses the CPU's SHA extensions where present: hashing the national
// register's inputs must cost little next to reading them.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace heatstreet {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(const void* data, std::size_t size);
  void update(std::string_view s) { update(s.data(), s.size()); }
  // Finishes the hash; the object must not be updated afterwards.
  std::array<std::uint8_t, 32> digest();
  std::string hex_digest();

 private:
  struct Context;
  std::unique_ptr<Context> ctx_;
};

// Lower-case hex SHA-256 of a string.
std::string sha256_hex(std::string_view data);
// Lower-case hex SHA-256 of a file's bytes. Throws InputError naming the file when it
// cannot be read.
std::string sha256_file_hex(const std::string& path);

}  // namespace heatstreet
