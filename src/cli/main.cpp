// miglint's command line: parse options and hand over to the command.
#include <iostream>

#include "cli/commands.h"

#ifndef MIGLINT_VERSION
#define MIGLINT_VERSION "0.0.0"
#endif

namespace miglint {

int main_with_args(const std::vector<std::string>& args) {
  auto parsed = parse_options(args);
  if (auto* error = std::get_if<UsageError>(&parsed)) {
    std::cerr << "miglint: " << error->message << "\n";
    return kExitError;
  }
  const Options& o = std::get<Options>(parsed);
  switch (o.command) {
    case Command::Help: std::cout << kUsage; return kExitClean;
    case Command::Version: std::cout << "miglint " << MIGLINT_VERSION << "\n"; return kExitClean;
    case Command::Rules: return run_rules_list();
    case Command::Explain: return run_explain(o.paths.front());
    case Command::Status: return run_status(o);
    case Command::Repair: return run_repair(o);
    case Command::Check: return run_check(o);
  }
  return kExitError;
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
