// A small JSON scanner that knows byte positions: syntax errors with their
// offset, the span of the value a JSON pointer names, and duplicate keys.
// The parsers (nlohmann, simdjson) give no positions, so findings use this.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace miglint {

inline constexpr std::size_t kMaxJsonDepth = 512;

struct JsonSyntaxError {
  std::size_t offset = 0;
  std::string message;
};

struct JsonSpan {
  std::size_t key_begin = std::string_view::npos;  // the member's key, npos for array items and the root
  std::size_t value_begin = 0;
  std::size_t value_end = 0;
};

// Checks that text is exactly one JSON value: RFC 8259 syntax, valid UTF-8, depth within max_depth.
std::optional<JsonSyntaxError> check_json_syntax(std::string_view text, std::size_t max_depth = kMaxJsonDepth);

// The span of the value at an RFC 6901 pointer; nothing if absent or the text is not JSON.
std::optional<JsonSpan> locate_json_pointer(std::string_view text, std::string_view pointer);
// The same for several pointers in one pass that stops once all are found.
std::vector<std::optional<JsonSpan>> locate_json_pointers(std::string_view text,
                                                          const std::vector<std::string>& pointers);

struct DuplicateKey {
  std::string pointer;  // pointer of the member that repeats an earlier key of its object
  JsonSpan span;
};

// Every value's span by pointer (first occurrence wins), plus repeated keys, from one pass. Kept
// as a tree of spans over `text`, which must outlive the index: a string per pointer took
// gigabytes for a journal of a million entries. Empty when the text is not JSON.
class JsonIndex {
 public:
  std::vector<DuplicateKey> duplicates;
  const JsonSpan* find(const std::string& pointer) const;

 private:
  friend JsonIndex index_json(std::string_view text);
  struct Node {
    JsonSpan span;
    std::uint32_t first_child = 0;  // into children_
    std::uint32_t child_count = 0;
  };
  const JsonSpan* find_below(std::uint32_t node, const std::vector<std::string>& tokens, std::size_t k) const;
  const std::vector<std::uint32_t>& members_named(std::uint32_t object, const std::string& key) const;
  void collect_duplicates(std::uint32_t node, const std::string& pointer, bool under_repeated_key,
                          std::vector<std::pair<std::uint32_t, DuplicateKey>>& found) const;
  std::string key_of(const Node& member) const;
  bool is(const Node& node, char opening) const { return text_[node.span.value_begin] == opening; }

  std::string_view text_;
  std::vector<Node> nodes_;  // in the order values end: children before their parent, the root last
  std::vector<std::uint32_t> children_;
  // Members by key, made on the first look-up in an object with many members.
  mutable std::unordered_map<std::uint32_t, std::unordered_map<std::string, std::vector<std::uint32_t>>> by_key_;
};
JsonIndex index_json(std::string_view text);

// Escapes one reference token for a JSON pointer (~ -> ~0, / -> ~1).
std::string json_pointer_token(std::string_view token);

}  // namespace miglint
