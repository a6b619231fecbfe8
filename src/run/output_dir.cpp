#include "heatstreet/run/output_dir.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "heatstreet/core/error.hpp"

namespace fs = std::filesystem;

namespace heatstreet {

namespace {

fs::path resolved(const std::string& p) {
  std::error_code ec;
  fs::path abs = fs::weakly_canonical(fs::absolute(p, ec), ec);
  if (ec) abs = fs::absolute(p, ec).lexically_normal();
  return abs;
}

// True when `inner` is `outer` or lies below it.
bool within(const fs::path& inner, const fs::path& outer) {
  auto i = inner.begin();
  for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
    if (o->empty()) continue;  // a trailing separator
    if (i == inner.end() || *i != *o) return false;
  }
  return true;
}

}  // namespace

std::string OutputDir::normalise(const std::string& dir) {
  if (dir.empty()) throw OutputError("the output directory has an empty name");
  std::error_code ec;
  fs::path p = fs::absolute(fs::path(dir), ec).lexically_normal();
  if (ec) throw OutputError("output directory " + dir + ": " + ec.message());
  if (p.has_relative_path() && p.filename().empty()) p = p.parent_path();  // "out/"
  return p.string();
}

std::string OutputDir::temp_name(const std::string& final_dir) { return final_dir + ".partial"; }

void OutputDir::check_parent(const std::string& final_dir) {
  std::error_code ec;
  const fs::path parent = fs::path(final_dir).parent_path();
  if (final_dir == parent.string())
    throw OutputError("output directory " + final_dir + ": the root cannot be an output");
  if (!fs::is_directory(parent, ec)) {
    // Create missing parents now, so that an impossible path fails before any work.
    fs::create_directories(parent, ec);
    if (ec) throw OutputError("cannot create " + parent.string() + ": " + ec.message());
  }
  if (::access(parent.c_str(), W_OK | X_OK) != 0)
    throw OutputError("output directory " + final_dir + ": " + parent.string() +
                      " is not writable");
}

void OutputDir::check_removable(const std::string& dir, const std::vector<std::string>& inputs,
                                const std::string& why) {
  std::error_code ec;
  const fs::path target = resolved(dir);
  const std::string refused = dir + " cannot be " + why + ": ";
  if (within(resolved(fs::current_path(ec).string()), target))
    throw OutputError(refused + "it is or holds the working directory");
  for (const std::string& input : inputs)
    if (!input.empty() && within(resolved(input), target))
      throw OutputError(refused + "it holds the input " + input);
  if (!fs::is_directory(fs::symlink_status(dir, ec)))
    throw OutputError(refused + "it is not a directory");
  if (!fs::is_regular_file(fs::path(dir) / kMarker, ec))
    throw OutputError(refused + "HeatStreet did not write it (it has no " + kMarker + " file)");
}

OutputDir::OutputDir(std::string final_dir, std::string temp_dir)
    : final_(std::move(final_dir)), temp_(std::move(temp_dir)) {}

void OutputDir::create() const {
  std::error_code ec;
  fs::create_directories(temp_, ec);
  if (ec) throw OutputError("cannot create " + temp_ + ": " + ec.message());
  std::ofstream marker(file(kMarker));
  marker << "This directory was written by HeatStreet; run --force may replace it.\n";
  marker.close();
  if (!marker) throw OutputError("cannot write " + file(kMarker));
}

void OutputDir::commit(bool force, const std::vector<std::string>& inputs) const {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(final_, ec))) {
    if (!force) throw OutputError("output directory " + final_ + " appeared during the run");
    check_removable(final_, inputs, "replaced");
    // The old results move aside first, so that a failure leaves one of the two whole.
    const std::string old = final_ + ".replaced";
    if (fs::exists(fs::symlink_status(old, ec))) {
      check_removable(old, inputs, "cleared");
      fs::remove_all(old, ec);
    }
    fs::rename(final_, old, ec);
    if (ec) throw OutputError("cannot move " + final_ + " aside: " + ec.message());
    fs::rename(temp_, final_, ec);
    if (ec) {
      const std::string why = ec.message();
      fs::rename(old, final_, ec);
      throw OutputError("cannot rename " + temp_ + " to " + final_ + ": " + why);
    }
    fs::remove_all(old, ec);
    return;
  }
  fs::rename(temp_, final_, ec);
  if (ec) throw OutputError("cannot rename " + temp_ + " to " + final_ + ": " + ec.message());
}

}  // namespace heatstreet
