// A 0.x PostgreSQL snapshot repeats most tables of the one before byte for byte: drizzle-kit
// writes the whole schema each time, laid out the same way. Such a table need not be parsed,
// validated or modelled again. Each loader thread remembers the tables of the last snapshot it
// read; the next one is parsed without those it repeats, and their models go back in their place
// (snapshot_loader.cpp, which reads the snapshot in full whenever the result is in any doubt).
// A table counts as repeated only when its bytes equal the last one's, itself followed to its
// closing brace, and the layout goes on right after them (table_layout.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "load/table_layout.h"

namespace miglint {

namespace schema {
struct Table;
}

class UnchangedTables {
 public:
  struct Cut {
    std::string_view text;                   // the snapshot without them, simdjson's padding past its end
    std::vector<std::string_view> kept_keys;  // the tables left in, in order
    std::vector<std::pair<std::size_t, const schema::Table*>> reused;  // by place among the members
  };

  // The value the last snapshot had under a table key: for find_table_layout.
  std::optional<std::string_view> known(std::string_view key) const {
    const auto seen = members_.find(key);
    return seen == members_.end() ? std::nullopt : std::optional<std::string_view>(seen->second.value);
  }

  // The snapshot (laid out with `known`) without the tables it repeats (when models are wanted,
  // only those whose model was made), or nothing when it repeats none. The text is valid until the
  // next cut.
  std::optional<Cut> cut(std::string_view text, const TableLayout& layout, bool models);

  // A snapshot that was read and validated: its members' models in file order (null when none
  // was made). Its text must stay valid until the next snapshot is laid out and cut.
  void remember(std::string_view text, const TableLayout& layout, const std::vector<const schema::Table*>& models,
                std::string_view version);
  void forget() { members_.clear(); }

  // The remembered snapshot's version: a table is valid alike only under the same one.
  const std::string& version() const { return version_; }

 private:
  struct Seen {
    std::string_view value;  // in text_
    const schema::Table* model = nullptr;
  };
  std::string_view text_;
  std::string version_;
  std::string cut_;  // the buffer of the last cut
  std::unordered_map<std::string_view, Seen> members_;  // by key, in text_
};

}  // namespace miglint
