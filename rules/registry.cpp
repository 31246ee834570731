#include "registry.h"

#include <string_view>

namespace miglint {

#define GROUP(id, summary)
#define RULE(id, name, group, severity, flags, summary) void check_##id(const Context&, Reporter&);
#include "rules.def"
#undef RULE
#undef GROUP

namespace {
// Generated from rules/<group>/*.md at build time: doc_<id> holds the rule's page.
#include "rule_docs.inc"

// The flags rules.def joins with |.
enum Flag : unsigned {
  none = 0,
  reads_sql = 1u << 0,
  after_suppressions = 1u << 1,
  needs_database = 1u << 2,
  postgres_only = 1u << 3,
  journal_layout = 1u << 4,
  reads_schema = 1u << 5,
  sqlite_only = 1u << 6,
  needs_history = 1u << 7,
  v1_layout = 1u << 8,
  needs_target = 1u << 9,
};

constexpr RuleInfo make_rule(RuleMeta meta, CheckFn check, std::string_view documentation, unsigned flags) {
  RuleInfo rule{meta, check, documentation};
  rule.reads_schema = (flags & reads_schema) != 0;
  rule.reads_sql = (flags & (reads_sql | reads_schema)) != 0;  // the replay reads the statements
  rule.after_suppressions = (flags & after_suppressions) != 0;
  rule.needs_database = (flags & needs_database) != 0;
  rule.needs_history = (flags & needs_history) != 0;
  rule.needs_target = (flags & needs_target) != 0;
  if (flags & postgres_only) rule.dialects = dialect_bit(Dialect::PostgreSQL);
  if (flags & sqlite_only) rule.dialects = dialect_bit(Dialect::SQLite);
  if (flags & journal_layout) rule.layouts = static_cast<unsigned>(Layout::DrizzleKit0);
  if (flags & v1_layout) rule.layouts = static_cast<unsigned>(Layout::DrizzleKit1);
  return rule;
}
}  // namespace

std::span<const RuleInfo> builtin_rules() {
  static const RuleInfo table[] = {
#define GROUP(id, summary)
#define RULE(id, name, group, severity, flags, summary) \
  make_rule({name, #group, Severity::severity, summary}, &check_##id, doc_##id, flags),
#include "rules.def"
#undef RULE
#undef GROUP
  };
  return table;
}

std::span<const RuleGroup> builtin_groups() {
  static const RuleGroup table[] = {
#define GROUP(id, summary) {#id, summary},
#define RULE(id, name, group, severity, flags, summary)
#include "rules.def"
#undef RULE
#undef GROUP
  };
  return table;
}

}  // namespace miglint
