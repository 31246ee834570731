// SQLite's C API held by owners that close what they hold, and a text column read as a string:
// what the SQLite replay, the rebuild check and the SQLite catalog reader all need.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>

namespace miglint::schema::sqlite_c {

using Db = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;
using Statement = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

// Column `column` of the current row as text; NULL reads as "".
inline std::string text_at(sqlite3_stmt* s, int column) {
  const unsigned char* value = sqlite3_column_text(s, column);
  return value ? reinterpret_cast<const char*>(value) : "";
}

}  // namespace miglint::schema::sqlite_c
