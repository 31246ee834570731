#include "db/repair.h"

#include <sqlite3.h>

#include <cstdio>
#include <memory>

#include <fmt/core.h>

#include "db/pg_client.h"

namespace miglint {

namespace {

std::string literal(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

// Exact digits, for SQL: a double's integer part has at most 309 of them.
std::string number(double v) {
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

std::string newest(const DatabaseState& db) {
  std::optional<double> max;
  for (const AppliedRow& r : db.rows) {
    if (r.created_at && (!max || *r.created_at > *max)) max = r.created_at;
  }
  return max ? number(*max) : "NULL";
}

// Stops the transaction unless the table still holds what miglint read.
std::string guard(const DatabaseState& db, bool sqlite) {
  const std::string table = db.qualified_table();
  const std::string count = std::to_string(db.rows.size());
  const std::string max = newest(db);
  if (!db.table_found) return "";
  if (sqlite) {
    // SQLite has no procedural blocks: a CHECK constraint makes the insert fail instead.
    return "CREATE TEMP TABLE miglint_guard (unchanged INTEGER CHECK (unchanged = 1));\n"
           "INSERT INTO miglint_guard SELECT (SELECT count(*) FROM " + table + ") = " + count +
           " AND (SELECT max(created_at) FROM " + table + ") IS " + max + ";\n"
           "DROP TABLE miglint_guard;\n";
  }
  return "DO $$ BEGIN\n"
         "  IF (SELECT count(*) FROM " + table + ") <> " + count + " OR (SELECT max(created_at) FROM " + table +
         ") IS DISTINCT FROM " + max + " THEN\n"
         "    RAISE EXCEPTION 'miglint repair: " + table + " changed since it was read; run miglint repair again';\n"
         "  END IF;\n"
         "END $$;\n";
}

}  // namespace

std::string repair_script(const DatabaseState& db, const RepairPlan& plan, bool sqlite) {
  const std::string table = db.qualified_table();
  std::string s = "-- miglint repair for " + table + " in " + db.description + ".\n";
  s += "-- One transaction: it checks that the table is as miglint read it, then changes it.\n";
  s += sqlite ? "-- Run it with: sqlite3 -bail FILE < this-script\n" : "";
  s += "BEGIN;\n";
  // drizzle-orm 1.0's table: rows carry the migration's name, and applied_at (PostgreSQL's default
  // now(); on SQLite the migrator writes the time as JavaScript's toISOString does).
  const bool named = db.table_found ? db.table_has_name : plan.drizzle_orm_1;
  if (!db.table_found) {
    // Exactly what drizzle's migrator creates on its first run.
    if (!sqlite) s += "CREATE SCHEMA IF NOT EXISTS \"" + db.schema + "\";\n";
    std::string columns = sqlite ? (named ? "id INTEGER PRIMARY KEY, hash text NOT NULL, created_at numeric"
                                          : "id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric")
                                 : "id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint";
    if (named) columns += sqlite ? ", name text, applied_at TEXT" : ", name text, applied_at timestamp with time zone DEFAULT now()";
    s += "CREATE TABLE IF NOT EXISTS " + table + " (" + columns + ");\n";
  }
  s += guard(db, sqlite);
  for (const LocalMigration* m : plan.to_record) {
    if (!named) {
      s += "INSERT INTO " + table + " (\"hash\", \"created_at\") VALUES (" + literal(m->hash) + ", " +
           number(m->when()) + ");  -- " + m->name() + "\n";
    } else if (sqlite) {
      s += "INSERT INTO " + table + " (\"hash\", \"created_at\", \"name\", \"applied_at\") VALUES (" + literal(m->hash) +
           ", " + number(m->when()) + ", " + literal(m->name()) + ", strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));\n";
    } else {
      s += "INSERT INTO " + table + " (\"hash\", \"created_at\", \"name\") VALUES (" + literal(m->hash) + ", " +
           number(m->when()) + ", " + literal(m->name()) + ");\n";
    }
  }
  for (const AppliedRow* row : plan.to_forget) {
    std::string name_matches;
    if (db.table_has_name) name_matches = " AND \"name\" " + (row->name ? "= " + literal(*row->name) : std::string("IS NULL"));
    s += "DELETE FROM " + table + " WHERE \"hash\" = " + literal(row->hash) + " AND \"created_at\" " +
         (row->created_at ? "= " + number(*row->created_at) : std::string("IS NULL")) + name_matches + ";\n";
  }
  s += "COMMIT;\n";
  return s;
}

std::variant<std::monostate, ApplyError> apply_repair(const DatabaseTarget& target, const std::string& script) {
  if (const auto* pg = std::get_if<PostgresTarget>(&target)) {
    try {
      pg::Connection connection(pg->write_conninfo);
      connection.exec(script);  // the script brings its own BEGIN and COMMIT
    } catch (const pg::Error& e) {
      if (e.kind() == pg::Error::Kind::Library) return ApplyError{e.what()};
      return ApplyError{
          fmt::format("the repair was not applied ({}): {}", pg->description, scrub(e.what(), pg->password))};
    }
    return std::monostate{};
  }
  const auto& lite = std::get<SqliteTarget>(target);
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(lite.path.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, sqlite3_close);
  if (rc != SQLITE_OK) return ApplyError{fmt::format("could not open {} for writing", lite.path)};
  char* error = nullptr;
  if (sqlite3_exec(db.get(), script.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    return ApplyError{fmt::format("the repair was not applied to {}: {}", lite.path, message)};
  }
  return std::monostate{};
}

}  // namespace miglint
