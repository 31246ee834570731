#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <set>

#include "engine/rule_api.h"
#include "schema/pending_check.h"
#include "schema/schema_support.h"

namespace miglint {

namespace {

struct Split {
  std::vector<const Migration*> recorded;  // applied (or edited since) in folder order
  std::vector<const Migration*> pending;
};

Split split(const Context& ctx) {
  Split s;
  for (const LocalMigration& local : ctx.database->reconciliation.local) {
    const Migration* m = local.migration;
    if (local.state == MigrationState::Applied || local.state == MigrationState::Edited) s.recorded.push_back(m);
    if (local.state == MigrationState::Pending) s.pending.push_back(m);
  }
  return s;
}

bool contains(const std::vector<schema::Difference>& list, const schema::Difference& d) {
  return std::find(list.begin(), list.end(), d) != list.end();
}

}  // namespace

void check_db_schema_drift(const Context& ctx, Reporter& out) {
  const DatabaseState& db = ctx.database->state;
  const schema::SchemaHistory& history = ctx.schema();
  // Without the table, or with rows from elsewhere, what the recorded migrations made is not known
  // (db-migrations-table-missing and db-migration-unknown say so).
  if (!db.live_schema || !history.modelled() || !db.table_found || !ctx.database->reconciliation.unknown.empty()) {
    return;
  }
  const Split migrations = split(ctx);
  schema::Schema expected = history.replay_sql_of(migrations.recorded);
  const std::vector<schema::Difference> differences = schema::compare(expected, *db.live_schema);
  if (differences.empty()) return;
  // A difference that disappears once some pending migrations are replayed is that migration's
  // work, already done on this database (by push or by hand).
  std::map<const Migration*, std::vector<schema::Difference>> explained;
  std::vector<schema::Difference> unexplained = differences;
  schema::Schema ahead = expected;
  for (const Migration* m : migrations.pending) {
    if (unexplained.empty()) break;
    ahead = history.replay_sql_of({m}, std::move(ahead));
    const std::vector<schema::Difference> left = schema::compare(ahead, *db.live_schema);
    auto gone = std::stable_partition(unexplained.begin(), unexplained.end(),
                                      [&](const schema::Difference& d) { return contains(left, d); });
    explained[m].assign(gone, unexplained.end());
    unexplained.erase(gone, unexplained.end());
  }
  const schema_findings::Views views{"the recorded migrations", "the database"};
  if (!unexplained.empty()) {
    Finding& f = out.report(
        ctx.folder.journal.whole(),
        fmt::format("the database's schema is not what its recorded migrations make, and no migration here "
                    "explains it: {}",
                    schema_findings::list(unexplained, views)));
    f.help =
        "Someone changed this database with drizzle-kit push or by hand. The next generate works from the "
        "snapshots and knows nothing of it: keep the change by putting it in the schema code and generating a "
        "migration (then record that migration here with miglint repair --mark-applied), or undo it in the database.";
    f.objects = schema_findings::as_objects(unexplained);
  }
  // Pending migrations already (partly) in the database are db-pending-already-applied's to report.
  std::set<const Migration*> reported_there;
  for (const schema::PendingVerdict& v : schema::judge_pending(ctx.folder, *db.live_schema, migrations.pending)) {
    if (v.state != schema::PendingState::NotInSchema) reported_there.insert(v.migration);
  }
  for (const Migration* m : migrations.pending) {
    auto it = explained.find(m);
    if (it == explained.end() || it->second.empty() || !m->sql || reported_there.count(m)) continue;
    Finding& f = out.report(
        schema_findings::word_at(*m->sql),
        fmt::format("the database already holds part or all of {}, which is not recorded as applied: {}", schema_findings::name_of(*m),
                    schema_findings::list(it->second, views)),
        schema_findings::name_of(*m));
    f.help = "It was applied by drizzle-kit push or by hand; see db-pending-already-applied for what migrate will do.";
    f.objects = schema_findings::as_objects(it->second);
  }
}

}  // namespace miglint
