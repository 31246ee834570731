#include <algorithm>

#include "core/utf8.h"
#include "report/report.h"

namespace miglint {

namespace {

struct Style {
  bool on;
  std::string operator()(const char* code, const std::string& text) const {
    return on ? std::string("\x1b[") + code + "m" + text + "\x1b[0m" : text;
  }
};

const char* severity_color(Severity s) {
  switch (s) {
    case Severity::Error: return "1;31";
    case Severity::Warning: return "1;33";
    case Severity::Info: return "1;36";
  }
  return "1";
}

// The first line of a finding, shared with the gcc format.
std::string headline(const Finding& f, const Style& style) {
  const Location& l = f.location;
  return style("1", l.file + ":" + std::to_string(l.begin.line) + ":" + std::to_string(l.begin.column) + ":") + " " +
         style(severity_color(f.severity), std::string(severity_name(f.severity)) + "[" + std::string(f.rule) + "]") +
         " " + f.message;
}

// Code points of the excerpt before a column, with every character but tab turned to a space,
// so the caret lines up under tabs too.
std::string caret_indent(const std::string& excerpt, std::uint32_t column) {
  std::string indent;
  std::uint32_t seen = 0;
  for (char c : excerpt) {
    if (is_utf8_continuation(c)) continue;
    if (++seen >= column) break;
    indent += c == '\t' ? '\t' : ' ';
  }
  return indent;
}

void excerpt(std::ostream& out, const Finding& f, const Style& style) {
  const Location& l = f.location;
  if (l.excerpt.empty()) return;
  std::string number = std::to_string(l.begin.line);
  std::string gutter(number.size(), ' ');
  std::uint32_t width = count_code_points(l.excerpt);
  std::uint32_t last = l.end.line == l.begin.line ? std::max(l.end.column, l.begin.column + 1) : width + 1;
  std::uint32_t carets = std::max<std::uint32_t>(1, std::min(last, width + 1) - std::min(l.begin.column, width + 1));
  out << style("34", " " + number + " |") << " " << l.excerpt << "\n";
  out << style("34", " " + gutter + " |") << " " << caret_indent(l.excerpt, l.begin.column)
      << style(severity_color(f.severity), std::string(carets, '^')) << "\n";
}

}  // namespace

void render_text(std::ostream& out, const Report& report, const RenderOptions& options) {
  Style style{options.color};
  for (const Finding& f : report.findings) {
    out << headline(f, style) << "\n";
    excerpt(out, f, style);
    if (!f.help.empty()) out << "  " << style("1;32", "help:") << " " << f.help << "\n";
    out << "\n";
  }
  if (!options.summary) return;
  SeverityCounts n = count_severities(report.findings);
  std::string where = std::to_string(report.folders.size()) + " folder" + (report.folders.size() == 1 ? "" : "s");
  if (report.baseline_used) {
    where += " (" + std::to_string(report.baselined) + " more in the baseline";
    if (!report.stale_baseline.empty()) where += ", " + std::to_string(report.stale_baseline.size()) + " of its entries fixed";
    where += ")";
  }
  if (report.findings.empty()) {
    out << style("1;32", "No problems found") << " in " << where << ".\n";
  } else {
    auto plural = [](std::size_t k, const char* word) {
      return std::to_string(k) + " " + word + (k == 1 ? "" : "s");
    };
    out << style("1", "Found " + plural(n.error, "error") + ", " + plural(n.warning, "warning") + " and " +
                          std::to_string(n.info) + " info in " + where + ".")
        << "\n";
  }
}

void render_gcc(std::ostream& out, const Report& report, const RenderOptions&) {
  Style plain{false};
  for (const Finding& f : report.findings) out << headline(f, plain) << "\n";
}

SeverityCounts count_severities(const std::vector<Finding>& findings) {
  SeverityCounts n;
  for (const Finding& f : findings) {
    if (f.severity == Severity::Error) ++n.error;
    else if (f.severity == Severity::Warning) ++n.warning;
    else ++n.info;
  }
  return n;
}

}  // namespace miglint
