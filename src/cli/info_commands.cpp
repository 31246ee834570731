#include <algorithm>
#include <iostream>

#include "cli/commands.h"
#include "engine/engine.h"
#include "registry.h"

namespace miglint {

int run_rules_list() {
  std::size_t width = 0;  // the longest name, so the columns line up
  for (const RuleInfo& r : builtin_rules()) width = std::max(width, r.meta.name.size());
  for (const RuleInfo& r : builtin_rules()) {
    std::string name(r.meta.name);
    std::string severity(severity_name(r.meta.default_severity));
    name.resize(width, ' ');
    severity.resize(8, ' ');
    std::cout << name << " " << severity << " " << r.meta.summary << "\n";
  }
  return kExitClean;
}

int run_explain(const std::string& name) {
  std::span<const RuleInfo> rules = builtin_rules();
  if (const RuleInfo* rule = find_rule(rules, name)) {
    std::cout << rule->documentation;
    if (!rule->documentation.ends_with('\n')) std::cout << "\n";
    return kExitClean;
  }
  std::cerr << "miglint: unknown rule \"" << name << "\"";
  std::string close = closest_rule_name(rules, name);
  if (!close.empty()) std::cerr << "; did you mean \"" << close << "\"?";
  std::cerr << "\n";
  return kExitError;
}

}  // namespace miglint
