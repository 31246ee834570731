#include "report/lsp_diagnostics.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include <fmt/format.h>

#include "lsp/positions.h"

namespace miglint {

namespace {

using json = nlohmann::json;

// LSP's DiagnosticSeverity.
int severity_code(Severity s) {
  switch (s) {
    case Severity::Error: return 1;
    case Severity::Warning: return 2;
    case Severity::Info: return 3;
  }
  return 1;
}

struct LspPosition {
  std::uint32_t line = 0;
  std::uint32_t character = 0;
  friend auto operator<=>(const LspPosition&, const LspPosition&) = default;
  json to_json() const { return json{{"line", line}, {"character", character}}; }
};

LspPosition lsp_position(const lsp::LineIndex& lines, const Position& p) {
  std::uint32_t line = p.line > 0 ? p.line - 1 : 0;
  std::uint32_t column = p.column > 0 ? p.column - 1 : 0;
  return {line, lines.utf16_offset(line, column)};
}

json diagnostic(const Finding& f, const lsp::LineIndex& lines) {
  LspPosition begin = lsp_position(lines, f.location.begin);
  LspPosition end = lsp_position(lines, f.location.end);
  if (end <= begin) {
    // A finding about a whole file or an empty spot: underline the rest of its line.
    end.line = begin.line;
    end.character = std::max(begin.character, lines.utf16_offset(begin.line, UINT32_MAX));
  }
  std::string message = f.help.empty() ? f.message : fmt::format("{}\nhelp: {}", f.message, f.help);
  return json{{"range", {{"start", begin.to_json()}, {"end", end.to_json()}}},
              {"severity", severity_code(f.severity)},
              {"code", std::string(f.rule)},
              {"source", "miglint"},
              {"message", std::move(message)}};
}

}  // namespace

std::map<std::string, json> render_lsp_diagnostics(const std::vector<Finding>& findings, const FileText& text_of) {
  std::map<std::string, std::vector<const Finding*>> by_file;
  for (const Finding& f : findings) {
    if (!f.location.file.empty()) by_file[f.location.file].push_back(&f);
  }
  std::map<std::string, json> rendered;
  for (const auto& [file, list] : by_file) {
    lsp::LineIndex lines(text_of(file));
    json& diagnostics = rendered[file] = json::array();
    for (const Finding* f : list) diagnostics.push_back(diagnostic(*f, lines));
  }
  return rendered;
}

}  // namespace miglint
