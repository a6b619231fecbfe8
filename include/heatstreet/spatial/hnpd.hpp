#pragma once
// The Heat Network Planning Database (HNPD) pipeline file: parsing, validation and the two
// point layers (existing and planned schemes), spatial spec §2.5.
//
// The file is small (about 1.3k rows UK-wide), so it is read whole: UTF-8 with an optional
// byte-order mark, falling back to Latin-1 when the bytes are not valid UTF-8; RFC 4180
// records (quoted fields with commas, quotes and line breaks; CRLF or LF).
#include <cstdint>
#include <string>
#include <vector>

namespace heatstreet::hnpd {

struct Point {
  double x = 0;
  double y = 0;
};

// Field comparison form: byte-order marks removed, NBSP and other white space collapsed to
// single spaces, trimmed, case folded (ASCII and Latin-1 letters).
std::string normalise(const std::string& text);

// Header form: byte-order marks removed, split on any white space (NBSP included) and
// re-joined with single spaces; case kept.
std::string clean_header(const std::string& text);

// Coordinate text to metres: commas (thousands separators) removed, blanks and
// "not set"/"none"/"nan"/"n/a" invalid, otherwise a decimal number as Python's float()
// reads it. Returns false when invalid.
bool parse_coordinate(const std::string& text, double* value);

// A usable pair lies in 0 <= x <= 700000 and 0 <= y <= 1300000 (BNG metres).
bool usable_pair(double x, double y);

struct Row {
  std::string ref_id;
  std::string site_name;
  std::string region;  // as written
  std::string status;  // detailed status, or the short one when the detailed is unset
  bool has_pair = false;
  // Coordinates were written but are not a usable pair (unreadable or off the grid).
  bool unreadable_pair = false;
  Point at;
  std::int64_t line = 0;  // 1-based line where the record starts
};

struct File {
  std::string name;  // path, for messages
  std::vector<Row> rows;
  bool latin1 = false;  // bytes were not valid UTF-8
  // Validation of spec §2.5; `problem` is empty when the file is usable.
  std::string problem;
  std::int64_t london_rows = 0;
  std::int64_t london_pairs = 0;
  // Rows whose coordinates were written but cannot be used; they are left out of the
  // layers, and the first one is named in a warning.
  std::int64_t unreadable_pairs = 0;
  std::string first_unreadable;  // "line N: X-coordinate '...', Y-coordinate '...'"
};

// Parses the file's bytes. Never throws for content problems: they go to File::problem
// ("no data rows", "missing required columns: ..."). `region_filter` decides whether
// London rows with coordinates are required.
File parse(const std::string& bytes, const std::string& name, const std::string& region_filter);

// Reads and parses a file; throws InputError when it cannot be read.
File read(const std::string& path, const std::string& region_filter);

// Built-in status sets, and the effective set: the configured entries first, then the
// built-in ones, de-duplicated on their normalised form.
const std::vector<std::string>& builtin_tier1_statuses();
const std::vector<std::string>& builtin_tier2_statuses();
std::vector<std::string> effective_statuses(const std::vector<std::string>& configured,
                                            const std::vector<std::string>& builtin);

// Points of the rows that pass the region filter ("" = all regions), have a status in
// `statuses` and a usable pair. An empty result at any of the three filters throws
// ConfigError naming the file, `region_key` and the filter that left nothing.
std::vector<Point> layer(const File& file, const std::string& region_filter,
                         const std::vector<std::string>& statuses, const std::string& what,
                         const std::string& region_key);

}  // namespace heatstreet::hnpd
