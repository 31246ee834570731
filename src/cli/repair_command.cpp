// miglint repair: prints the SQL that records migrations as applied (or forgets rows that
// match nothing); runs it only with --apply. Asked for nothing, it proposes what it found.
#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <iostream>

#include <fmt/core.h>

#include "cli/commands.h"
#include "db/repair.h"
#include "schema/pending_check.h"

namespace miglint {

namespace {

std::optional<std::int64_t> as_number(const std::string& s) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size() ? std::optional(v) : std::nullopt;
}

// Does a --mark-applied item (tag, idx or FROM..TO) select this migration?
bool selects(const std::string& item, const LocalMigration& m) {
  if (item == m.name()) return true;
  if (!m.idx()) return false;
  const std::int64_t idx = *m.idx();
  if (auto range = item.find(".."); range != std::string::npos) {
    auto from = as_number(item.substr(0, range));
    auto to = as_number(item.substr(range + 2));
    return from && to && idx >= *from && idx <= *to;
  }
  auto single = as_number(item);
  return single && *single == idx;
}

std::variant<RepairPlan, std::string> plan_repair(const Options& o, const Reconciliation& r) {
  RepairPlan plan;
  plan.drizzle_orm_1 = r.by_name;
  for (const std::string& item : o.mark_applied) {
    bool any = false;
    for (const LocalMigration& m : r.local) {
      if (!selects(item, m)) continue;
      any = true;
      if (m.row) continue;  // recorded already
      if (m.hash.empty()) return "\"" + m.name() + "\" has no readable SQL file, so its hash is unknown";
      if (std::find(plan.to_record.begin(), plan.to_record.end(), &m) == plan.to_record.end()) plan.to_record.push_back(&m);
    }
    if (!any) return "--mark-applied " + item + " names no migration of this folder (use a tag, an idx or FROM..TO)";
  }
  if (o.forget_unknown) plan.to_forget = r.unknown;
  return plan;
}

// With nothing asked for: record the pending migrations the database already holds (push, or a
// hand run), as far as that leaves the rest to migrate; say what needs a hand for the others.
RepairPlan propose_repair(const Folder& folder, const DatabaseCheck& db) {
  RepairPlan plan;
  plan.drizzle_orm_1 = db.reconciliation.by_name;
  if (!db.state.live_schema) {
    std::cerr << "miglint: the database's schema could not be read (" << db.state.live_schema_error
              << "), so nothing can be proposed; name migrations with --mark-applied\n";
    return plan;
  }
  std::vector<const Migration*> pending;
  std::vector<const LocalMigration*> local_of;
  for (const LocalMigration& m : db.reconciliation.local) {
    if (m.state != MigrationState::Pending) continue;
    pending.push_back(m.migration);
    local_of.push_back(&m);
  }
  const std::vector<schema::PendingVerdict> verdicts = schema::judge_pending(folder, *db.state.live_schema, pending);
  // Recording a migration raises the newest created_at past the ones before it: only a leading run
  // can be recorded without making migrate skip a migration the database does not hold (0.x; 1.0
  // matches by name, so any can).
  bool leading = true;
  for (std::size_t i = 0; i < verdicts.size(); ++i) {
    const schema::PendingVerdict& v = verdicts[i];
    const std::string tag = v.migration->name.value_or("");
    if (v.state == schema::PendingState::InSchema && (leading || db.reconciliation.by_name)) {
      std::cerr << fmt::format("miglint: {} is already in the database: record it as applied\n", tag);
      plan.to_record.push_back(local_of[i]);
      continue;
    }
    leading = false;
    if (v.state == schema::PendingState::InSchema) {
      std::cerr << fmt::format("miglint: {} is already in the database, but a migration before it is not: apply that "
                               "one first (migrate would fail on this one), then run repair again\n",
                               tag);
    } else if (v.state == schema::PendingState::PartlyInSchema) {
      std::cerr << fmt::format("miglint: part of {} is already in the database ({} exists): finish it by hand or "
                               "undo that part, then record it with --mark-applied {}\n",
                               tag, v.failing_object, tag);
    }
  }
  return plan;
}

int repair(const Options& o, const Folder& folder, const DatabaseCheck& db) {
  const bool asked = !o.mark_applied.empty() || o.forget_unknown;
  auto planned = asked ? plan_repair(o, db.reconciliation) : std::variant<RepairPlan, std::string>(propose_repair(folder, db));
  if (auto* error = std::get_if<std::string>(&planned)) {
    std::cerr << "miglint: " << *error << "\n";
    return kExitError;
  }
  const RepairPlan& plan = std::get<RepairPlan>(planned);
  if (plan.to_record.empty() && plan.to_forget.empty()) {
    std::cout << (asked ? "Nothing to repair: the migrations named are recorded already, and no unknown row is to be "
                          "removed.\n"
                        : "Nothing to propose: no pending migration is already in the database. Name migrations with "
                          "--mark-applied, or remove unknown rows with --forget-unknown.\n");
    return kExitClean;
  }
  std::string url = o.database_url.empty() ? std::getenv(o.database_url_env.c_str()) : o.database_url;
  auto target = std::get<DatabaseTarget>(parse_database_url(url, {o.connect_timeout_seconds, o.statement_timeout_ms}));
  std::string script = repair_script(db.state, plan, std::holds_alternative<SqliteTarget>(target));
  if (!o.apply) {
    std::cout << script;
    std::cerr << "miglint: nothing was changed; review the script, then run it, or repeat with --apply\n";
    return kExitClean;
  }
  auto applied = apply_repair(target, script);
  if (auto* error = std::get_if<ApplyError>(&applied)) {
    std::cerr << "miglint: error: " << error->message << "\n";
    return kExitError;
  }
  for (const LocalMigration* m : plan.to_record) {
    std::cout << "recorded " << m->name() << " as applied (created_at " << describe_when(m->when())
              << ")\n";
  }
  for (const AppliedRow* row : plan.to_forget) {
    std::cout << "removed the row with hash " << row->hash.substr(0, 12) << " and created_at " << row->created_at_text << "\n";
  }
  return kExitClean;
}

}  // namespace

int run_repair(const Options& o) {
  return with_database(o, [&](const Folder& folder, const DatabaseCheck& db) { return repair(o, folder, db); });
}

}  // namespace miglint
