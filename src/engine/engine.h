// Runs the selected rules over a folder and orders what they find.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/rule_api.h"

namespace miglint {

struct RuleSelection {
  std::vector<std::string> select;  // empty: every rule
  std::vector<std::string> ignore;
  std::map<std::string, Severity, std::less<>> severity;  // per-rule overrides
  bool enabled(std::string_view rule) const;
};

// Whether a rule that will run reads the SQL files' statements (so they are worth parsing early).
bool reads_sql(std::span<const RuleInfo> rules, const RuleSelection& selection);

std::vector<Finding> run_rules(const Folder& folder, std::span<const RuleInfo> rules, const RuleSelection& selection,
                               const DatabaseCheck* database = nullptr);

// Deterministic order: file, line, column, rule, message.
void sort_findings(std::vector<Finding>& findings);

// The rule of that name, or nothing.
const RuleInfo* find_rule(std::span<const RuleInfo> rules, std::string_view name);
// Every rule's name, in table order (what a settings file may name).
std::vector<std::string_view> rule_names(std::span<const RuleInfo> rules);
// The closest rule name, for "did you mean" in error messages; empty when nothing is close.
std::string closest_rule_name(std::span<const RuleInfo> rules, std::string_view name);

}  // namespace miglint
