#include <algorithm>
#include <iterator>

#include <fmt/color.h>
#include <fmt/format.h>

#include "core/utf8.h"
#include "report/report.h"
#include "report/write.h"

namespace miglint {

namespace {

using Buffer = fmt::memory_buffer;

// The text format's styles. With colour off every style is empty, and fmt::styled then writes
// the bare text.
struct Palette {
  fmt::text_style location, gutter, help, clean, summary;
  fmt::text_style error, warning, info;

  const fmt::text_style& of(Severity s) const {
    switch (s) {
      case Severity::Error: return error;
      case Severity::Warning: return warning;
      case Severity::Info: return info;
    }
    return error;
  }
};

Palette palette(bool color) {
  if (!color) return {};
  using fmt::emphasis;
  using fmt::fg;
  using fmt::terminal_color;
  Palette p;
  p.location = emphasis::bold;
  p.gutter = fg(terminal_color::blue);
  p.help = emphasis::bold | fg(terminal_color::green);
  p.clean = emphasis::bold | fg(terminal_color::green);
  p.summary = emphasis::bold;
  p.error = emphasis::bold | fg(terminal_color::red);
  p.warning = emphasis::bold | fg(terminal_color::yellow);
  p.info = emphasis::bold | fg(terminal_color::cyan);
  return p;
}

// The first line of a finding, shared with the gcc format.
void headline(Buffer& out, const Finding& f, const Palette& palette) {
  const Location& l = f.location;
  fmt::format_to(std::back_inserter(out), "{} {} {}\n",
                 fmt::styled(fmt::format("{}:{}:{}:", l.file, l.begin.line, l.begin.column), palette.location),
                 fmt::styled(fmt::format("{}[{}]", severity_name(f.severity), f.rule), palette.of(f.severity)),
                 f.message);
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

void excerpt(Buffer& out, const Finding& f, const Palette& palette) {
  const Location& l = f.location;
  if (l.excerpt.empty()) return;
  std::string number = fmt::to_string(l.begin.line);
  std::uint32_t width = count_code_points(l.excerpt);
  std::uint32_t last = l.end.line == l.begin.line ? std::max(l.end.column, l.begin.column + 1) : width + 1;
  std::uint32_t carets = std::max<std::uint32_t>(1, std::min(last, width + 1) - std::min(l.begin.column, width + 1));
  fmt::format_to(std::back_inserter(out), "{} {}\n", fmt::styled(fmt::format(" {} |", number), palette.gutter),
                 l.excerpt);
  // The caret line's gutter is blank, as wide as the line number.
  fmt::format_to(std::back_inserter(out), "{} {}{}\n",
                 fmt::styled(fmt::format(" {:{}} |", "", number.size()), palette.gutter),
                 caret_indent(l.excerpt, l.begin.column),
                 fmt::styled(std::string(carets, '^'), palette.of(f.severity)));
}

std::string plural(std::size_t count, std::string_view word) {
  return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

void summary(Buffer& out, const Report& report, const Palette& palette) {
  std::string where = plural(report.folders.size(), "folder");
  if (report.baseline_used) {
    std::string fixed =
        report.stale_baseline.empty() ? "" : fmt::format(", {} of its entries fixed", report.stale_baseline.size());
    where += fmt::format(" ({} more in the baseline{})", report.baselined, fixed);
  }
  // --since, or a database: how many migrations the statement rules left alone.
  const std::string history =
      report.history_migrations ? fmt::format(" {} judged as history.", plural(*report.history_migrations, "migration"))
                                : "";
  if (report.findings.empty()) {
    fmt::format_to(std::back_inserter(out), "{} in {}.{}\n", fmt::styled("No problems found", palette.clean), where,
                   history);
    return;
  }
  SeverityCounts n = count_severities(report.findings);
  fmt::format_to(std::back_inserter(out), "{}{}\n",
                 fmt::styled(fmt::format("Found {}, {} and {} info in {}.", plural(n.error, "error"),
                                         plural(n.warning, "warning"), n.info, where),
                             palette.summary),
                 history);
}

}  // namespace

void render_text(std::ostream& out, const Report& report, const RenderOptions& options) {
  Palette styles = palette(options.color);
  Buffer text;
  for (const Finding& f : report.findings) {
    headline(text, f, styles);
    excerpt(text, f, styles);
    if (!f.help.empty()) {
      fmt::format_to(std::back_inserter(text), "  {} {}\n", fmt::styled("help:", styles.help), f.help);
    }
    text.push_back('\n');
  }
  if (options.summary) summary(text, report, styles);
  write_buffer(out, text);
}

void render_gcc(std::ostream& out, const Report& report, const RenderOptions&) {
  Buffer text;
  for (const Finding& f : report.findings) headline(text, f, Palette{});
  write_buffer(out, text);
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
