// miglint's command line: parse options and hand over to the command.
#include <cstdlib>
#include <iostream>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli/commands.h"
#include "lsp/server.h"

#ifndef MIGLINT_VERSION
#define MIGLINT_VERSION "0.0.0"
#endif

namespace miglint {

namespace {

// A run reads every snapshot into buffers of a few hundred kilobytes, on several threads. glibc
// serves such sizes with mmap and returns them with munmap, and the page faults and cross-thread
// TLB flushes that follow took about a third of the wall time on Dokploy's folder. A run lasts
// a moment, so freed memory is kept for reuse instead (not in the long-lived language server).
// mallopt is glibc's; other C libraries keep their allocator's defaults.
void keep_freed_memory_for_reuse() {
#ifdef __GLIBC__
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 64 << 20);
#endif
}

}  // namespace

int main_with_args(const std::vector<std::string>& args) {
  auto parsed = parse_options(args);
  if (auto* error = std::get_if<UsageError>(&parsed)) {
    std::cerr << "miglint: " << error->message << "\n";
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
  keep_freed_memory_for_reuse();
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
