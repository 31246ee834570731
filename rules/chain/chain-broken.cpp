#include <map>
#include <set>

#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_chain_broken(const Context& ctx, Reporter& out) {
  const Folder& f = ctx.folder;
  std::map<std::string, const Snapshot*> by_id;
  bool every_id_known = true;  // else an unknown prevId may name a snapshot that could not be read
  for (const Snapshot& s : f.snapshots) {
    if (s.id) by_id.emplace(s.id->value, &s);
    else every_id_known = false;
  }
  const auto& entries = f.journal.entries;
  // A snapshot file that several entries name (their tags share a prefix) belongs to one of them
  // only, and which one is unknown: journal-tag-duplicate reports that, and the chain is not judged there.
  std::map<const Snapshot*, std::size_t> named_by;
  for (const JournalEntry& e : entries) {
    if (const Snapshot* s = f.snapshot_of(e)) ++named_by[s];
  }
  std::set<const Snapshot*> reported;
  for (std::size_t i = 1; i < entries.size(); ++i) {
    const Snapshot* current = f.snapshot_of(entries[i]);
    if (!current || !current->prev_id || reported.count(current)) continue;
    const Snapshot* previous = f.snapshot_of(entries[i - 1]);
    if (named_by[current] > 1 || (previous && named_by[previous] > 1)) continue;
    const std::string& prev_id = current->prev_id->value;
    auto target = by_id.find(prev_id);
    std::string broken;  // how the prevId misses the previous entry
    if (previous && !previous->id) continue;  // unreadable: snapshot-malformed reports it
    if (target == by_id.end()) {
      if (!every_id_known || prev_id == kOriginId || prev_id.empty()) continue;  // origins: chain-root's business
      broken = fmt::format("{} has prevId \"{}\", the id of no snapshot in this folder (its parent was regenerated "
                           "or deleted, typically in a branch merge)",
                           current->file_name, prev_id);
    } else if (previous && previous->id && prev_id != previous->id->value) {
      if (target->second == current) continue;  // a self-reference is a different defect, left to review
      broken = fmt::format("{} has prevId pointing to {}, not to {} of the previous entry", current->file_name,
                           target->second->file_name, previous->file_name);
    } else {
      continue;  // matches, or the previous snapshot is missing (snapshot-missing reports it)
    }
    reported.insert(current);
    Finding& found = out.report(current->prev_id->where,
                                fmt::format("{}; drizzle-kit's history no longer matches the journal order", broken));
    found.help = "Regenerate this migration on top of the previous one: delete it (SQL, snapshot, journal entry) and "
                 "run drizzle-kit generate again, if it has not been applied anywhere. Otherwise set prevId to the "
                 "previous snapshot's id and check that its content matches.";
    if (entries[i].tag) found.migration = entries[i].tag->value;
  }
}

}  // namespace miglint
