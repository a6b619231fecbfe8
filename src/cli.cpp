#include "heatstreet/cli.hpp"

#include <iostream>

#include "heatstreet/version.hpp"

namespace heatstreet {
int run_cli(int, char**) {
  std::cout << "heatstreet " << kVersion << " (" << kGitRevision << ")\n";
  return 0;
}
}  // namespace heatstreet
