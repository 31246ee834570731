#include "engine/pipeline.h"

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

}  // namespace

std::variant<LintedFolder, FolderError> lint_folder(const FolderTarget& target, const LintSettings& settings,
                                                  const LintSources& sources) {
  auto loaded = load(target, settings, sources);
  if (auto* error = std::get_if<FolderError>(&loaded)) return std::move(*error);
  Folder& loaded_folder = std::get<Folder>(loaded);
  loaded_folder.migrator = settings.migrator;
  loaded_folder.sqlite_driver = settings.driver.value_or(target.config_driver);
  const Folder& folder = loaded_folder;
  LintedFolder linted;
  linted.display_path = folder.display_path;
  std::optional<DatabaseCheck> database;
  if (sources.database) {
    auto checked = sources.database(folder);
    if (auto* error = std::get_if<std::string>(&checked)) linted.database_error = std::move(*error);
    else database.emplace(std::move(std::get<DatabaseCheck>(checked)));
  }
  linted.findings = run_rules(folder, settings.rules, settings.selection, database ? &*database : nullptr);
  if (settings.config) {
    std::erase_if(linted.findings,
                  [&](const Finding& f) { return settings.config->ignores(f.rule, settings.base / f.location.file); });
  }
  sort_findings(linted.findings);
  return linted;
}

}  // namespace miglint
