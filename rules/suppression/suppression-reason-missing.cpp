#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_suppression_reason_missing(const Context& ctx, Reporter& out) {
  for (const SqlFile& sql : ctx.folder.sql_files) {
    if (!sql.mentions_suppressions()) continue;
    for (const Suppression& s : sql.sql().suppressions) {
      if (!s.reason.empty()) continue;
      out.report(sql.file.location(s.begin, s.end),
                 fmt::format("{} gives no reason; the next reader cannot tell whether the finding it hides still "
                             "matters",
                             s.file_wide ? "miglint-ignore-file" : "miglint-ignore"),
                 sql.tag)
          .help = "Add the reason after a colon: -- miglint-ignore rule-name: why this is safe here.";
    }
  }
}

}  // namespace miglint
