#include <map>

#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

namespace {

// Snapshots whose dialect differs from the journal's, grouped by their dialect.
std::map<Dialect, std::vector<const Snapshot*>> disagreeing_snapshots(const Folder& f, Dialect journal) {
  std::map<Dialect, std::vector<const Snapshot*>> out;
  for (const Snapshot& s : f.snapshots) {
    if (!s.dialect) continue;
    auto d = parse_dialect(s.dialect->value);
    if (d && *d != journal) out[*d].push_back(&s);
  }
  return out;
}

}  // namespace

void check_journal_dialect(const Context& ctx, Reporter& out) {
  const Folder& f = ctx.folder;
  const Journal& j = f.journal;
  if (!j.present || !j.problems.empty() || j.unreadable) return;
  if (!j.dialect) {
    out.report(j.whole(), "meta/_journal.json has no \"dialect\"; drizzle-kit writes one when it creates the folder")
        .help = "Add \"dialect\" with the dialect of drizzle.config (postgresql, mysql, sqlite or singlestore).";
    return;
  }
  auto journal_dialect = parse_dialect(j.dialect->value);
  if (!journal_dialect) {
    out.report(j.dialect->where,
               fmt::format("the journal's dialect \"{}\" is not one drizzle knows (postgresql, mysql, sqlite, "
                           "singlestore; legacy pg)",
                           j.dialect->value))
        .help = "Set it to the dialect of drizzle.config.";
    return;
  }
  if (f.requested_dialect && *f.requested_dialect != *journal_dialect) {
    out.report(j.dialect->where, fmt::format("the journal says \"{}\" but miglint was asked to check {} migrations",
                                             j.dialect->value, dialect_name(*f.requested_dialect)))
        .help = "Check that drizzle.config's dialect and --dialect match the folder; a folder serves one dialect.";
  }
  for (const auto& [dialect, snapshots] : disagreeing_snapshots(f, *journal_dialect)) {
    std::string message = fmt::format("the journal says \"{}\" but {} snapshot(s) say \"{}\" (first: {})",
                                      j.dialect->value, snapshots.size(), snapshots.front()->dialect->value,
                                      snapshots.front()->display_path);
    out.report(j.dialect->where, message).help =
        "A folder serves one dialect. Migrations copied from another project or generated with another config "
        "do not belong here.";
  }
}

}  // namespace miglint
