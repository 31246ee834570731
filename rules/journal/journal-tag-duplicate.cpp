#include <map>

#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_journal_tag_duplicate(const Context& ctx, Reporter& out) {
  std::map<std::string, const JournalEntry*> by_tag;
  std::map<std::string, const JournalEntry*> by_prefix;
  for (const JournalEntry& e : ctx.folder.journal.entries) {
    if (!e.tag || !tag_is_safe(e.tag->value)) continue;
    const std::string& tag = e.tag->value;
    if (auto [it, fresh] = by_tag.emplace(tag, &e); !fresh) {
      out.report(e.where, fmt::format("entry {} repeats the tag \"{}\" of entry {}; both run the same SQL file, and "
                                      "the second run usually fails or doubles data",
                                      e.position, tag, it->second->position))
          .help = "Remove the repeated entry, or give the second migration its own SQL file, tag and snapshot.";
      continue;
    }
    std::string prefix = e.tag_prefix();
    if (auto [it, fresh] = by_prefix.emplace(prefix, &e); !fresh) {
      const char* why_shared =
          prefix.empty() ? " (prefix mode \"none\" puts every snapshot in meta/_snapshot.json)" : "";
      // The file holds one snapshot at most; when it is absent, neither has one.
      const char* outcome = ctx.folder.snapshot_of(e) ? "so one snapshot overwrote the other"
                                                      : "which does not exist: neither has its snapshot, and only one "
                                                        "of them ever can";
      std::string message = fmt::format(
          "entry {} (\"{}\") shares the prefix \"{}\" with entry {} (\"{}\"): both map to meta/{}, {}{}", e.position,
          tag, prefix, it->second->position, it->second->tag->value, e.snapshot_file_name(), outcome, why_shared);
      out.report(e.where, message).help =
          "Give each migration its own prefix. After a merge of two branches that both generated the same number, "
          "delete the later branch's migration, re-run drizzle-kit generate, and keep the result.";
    }
  }
}

}  // namespace miglint
