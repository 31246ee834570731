// The only header a rule includes: what it may read and how it reports.
// Rules never format output and never name another rule.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "load/model.h"

namespace miglint {

struct RuleMeta {
  std::string_view name;  // kebab-case, stable: used by --select, config and suppressions
  Severity default_severity;
  std::string_view summary;  // one line, for `miglint rules` and SARIF
};

// Everything a rule may read; nothing it may change.
struct Context {
  const Folder& folder;
};

// Collects one rule's findings; the engine stamps the rule name and severity.
class Reporter {
 public:
  explicit Reporter(std::vector<Finding>& sink) : sink_(sink) {}
  // The returned finding may be completed (help) until the next report.
  // migration: the tag of the migration concerned, if any.
  Finding& report(Location where, std::string message, std::string migration = {});

 private:
  std::vector<Finding>& sink_;
};

using CheckFn = void (*)(const Context&, Reporter&);

struct RuleInfo {
  RuleMeta meta;
  CheckFn check;
  std::string_view documentation;  // the rule's Markdown page
};

}  // namespace miglint
