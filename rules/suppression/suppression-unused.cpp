#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_suppression_unused(const Context& ctx, Reporter& out) {
  if (!ctx.suppressions) return;
  for (const SuppressionUse& use : *ctx.suppressions) {
    const Suppression& s = *use.suppression;
    const SqlFile& sql = *use.file;
    const char* kind = s.file_wide ? "miglint-ignore-file" : "miglint-ignore";
    if (s.rules.empty()) {
      out.report(sql.file.location(s.begin, s.end), fmt::format("{} names no rule, so it suppresses nothing", kind),
                 sql.tag)
          .help = "Name the rules to silence: -- miglint-ignore rule-name: reason.";
      continue;
    }
    if (!s.file_wide && s.covers_end <= s.covers_begin) {
      out.report(sql.file.location(s.begin, s.end),
                 fmt::format("{} is followed by no statement, so it suppresses nothing", kind), sql.tag)
          .help = "Put it on the line just above the statement it is about, or remove it.";
      continue;
    }
    for (std::size_t r = 0; r < s.rules.size(); ++r) {
      const std::string& name = s.rules[r];
      std::string message;
      if (!use.known[r]) {
        message = fmt::format("{} names \"{}\", which is not a rule (miglint rules lists them)", kind, name);
      } else if (use.judged[r] && use.silenced[r] == 0) {
        message = fmt::format("{} {} suppresses nothing: the rule finds nothing {}", kind, name,
                              s.file_wide ? "in this file" : "on the next statement");
      } else {
        continue;
      }
      out.report(sql.file.location(s.begin, s.end), message, sql.tag).help =
          "Remove it (or the rule name), so that it does not hide a real finding later.";
    }
  }
}

}  // namespace miglint
