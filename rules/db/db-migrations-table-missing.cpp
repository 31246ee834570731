#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_db_migrations_table_missing(const Context& ctx, Reporter& out) {
  const DatabaseState& db = ctx.database->state;
  if (db.table_found) {
    // An empty table beside the schema's tables: a first migrate after push that failed.
    if (db.rows.empty() && db.has_user_tables) {
      out.report(database_finding_location(ctx.folder),
                 fmt::format("the migrations table {} is empty, yet the database holds tables: its schema was made "
                             "without drizzle's migrator, and migrate will run every migration again and fail on "
                             "objects that exist",
                             db.qualified_table()))
          .help = "Record the migrations whose objects already exist as applied (miglint repair --mark-applied prints "
                  "the SQL), then let migrate apply the rest.";
    }
    return;
  }
  std::string found;  // what the database holds instead, or that it holds nothing
  std::string help;
  if (!db.table_found_elsewhere.empty()) {
    const std::string& other = db.table_found_elsewhere.front();
    bool same_name = other == db.table || other.ends_with("." + db.table);
    found = same_name ? fmt::format(", but {} exists", other)
                      : fmt::format(", but {} has drizzle's columns (id, hash, created_at)", other);
    help = "Point miglint (--migrations-schema, --migrations-table) and your migrate() call at the table drizzle "
           "really uses; both must agree, or migrate starts a second, empty history.";
  } else if (db.has_user_tables) {
    found = ", yet it holds tables: its schema was made without drizzle's migrator (drizzle-kit push or by hand), "
            "so migrate would run every migration again and fail on objects that exist";
    help = "Record the migrations whose objects already exist as applied (miglint repair --mark-applied prints the "
           "SQL), then let migrate apply the rest.";
  } else {
    found = "; the database is empty, and the next migrate creates the table and applies every migration";
    help = "Nothing to do if this is a new database.";
  }
  Severity severity = db.has_user_tables || !db.table_found_elsewhere.empty() ? Severity::Error : Severity::Info;
  out.report_as(severity, database_finding_location(ctx.folder),
                fmt::format("the database has no migrations table {}{}", db.qualified_table(), found))
      .help = help;
}

}  // namespace miglint
