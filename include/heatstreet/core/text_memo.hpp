#pragma once
// Remembers the result of a pure function of a few texts. The register's descriptor
// columns (walls, roof, heating, ...) repeat a few thousand distinct phrasings across
// millions of certificates, so classifying each distinct phrasing once makes the
// classification nearly free. Bounded: past `limit` distinct keys new keys are computed
// each time and not stored, so memory stays constant however large the input.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

namespace heatstreet {

template <class Result>
class TextMemo {
 public:
  explicit TextMemo(std::size_t limit = 8192) : limit_(limit) {}

  // fn() computes the result for the texts; `flag` is a small extra input (a column's
  // presence, say) that belongs to the key.
  template <class F>
  Result get(std::initializer_list<std::string_view> texts, char flag, F&& fn) {
    // The key buffer is reused, so a lookup allocates nothing once it has grown.
    key_.clear();
    key_.push_back(flag);
    for (std::string_view t : texts) {
      // Length-prefixed, so ("ab", "c") and ("a", "bc") are different keys.
      const std::size_t n = t.size();
      key_.append(reinterpret_cast<const char*>(&n), sizeof n);
      key_.append(t.data(), t.size());
    }
    const auto it = map_.find(key_);
    if (it != map_.end()) return it->second;
    Result r = fn();
    if (map_.size() < limit_) map_.emplace(key_, r);
    return r;
  }

  std::size_t size() const { return map_.size(); }

 private:
  std::size_t limit_;
  std::string key_;
  std::unordered_map<std::string, Result> map_;
};

}  // namespace heatstreet
