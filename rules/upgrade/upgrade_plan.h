// What `drizzle-kit up` (1.0) will do to a 0.x folder, worked out from the journal as up works
// it out, for the upgrade rules: each entry becomes a folder named after the UTC second of its
// `when` and the rest of its tag, holding its SQL file and its snapshot; meta/ is then deleted.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/rule_api.h"

namespace miglint::upgrade {

struct Move {
  const JournalEntry* entry = nullptr;
  std::string tag;
  std::string prefix;  // before the first '_': names the snapshot up looks for
  // The folder up names it: YYYYMMDDHHMMSS_<rest of the tag>; nothing when `when` gives no date
  // (missing, 0, or out of JavaScript's range: up would then use the current time or "NaN").
  std::optional<std::string> folder;
  std::optional<long long> second;  // `when` cut to whole seconds, the 1.0 migrator's resolution
  const Snapshot* snapshot = nullptr;  // meta/<prefix>_snapshot.json, as up looks for it
  const SqlFile* sql = nullptr;        // <tag>.sql, else the one <prefix>_*.sql
  bool sql_adopted = false;            // sql is not <tag>.sql but the one file up takes instead
  std::vector<const SqlFile*> candidates;  // several <prefix>_*.sql and no <tag>.sql: up stops
};

struct Plan {
  std::vector<Move> moves;  // in journal order; entries without a usable tag are left out
  bool postgres = false;    // up for PostgreSQL checks the history first and refuses instead of dropping
};

Plan plan(const Folder& folder);

// The folder name for `when` in milliseconds, as up writes it.
std::optional<std::string> folder_time(double when);

// The move whose snapshot has this id, if any.
const Move* move_with_snapshot_id(const Plan& plan, const std::string& id);

}  // namespace miglint::upgrade
