#include <fmt/core.h>

#include "engine/rule_api.h"
#include "upgrade_plan.h"

namespace miglint {

namespace {

constexpr const char* kNothingChanged = "drizzle-kit up stops there and converts nothing";

bool is_root(const Snapshot& s) { return !s.prev_id || s.prev_id->value.empty() || s.prev_id->value == kOriginId; }

std::string file_list(const std::vector<const SqlFile*>& files) {
  std::string out;
  for (const SqlFile* f : files) out += fmt::format("{}{}", out.empty() ? "" : ", ", f->file_name);
  return out;
}

// Every dialect: up plans every move before it changes a file.
void check_plan(const upgrade::Move& m, Reporter& out) {
  if (!m.snapshot) {
    Finding& f = out.report(m.entry->where,
                            fmt::format("entry \"{}\" has no meta/{}_snapshot.json: drizzle-kit up says \"No snapshot was "
                                        "found\"; {}",
                                        m.tag, m.prefix, kNothingChanged),
                            m.tag);
    f.help = "Restore the snapshot from version control before running drizzle-kit up (miglint's snapshot-missing "
             "finding says how).";
  }
  if (!m.candidates.empty()) {
    Finding& f = out.report(m.entry->where,
                            fmt::format("entry \"{}\" has no {}.sql and several files could be its SQL ({}): drizzle-kit "
                                        "up says \"Several sql files were found\"; {}",
                                        m.tag, m.tag, file_list(m.candidates), kNothingChanged),
                            m.tag);
    f.help = fmt::format("Rename the file that holds this migration's SQL to {}.sql, and delete or renumber the others.",
                         m.tag);
  }
}

// PostgreSQL only: up converts the snapshots to format 9 first, and refuses a history it cannot convert.
void check_history(const upgrade::Plan& plan, Reporter& out) {
  const upgrade::Move* first_root = nullptr;
  // A missing snapshot stops up before these checks, and its id is unknown: its child's parent
  // would be reported missing too.
  bool snapshot_missing = false;
  for (const upgrade::Move& m : plan.moves) snapshot_missing = snapshot_missing || !m.snapshot;
  for (const upgrade::Move& m : plan.moves) {
    if (!m.sql && m.candidates.empty()) {
      Finding& f = out.report(m.entry->where,
                              fmt::format("entry \"{}\" has no SQL file: drizzle-kit up says \"the journal entry {} has "
                                          "no SQL file\"; {}",
                                          m.tag, m.tag, kNothingChanged),
                              m.tag);
      f.help = fmt::format("Restore {}.sql from version control, then run drizzle-kit up.", m.tag);
    }
    if (!m.snapshot) continue;
    const Snapshot& s = *m.snapshot;
    if (s.unreadable || s.invalid_json || s.schema_violation) {
      Finding& f = out.report(m.entry->where,
                              fmt::format("{} is not a snapshot drizzle-kit can read: drizzle-kit up says \"Cannot "
                                          "convert migration {} to snapshot format 9: its snapshot.json is malformed\"; {}",
                                          s.display_path, m.tag, kNothingChanged),
                              m.tag);
      f.help = "Restore the snapshot from version control (miglint's snapshot-malformed finding says what is wrong).";
      continue;
    }
    if (is_root(s)) {
      if (first_root) {
        Finding& f = out.report(m.entry->where,
                                fmt::format("\"{}\" and \"{}\" both start the history (their snapshots follow no other): "
                                            "drizzle-kit up says \"the folder has two first migrations\"; {}",
                                            first_root->tag, m.tag, kNothingChanged),
                                m.tag);
        f.help = "Relink the second one's snapshot (prevId) to the snapshot before it, or regenerate the migrations "
                 "after the first.";
      }
      first_root = first_root ? first_root : &m;
      continue;
    }
    const upgrade::Move* parent = upgrade::move_with_snapshot_id(plan, s.prev_id->value);
    if (!parent) {
      if (snapshot_missing) continue;
      Finding& f = out.report(m.entry->where,
                              fmt::format("the snapshot of \"{}\" follows {}, which no snapshot of the folder has: "
                                          "drizzle-kit up says \"a migration was deleted in the middle of the history\"; {}",
                                          m.tag, s.prev_id->value, kNothingChanged),
                              m.tag);
      f.help = "Restore the deleted migration from version control, or relink this snapshot's prevId to the snapshot "
               "before it.";
      continue;
    }
    // up requires each folder to sort after its parent's. Names start with the second of `when`:
    // an earlier second fails, and so does the same second with a tag that sorts first.
    if (m.folder && parent->folder && !(*m.folder > *parent->folder)) {
      Finding& f = out.report(
          m.entry->where,
          fmt::format("drizzle-kit up names this migration's folder {} and its parent's ({}) {}, so \"{}\" would not sort "
                      "after its parent: drizzle-kit up refuses (\"sorts before its parent\"); {}",
                      *m.folder, parent->tag, *parent->folder, m.tag, kNothingChanged),
          m.tag);
      f.help = fmt::format("In meta/_journal.json, set when of \"{}\" to at least one second after when of \"{}\", "
                           "then run drizzle-kit up.",
                           m.tag, parent->tag);
    }
  }
}

}  // namespace

void check_upgrade_blocked(const Context& ctx, Reporter& out) {
  if (!ctx.folder.journal.entries_read) return;
  const upgrade::Plan plan = upgrade::plan(ctx.folder);
  for (const upgrade::Move& m : plan.moves) check_plan(m, out);
  if (plan.postgres) check_history(plan, out);
}

}  // namespace miglint
