// Fuzz target: the configuration loader. Any text must either load or be refused with a
// ConfigError (exit 2) that names where the fault is; any other exception, or a crash, is
// a finding. Text after a NUL byte is split at further NULs into `--set KEY=VALUE`
// overrides, whose values are YAML too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "heatstreet/config/config.hpp"
#include "heatstreet/core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = text.find('\0');
  const std::string yaml = text.substr(0, nul);
  heatstreet::ConfigOverrides overrides;
  overrides.use_environment = false;
  for (std::size_t at = nul; at != std::string::npos && at < text.size();) {
    const std::size_t next = text.find('\0', at + 1);
    overrides.set.push_back(
        text.substr(at + 1, next == std::string::npos ? std::string::npos : next - at - 1));
    at = next;
  }
  try {
    heatstreet::load_config_text(yaml, "fuzz.yaml", overrides);
  } catch (const heatstreet::Error& e) {
    if (e.exit_code() != 2) std::abort();
    // The fault is named: the file, or the --set override at fault.
    if (!std::strstr(e.what(), "fuzz.yaml") && !std::strstr(e.what(), "--set")) std::abort();
  }
  return 0;
}
