#pragma once
// Typed, checked access to a YAML configuration tree. Every read names the key path, so
// an error can say which key and which line of which file is at fault; the keys a parser
// reads are remembered, so finish() can refuse unknown keys and suggest the nearest
// valid one. Only the configuration loader uses this; the rest of the program sees the
// typed Config.
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "heatstreet/core/error.hpp"

namespace heatstreet {

// Where configuration text came from: the file name, and the key paths set on the
// command line or from the environment (they have no line in the file).
struct ConfigSource {
  std::string file;
  std::map<std::string, std::string> overrides;  // key path -> "--set" or the variable name
  // The user's own tree: a key found there has a line in `file`; any other key comes from
  // the built-in defaults, whose line numbers mean nothing in the user's file.
  YAML::Node user;
  bool has_user = false;  // false: a tree read on its own, without defaults beneath it
};

class ConfigNode {
 public:
  ConfigNode(YAML::Node node, std::string path, std::shared_ptr<const ConfigSource> source);

  const std::string& path() const { return path_; }
  const YAML::Node& yaml() const { return node_; }
  bool defined() const { return node_.IsDefined() && !node_.IsNull(); }
  bool is_map() const { return node_.IsMap(); }
  bool has(const std::string& key) const;

  // "file.yaml:12: key a.b.c" or "--set a.b.c": where this node (or its child) comes from.
  std::string where(const std::string& key = "") const;
  [[noreturn]] void fail(const std::string& key, const std::string& message) const;

  // A child map; absent children read as empty maps so that defaults apply.
  ConfigNode child(const std::string& key) const;

  template <class T>
  T get(const std::string& key, const T& fallback) const;
  template <class T>
  T required(const std::string& key) const;
  template <class T>
  std::optional<T> optional(const std::string& key) const;
  // A list of scalars (a single scalar is accepted as a one-element list).
  template <class T>
  std::vector<T> list(const std::string& key, const std::vector<T>& fallback) const;

  double number(const std::string& key, double fallback, double min, double max) const;
  std::int64_t integer(const std::string& key, std::int64_t fallback, std::int64_t min,
                       std::int64_t max) const;
  std::string choice(const std::string& key, const std::string& fallback,
                     const std::vector<std::string>& allowed) const;

  // Keys that are accepted but carry only documentation (the reader ignores them).
  void allow(std::initializer_list<const char*> keys) const;
  // The keys of this map, in file order (for user-defined entries such as scenarios).
  std::vector<std::string> keys() const;
  // Refuses any key of this map that no read or allow() named.
  void finish() const;

 private:
  template <class T>
  T convert(const YAML::Node& n, const std::string& key) const;
  std::string child_path(const std::string& key) const;
  // The override that set a key path ("--set" or an environment variable), or "".
  std::string override_of(const std::string& full_path) const;
  // The line of a key path in the user's file, or -1 when the user did not write it.
  int user_line(const std::string& full_path) const;
  // "file:line" from the node's own mark (a tree read without built-in defaults).
  std::string marked(const std::string& key) const;

  YAML::Node node_;
  std::string path_;
  std::shared_ptr<const ConfigSource> source_;
  std::shared_ptr<std::set<std::string>> seen_;
};

// The nearest candidate by edit distance, or "" when none is close enough.
std::string nearest_key(const std::string& key, const std::vector<std::string>& candidates);

// Sets a dotted key path in a YAML tree to a value parsed as YAML (maps are created as
// needed). Throws ConfigError for a malformed path or value.
void set_yaml_path(YAML::Node& root, const std::string& dotted, const std::string& value,
                   const std::string& origin);

// --- template definitions ----------------------------------------------------------

template <class T>
T ConfigNode::convert(const YAML::Node& n, const std::string& key) const {
  if constexpr (std::is_same_v<T, bool>) {
    if (n.IsScalar()) {
      const std::string& s = n.Scalar();
      if (s == "true" || s == "True" || s == "yes" || s == "on") return true;
      if (s == "false" || s == "False" || s == "no" || s == "off") return false;
    }
    fail(key, "expected true or false");
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!n.IsScalar()) fail(key, "expected a text value");
    return n.Scalar();
  } else if constexpr (std::is_floating_point_v<T>) {
    if (!n.IsScalar()) fail(key, "expected a number");
    const std::string& s = n.Scalar();
    try {
      std::size_t used = 0;
      double v = std::stod(s, &used);
      if (used == s.size()) return static_cast<T>(v);
    } catch (const std::exception&) {
    }
    fail(key, "expected a number, found '" + s + "'");
  } else if constexpr (std::is_integral_v<T>) {
    if (!n.IsScalar()) fail(key, "expected a whole number");
    const std::string& s = n.Scalar();
    try {
      std::size_t used = 0;
      long long v = std::stoll(s, &used);
      if (used == s.size()) return static_cast<T>(v);
    } catch (const std::exception&) {
    }
    fail(key, "expected a whole number, found '" + s + "'");
  } else {
    static_assert(sizeof(T) == 0, "unsupported configuration type");
  }
}

template <class T>
T ConfigNode::get(const std::string& key, const T& fallback) const {
  seen_->insert(key);
  if (!node_.IsMap()) return fallback;
  YAML::Node n = node_[key];
  if (!n.IsDefined() || n.IsNull()) return fallback;
  return convert<T>(n, key);
}

template <class T>
T ConfigNode::required(const std::string& key) const {
  seen_->insert(key);
  YAML::Node n = node_.IsMap() ? node_[key] : YAML::Node();
  if (!n.IsDefined() || n.IsNull()) fail(key, "is required");
  return convert<T>(n, key);
}

template <class T>
std::optional<T> ConfigNode::optional(const std::string& key) const {
  seen_->insert(key);
  if (!node_.IsMap()) return std::nullopt;
  YAML::Node n = node_[key];
  if (!n.IsDefined() || n.IsNull()) return std::nullopt;
  return convert<T>(n, key);
}

template <class T>
std::vector<T> ConfigNode::list(const std::string& key, const std::vector<T>& fallback) const {
  seen_->insert(key);
  if (!node_.IsMap()) return fallback;
  YAML::Node n = node_[key];
  if (!n.IsDefined() || n.IsNull()) return fallback;
  if (n.IsScalar()) return {convert<T>(n, key)};
  if (!n.IsSequence()) fail(key, "expected a list");
  std::vector<T> out;
  for (std::size_t i = 0; i < n.size(); ++i) out.push_back(convert<T>(n[i], key));
  return out;
}

}  // namespace heatstreet
