#include <charconv>

#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_snapshot_version(const Context& ctx, Reporter& out) {
  const Folder& f = ctx.folder;
  for (const Snapshot& s : f.snapshots) {
    if (!s.version || s.invalid_json || s.unreadable) continue;
    // Version numbers count per dialect, so a snapshot is judged by the dialect it names.
    std::optional<Dialect> dialect = s.dialect ? parse_dialect(s.dialect->value) : std::nullopt;
    if (!dialect) dialect = f.dialect();
    if (!dialect) continue;
    int version = 0;
    const std::string& text = s.version->value;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), version);
    if (ec != std::errc() || end != text.data() + text.size()) continue;  // not a number: snapshot-malformed
    int latest = latest_snapshot_version(*dialect);
    if (version < latest) {
      out.report(s.version->where,
                 fmt::format("{} is version {}, older than version {} that drizzle-kit writes for {}; drizzle-kit "
                             "generate stops and asks for drizzle-kit up",
                             s.file_name, text, latest, dialect_name(*dialect)),
                 f.tag_of(s))
          .help = "Run drizzle-kit up once and commit the upgraded snapshots.";
    } else if (version > latest) {
      out.report(s.version->where,
                 fmt::format("{} is version {}, newer than any drizzle-kit 0.31 knows ({} for {}); it was written by "
                             "a newer drizzle-kit than the one that checks it",
                             s.file_name, text, latest, dialect_name(*dialect)),
                 f.tag_of(s))
          .help = "Use one drizzle-kit version across the team; upgrade the project's drizzle-kit.";
    }
  }
}

}  // namespace miglint
