#include <fmt/core.h>

#include "sqlite/sqlite_support.h"

namespace miglint {

namespace {

// What SQLite does with a PRAGMA that sets a value inside a transaction, when that is not what the
// migration asks for; nothing for the others (legacy_alter_table, defer_foreign_keys and most
// others take effect inside a transaction).
struct Outcome {
  const char* consequence;
  const char* reason;
  bool fails;
};

std::optional<Outcome> outcome(const schema::PragmaUse& p) {
  if (p.value.empty()) return std::nullopt;  // a query changes nothing
  if (p.name == "foreign_keys") {
    return Outcome{
        "has no effect, and foreign keys stay as the connection had them (on with better-sqlite3, D1 and "
        "Durable Objects)",
        "SQLite ignores it inside a transaction", false};
  }
  if (p.name == "journal_mode" && p.value == "wal") {
    return Outcome{"has no effect, or fails (\"cannot change into wal mode from within a transaction\") when "
                   "nothing was written before it in the transaction",
                   "SQLite keeps the journal mode inside a transaction", false};
  }
  if (p.name == "synchronous") {
    return Outcome{"fails (\"Safety level may not be changed inside a transaction\") and the batch rolls back",
                   "SQLite refuses it inside a transaction", true};
  }
  if (p.name == "page_size" || p.name == "auto_vacuum") {
    return Outcome{"has no effect on an existing database",
                   "it waits for a VACUUM, which cannot run inside a transaction", false};
  }
  return std::nullopt;
}

}  // namespace

void check_sqlite_pragma_in_transaction(const Context& ctx, Reporter& out) {
  const sqlite_rules::MigratorFacts facts = sqlite_rules::migrator_facts(ctx.folder);
  if (!facts.in_transaction) return;
  for (const Migration& m : ctx.folder.migrations) {
    const SqlFile* sql = m.sql;
    if (!sql || sql->unreadable) continue;
    // drizzle-kit's own foreign_keys=OFF / ON around a rebuild: the rebuild rules judge what the
    // DROP does with foreign keys still on, and name the PRAGMA there.
    const bool rebuilds = schema::mentions_drop_table(*sql);
    const schema::PragmaUse* first = nullptr;
    std::optional<Outcome> first_outcome;
    std::size_t more = 0;
    const std::vector<schema::PragmaUse> pragmas = schema::sqlite_pragmas(*sql, true);
    for (const schema::PragmaUse& p : pragmas) {
      if (!p.inside_transaction || (rebuilds && p.name == "foreign_keys")) continue;
      const std::optional<Outcome> o = outcome(p);
      if (!o) continue;
      if (first) {
        ++more;
        continue;
      }
      first = &p;
      first_outcome = o;
    }
    if (!first) continue;
    std::string_view statement = std::string_view(sql->file.bytes())
                                     .substr(first->statement_begin, first->statement_end - first->statement_begin);
    while (!statement.empty() && (statement.back() == ';' || statement.back() == ' ')) statement.remove_suffix(1);
    const std::string others =
        more == 0 ? ""
                  : fmt::format(" ({} more PRAGMA statement{} of this migration likewise)", more, more == 1 ? "" : "s");
    const std::string message = fmt::format("`{}` {}: {}, and it runs inside the transaction of {}{}", statement,
                                            first_outcome->consequence, first_outcome->reason, facts.who, others);
    const Location where = sql->file.location(first->statement_begin, first->statement_begin + statement.size());
    Finding& f = first_outcome->fails ? out.report_as(Severity::Error, where, message, sql->tag)
                                      : out.report(where, message, sql->tag);
    f.help = first->name == "foreign_keys"
                 ? "Set it on the connection before calling migrate() (outside any transaction), or remove it. To "
                   "run a table rebuild with foreign keys off, see the help of the rebuild findings."
                 : "Set it on the connection outside migrate() (better-sqlite3: sqlite.pragma(...) before "
                   "migrate), and remove it from the migration.";
  }
}

}  // namespace miglint
