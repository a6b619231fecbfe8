#pragma once
// The output directory is built under a temporary name beside its final place and
// renamed only when everything in it is complete, so a failed or killed run never
// leaves a complete-looking result.
#include <string>

namespace heatstreet {

class OutputDir {
 public:
  // Checks, before any work, that `final_dir` may be written: refused if it exists
  // (unless force) or if its parent is not writable. Throws OutputError (exit 4).
  static void preflight(const std::string& final_dir, bool force);

  // Rank 0 creates the temporary directory; every rank then knows its path.
  OutputDir(std::string final_dir, std::string temp_dir);
  const std::string& temp() const { return temp_; }
  const std::string& final_path() const { return final_; }
  std::string file(const std::string& name) const { return temp_ + "/" + name; }
  // Replaces the final directory with the temporary one (rank 0 only).
  void commit(bool force) const;

  // The temporary name for a final directory: "<dir>.partial".
  static std::string temp_name(const std::string& final_dir);

 private:
  std::string final_;
  std::string temp_;
};

}  // namespace heatstreet
