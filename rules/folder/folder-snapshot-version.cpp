#include <cstdlib>

#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

// drizzle-kit 1.0 reads version with Number(): not a number, zero or newer is "unsupported"; older
// asks for drizzle-kit up.
void check_folder_snapshot_version(const Context& ctx, Reporter& out) {
  for (const Snapshot& s : ctx.folder.snapshots) {
    if (s.unreadable || s.invalid_json || s.schema_violation) continue;  // folder-snapshot-malformed's
    if (!s.version) {
      out.report(s.whole(), fmt::format("{} has no version: drizzle-kit 1.0 refuses the folder (\"unsupported version\")",
                                        s.relative_path),
                 s.prefix)
          .help = "Restore the file from git.";
      continue;
    }
    if (!s.dialect) continue;
    const std::string& text = s.version->value;
    char* end = nullptr;
    const double version = std::strtod(text.c_str(), &end);
    const bool number = !text.empty() && end == text.c_str() + text.size() && version != 0;
    if (!s.latest_version) {
      out.report(s.version->where,
                 fmt::format("{}: dialect \"{}\" is not one drizzle-kit 1.0 writes", s.relative_path, s.dialect->value),
                 s.prefix);
      continue;
    }
    if (number && version == *s.latest_version) continue;
    if (number && version < *s.latest_version) {
      out.report_as(Severity::Warning, s.version->where,
                    fmt::format("{}: version {} is older than {}, the one drizzle-kit 1.0 writes for {}: generate and "
                                "check ask for drizzle-kit up first",
                                s.relative_path, text, *s.latest_version, s.dialect->value),
                    s.prefix)
          .help = "Run drizzle-kit up, which rewrites older snapshots in place, and commit the result.";
      continue;
    }
    const std::string what = number ? fmt::format("is newer than {}, the latest drizzle-kit 1.0.0-rc.5 knows for {}",
                                                  *s.latest_version, s.dialect->value)
                                    : std::string("is not a version number");
    out.report(s.version->where,
               fmt::format("{}: version \"{}\" {}: drizzle-kit 1.0 refuses the folder (\"unsupported version\")",
                           s.relative_path, text, what),
               s.prefix)
        .help = "Use the drizzle-kit version that wrote this snapshot, or restore the file from git.";
  }
}

}  // namespace miglint
