#include <map>

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
    out.report(j.dialect->where, "the journal's dialect \"" + j.dialect->value +
                                     "\" is not one drizzle knows (postgresql, mysql, sqlite, singlestore; legacy pg)")
        .help = "Set it to the dialect of drizzle.config.";
    return;
  }
  if (f.requested_dialect && *f.requested_dialect != *journal_dialect) {
    out.report(j.dialect->where, "the journal says \"" + j.dialect->value + "\" but miglint was asked to check " +
                                     std::string(dialect_name(*f.requested_dialect)) + " migrations")
        .help = "Check that drizzle.config's dialect and --dialect match the folder; a folder serves one dialect.";
  }
  for (const auto& [dialect, snapshots] : disagreeing_snapshots(f, *journal_dialect)) {
    std::string message = "the journal says \"" + j.dialect->value + "\" but " + std::to_string(snapshots.size()) +
                          " snapshot(s) say \"" + snapshots.front()->dialect->value + "\" (first: " +
                          snapshots.front()->display_path + ")";
    out.report(j.dialect->where, message).help =
        "A folder serves one dialect. Migrations copied from another project or generated with another config "
        "do not belong here.";
  }
}

}  // namespace miglint
