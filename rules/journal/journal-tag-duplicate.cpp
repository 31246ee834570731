#include <map>

#include "engine/rule_api.h"

namespace miglint {

void check_journal_tag_duplicate(const Context& ctx, Reporter& out) {
  std::map<std::string, const JournalEntry*> by_tag;
  std::map<std::string, const JournalEntry*> by_prefix;
  for (const JournalEntry& e : ctx.folder.journal.entries) {
    if (!e.tag || !tag_is_safe(e.tag->value)) continue;
    const std::string& tag = e.tag->value;
    if (auto [it, fresh] = by_tag.emplace(tag, &e); !fresh) {
      out.report(e.where, "entry " + std::to_string(e.position) + " repeats the tag \"" + tag + "\" of entry " +
                              std::to_string(it->second->position) +
                              "; both run the same SQL file, and the second run usually fails or doubles data")
          .help = "Remove the repeated entry, or give the second migration its own SQL file, tag and snapshot.";
      continue;
    }
    std::string prefix = e.tag_prefix();
    if (auto [it, fresh] = by_prefix.emplace(prefix, &e); !fresh) {
      std::string message = "entry " + std::to_string(e.position) + " (\"" + tag + "\") shares the prefix \"" + prefix +
                            "\" with entry " + std::to_string(it->second->position) + " (\"" +
                            it->second->tag->value + "\"): both map to meta/" + e.snapshot_file_name() +
                            ", so one snapshot overwrote the other";
      if (prefix.empty()) message += " (prefix mode \"none\" puts every snapshot in meta/_snapshot.json)";
      out.report(e.where, message).help =
          "Give each migration its own prefix. After a merge of two branches that both generated the same number, "
          "delete the later branch's migration, re-run drizzle-kit generate, and keep the result.";
    }
  }
}

}  // namespace miglint
