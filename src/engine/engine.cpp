#include "engine/engine.h"

#include <algorithm>
#include <tuple>

#include "core/suggest.h"
#include "engine/resolve.h"

namespace miglint {

Finding& Reporter::report(Location where, std::string message, std::string migration) {
  Finding& f = sink_.emplace_back();
  f.location = std::move(where);
  f.message = std::move(message);
  f.migration = std::move(migration);
  chosen_.emplace_back();
  return f;
}

Finding& Reporter::report_as(Severity severity, Location where, std::string message, std::string migration) {
  Finding& f = report(std::move(where), std::move(message), std::move(migration));
  chosen_.back() = severity;
  return f;
}

bool RuleSelection::enabled(std::string_view rule) const {
  auto named = [&](const std::vector<std::string>& list) { return std::find(list.begin(), list.end(), rule) != list.end(); };
  if (named(ignore)) return false;
  return select.empty() || named(select);
}

std::vector<Finding> run_rules(const Folder& folder, std::span<const RuleInfo> rules, const RuleSelection& selection,
                               const DatabaseCheck* database) {
  std::vector<Finding> all;
  const Context context{folder, database};
  for (const RuleInfo& rule : rules) {
    if (!selection.enabled(rule.meta.name)) continue;
    std::vector<Finding> found;
    Reporter reporter(found);
    rule.check(context, reporter);
    auto override_it = selection.severity.find(rule.meta.name);
    for (std::size_t k = 0; k < found.size(); ++k) {
      Finding& f = found[k];
      f.rule = rule.meta.name;
      const std::optional<Severity>& chosen = reporter.chosen_severities()[k];
      f.severity = override_it != selection.severity.end() ? override_it->second
                   : chosen                                 ? *chosen
                                                            : rule.meta.default_severity;
      all.push_back(std::move(f));
    }
  }
  resolve_locations(folder, all);
  return all;
}

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.location.file, a.location.begin, a.rule, a.message) <
           std::tie(b.location.file, b.location.begin, b.rule, b.message);
  });
}

const RuleInfo* find_rule(std::span<const RuleInfo> rules, std::string_view name) {
  for (const RuleInfo& r : rules) {
    if (r.meta.name == name) return &r;
  }
  return nullptr;
}

std::string closest_rule_name(std::span<const RuleInfo> rules, std::string_view name) {
  std::vector<std::string_view> names;
  for (const RuleInfo& r : rules) names.push_back(r.meta.name);
  return closest_name(names, name);
}

}  // namespace miglint
