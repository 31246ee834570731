// The SQLite side of read_database: the file opened read-only, three queries.
#include <sqlite3.h>

#include <memory>

#include <fmt/core.h>

#include "db/reader.h"
#include "schema/catalog.h"

namespace miglint {

namespace {

using Db = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;
using Statement = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

Statement prepare(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* raw = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr);
  return Statement(raw, sqlite3_finalize);
}

const char* text_at(sqlite3_stmt* s, int column) {
  return sqlite3_column_type(s, column) == SQLITE_NULL ? nullptr
                                                       : reinterpret_cast<const char*>(sqlite3_column_text(s, column));
}

}  // namespace

std::variant<DatabaseState, ReadError> read_sqlite(const SqliteTarget& target, const TableName& name) {
  DatabaseState state;
  state.description = target.description;
  state.table = name.table;
  sqlite3* raw = nullptr;
  // Read-only and never created: a wrong path must not leave an empty database behind.
  int rc = sqlite3_open_v2(target.path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  Db db(raw, sqlite3_close);
  if (rc != SQLITE_OK) {
    std::string why = raw ? sqlite3_errmsg(raw) : "out of memory";
    return ReadError{fmt::format("could not open the SQLite database {}: {}. Check the path (relative paths start "
                                 "from the working directory)",
                                 target.path, why)};
  }
  sqlite3_busy_timeout(db.get(), 5000);
  auto fail = [&](const char* what) {
    return ReadError{fmt::format("{} in {}: {}. Check that this is the SQLite file drizzle migrates", what,
                                 target.path, sqlite3_errmsg(db.get()))};
  };
  // Every table, and whether it is shaped like drizzle's (id, hash, created_at): a custom
  // migrationsTable shows up that way.
  Statement tables = prepare(db.get(),
                             "SELECT m.name, (SELECT count(*) FROM pragma_table_info(m.name) p WHERE p.name IN "
                             "('id', 'hash', 'created_at')) = 3, (SELECT count(*) FROM pragma_table_info(m.name) p "
                             "WHERE p.name = 'name'), (SELECT count(*) FROM pragma_table_info(m.name) p WHERE p.name = "
                             "'applied_at') FROM sqlite_master m WHERE m.type IN ('table', 'view') "
                             "AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name");
  if (!tables) return fail("could not list the tables");
  bool has_applied_at = false;
  while ((rc = sqlite3_step(tables.get())) == SQLITE_ROW) {
    std::string table = text_at(tables.get(), 0) ? text_at(tables.get(), 0) : "";
    if (table == name.table) {
      state.table_found = true;
      state.table_has_name = sqlite3_column_int(tables.get(), 2) == 1;  // drizzle-orm 1.0's shape
      has_applied_at = sqlite3_column_int(tables.get(), 3) == 1;
      continue;
    }
    if (sqlite3_column_int(tables.get(), 1) == 1) state.table_found_elsewhere.push_back(table);
    else state.has_user_tables = true;
  }
  if (rc != SQLITE_DONE) return fail("could not list the tables");
  if (state.table_found) {
    // drizzle's SQLite table has NULL ids ("id SERIAL" is no rowid alias): order by created_at, then rowid.
    std::string quoted = "\"" + name.table + "\"";
    std::string v1_columns = std::string(state.table_has_name ? ", name" : ", NULL") +
                             (has_applied_at ? ", CAST(applied_at AS TEXT)" : ", NULL");
    Statement rows = prepare(db.get(), "SELECT CAST(id AS TEXT), hash, CAST(created_at AS TEXT)" + v1_columns +
                                           " FROM " + quoted + " ORDER BY created_at, rowid");
    if (!rows) return fail("could not read the migrations table");
    while ((rc = sqlite3_step(rows.get())) == SQLITE_ROW) {
      AppliedRow row;
      row.id = text_at(rows.get(), 0) ? text_at(rows.get(), 0) : "";
      row.hash = text_at(rows.get(), 1) ? text_at(rows.get(), 1) : "";
      set_created_at(row, text_at(rows.get(), 2));
      if (text_at(rows.get(), 3)) row.name = text_at(rows.get(), 3);
      row.applied_at = text_at(rows.get(), 4) ? text_at(rows.get(), 4) : "";
      state.rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) return fail("could not read the migrations table");
  }
  // The schema it holds, for the schema rules; a failure here leaves the checks above standing.
  auto catalog = schema::read_sqlite_catalog(db.get(), name.table);
  if (auto* live = std::get_if<schema::Schema>(&catalog)) state.live_schema = std::move(*live);
  else state.live_schema_error = std::get<schema::CatalogError>(catalog).message;
  return state;
}

}  // namespace miglint
