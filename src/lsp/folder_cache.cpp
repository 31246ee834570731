#include "lsp/folder_cache.h"

#include <utility>
#include <variant>

#include "engine/pipeline.h"
#include "load/safe_read.h"
#include "lsp/folder_settings.h"
#include "lsp/transport.h"
#include "lsp/uri.h"
#include "registry.h"
#include "report/lsp_diagnostics.h"

namespace miglint::lsp {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// The text a finding's position refers to: the open document's, else the file on disk (read once).
class FileTexts {
 public:
  FileTexts(const fs::path& folder, const FileOverlay& overlay) : folder_(folder), overlay_(overlay) {}

  std::string_view operator()(const std::string& file) {
    fs::path key = fs::path(file).lexically_normal();
    if (auto it = overlay_.find(key); it != overlay_.end()) return it->second;
    auto cached = read_.find(key);
    if (cached == read_.end()) {
      auto result = read_file_within(folder_, key);
      std::string bytes;
      if (auto* text = std::get_if<std::string>(&result)) bytes = std::move(*text);
      cached = read_.emplace(key, std::move(bytes)).first;
    }
    return cached->second;
  }

 private:
  const fs::path& folder_;
  const FileOverlay& overlay_;
  std::map<fs::path, std::string> read_;
};

// Findings' file paths are absolute: the folder is linted under its canonical path.
std::vector<Finding> lint_with_settings(const fs::path& folder, const FileOverlay& overlay, SnapshotCache& snapshots) {
  FolderSettings settings = read_folder_settings(folder);
  LintSettings lint_settings;
  lint_settings.rules = builtin_rules();
  lint_settings.selection = settings.selection;
  lint_settings.dialect = settings.dialect;
  lint_settings.migrator = settings.migrator;
  lint_settings.driver = settings.driver;
  lint_settings.config = settings.config ? &*settings.config : nullptr;
  // As a pre-commit hook would judge it: migrations unchanged since HEAD are history.
  lint_settings.since = "HEAD";
  lint_settings.since_where_possible = true;
  LintSources sources;
  sources.overlay = &overlay;
  sources.snapshots = &snapshots;
  auto linted = lint_folder(FolderTarget{folder, folder.string(), std::nullopt}, lint_settings, sources);
  if (auto* error = std::get_if<FolderError>(&linted)) {
    log(error->message);
    return {};
  }
  return std::move(std::get<LintedFolder>(linted).findings);
}

}  // namespace

std::vector<Publication> FolderCache::lint(const fs::path& folder, const OpenDocuments& documents) {
  FolderState& state = folders_[folder];
  std::map<fs::path, const Document*> open = documents.in_folder(folder);
  FileOverlay overlay;
  for (const auto& [key, doc] : open) overlay[key] = doc->text;

  std::vector<Finding> findings = lint_with_settings(folder, overlay, state.snapshots);
  FileTexts texts(folder, overlay);
  std::map<fs::path, json> by_file;
  for (auto& [file, diagnostics] : render_lsp_diagnostics(findings, std::ref(texts))) {
    json& list = by_file[fs::path(file).lexically_normal()];
    if (list.is_null()) list = std::move(diagnostics);
    else list.insert(list.end(), diagnostics.begin(), diagnostics.end());
  }
  // Open documents always get their list, empty or not.
  for (const auto& [key, doc] : open) by_file.try_emplace(key, json::array());

  std::vector<Publication> publications;
  std::set<std::string> published;  // non-empty lists
  std::set<std::string> sent;
  for (auto& [file, diagnostics] : by_file) {
    auto doc = open.find(file);
    std::string uri = doc != open.end() ? doc->second->uri : uri_of_path(file);
    if (!diagnostics.empty()) published.insert(uri);
    sent.insert(uri);
    publications.push_back({uri, std::move(diagnostics), doc != open.end() ? doc->second->version : std::nullopt});
  }
  for (const std::string& uri : state.published) {
    if (!sent.count(uri)) publications.push_back({uri, json::array(), std::nullopt});
  }
  state.published = std::move(published);
  return publications;
}

}  // namespace miglint::lsp
