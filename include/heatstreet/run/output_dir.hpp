#pragma once
// The output directory is built under a temporary name beside its final place and
// renamed only when everything in it is complete, so a failed or killed run never
// leaves a complete-looking result. HeatStreet marks every directory it creates with a
// marker file, and replaces (--force) or clears only directories that carry it.
#include <string>
#include <vector>

namespace heatstreet {

class OutputDir {
 public:
  // The marker file every output directory carries from its creation.
  static constexpr const char* kMarker = ".heatstreet-output";

  // An absolute, normal form of a directory path ("out/", "./out" and "out" are one
  // directory; "." is the working directory by name).
  static std::string normalise(const std::string& dir);
  // The temporary name for a final directory: "<dir>.partial".
  static std::string temp_name(const std::string& final_dir);

  // Checks, before any work, that the parent of `final_dir` exists (created if missing)
  // and is writable. Throws OutputError (exit 4).
  static void check_parent(const std::string& final_dir);
  // Checks that `dir` may be replaced or cleared: refused (OutputError) unless it is a
  // directory HeatStreet wrote (it has the marker), and it is not and does not hold the
  // working directory or any of `inputs`. `why` says what would happen to it.
  static void check_removable(const std::string& dir, const std::vector<std::string>& inputs,
                              const std::string& why);

  OutputDir(std::string final_dir, std::string temp_dir);
  const std::string& temp() const { return temp_; }
  const std::string& final_path() const { return final_; }
  std::string file(const std::string& name) const { return temp_ + "/" + name; }
  // Creates the temporary directory with its marker (rank 0 only).
  void create() const;
  // Replaces the final directory with the temporary one (rank 0 only). An existing final
  // directory is replaced only with force and only if check_removable allows it.
  void commit(bool force, const std::vector<std::string>& inputs) const;

 private:
  std::string final_;
  std::string temp_;
};

}  // namespace heatstreet
