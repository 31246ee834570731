#include <charconv>

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
      out.report(s.version->where, s.file_name + " is version " + text + ", older than version " +
                                       std::to_string(latest) + " that drizzle-kit writes for " +
                                       std::string(dialect_name(*dialect)) +
                                       "; drizzle-kit generate stops and asks for drizzle-kit up",
                 f.tag_of(s))
          .help = "Run drizzle-kit up once and commit the upgraded snapshots.";
    } else if (version > latest) {
      out.report(s.version->where, s.file_name + " is version " + text + ", newer than any drizzle-kit 0.31 knows (" +
                                       std::to_string(latest) + " for " + std::string(dialect_name(*dialect)) +
                                       "); it was written by a newer drizzle-kit than the one that checks it",
                 f.tag_of(s))
          .help = "Use one drizzle-kit version across the team; upgrade the project's drizzle-kit.";
    }
  }
}

}  // namespace miglint
