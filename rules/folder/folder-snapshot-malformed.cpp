#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_folder_snapshot_malformed(const Context& ctx, Reporter& out) {
  for (const Snapshot& s : ctx.folder.snapshots) {
    const Problem* problem = s.unreadable       ? &*s.unreadable
                             : s.invalid_json   ? &*s.invalid_json
                             : s.schema_violation ? &*s.schema_violation
                                                  : nullptr;
    if (!problem) continue;
    out.report(problem->where,
               fmt::format("{}: {}; drizzle-kit 1.0 stops on it (\"data is malformed\")", s.relative_path, problem->message),
               s.prefix)
        .help = "Restore the file from git. A snapshot edited by hand can only be fixed by hand: compare it with one "
                "drizzle-kit wrote.";
  }
}

}  // namespace miglint
