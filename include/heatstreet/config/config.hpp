#pragma once
// The typed configuration. Built once from YAML (config/heatstreet.yaml documents every
// key with the predecessor's defaults, which are also the defaults here), then read-only.
// Nothing else in the program reads YAML.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "heatstreet/config/scenario_config.hpp"

namespace heatstreet {

enum class Methodology { kDocumented, kPython };
const char* to_string(Methodology m);

struct PostcodeColumns {
  std::string postcode = "postcode";
  std::string easting = "easting";
  std::string northing = "northing";
};

struct InputsConfig {
  std::vector<std::string> certificates;  // files, folders, globs, .zip, .gz
  std::string postcodes;                  // postcode centroid CSV ("" = none)
  PostcodeColumns postcode_columns;
  std::string hnpd;                   // Heat Network Planning Database CSV ("" = none)
  std::vector<std::string> zones;     // OGR data sources of heat-network zone polygons
  std::vector<std::string> networks;  // OGR data sources of existing network lines
};

struct LocalAuthority {
  std::string code;
  std::string name;
};

struct FiltersConfig {
  // Kept local authorities, by GSS code or name (case-insensitive). Empty list = all.
  std::vector<std::string> local_authorities;
  std::vector<std::string> property_types;
  std::vector<std::string> built_forms;
  std::vector<std::string> age_bands;
  std::optional<std::string> sample_window_start;  // inclusive ISO date, or open
  std::optional<std::string> sample_window_end;
};

struct ValidationConfig {
  double min_floor_area_m2 = 25;
  double max_floor_area_m2 = 400;
  double energy_clamp_floor = -10;  // kWh/m²/yr: below it drop, between it and 0 clamp
  double co2_clamp_floor = -5;      // t/yr
  std::vector<std::string> required_fields;
  double max_reject_fraction = 0.2;
};

struct SpatialConfig {
  bool disable = false;
  double cell_size_m = 125;
  double buffer_radius_m = 250;
  bool use_circular_mask = true;
  double tier1_distance_m = 250;
  double tier2_distance_m = 500;
  double tier3_min_density_gwh_km2 = 20;
  double tier4_min_density_gwh_km2 = 5;
  int ready_tier_max = 3;
  std::string hnpd_region_filter = "London";  // "" = UK-wide
  std::vector<std::string> tier1_statuses;
  std::vector<std::string> tier2_statuses;
};

// Performance-gap multipliers on the register's energy by band A..G.
using BandFactors = std::array<double, 7>;

// The predecessor's two validation paths (data validation spec §3.1): staged (B, its
// production run: row filters, then one dedup) or in-memory (A, single-borough runs and
// re-used CSVs: dedup first, then the row filters, blank critical fields dropped).
enum class ValidationPath { kStaged, kInMemory };

struct ModelConfig {
  Methodology methodology = Methodology::kDocumented;
  ValidationPath python_validation_path = ValidationPath::kStaged;
  std::string prebound_variant = "central";
  std::map<std::string, BandFactors> performance_gap_factors;  // central, low, high
  // SAP uncertainty (points) by rating: >=85, 70-84, 55-69, <55.
  std::array<double, 4> sap_uncertainty{2.4, 4.0, 6.0, 8.0};
  double demand_error_low = -0.20;
  double demand_error_high = 0.20;
  double anomaly_demand_error_low = -0.30;
  double anomaly_demand_error_high = 0.30;
  double anomaly_roof_insulation_threshold_mm = 100;
  std::vector<std::string> anomaly_suspicious_bands{"C", "D"};
};

struct RunConfig {
  std::int64_t chunk_size = 50000;  // dwellings per scenario chunk
  int workers = 2;                  // threads per rank
  bool profile = false;
  double stall_timeout_s = 3600;  // progress watchdog; 0 turns it off
};

struct OutputConfig {
  std::string dir = "heatstreet-out";
  bool maps = true;
  bool tables = true;
  int compression_level = 1;  // DEFLATE level for chunked datasets, 0 = none
  std::string case_street = "Shakespeare Crescent";
};

struct Config {
  std::string source_file;  // where it was read from
  InputsConfig inputs;
  FiltersConfig filters;
  ValidationConfig validation;
  SpatialConfig spatial;
  ScenarioModelConfig scenario;  // scenarios, costs, prices, carbon, heat pump/network, ...
  ModelConfig model;
  RunConfig run;
  OutputConfig output;
  std::string resolved_yaml;  // the whole resolved configuration, for provenance
};

struct ConfigOverrides {
  std::vector<std::string> set;  // "key.path=value", value read as YAML
  bool use_environment = true;   // HEATSTREET_WORKERS, _CHUNK_SIZE, _PROFILE
};

// Reads, overrides and checks a configuration. Throws ConfigError (exit 2) naming the
// file, line and key path at fault.
Config load_config(const std::string& file, const ConfigOverrides& overrides = {});
// A configuration file's text: refused (ConfigError) if it is not a regular file or is
// larger than kMaxConfigBytes, so that a directory or a device is never read as YAML.
inline constexpr std::size_t kMaxConfigBytes = 1 << 20;
std::string read_config_file(const std::string& file);
// The same from YAML text (for tests); `name` stands for the file in messages.
Config load_config_text(const std::string& yaml, const std::string& name,
                        const ConfigOverrides& overrides = {});

// The 33 London boroughs (spec: data validation §2.3), the default stock geography.
const std::vector<LocalAuthority>& london_boroughs();

}  // namespace heatstreet
