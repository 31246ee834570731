// GitHub Actions workflow commands: one annotation per finding.
#include <iterator>

#include <fmt/format.h>

#include "report/report.h"
#include "report/write.h"

namespace miglint {

namespace {

// Escaping as the Actions toolkit does: data escapes % CR LF; properties also ':' and ','.
std::string escape_data(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}

std::string escape_property(const std::string& s) {
  std::string out;
  for (char c : escape_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

const char* command(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "notice";
  }
  return "error";
}

}  // namespace

void render_github(std::ostream& out, const Report& report, const RenderOptions&) {
  fmt::memory_buffer text;
  auto to = std::back_inserter(text);
  for (const Finding& f : report.findings) {
    const Location& l = f.location;
    std::string message = f.help.empty() ? f.message : fmt::format("{}\n{}", f.message, f.help);
    fmt::format_to(to, "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}\n", command(f.severity),
                   escape_property(l.file), l.begin.line, l.begin.column, l.end.line, l.end.column,
                   escape_property(std::string(f.rule)), escape_data(message));
  }
  for (const std::string& e : report.errors) fmt::format_to(to, "::error title=miglint::{}\n", escape_data(e));
  write_buffer(out, text);
}

}  // namespace miglint
