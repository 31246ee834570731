#include "core/glob.h"

#include <cctype>
#include <optional>

namespace miglint {

namespace {

bool in_class(std::string_view name, unsigned char c) {
  if (name == "alnum") return std::isalnum(c) != 0;
  if (name == "alpha") return std::isalpha(c) != 0;
  if (name == "blank") return c == ' ' || c == '\t';
  if (name == "cntrl") return std::iscntrl(c) != 0;
  if (name == "digit") return std::isdigit(c) != 0;
  if (name == "graph") return std::isgraph(c) != 0;
  if (name == "lower") return std::islower(c) != 0;
  if (name == "print") return std::isprint(c) != 0;
  if (name == "punct") return std::ispunct(c) != 0;
  if (name == "space") return std::isspace(c) != 0;
  if (name == "upper") return std::isupper(c) != 0;
  if (name == "xdigit") return std::isxdigit(c) != 0;
  return false;
}

struct SetMatch {
  bool matched;
  std::size_t end;  // just past the closing ']'
};

// The bracket expression starting at pattern[at] == '['; nullopt when it has no closing ']' (or
// names an unknown class), and the '[' then stands for itself.
std::optional<SetMatch> match_set(std::string_view pattern, std::size_t at, unsigned char c) {
  std::size_t i = at + 1;
  bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negate) ++i;
  bool matched = false;
  bool first = true;
  while (i < pattern.size() && (pattern[i] != ']' || first)) {
    first = false;
    if (pattern.substr(i, 2) == "[:") {
      const std::size_t close = pattern.find(":]", i + 2);
      if (close == std::string_view::npos) return std::nullopt;
      const std::string_view name = pattern.substr(i + 2, close - i - 2);
      bool known = false;
      for (std::string_view k : {"alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct",
                                 "space", "upper", "xdigit"}) {
        known |= k == name;
      }
      if (!known) return std::nullopt;
      matched |= in_class(name, c);
      i = close + 2;
      continue;
    }
    if (pattern[i] == '\\' && i + 1 < pattern.size()) ++i;
    const auto low = static_cast<unsigned char>(pattern[i]);
    ++i;
    if (i + 1 < pattern.size() && pattern[i] == '-' && pattern[i + 1] != ']') {
      std::size_t hi_at = i + 1;
      if (pattern[hi_at] == '\\' && hi_at + 1 < pattern.size()) ++hi_at;
      const auto high = static_cast<unsigned char>(pattern[hi_at]);
      matched |= low <= c && c <= high;
      i = hi_at + 1;
    } else {
      matched |= c == low;
    }
  }
  if (i >= pattern.size()) return std::nullopt;
  return SetMatch{matched != negate, i + 1};
}

}  // namespace

bool glob_matches(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0;
  // Where to resume after the last '*': its pattern position and the text it has swallowed to.
  std::optional<std::size_t> star_p;
  std::size_t star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size()) {
      const char pc = pattern[p];
      const auto tc = static_cast<unsigned char>(text[t]);
      if (pc == '*') {
        star_p = ++p;
        star_t = t;
        continue;
      }
      if (pc == '?') {
        ++p, ++t;
        continue;
      }
      if (pc == '[') {
        if (auto set = match_set(pattern, p, tc)) {
          if (set->matched) {
            p = set->end, ++t;
            continue;
          }
        } else if (tc == '[') {
          ++p, ++t;
          continue;
        }
      } else {
        // A '\\' escapes the next character; one that ends the pattern matches nothing.
        const std::size_t lit = pc == '\\' ? p + 1 : p;
        if (lit < pattern.size() && static_cast<unsigned char>(pattern[lit]) == tc) {
          p = lit + 1, ++t;
          continue;
        }
      }
    }
    if (!star_p) return false;
    p = *star_p;  // let the last '*' swallow one more character
    t = ++star_t;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace miglint
