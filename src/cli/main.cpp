// miglint's command line: parse options and hand over to the command.
#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
#include "core/excerpt.h"
#include "core/short_run_memory.h"
#include "lsp/server.h"

#ifndef MIGLINT_VERSION
#define MIGLINT_VERSION "0.0.0"
#endif

namespace miglint {

int main_with_args(const std::vector<std::string>& args) {
  auto parsed = parse_options(args);
  if (auto* error = std::get_if<UsageError>(&parsed)) {
    std::cerr << "miglint: " << cut_long_words(error->message) << "\n";  // may quote a 128 KB argument
    return kExitError;
  }
  const Options& o = std::get<Options>(parsed);
  switch (o.command) {
    case Command::Help: std::cout << usage_text(); return kExitClean;
    case Command::Version: std::cout << "miglint " << MIGLINT_VERSION << "\n"; return kExitClean;
    case Command::Rules: return run_rules_list(o.paths);
    case Command::Explain: return run_explain(o.paths.front());
    case Command::Lsp: return run_lsp(std::cin, std::cout);
    case Command::HookFolders: return run_hook_folders(o.paths);
    default: break;
  }
  prepare_memory_for_a_short_run();
  auto loaded = load_settings(o);
  if (auto* error = std::get_if<std::string>(&loaded)) {
    std::cerr << "miglint: " << *error << "\n";
    return kExitError;
  }
  const Settings& settings = std::get<Settings>(loaded);
  if (o.command == Command::Check) return run_check(settings);
  if (!settings.options.wants_database()) {
    std::cerr << "miglint: this command reads the migrations table: pass --database-url URL or --database-url-env NAME "
                 "(or set database_url_env in .miglint.toml)\n";
    return kExitError;
  }
  return o.command == Command::Status ? run_status(settings.options) : run_repair(settings.options);
}

}  // namespace miglint

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return miglint::main_with_args(args);
  } catch (const std::exception& e) {
    std::cerr << "miglint: internal error: " << e.what() << "\n";
    return 2;
  }
}
