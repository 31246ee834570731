#include <fmt/core.h>

#include "safety/safety_support.h"

namespace miglint {

namespace {

// With no transaction around migrations, BEGIN ... COMMIT is how a migration makes itself atomic;
// only a transaction the file opens and never ends is wrong: what runs after it joins it.
void report_unended_transaction(const SqlFile& sql, Reporter& out) {
  const SqlStatement* open = nullptr;
  const char* opened_by = nullptr;
  for (const SqlChunk& chunk : sql.sql().chunks) {
    for (const SqlStatement& s : chunk.statements) {
      const std::optional<TransactionControl> control = transaction_control(s);
      if (!control || control->change == 0) continue;
      open = control->change > 0 ? &s : nullptr;
      opened_by = control->name;
    }
  }
  if (!open) return;
  const std::string_view name = opened_by;
  out.report(sql.file.location(open->begin, open->begin + name.substr(0, name.find(' ')).size()),
             fmt::format("{} opens a transaction this migration never ends; the migrator (migrator = \"none\") "
                         "commits nothing itself, so the migrations after this one run inside it, and closing the "
                         "connection rolls them back with it",
                         name),
             sql.tag)
      .help = "End the transaction in the same migration: COMMIT after its last statement.";
}

}  // namespace

void check_sql_transaction_control(const Context& ctx, Reporter& out) {
  const Migrator migrator = ctx.folder.migrator;
  // Only what migrate runs: a SQL file of no migration never runs (sql-file-orphan says so).
  const safety::Run run(ctx);
  for (const SqlFile* file : run.in_order()) {
    const SqlFile& sql = *file;
    if (migrator == Migrator::None) {
      report_unended_transaction(sql, out);
      continue;
    }
    const char* whose = migrator == Migrator::Drizzle
                            ? "drizzle's migrator already runs all pending migrations in one transaction, so this "
                              "ends or breaks it and the rest of the batch is no longer atomic"
                            : "the migrator (migrator = \"per-migration\") already runs each migration in a "
                              "transaction of its own, so this ends or breaks it and the rest of the migration is "
                              "no longer atomic";
    for (const SqlChunk& chunk : sql.sql().chunks) {
      for (const SqlStatement& s : chunk.statements) {
        const std::optional<TransactionControl> control = transaction_control(s);
        if (!control) continue;
        const std::string_view name = control->name;
        out.report(sql.file.location(s.begin, s.begin + name.substr(0, name.find(' ')).size()),
                   fmt::format("{}: {}", name, whose), sql.tag)
            .help = migrator == Migrator::Drizzle
                        ? "Remove it. A statement that must run outside a transaction has to run outside drizzle's "
                          "migrate."
                        : "Remove it. A statement that must run outside a transaction has to run outside the "
                          "migrator.";
      }
    }
  }
}

}  // namespace miglint
