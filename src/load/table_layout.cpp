#include "load/table_layout.h"

#include <unordered_set>

namespace miglint {

namespace {

constexpr std::string_view kTables = "\n  \"tables\": {";
constexpr std::string_view kMember = "\n    \"";
constexpr std::string_view kTablesEnd = "\n  }";

// Brackets followed outside strings from text[begin] up to `end`: the depth reached and whether
// `end` is inside a string; with `stop_when_closed`, it stops past the bracket that closes the
// first one (closed_at), npos when none does.
struct BracketWalk {
  int depth = 0;
  bool in_string = false;
  std::size_t closed_at = std::string_view::npos;
};

BracketWalk walk_brackets(std::string_view text, std::size_t begin, std::size_t end, bool stop_when_closed) {
  BracketWalk w;
  for (std::size_t i = begin; i < end; ++i) {
    const char c = text[i];
    if (w.in_string) {
      if (c == '\\') ++i;
      else if (c == '"') w.in_string = false;
    } else if (c == '"') {
      w.in_string = true;
    } else if (c == '{' || c == '[') {
      ++w.depth;
    } else if ((c == '}' || c == ']') && --w.depth == 0 && stop_when_closed) {
      w.closed_at = i + 1;
      return w;
    }
  }
  return w;
}

// Whether a member's value ending at `end` is followed as the layout has it.
bool followed_as_laid_out(std::string_view text, std::size_t end) {
  return text.substr(end, 1 + kMember.size()) == ",\n    \"" || text.substr(end, kTablesEnd.size()) == kTablesEnd;
}

}  // namespace

std::size_t value_end(std::string_view text, std::size_t begin) {
  return walk_brackets(text, begin, text.size(), true).closed_at;
}

std::optional<TableLayout> find_table_layout(std::string_view text, const KnownTable& known) {
  const std::size_t at = text.find(kTables);
  if (at == std::string_view::npos) return std::nullopt;
  if (const BracketWalk w = walk_brackets(text, 0, at, false); w.in_string || w.depth != 1) return std::nullopt;
  TableLayout layout;
  layout.open = at + kTables.size() - 1;
  std::unordered_set<std::string_view> keys;
  for (std::size_t i = layout.open + 1;;) {
    if (text.substr(i, kMember.size()) != kMember) return std::nullopt;
    TableMember m;
    m.begin = i;
    const std::size_t key_begin = i + kMember.size();
    const std::size_t key_end = text.find('"', key_begin);
    if (key_end == std::string_view::npos) return std::nullopt;
    m.key = text.substr(key_begin, key_end - key_begin);
    if (m.key.find('\\') != std::string_view::npos || !keys.insert(m.key).second) return std::nullopt;
    if (text.substr(key_end, 4) != "\": {") return std::nullopt;
    m.value_begin = key_end + 3;
    if (const std::optional<std::string_view> before = known ? known(m.key) : std::nullopt;
        before && text.substr(m.value_begin, before->size()) == *before &&
        followed_as_laid_out(text, m.value_begin + before->size())) {
      m.end = m.value_begin + before->size();
      m.repeated = true;
    } else {
      m.end = value_end(text, m.value_begin);
      if (m.end == std::string_view::npos) return std::nullopt;
    }
    layout.members.push_back(m);
    if (m.end < text.size() && text[m.end] == ',') {
      i = m.end + 1;
    } else if (text.substr(m.end, kTablesEnd.size()) == kTablesEnd) {
      layout.close = m.end;
      return layout;
    } else {
      return std::nullopt;
    }
  }
}

}  // namespace miglint
