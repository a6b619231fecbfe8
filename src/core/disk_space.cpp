#include "heatstreet/core/disk_space.hpp"

#include <sys/statvfs.h>

#include <cstdint>
#include <filesystem>
#include <system_error>

namespace heatstreet {

std::string disk_full_note(const std::string& path) {
  constexpr std::uint64_t kNearlyFull = 1 << 20;
  std::filesystem::path dir(path);
  std::error_code ec;
  while (!dir.empty() && !std::filesystem::is_directory(dir, ec)) dir = dir.parent_path();
  if (dir.empty()) dir = ".";
  struct statvfs fs {};
  if (::statvfs(dir.c_str(), &fs) != 0) return "";
  const std::uint64_t free_bytes = static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
  if (free_bytes >= kNearlyFull) return "";
  return " (no space left on the device holding " + dir.string() + ": " +
         std::to_string(free_bytes) + " bytes free)";
}

}  // namespace heatstreet
