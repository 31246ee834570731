#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "engine/rule_api.h"
#include "schema/column_renames.h"
#include "schema/compare_support.h"  // schema::compare_support::display(): names as compare() writes them
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

std::vector<std::string> column_names(const schema::Table& table) {
  std::vector<std::string> names;
  for (const schema::Column& c : table.columns) names.push_back(c.name);
  return names;
}

// A name drizzle-kit derives from the table's ("order_items_order_id_fk"), as push renames it with
// the table, when the live table has it under the new name and not under the old.
template <typename Map>
void follow_derived_names(Map& parts, const Map& live_parts, const std::string& from, const std::string& to) {
  Map renamed;
  for (auto& [name, part] : parts) {
    std::string key = name;
    if (name.starts_with(from + "_") && !live_parts.contains(name)) {
      std::string candidate = to + name.substr(from.size());
      if (live_parts.contains(candidate)) key = candidate;
    }
    if (key != name && !part.name.empty()) part.name = key;
    renamed.emplace(key, std::move(part));
  }
  parts = std::move(renamed);
}

// `model` with table `from` renamed to `to`, as ALTER TABLE ... RENAME TO leaves it: references
// follow it, and so do the names drizzle-kit derives from the table's where `live` shows push
// renamed them too.
schema::Schema with_table_renamed(schema::Schema model, const schema::QualifiedName& from, const schema::Table& live) {
  auto node = model.tables.extract(from);
  schema::Table& table = node.mapped();
  node.key() = live.name;
  table.name = live.name;
  const std::string& old_name = from.name;
  const std::string& new_name = live.name.name;
  follow_derived_names(table.foreign_keys, live.foreign_keys, old_name, new_name);
  follow_derived_names(table.unique_constraints, live.unique_constraints, old_name, new_name);
  follow_derived_names(table.checks, live.checks, old_name, new_name);
  follow_derived_names(table.indexes, live.indexes, old_name, new_name);
  if (table.primary_key && live.primary_key && table.primary_key->name.starts_with(old_name + "_") &&
      live.primary_key->name == new_name + table.primary_key->name.substr(old_name.size())) {
    table.primary_key->name = live.primary_key->name;
  }
  model.tables.insert(std::move(node));
  for (auto& [name, t] : model.tables) {
    for (auto& [key, fk] : t.foreign_keys) {
      if (fk.references == from) fk.references = live.name;
    }
  }
  return model;
}

// push asks whether a table that appeared was renamed from one that disappeared; the database
// keeps no trace of the answer. A missing and an extra table of one schema with the same columns
// in the same order are shown as one rename, followed by whatever else differs between the two.
// `differences` is everything compare() found; `shown` (a subset) is rewritten in place.
void show_renamed_tables(schema::Schema& expected, const schema::Schema& live, std::vector<schema::Difference>& differences,
                         std::vector<schema::Difference>& shown) {
  using Kind = schema::Difference::Kind;
  for (const auto& old_entry : schema::Schema(expected).tables) {
    const auto& from = old_entry.first;  // not a structured binding: clang 14 cannot capture those
    const auto& old_table = old_entry.second;
    const schema::Difference missing{Kind::Missing, "table", schema::compare_support::display(from), {}, {}, {}};
    if (live.tables.contains(from) || !contains(shown, missing) || old_table.unknown) continue;
    auto pair = std::find_if(live.tables.begin(), live.tables.end(), [&](const auto& entry) {
      const schema::Difference extra{Kind::Extra, "table", schema::compare_support::display(entry.first), {}, {}, {}};
      return entry.first.schema == from.schema && !entry.second.unknown && contains(shown, extra) &&
             !old_table.columns.empty() && column_names(entry.second) == column_names(old_table);
    });
    if (pair == live.tables.end()) continue;
    const schema::Difference extra{Kind::Extra, "table", schema::compare_support::display(pair->first), {}, {}, {}};
    expected = with_table_renamed(std::move(expected), from, pair->second);
    std::vector<schema::Difference> after = schema::compare(expected, live);
    std::vector<schema::Difference> next;
    for (const schema::Difference& d : shown) {
      if (d == missing) {
        next.push_back({Kind::Changed, "table", schema::compare_support::display(from), "name", from.name, pair->first.name});
        // What differs inside the renamed table, under its new name.
        for (const schema::Difference& inner : after) {
          if (!contains(differences, inner)) next.push_back(inner);
        }
      } else if (d != extra && (contains(after, d) || !contains(differences, d))) {
        // What the rename does not explain (a reference to the old name is), and renames shown already.
        next.push_back(d);
      }
    }
    shown = std::move(next);
    differences = std::move(after);
  }
}

// push asks the same of a column, and renames it in place: a missing and an extra column of one
// table, alike in all but the name and at the same position, are shown as one rename.
void show_renamed_columns(schema::Schema& expected, const schema::Schema& live,
                          std::vector<schema::Difference>& differences, std::vector<schema::Difference>& shown) {
  using Kind = schema::Difference::Kind;
  for (const schema::ColumnRename& rename : schema::sure_column_renames(expected, live)) {
    const std::string table = schema::compare_support::display(rename.table);
    const schema::Difference missing{Kind::Missing, "column", table + "." + rename.from, {}, {}, {}};
    const schema::Difference extra{Kind::Extra, "column", table + "." + rename.to, {}, {}, {}};
    if (!contains(shown, missing) || !contains(shown, extra)) continue;
    expected = schema::with_column_renamed(std::move(expected), rename);
    std::vector<schema::Difference> after = schema::compare(expected, live);
    std::vector<schema::Difference> next;
    for (const schema::Difference& d : shown) {
      if (d == missing) {
        next.push_back({Kind::Changed, "column", missing.object, "name", rename.from, rename.to});
        for (const schema::Difference& inner : after) {
          if (!contains(differences, inner)) next.push_back(inner);
        }
      } else if (d != extra && (contains(after, d) || !contains(differences, d))) {
        next.push_back(d);
      }
    }
    shown = std::move(next);
    differences = std::move(after);
  }
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
  {
    schema::Schema renamed = expected;
    std::vector<schema::Difference> all = differences;
    show_renamed_tables(renamed, *db.live_schema, all, unexplained);
    show_renamed_columns(renamed, *db.live_schema, all, unexplained);
  }
  if (!unexplained.empty()) {
    Finding& f = out.report(
        database_finding_location(ctx.folder),
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
