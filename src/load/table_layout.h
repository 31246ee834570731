// Where the tables of a 0.x snapshot are in its text, for the layout drizzle-kit writes
// (JSON.stringify with two spaces): the members of the top-level "tables" object, each
// `\n    "key": {...}`, separated by commas. A member whose value starts with the bytes of the one
// the previous snapshot had under its key (a whole object) ends where those bytes end; any other
// is followed to its closing brace.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace miglint {

struct TableMember {
  std::string_view key;         // as written: no escape in it
  std::size_t begin = 0;        // the newline before the key
  std::size_t value_begin = 0;  // its '{'
  std::size_t end = 0;          // past the '}' that closes it
  bool repeated = false;        // the value is the one `known` gave for its key
  std::string_view value(std::string_view text) const { return text.substr(value_begin, end - value_begin); }
};

struct TableLayout {
  std::size_t open = 0;   // the '{' of "tables"
  std::size_t close = 0;  // past the last member: where `\n  }` starts
  std::vector<TableMember> members;
};

// The previous snapshot's value of a table key, if it had one.
using KnownTable = std::function<std::optional<std::string_view>(std::string_view key)>;

// The layout, when the text has it with at least one table, distinct keys and none with an escape.
std::optional<TableLayout> find_table_layout(std::string_view text, const KnownTable& known = {});

// Past the bracket that closes the object or array opening at text[begin], or npos.
std::size_t value_end(std::string_view text, std::size_t begin);

}  // namespace miglint
