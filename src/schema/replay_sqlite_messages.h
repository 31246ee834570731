// What SQLite and better-sqlite3 say, read for replay_sqlite(). Private to the SQLite replay and catalog files.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "schema/sqlite_create_text.h"

namespace miglint::schema::sqlite_replay {

// What better-sqlite3 accepts after the one statement it prepares: white space, ";" and comments.
bool only_comments(std::string_view tail);

std::string lower(std::string s);

// "table `a b` already exists" -> (table, a b); "there is already another table or index with this
// name: b" -> ("", b).
std::optional<std::pair<std::string, std::string>> existing_object(const std::string& message);

// "no such table: main.posts", "no such index: i", "no such view: v", "no such column: c" (of the
// table an ALTER TABLE names): what the statement needed and the schema lacks, as "table posts".
std::optional<std::string> missing_object(const std::string& message, const sqlite_text::StatementTarget& target);

}  // namespace miglint::schema::sqlite_replay
