#pragma once
// The one byte format of messages between ranks: fixed-size values as their bytes (all
// ranks share one machine type), texts as a uint32 length and their bytes, so any byte
// may appear in a text. Row exchange, key exchange and every string broadcast use it.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace heatstreet::wire {

template <class T, class Buffer>
void put(Buffer& out, const T& v) {
  const char* p = reinterpret_cast<const char*>(&v);
  out.insert(out.end(), p, p + sizeof v);
}

template <class T>
T get(const char*& p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  p += sizeof v;
  return v;
}

template <class Buffer>
void put_text(Buffer& out, std::string_view s) {
  put(out, static_cast<std::uint32_t>(s.size()));
  out.insert(out.end(), s.begin(), s.end());
}

inline std::string_view get_text(const char*& p) {
  const auto n = get<std::uint32_t>(p);
  const std::string_view s(p, n);
  p += n;
  return s;
}

// A list of texts in one message.
inline std::string pack_strings(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) put_text(out, s);
  return out;
}

inline void unpack_strings(std::string_view packed, std::vector<std::string>& into) {
  const char* p = packed.data();
  const char* end = p + packed.size();
  while (p < end) into.emplace_back(get_text(p));
}

}  // namespace heatstreet::wire
