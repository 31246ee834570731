#include "registry.h"

#include <string_view>

namespace miglint {

#define RULE(id, name, severity, summary) void check_##id(const Context&, Reporter&);
#define RULE_SQL RULE
#define RULE_AFTER_SUPPRESSIONS RULE
#include "rules.def"
#undef RULE_AFTER_SUPPRESSIONS
#undef RULE_SQL
#undef RULE

namespace {
// Generated from rules/*.md at build time: doc_<id> holds the rule's page.
#include "rule_docs.inc"
}  // namespace

std::span<const RuleInfo> builtin_rules() {
  static const RuleInfo table[] = {
#define RULE(id, name, severity, summary) {{name, Severity::severity, summary}, &check_##id, doc_##id, false, false},
#define RULE_SQL(id, name, severity, summary) {{name, Severity::severity, summary}, &check_##id, doc_##id, false, true},
#define RULE_AFTER_SUPPRESSIONS(id, name, severity, summary) \
  {{name, Severity::severity, summary}, &check_##id, doc_##id, true, true},
#include "rules.def"
#undef RULE_AFTER_SUPPRESSIONS
#undef RULE_SQL
#undef RULE
  };
  return table;
}

}  // namespace miglint
