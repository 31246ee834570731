#include <algorithm>
#include <iostream>

#include <fmt/core.h>

#include "cli/commands.h"
#include "core/excerpt.h"
#include "engine/engine.h"
#include "registry.h"

namespace miglint {

int run_rules_list(const std::vector<std::string>& selectors) {
  std::span<const RuleInfo> rules = builtin_rules();
  const RuleSelectors known = rule_selectors(rules);
  for (const std::string& selector : selectors) {
    if (known.known(selector)) continue;
    std::string close = closest_rule_name(rules, selector);
    fmt::print(stderr, "miglint: unknown rule or group \"{}\"{}\n", cut_excerpt(selector),
               close.empty() ? "" : fmt::format("; did you mean \"{}\"?", close));
    return kExitError;
  }
  const std::vector<std::string> shown = known.expand(selectors);
  auto listed = [&](const RuleInfo& r) {
    return shown.empty() || std::find(shown.begin(), shown.end(), r.meta.name) != shown.end();
  };
  // Columns line up whatever the longest name.
  std::size_t name_width = 0, group_width = 0;
  for (const RuleInfo& r : rules) {
    name_width = std::max(name_width, r.meta.name.size());
    group_width = std::max(group_width, r.meta.group.size());
  }
  for (const RuleInfo& r : rules) {
    if (!listed(r)) continue;
    fmt::print("{:<{}} {:<{}} {:<8} {}\n", r.meta.name, name_width, r.meta.group, group_width,
               severity_name(r.meta.default_severity), r.meta.summary);
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
  std::cerr << "miglint: unknown rule \"" << cut_excerpt(name) << "\"";
  std::string close = closest_rule_name(rules, name);
  if (!close.empty()) std::cerr << "; did you mean \"" << close << "\"?";
  std::cerr << "\n";
  return kExitError;
}

}  // namespace miglint
