#include <fmt/core.h>
#include <fmt/ranges.h>

#include "engine/rule_api.h"
#include "schema/pending_check.h"
#include "schema/schema_support.h"

namespace miglint {

namespace {

std::string first_few(const std::vector<std::string>& names) {
  if (names.size() <= 4) return fmt::format("{}", fmt::join(names, ", "));
  return fmt::format("{} and {} more", fmt::join(names.begin(), names.begin() + 4, ", "), names.size() - 4);
}

}  // namespace

void check_db_pending_already_applied(const Context& ctx, Reporter& out) {
  const DatabaseState& db = ctx.database->state;
  if (!db.live_schema) return;
  std::vector<const Migration*> pending;
  for (const LocalMigration& local : ctx.database->reconciliation.local) {
    if (local.state != MigrationState::Pending) continue;
    pending.push_back(local.migration);
  }
  // Pending migrations run in one transaction: the first statement that fails rolls all back.
  const Migration* failing = nullptr;
  for (const schema::PendingVerdict& v : schema::judge_pending(ctx.folder, *db.live_schema, pending)) {
    if (v.state == schema::PendingState::NotInSchema) continue;
    const Migration& m = *v.migration;
    const std::string name = schema_findings::name_of(m);
    const std::string stops = failing ? fmt::format(" (migrate already stops earlier, in {})", schema_findings::name_of(*failing)) : "";
    const std::string fails =
        v.failing_statement
            ? fmt::format("migrate fails at line {} ({} {}) and applies nothing{}",
                          m.sql->file.position_of(*v.failing_statement).line, v.failing_object,
                          v.failure_is_existing ? "already exists" : "does not exist", stops)
            : std::string("migrate would run it again without error, changing nothing");
    const bool whole = v.state == schema::PendingState::InSchema;
    const std::string existing = v.existing.empty() ? "" : fmt::format(" ({})", first_few(v.existing));
    Finding& f = out.report(
        schema_findings::word_at(*m.sql, v.failing_statement.value_or(std::string::npos)),
        whole ? fmt::format("{} is already in the database{}, most likely applied by push or by hand: {}", name,
                            existing, fails)
              : fmt::format("part of {} is already in the database{}: {}", name, existing, fails),
        name);
    f.help = whole ? fmt::format("Record it without running it: miglint repair --mark-applied {} prints the SQL (add "
                                 "--apply to run it); the next migrate then applies only what follows.",
                                 name)
                   : "Bring the database back to the state before this migration (undo what push or a hand run made), "
                     "or finish the migration by hand and record it with miglint repair --mark-applied; "
                     "db-schema-drift lists what differs.";
    if (v.failing_statement && !failing) failing = &m;
  }
}

}  // namespace miglint
