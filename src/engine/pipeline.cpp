#include "engine/pipeline.h"

#include <set>

#include <fmt/core.h>

#include "core/finding_cap.h"

namespace miglint {

namespace {

std::variant<Folder, FolderError> load(const FolderTarget& target, const LintSettings& settings,
                                       const LintSources& sources) {
  std::optional<Dialect> dialect = settings.dialect ? settings.dialect : target.config_dialect;
  const bool schemas = reads_schema(settings.rules, settings.selection, static_cast<bool>(sources.database));
  if (sources.snapshots) return sources.snapshots->load(target.path, target.display_path, dialect, sources.overlay, schemas);
  // Without a cache every snapshot is read anyway, and the SQL is parsed meanwhile when a rule reads
  // it; schemas are modelled from the snapshots' parse when a rule reads them.
  LoadScope scope = schemas                                        ? LoadScope::EverythingWithSchemas
                    : reads_sql(settings.rules, settings.selection) ? LoadScope::EverythingAndParsedSql
                                                                    : LoadScope::Everything;
  return load_folder(target.path, target.display_path, dialect, scope, sources.overlay);
}

// The migrations that are history: unchanged since REF, or (with a database and no REF) already
// applied to it, whose hazards are past.
std::vector<const Migration*> history_of(const Folder& folder, const CommittedFolder* committed,
                                         const DatabaseCheck* database) {
  if (committed) return history_migrations(folder, *committed);
  std::vector<const Migration*> applied;
  if (!database) return applied;
  for (const LocalMigration& m : database->reconciliation.local) {
    if (m.state == MigrationState::Applied) applied.push_back(m.migration);
  }
  return applied;
}

// The statement rules (SQL, safety, suppressions, the SQL-against-snapshot replay) judge only
// what is not history; the rules that judge the folder, the database or the history itself judge all.
void drop_history_findings(std::span<const RuleInfo> rules, const std::vector<const Migration*>& history,
                           std::vector<Finding>& findings) {
  std::set<std::string, std::less<>> files;
  for (const Migration* m : history) {
    if (m->sql) files.insert(m->sql->file.display_path());
    if (m->snapshot) files.insert(m->snapshot->display_path);
  }
  std::erase_if(findings, [&](const Finding& f) {
    const RuleInfo* rule = find_rule(rules, f.rule);
    const bool judges_statements = rule && rule->reads_sql && !rule->needs_database && !rule->needs_history;
    return judges_statements && files.count(f.location.file) > 0;
  });
}

// Never freed, on purpose (LintSettings::keep_folder_to_exit); held by a global, so that leak
// checkers see it as still reachable.
void keep_to_exit(Folder&& folder) {
  static auto* kept = new std::vector<Folder>();
  kept->push_back(std::move(folder));
}

}  // namespace

std::variant<LintedFolder, FolderError> lint_folder(const FolderTarget& target, const LintSettings& settings,
                                                  const LintSources& sources) {
  auto loaded = load(target, settings, sources);
  if (auto* error = std::get_if<FolderError>(&loaded)) return std::move(*error);
  Folder& loaded_folder = std::get<Folder>(loaded);
  loaded_folder.migrator = settings.migrator;
  loaded_folder.sqlite_driver = settings.driver.value_or(target.config_driver);
  loaded_folder.target_v1 = settings.target_v1;
  const Folder& folder = loaded_folder;
  LintedFolder linted;
  linted.display_path = folder.display_path;
  std::optional<CommittedFolder> committed;
  if (!settings.since.empty()) {
    auto read = read_committed_folder(folder, settings.since);
    if (auto* error = std::get_if<std::string>(&read)) {
      if (!settings.since_where_possible) return FolderError{fmt::format("{}: {}", folder.display_path, *error)};
    } else {
      committed.emplace(std::move(std::get<CommittedFolder>(read)));
      if (committed->renamed) {
        linted.history_note = fmt::format("{} was {} at {}; compared with that", folder.display_path,
                                          committed->path_at_ref, committed->ref);
      }
    }
  }
  std::optional<DatabaseCheck> database;
  if (sources.database) {
    auto checked = sources.database(folder);
    if (auto* error = std::get_if<std::string>(&checked)) linted.database_error = std::move(*error);
    else database.emplace(std::move(std::get<DatabaseCheck>(checked)));
  }
  const DatabaseCheck* db = database ? &*database : nullptr;
  const CommittedFolder* base = committed ? &*committed : nullptr;
  linted.findings = run_rules(folder, settings.rules, settings.selection, db, base);
  if (base || db) {
    const std::vector<const Migration*> history = history_of(folder, base, db);
    drop_history_findings(settings.rules, history, linted.findings);
    linted.history_migrations = history.size();
  }
  if (settings.config) {
    std::erase_if(linted.findings,
                  [&](const Finding& f) { return settings.config->ignores(f.rule, settings.base / f.location.file); });
  }
  sort_findings(linted.findings);
  cap_findings_per_file(linted.findings);
  if (settings.keep_folder_to_exit) keep_to_exit(std::move(loaded_folder));
  return linted;
}

}  // namespace miglint
