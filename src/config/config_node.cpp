#include "heatstreet/config/config_node.hpp"

#include <algorithm>
#include <sstream>

namespace heatstreet {

ConfigNode::ConfigNode(YAML::Node node, std::string path,
                       std::shared_ptr<const ConfigSource> source)
    : node_(std::move(node)),
      path_(std::move(path)),
      source_(std::move(source)),
      seen_(std::make_shared<std::set<std::string>>()) {}

std::string ConfigNode::child_path(const std::string& key) const {
  if (key.empty()) return path_;
  return path_.empty() ? key : path_ + "." + key;
}

bool ConfigNode::has(const std::string& key) const {
  if (!node_.IsMap()) return false;
  YAML::Node n = node_[key];
  return n.IsDefined() && !n.IsNull();
}

std::string ConfigNode::override_of(const std::string& full) const {
  for (const auto& [path, origin] : source_->overrides)
    if (full == path || full.rfind(path + ".", 0) == 0) return origin + " " + path;
  return "";
}

int ConfigNode::user_line(const std::string& full) const {
  // yaml-cpp nodes are handles: rebind with reset(), never assign (that writes).
  YAML::Node n;
  n.reset(source_->user);
  std::istringstream parts(full);
  std::string part;
  while (std::getline(parts, part, '.')) {
    if (!n.IsMap()) return -1;
    const YAML::Node& parent = n;
    const YAML::Node next = parent[part];
    if (!next.IsDefined()) return -1;
    n.reset(next);
  }
  const YAML::Mark m = n.Mark();
  return m.is_null() ? -1 : m.line + 1;
}

std::string ConfigNode::marked(const std::string& key) const {
  YAML::Node n;
  n.reset(node_);
  if (!key.empty() && node_.IsMap() && node_[key].IsDefined()) n.reset(node_[key]);
  const YAML::Mark m = n.Mark();
  return m.is_null() ? source_->file : source_->file + ":" + std::to_string(m.line + 1);
}

std::string ConfigNode::where(const std::string& key) const {
  const std::string full = child_path(key);
  // A key set by --set or the environment has no line: name the override instead.
  const std::string origin = override_of(full);
  if (!origin.empty()) return origin;
  if (full.empty()) return source_->file;
  if (!source_->has_user) return marked(key);  // one tree, no defaults beneath it
  const int line = user_line(full);
  if (line > 0) return source_->file + ":" + std::to_string(line);
  return source_->file + " (built-in default)";
}

void ConfigNode::fail(const std::string& key, const std::string& message) const {
  throw ConfigError(where(key) + ": " + child_path(key) + ": " + message);
}

ConfigNode ConfigNode::child(const std::string& key) const {
  seen_->insert(key);
  const YAML::Node n = node_.IsMap() ? node_[key] : YAML::Node();
  // Absent children behave as an empty map, so that every default applies.
  if (!n.IsDefined() || n.IsNull())
    return ConfigNode(YAML::Node(YAML::NodeType::Map), child_path(key), source_);
  if (!n.IsMap()) ConfigNode(n, child_path(key), source_).fail("", "expected a map of keys");
  return ConfigNode(n, child_path(key), source_);
}

double ConfigNode::number(const std::string& key, double fallback, double min, double max) const {
  const double v = get<double>(key, fallback);
  if (!(v >= min && v <= max)) {
    std::ostringstream m;
    m << "value " << v << " is out of range [" << min << ", " << max << "]";
    fail(key, m.str());
  }
  return v;
}

std::int64_t ConfigNode::integer(const std::string& key, std::int64_t fallback, std::int64_t min,
                                 std::int64_t max) const {
  const std::int64_t v = get<std::int64_t>(key, fallback);
  if (v < min || v > max) {
    std::ostringstream m;
    m << "value " << v << " is out of range [" << min << ", " << max << "]";
    fail(key, m.str());
  }
  return v;
}

std::string ConfigNode::choice(const std::string& key, const std::string& fallback,
                               const std::vector<std::string>& allowed) const {
  const std::string v = get<std::string>(key, fallback);
  if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    fail(key, "'" + v + "' is not one of: " + list);
  }
  return v;
}

void ConfigNode::allow(std::initializer_list<const char*> keys) const {
  for (const char* k : keys) seen_->insert(k);
}

std::vector<std::string> ConfigNode::keys() const {
  std::vector<std::string> out;
  if (!node_.IsMap()) return out;
  for (const auto& kv : node_) out.push_back(kv.first.as<std::string>());
  return out;
}

void ConfigNode::finish() const {
  if (!node_.IsMap()) return;
  const std::vector<std::string> known(seen_->begin(), seen_->end());
  for (const auto& kv : node_) {
    const std::string key = kv.first.as<std::string>();
    if (seen_->count(key)) continue;
    // Only the user's file and the overrides can bring an unknown key.
    std::string at = override_of(child_path(key));
    if (at.empty()) {
      at = source_->file;
      if (!kv.first.Mark().is_null()) at += ":" + std::to_string(kv.first.Mark().line + 1);
    }
    std::string message = at + ": unknown key '" + child_path(key) + "'";
    const std::string suggestion = nearest_key(key, known);
    if (!suggestion.empty()) message += " (did you mean '" + child_path(suggestion) + "'?)";
    throw ConfigError(message);
  }
}

std::string nearest_key(const std::string& key, const std::vector<std::string>& candidates) {
  auto distance = [](const std::string& a, const std::string& b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      cur[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
        cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        // Adjacent transposition counts as one edit ("sampel" -> "sample").
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          cur[j] = std::min(cur[j], prev[j - 1]);  // approximation of Damerau distance
      }
      std::swap(prev, cur);
    }
    return prev[b.size()];
  };
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, key.size() / 3) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = distance(key, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

void set_yaml_path(YAML::Node& root, const std::string& dotted, const std::string& value,
                   const std::string& origin) {
  if (dotted.empty() || dotted.front() == '.' || dotted.back() == '.' ||
      dotted.find("..") != std::string::npos)
    throw ConfigError(origin + ": malformed key path '" + dotted + "'");
  YAML::Node parsed;
  try {
    parsed = YAML::Load(value);
  } catch (const YAML::Exception& e) {
    throw ConfigError(origin + " " + dotted + ": value is not valid YAML: " + e.msg);
  }
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(dotted);
  while (std::getline(in, part, '.')) parts.push_back(part);
  // Walk with fresh handles: yaml-cpp nodes are references, so assigning to the walking
  // variable would overwrite the tree instead of descending into it.
  std::vector<YAML::Node> chain{root};
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    YAML::Node next = chain.back()[parts[i]];
    if (!next.IsDefined() || next.IsNull()) {
      chain.back()[parts[i]] = YAML::Node(YAML::NodeType::Map);
      next = chain.back()[parts[i]];
    } else if (!next.IsMap()) {
      throw ConfigError(origin + " " + dotted + ": '" + parts[i] + "' is not a map");
    }
    chain.push_back(next);
  }
  chain.back()[parts.back()] = parsed;
}

}  // namespace heatstreet
