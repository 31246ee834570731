// Where the tables of a 0.x snapshot are in its text, for the layout drizzle-kit writes
// (JSON.stringify with two spaces): the members of the top-level "tables" object, each
// `\n    "key": {` up to the first `\n    }`. A JSON string holds no raw newline, so in that layout
// the first such line closes the table; the reader checks it (unchanged_tables.cpp) before it
// trusts a span.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace miglint {

struct TableMember {
  std::string_view key;     // as written: no escape in it
  std::size_t begin = 0;    // the newline before the key
  std::size_t value_begin = 0;  // its '{'
  std::size_t end = 0;      // past the '}' that closes it
  std::string_view value(std::string_view text) const { return text.substr(value_begin, end - value_begin); }
};

struct TableLayout {
  std::size_t open = 0;   // the '{' of "tables"
  std::size_t close = 0;  // past the last member: where `\n  }` starts
  std::vector<TableMember> members;
};

// The layout, when the text has it with at least one table, distinct keys and none with an escape.
std::optional<TableLayout> find_table_layout(std::string_view text);

// Whether `text` is one JSON object and nothing else, its strings and brackets balanced.
bool is_one_object(std::string_view text);

}  // namespace miglint
