#pragma once
// A scratch directory shared by every rank of a test: made by rank 0, its path broadcast,
// removed when the test ends (after a barrier, so no rank still reads from it).
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "heatstreet/parallel/comm.hpp"

namespace heatstreet::testing {

struct ScratchDir {
  explicit ScratchDir(const Comm& comm, const char* stem = "heatstreet-test") : comm_(comm) {
    std::string p;
    if (comm.root()) {
      std::string tmpl = std::string("/tmp/") + stem + "-XXXXXX";
      p = mkdtemp(tmpl.data());
    }
    path = comm.bcast(p);
  }
  ~ScratchDir() {
    comm_.barrier();
    if (comm_.root()) std::filesystem::remove_all(path);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  std::string path;
  const Comm& comm_;
};

}  // namespace heatstreet::testing
