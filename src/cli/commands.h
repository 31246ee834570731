// The commands of miglint's command line, one function each.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "cli/options.h"
#include "cli/settings.h"
#include "engine/rule_api.h"
#include "report/report.h"

namespace miglint {

inline constexpr int kExitClean = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitError = 2;

int run_check(const Settings& settings);
int run_status(const Options& o);
int run_repair(const Options& o);
// Every rule, or those of the rules and groups named.
int run_rules_list(const std::vector<std::string>& selectors);
int run_explain(const std::string& name);
// Prints, as shell words on one line, the migrations folders touched by the paths listed in the file
// lists[0] (changed) given those in lists[1] (present after the change).
int run_hook_folders(const std::vector<std::string>& lists);

// Writes the report in the chosen format to stdout or --output; kExitError if it cannot.
int emit_report(const Options& o, const Report& report);

// The folder a status or repair command works on, or why it cannot be loaded.
std::variant<Folder, std::string> load_one_folder(const Options& o);

// Connects as --database-url or --database-url-env say, reads the migrations table
// (read-only) and lines it up with the folder; or says why it could not.
std::variant<DatabaseCheck, std::string> check_database(const Options& o, const Folder& folder);

// Loads the one folder of status or repair and its database, then runs use(folder, database);
// prints the error and returns kExitError when either cannot be read.
int with_database(const Options& o, const std::function<int(const Folder&, const DatabaseCheck&)>& use);

}  // namespace miglint
