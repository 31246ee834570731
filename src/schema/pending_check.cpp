#include "schema/pending_check.h"

#include "schema/compare.h"
#include "schema/replay.h"

namespace miglint::schema {

std::vector<PendingVerdict> judge_pending(const Folder& folder, const Schema& live,
                                          const std::vector<const Migration*>& pending) {
  std::vector<PendingVerdict> verdicts;
  const std::optional<Dialect> dialect = folder.dialect();
  if (!dialect || (*dialect != Dialect::PostgreSQL && *dialect != Dialect::SQLite)) return verdicts;
  Schema current = live;  // what the pending migrations judged so far would leave on the database
  Schema own;             // what the folder's SQL alone makes, up to the migration judged
  auto next_pending = pending.begin();
  for (const Migration& m : folder.migrations) {
    if (next_pending == pending.end()) break;
    if (!m.sql || m.sql->unreadable) break;  // migrate throws here; nothing after is known
    if (&m != *next_pending) {
      own = replay(std::move(own), *m.sql, *dialect).after;
      continue;
    }
    Schema own_after = replay(own, *m.sql, *dialect).after;
    ++next_pending;
    PendingVerdict verdict;
    verdict.migration = &m;
    ReplayResult replayed = replay(current, *m.sql, *dialect);
    for (const StatementEffect& effect : replayed.effects) {
      verdict.existing.insert(verdict.existing.end(), effect.already_exist.begin(), effect.already_exist.end());
      if (!effect.fails || verdict.failing_statement) continue;
      verdict.failing_statement = effect.statement_begin;
      verdict.failing_object = !effect.already_exist.empty() ? effect.already_exist.front()
                               : !effect.missing.empty()     ? effect.missing.front()
                                                             : effect.refused;
      verdict.failure_is_existing = !effect.already_exist.empty();
    }
    // Already applied: it changes something by itself (a data-only migration never counts) and
    // nothing on this database.
    // A statement failing on something missing means the database is not even where this migration
    // starts (db-schema-drift's to say): never "already applied".
    const bool fails_on_missing = verdict.failing_statement && !verdict.failure_is_existing;
    if (!fails_on_missing && compare(current, replayed.after).empty() && !compare(own, own_after).empty()) {
      verdict.state = PendingState::InSchema;
    } else if (verdict.failing_statement && verdict.failure_is_existing) {
      verdict.state = PendingState::PartlyInSchema;
    }
    verdicts.push_back(std::move(verdict));
    current = std::move(replayed.after);
    own = std::move(own_after);
  }
  return verdicts;
}

const char* pending_state_name(PendingState state) {
  switch (state) {
    case PendingState::NotInSchema: return "pending";
    case PendingState::InSchema: return "in schema";
    case PendingState::PartlyInSchema: return "partly in schema";
  }
  return "pending";
}

}  // namespace miglint::schema
