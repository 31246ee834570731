#include <algorithm>

#include <fmt/core.h>

#include "core/js_number_to_string.h"
#include "engine/rule_api.h"
#include "history_support.h"

namespace miglint {

namespace {

// Where the edit starts: the beginning of the first line that differs.
std::size_t first_changed_line(const std::string& before, const std::string& now) {
  const std::size_t common = static_cast<std::size_t>(
      std::mismatch(before.begin(), before.end(), now.begin(), now.end()).second - now.begin());
  const std::size_t at = std::min(common, now.size());
  const std::size_t newline = at == 0 ? std::string::npos : now.rfind('\n', at - 1);
  return newline == std::string::npos ? 0 : newline + 1;
}

// The SQL of a migration committed at REF differs now: reported from the first changed line.
void report_edited_sql(const SqlFile& sql, const std::string& committed_sql, const CommittedFolder& committed,
                       std::string_view why, const std::string& subject, Reporter& out) {
  const std::size_t changed = first_changed_line(committed_sql, sql.file.bytes());
  Finding& f = out.report(sql.file.location(changed, changed),
                          fmt::format("{} was committed at {} and its SQL has changed since (from this line on): {}",
                                      sql.relative_path, history::at_ref(committed), why),
                          subject);
  f.help = fmt::format(
      "Restore the committed text (git checkout {} -- {}) and put the change in a new migration "
      "(drizzle-kit generate, or generate --custom for hand-written SQL).",
      committed.ref, sql.file.display_path());
}

// Drizzle Kit 1.0: a migration is its folder's name; the migrator records the SQL's hash and never
// compares it.
void check_edited_v1(const Context& ctx, Reporter& out) {
  const CommittedFolder& committed = *ctx.committed;
  for (const Migration& m : ctx.folder.migrations) {
    if (!m.name || !m.sql || m.sql->unreadable || !committed.migration_folder_at_ref(*m.name)) continue;
    const std::string* committed_sql = committed.sql_at_ref(m.sql->relative_path);
    if (!committed_sql || same_sql(*committed_sql, m.sql->file.bytes())) continue;
    report_edited_sql(*m.sql, *committed_sql, committed,
                      "drizzle-orm 1.0's migrator records a migration's hash but never compares it, so databases "
                      "that already applied it never run the change, and new databases run the new text",
                      *m.name, out);
  }
}

}  // namespace

void check_history_migration_edited(const Context& ctx, Reporter& out) {
  if (history::is_v1(ctx.folder)) return check_edited_v1(ctx, out);
  const CommittedFolder& committed = *ctx.committed;
  for (const JournalEntry& e : ctx.folder.journal.entries) {
    if (!e.tag) continue;
    const JournalEntry* before = committed.entry_at_ref(e.tag->value);
    if (!before) continue;  // new since REF
    const SqlFile* sql = ctx.folder.sql_of(e);
    const std::string* committed_sql = sql ? committed.sql_at_ref(sql->relative_path) : nullptr;
    // A file gone or unreadable is another rule's finding (sql-file-missing).
    if (sql && !sql->unreadable && committed_sql && !same_sql(*committed_sql, sql->file.bytes())) {
      report_edited_sql(*sql, *committed_sql, committed,
                        "databases that already applied it never run the change, new databases run the new text",
                        e.tag->value, out);
    }
    if (e.when && before->when && e.when->value != before->when->value) {
      Finding& f = out.report(
          e.when->where,
          fmt::format("{} was committed at {} with when {} and now has {}: databases that applied it recorded the old "
                      "value as created_at, so migrate may run it again or skip the migrations after it",
                      history::quoted_tag(e), history::at_ref(committed), js_number_to_string(before->when->value),
                      js_number_to_string(e.when->value)),
          e.tag->value);
      f.help = fmt::format("Put back when {}; a committed migration keeps the when it was applied with.",
                           js_number_to_string(before->when->value));
    }
  }
}

}  // namespace miglint
