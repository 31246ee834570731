// Runs the selected rules over a folder and orders what they find.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/rule_selectors.h"
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
// Whether a rule that will run reads the schema history (so snapshots are worth modelling as they
// load); rules that judge a database run only with one.
bool reads_schema(std::span<const RuleInfo> rules, const RuleSelection& selection, bool with_database);

std::vector<Finding> run_rules(const Folder& folder, std::span<const RuleInfo> rules, const RuleSelection& selection,
                               const DatabaseCheck* database = nullptr, const CommittedFolder* committed = nullptr);

// Deterministic order: file, line, column, rule, message.
void sort_findings(std::vector<Finding>& findings);

// Every rule name and group name that --select, --ignore and the config accept.
RuleSelectors rule_selectors(std::span<const RuleInfo> rules);

// The rule of that name, or nothing.
const RuleInfo* find_rule(std::span<const RuleInfo> rules, std::string_view name);
// The closest rule or group name, for "did you mean" in error messages; empty when nothing is close.
std::string closest_rule_name(std::span<const RuleInfo> rules, std::string_view name);

}  // namespace miglint
