#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
#include "db/reader.h"
#include "load/discovery.h"
#include "load/folder_loader.h"

namespace miglint {

std::variant<DatabaseCheck, std::string> check_database(const Options& o, const Folder& folder) {
  std::string url = o.database_url;
  if (url.empty()) {
    const char* value = std::getenv(o.database_url_env.c_str());
    if (!value || !*value) return "the environment variable " + o.database_url_env + " (--database-url-env) is not set";
    url = value;
  }
  auto target = parse_database_url(url, {o.connect_timeout_seconds, o.statement_timeout_ms});
  if (auto* error = std::get_if<TargetError>(&target)) return error->message;
  auto state = read_database(std::get<DatabaseTarget>(target), {o.migrations_schema, o.migrations_table});
  if (auto* error = std::get_if<ReadError>(&state)) return error->message;
  DatabaseCheck check{std::move(std::get<DatabaseState>(state)), {}};
  check.reconciliation = folder.layout == Layout::DrizzleKit1 ? reconcile_v1(folder, check.state)
                                                              : reconcile(folder, check.state);
  return check;
}

std::variant<Folder, std::string> load_one_folder(const Options& o) {
  std::error_code ec;
  Discovery discovery = discover_folders(o.paths, std::filesystem::current_path(ec));
  if (!discovery.errors.empty()) return discovery.errors.front();
  const FolderTarget& target = discovery.folders.front();
  auto loaded = load_folder(target.path, target.display_path, o.dialect ? o.dialect : target.config_dialect,
                            LoadScope::JournalAndSql);
  if (auto* error = std::get_if<FolderError>(&loaded)) return error->message;
  return std::move(std::get<Folder>(loaded));
}

int with_database(const Options& o, const std::function<int(const Folder&, const DatabaseCheck&)>& use) {
  auto folder = load_one_folder(o);
  if (auto* error = std::get_if<std::string>(&folder)) {
    std::cerr << "miglint: error: " << *error << "\n";
    return kExitError;
  }
  auto checked = check_database(o, std::get<Folder>(folder));
  if (auto* error = std::get_if<std::string>(&checked)) {
    std::cerr << "miglint: error: " << *error << "\n";
    return kExitError;
  }
  return use(std::get<Folder>(folder), std::get<DatabaseCheck>(checked));
}

}  // namespace miglint
