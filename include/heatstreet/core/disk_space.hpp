#pragma once
// Write failures rarely say why: HDF5, GDAL and C++ streams report "write failed" on a
// full disk. This adds the reason when the file system holding a path is (nearly) full.
#include <string>

namespace heatstreet {

// " (no space left on the device holding DIR: N bytes free)" when the file system of
// `path` (or of its nearest existing parent) has less than 1 MiB free; "" otherwise.
std::string disk_full_note(const std::string& path);

}  // namespace heatstreet
