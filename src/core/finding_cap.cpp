#include "core/finding_cap.h"

#include <algorithm>
#include <iterator>
#include <tuple>
#include <string_view>
#include <utility>

#include <fmt/core.h>

namespace miglint {

namespace {

// What one rule lost in one file.
struct LeftOut {
  std::string_view rule;
  std::size_t count = 0;
  Finding first;
};

}  // namespace

Finding summary_of_left_out(std::string_view rule, Finding first, std::size_t count, std::size_t per_file) {
  Finding f;
  f.rule = rule;
  f.severity = first.severity;
  f.migration = std::move(first.migration);
  f.location = std::move(first.location);
  f.left_out = count;
  f.message = fmt::format("{} more {} finding{} in this file not shown: miglint shows at most {} findings per file",
                          count, rule, count == 1 ? "" : "s", per_file);
  f.help = "Fix or suppress the findings shown, or select fewer rules (--select, --ignore), to see the rest.";
  return f;
}

void cap_findings_per_file(std::vector<Finding>& findings, std::size_t per_file) {
  std::vector<Finding> kept;
  bool capped = false;
  for (auto begin = findings.begin(); begin != findings.end();) {
    const auto end = std::find_if(begin, findings.end(),
                                  [&](const Finding& f) { return f.location.file != begin->location.file; });
    if (static_cast<std::size_t>(end - begin) <= per_file) {
      if (capped) std::move(begin, end, std::back_inserter(kept));
      begin = end;
      continue;
    }
    if (!capped) {
      kept.reserve(findings.size());
      std::move(findings.begin(), begin, std::back_inserter(kept));
      capped = true;
    }
    const auto shown_end = begin + static_cast<std::ptrdiff_t>(per_file);
    std::move(begin, shown_end, std::back_inserter(kept));
    std::vector<LeftOut> left;  // in the order rules first lose a finding: few rules, so a list
    for (auto f = shown_end; f != end; ++f) {
      auto same = std::find_if(left.begin(), left.end(), [&](const LeftOut& l) { return l.rule == f->rule; });
      const std::size_t stands_for = f->left_out ? f->left_out : 1;
      if (same == left.end()) {
        left.push_back({f->rule, stands_for, std::move(*f)});
      } else {
        same->count += stands_for;
        same->first.severity = std::max(same->first.severity, f->severity);
      }
    }
    std::vector<Finding> summaries;
    for (LeftOut& l : left) summaries.push_back(summary_of_left_out(l.rule, std::move(l.first), l.count, per_file));
    // Each at its first finding left out, so after every finding shown: the file stays in order.
    std::stable_sort(summaries.begin(), summaries.end(), [](const Finding& a, const Finding& b) {
      return std::tie(a.location.begin, a.rule) < std::tie(b.location.begin, b.rule);
    });
    std::move(summaries.begin(), summaries.end(), std::back_inserter(kept));
    begin = end;
  }
  if (capped) findings = std::move(kept);
}

}  // namespace miglint
