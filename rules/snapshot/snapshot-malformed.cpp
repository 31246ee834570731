#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_snapshot_malformed(const Context& ctx, Reporter& out) {
  for (const Snapshot& s : ctx.folder.snapshots) {
    const Problem* p = s.unreadable ? &*s.unreadable : s.invalid_json ? &*s.invalid_json
                                                     : s.schema_violation ? &*s.schema_violation : nullptr;
    if (!p) continue;
    // An unreadable file's message names it already; a schema violation says where in the file it is.
    std::string what = s.unreadable ? p->message : fmt::format("{}: {}", s.file_name, p->message);
    if (s.schema_violation && !p->where.json_pointer.empty()) {
      what = fmt::format("{} at {}: {}", s.file_name, p->where.json_pointer, p->message);
    }
    const std::string message =
        fmt::format("{}; drizzle-kit check reports \"data is malformed\" and generate refuses to work", what);
    out.report(p->where, message, ctx.folder.tag_of(s)).help =
        "Restore the snapshot from version control. Snapshots are written by drizzle-kit; do not edit them by hand. "
        "If it came from an older drizzle-kit, run drizzle-kit up.";
  }
}

}  // namespace miglint
