#include "engine/engine.h"

#include <algorithm>
#include <tuple>

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

namespace {
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}
}  // namespace

std::string closest_rule_name(std::span<const RuleInfo> rules, std::string_view name) {
  std::string best;
  std::size_t best_distance = name.size() / 2 + 2;  // beyond this the suggestion would confuse
  for (const RuleInfo& r : rules) {
    std::size_t d = edit_distance(name, r.meta.name);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(r.meta.name);
    }
  }
  return best;
}

}  // namespace miglint
