#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_journal_malformed(const Context& ctx, Reporter& out) {
  const Journal& j = ctx.folder.journal;
  const char* help =
      "Repair meta/_journal.json by hand or restore it from version control. It must be an object "
      "{\"version\", \"dialect\", \"entries\": [...]} whose entries each have idx (number), version (string), "
      "when (number), tag (string) and breakpoints (boolean).";
  if (j.unreadable) {
    out.report(j.unreadable->where, fmt::format("{}; drizzle's migrator cannot read it either", j.unreadable->message))
        .help = help;
  }
  for (const Problem& p : j.problems) {
    out.report(p.where, fmt::format("meta/_journal.json: {}", p.message)).help = help;
  }
  if (const auto& first = j.first_problem_left_out) {
    out.report_left_out(first->where, fmt::format("meta/_journal.json: {}", first->message), j.problems_left_out);
  }
}

}  // namespace miglint
