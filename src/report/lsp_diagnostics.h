// The language server's renderer: findings as LSP Diagnostic objects, grouped by file, each group
// ready to be the "diagnostics" of one textDocument/publishDiagnostics notification. Like the other
// renderers it knows rules only as data (the name a finding carries).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/finding.h"

namespace miglint {

// The text a file holds now (the editor's, for an open document). LSP ranges count 0-based lines
// and UTF-16 code units while findings count code points, so the text is needed to convert; it is
// asked for once per file that has findings.
using FileText = std::function<std::string_view(const std::string& file)>;

// Keyed by Location::file, in the findings' order within a file. Findings without a file are left
// out: a diagnostic belongs to a document.
std::map<std::string, nlohmann::json> render_lsp_diagnostics(const std::vector<Finding>& findings,
                                                             const FileText& text_of);

}  // namespace miglint
