#include "engine/rule_api.h"

namespace miglint {

void check_db_migrations_table_missing(const Context& ctx, Reporter& out) {
  if (!ctx.database || ctx.database->state.table_found) return;
  const DatabaseState& db = ctx.database->state;
  std::string message = "the database has no migrations table " + db.qualified_table();
  std::string help;
  if (!db.table_found_elsewhere.empty()) {
    message += ", but " + db.table_found_elsewhere.front() + " exists";
    help = "Point miglint (--migrations-schema, --migrations-table) and your migrate() call at the table drizzle "
           "really uses; both must agree, or migrate starts a second, empty history.";
  } else if (db.has_user_tables) {
    message += ", yet it holds tables: its schema was made without drizzle's migrator (drizzle-kit push or by hand), "
               "so migrate would run every migration again and fail on objects that exist";
    help = "Record the migrations whose objects already exist as applied (miglint repair --mark-applied prints the "
           "SQL), then let migrate apply the rest.";
  } else {
    message += "; the database is empty, and the next migrate creates the table and applies every migration";
    help = "Nothing to do if this is a new database.";
  }
  Severity severity = db.has_user_tables || !db.table_found_elsewhere.empty() ? Severity::Error : Severity::Info;
  out.report_as(severity, ctx.folder.journal.whole(), message).help = help;
}

}  // namespace miglint
