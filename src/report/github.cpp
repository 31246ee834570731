// GitHub Actions workflow commands: one annotation per finding.
#include "report/report.h"

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
  for (const Finding& f : report.findings) {
    const Location& l = f.location;
    std::string message = f.message;
    if (!f.help.empty()) message += "\n" + f.help;
    out << "::" << command(f.severity) << " file=" << escape_property(l.file) << ",line=" << l.begin.line
        << ",col=" << l.begin.column << ",endLine=" << l.end.line << ",endColumn=" << l.end.column
        << ",title=" << escape_property(std::string(f.rule)) << "::" << escape_data(message) << "\n";
  }
  for (const std::string& e : report.errors) out << "::error title=miglint::" << escape_data(e) << "\n";
}

}  // namespace miglint
