// The PostgreSQL side of read_database: libpq's C API (db/pg_client.h), one READ ONLY transaction,
// three queries for the migrations table and a fixed few for the schema (schema/catalog.h).
#include <fmt/core.h>

#include <string_view>

#include "db/pg_client.h"
#include "db/reader.h"
#include "schema/catalog.h"

namespace miglint {

namespace {

ReadError failure(const PostgresTarget& target, const std::string& what, const std::string& detail, const std::string& advice) {
  // libpq's messages span lines ("...failed: ...\n\tIs the server running..."): make them one.
  std::string flat;
  std::string text = scrub(detail, target.password);
  text = text.substr(0, text.find("\nLINE "));  // PostgreSQL echoes the query; users need the reason
  for (char c : text) {
    bool space = c == '\n' || c == '\t' || c == '\r' || c == ' ';
    if (space && (flat.empty() || flat.back() == ' ')) continue;
    flat += space ? ' ' : c;
  }
  while (!flat.empty() && flat.back() == ' ') flat.pop_back();
  if (!flat.empty() && flat.back() != '.' && flat.back() != '?') flat += '.';
  return ReadError{fmt::format("{} ({}): {} {}", what, target.description, flat, advice)};
}

std::string sql_advice(const pg::Error& e, const TableName& name) {
  const std::string& state = e.sqlstate();
  if (state == "42501") {
    return fmt::format("Grant the user SELECT on \"{0}\".\"{1}\" and USAGE on schema \"{0}\", or use a user that may "
                       "read it",
                       name.schema, name.table);
  }
  if (state == "57014" || std::string(e.what()).find("statement timeout") != std::string::npos) {
    return "A query ran past the statement timeout (another session may hold a lock on the table); raise it with "
           "--statement-timeout";
  }
  return "Check that this is the database drizzle migrates";
}

}  // namespace

std::variant<DatabaseState, ReadError> read_postgres(const PostgresTarget& target, const TableName& name) {
  DatabaseState state;
  state.description = fmt::format("PostgreSQL database ({})", target.description);
  state.schema = name.schema;
  state.table = name.table;
  try {
    pg::Connection connection(target.conninfo);
    pg::ReadOnlyTransaction tx(connection);  // BEGIN READ ONLY: nothing here can write
    // 1. Where a table of that name exists, in any schema, and tables shaped like drizzle's
    //    (id, hash, created_at) under another name (a custom migrationsTable).
    for (const auto& row : connection.exec(
             "SELECT n.nspname, c.relname, EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a WHERE a.attrelid = "
             "c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attname = 'name') "
             "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
             "ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND (c.relname = $1 OR "
             "(SELECT count(*) FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 "
             "AND NOT a.attisdropped AND a.attname IN ('id', 'hash', 'created_at')) = 3) "
             "ORDER BY c.relname <> $1, n.nspname, c.relname",
             {name.table})) {
      std::string schema = row[0].c_str();
      std::string table = row[1].c_str();
      if (schema == name.schema && table == name.table) {
        state.table_found = true;
        state.table_has_name = std::string_view(row[2].c_str()) == "t";
      } else state.table_found_elsewhere.push_back(schema + "." + table);
    }
    // 2. Whether the database holds anything else (a schema pushed without migrations).
    const pg::Result others = connection.exec(
        "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
        "ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') "
        "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
        "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%' "
        "AND c.relname <> $1)",
        {name.table});
    state.has_user_tables = std::string_view(others[0][0].c_str()) == "t";
    // 3. The rows, as text so bigint, numeric and NULL all come through; drizzle-orm 1.0's name and
    //    applied_at where the table has them.
    if (state.table_found) {
      std::string table = connection.quote_name(name.schema) + "." + connection.quote_name(name.table);
      // to_jsonb: the columns 1.0 added read as NULL where the table lacks them, whatever its shape.
      for (const auto& row : connection.exec("SELECT id::text, hash, created_at::text, to_jsonb(t)->>'name', "
                                             "to_jsonb(t)->>'applied_at' FROM " + table +
                                             " t ORDER BY created_at NULLS FIRST, id")) {
        AppliedRow applied;
        applied.id = row[0].is_null() ? "" : row[0].c_str();
        applied.hash = row[1].is_null() ? "" : row[1].c_str();
        set_created_at(applied, row[2].is_null() ? nullptr : row[2].c_str());
        if (!row[3].is_null()) applied.name = row[3].c_str();
        applied.applied_at = row[4].is_null() ? "" : row[4].c_str();
        state.rows.push_back(std::move(applied));
      }
    }
    // 4. The schema it holds, for the schema rules; a failure here leaves the checks above standing.
    auto catalog = schema::read_postgres_catalog(connection, {name.schema, name.table});
    if (auto* live = std::get_if<schema::Schema>(&catalog)) state.live_schema = std::move(*live);
    else state.live_schema_error = std::get<schema::CatalogError>(catalog).message;
    tx.commit();
  } catch (const pg::Error& e) {
    if (e.kind() == pg::Error::Kind::Library) return ReadError{e.what()};
    if (e.kind() == pg::Error::Kind::Connection) {
      return failure(target, "could not connect to PostgreSQL", e.what(),
                     "Check that the server runs and is reachable from here, the database name, the user and the "
                     "password; the connect timeout is set with --connect-timeout");
    }
    return failure(target, "could not read the migrations table", e.what(), sql_advice(e, name));
  } catch (const std::exception& e) {
    return failure(target, "could not read the database", e.what(), "Check the connection settings");
  }
  return state;
}

}  // namespace miglint
