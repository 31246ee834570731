// A per-thread memo for the canonical_* functions: a folder's snapshots spell the same types,
// defaults and checks thousands of times.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace miglint::schema {

struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
using TextMemo = std::unordered_map<std::string, std::string, TextHash, std::equal_to<>>;

template <typename Compute>
std::string memoized(TextMemo& memo, std::string_view key, Compute compute) {
  if (auto hit = memo.find(key); hit != memo.end()) return hit->second;
  if (memo.size() > 16384) memo.clear();  // bounded: an editor session lives long
  std::string value = compute();
  memo.emplace(std::string(key), value);
  return value;
}

}  // namespace miglint::schema
