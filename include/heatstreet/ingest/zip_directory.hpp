#pragma once
// The central directory of a zip archive, read only for what GDAL's reader does not say:
// which members are encrypted (GDAL reports a password-protected member as a read error,
// indistinguishable from a truncated archive). Pure code.
#include <string>
#include <vector>

namespace heatstreet::ingest {

// Names of the encrypted members of the archive at `path` (general-purpose flag bit 0),
// in directory order; empty when none are, or when the directory cannot be read (then
// GDAL's own reading reports the problem).
std::vector<std::string> encrypted_zip_members(const std::string& path);

}  // namespace heatstreet::ingest
