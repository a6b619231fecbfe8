// Fuzz target: the configuration loader. Any text must either load or be refused with a
// ConfigError (exit 2) that names the file; any other exception, or a crash, is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "heatstreet/config.hpp"
#include "heatstreet/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string yaml(reinterpret_cast<const char*>(data), size);
  heatstreet::ConfigOverrides overrides;
  overrides.use_environment = false;
  try {
    heatstreet::load_config_text(yaml, "fuzz.yaml", overrides);
  } catch (const heatstreet::Error& e) {
    if (e.exit_code() != 2) std::abort();
    if (std::strstr(e.what(), "fuzz.yaml") == nullptr) std::abort();
  }
  return 0;
}
