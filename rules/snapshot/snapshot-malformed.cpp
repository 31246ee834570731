#include "engine/rule_api.h"

namespace miglint {

void check_snapshot_malformed(const Context& ctx, Reporter& out) {
  for (const Snapshot& s : ctx.folder.snapshots) {
    const Problem* p = s.unreadable ? &*s.unreadable : s.invalid_json ? &*s.invalid_json
                                                     : s.schema_violation ? &*s.schema_violation : nullptr;
    if (!p) continue;
    std::string message = s.unreadable ? p->message : s.file_name + ": " + p->message;
    if (s.schema_violation && !p->where.json_pointer.empty()) {
      message = s.file_name + " at " + p->where.json_pointer + ": " + p->message;
    }
    message += "; drizzle-kit check reports \"data is malformed\" and generate refuses to work";
    out.report(p->where, message, ctx.folder.tag_of(s)).help =
        "Restore the snapshot from version control. Snapshots are written by drizzle-kit; do not edit them by hand. "
        "If it came from an older drizzle-kit, run drizzle-kit up.";
  }
}

}  // namespace miglint
