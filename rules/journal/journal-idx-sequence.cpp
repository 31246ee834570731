#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_journal_idx_sequence(const Context& ctx, Reporter& out) {
  const std::string gap_help =
      "A gap is harmless to drizzle's migrator, which reads entries in journal order and ignores idx. Check that no "
      "migration was lost in a merge, and do not renumber migrations that are already applied.";
  const std::string repeat_help =
      "Renumber the later of the two entries (idx only; tags and files stay): the migrator ignores idx, but "
      "drizzle-kit generate numbers the next migration from the last idx, and expo, op-sqlite and durable-sqlite "
      "bundles import each migration as m<idx>, so a repeated idx breaks the bundle.";
  const JournalEntry* previous = nullptr;
  for (const JournalEntry& e : ctx.folder.journal.entries) {
    if (!e.idx) {
      previous = nullptr;
      continue;
    }
    std::int64_t expected = previous ? previous->idx->value + 1 : static_cast<std::int64_t>(e.position);
    std::int64_t idx = e.idx->value;
    if (idx != expected) {
      std::string message;
      const std::string* help = idx > expected ? &gap_help : &repeat_help;
      if (!previous) {
        message = fmt::format("entry {} has idx {}, expected {}", e.position, idx, expected);
      } else if (idx > expected) {
        const std::string gone = idx - expected == 1
                                     ? fmt::format("the entry numbered {} is gone", expected)
                                     : fmt::format("the entries numbered {} to {} are gone", expected, idx - 1);
        message = fmt::format("idx jumps from {} to {}: {} (deleted, or lost in a merge)", previous->idx->value, idx,
                              gone);
      } else if (idx == previous->idx->value) {
        message = fmt::format(
            "idx {} repeats the previous entry's idx, as after a merge that kept both branches' numbers", idx);
      } else {
        message = fmt::format(
            "idx {} follows idx {}: the sequence goes back, as after a merge that kept both branches' numbers", idx,
            previous->idx->value);
      }
      out.report(e.idx->where, message, e.tag ? e.tag->value : std::string()).help = *help;
    }
    previous = &e;
  }
}

}  // namespace miglint
