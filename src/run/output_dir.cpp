#include "heatstreet/run/output_dir.hpp"

#include <unistd.h>

#include <filesystem>
#include <system_error>

#include "heatstreet/core/error.hpp"

namespace fs = std::filesystem;

namespace heatstreet {

std::string OutputDir::temp_name(const std::string& final_dir) {
  std::string base = final_dir;
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  return base + ".partial";
}

void OutputDir::preflight(const std::string& final_dir, bool force) {
  std::error_code ec;
  if (fs::exists(final_dir, ec) && !force)
    throw OutputError("output directory " + final_dir +
                      " already exists; choose another or pass --force to replace it");
  fs::path parent = fs::absolute(fs::path(final_dir), ec).parent_path();
  if (!fs::is_directory(parent, ec)) {
    // Create missing parents now, so that an impossible path fails before any work.
    fs::create_directories(parent, ec);
    if (ec) throw OutputError("cannot create " + parent.string() + ": " + ec.message());
  }
  if (::access(parent.c_str(), W_OK | X_OK) != 0)
    throw OutputError("output directory " + final_dir + ": " + parent.string() +
                      " is not writable");
}

OutputDir::OutputDir(std::string final_dir, std::string temp_dir)
    : final_(std::move(final_dir)), temp_(std::move(temp_dir)) {}

void OutputDir::commit(bool force) const {
  std::error_code ec;
  if (fs::exists(final_, ec)) {
    if (!force) throw OutputError("output directory " + final_ + " appeared during the run");
    fs::remove_all(final_, ec);
    if (ec) throw OutputError("cannot replace " + final_ + ": " + ec.message());
  }
  fs::rename(temp_, final_, ec);
  if (ec) throw OutputError("cannot rename " + temp_ + " to " + final_ + ": " + ec.message());
}

}  // namespace heatstreet
