// What the server keeps per migrations folder between lints (the snapshots it read, the files it
// sent diagnostics for), and the lint that brings a folder's diagnostics up to date.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "load/snapshot_cache.h"
#include "lsp/documents.h"

namespace miglint::lsp {

// The params of one textDocument/publishDiagnostics notification.
struct Publication {
  std::string uri;
  nlohmann::json diagnostics;
  std::optional<std::int64_t> version;  // the open document's
};

class FolderCache {
 public:
  // Lints a canonical folder with its open documents laid over the disk. Publishes for every file
  // that has findings and every open document of the folder, and an empty list for every file
  // that had findings before but has none now.
  std::vector<Publication> lint(const std::filesystem::path& folder, const OpenDocuments& documents);

 private:
  struct FolderState {
    std::set<std::string> published;  // URIs that were sent a non-empty list
    SnapshotCache snapshots;
  };
  std::map<std::filesystem::path, FolderState> folders_;  // by canonical folder path
};

}  // namespace miglint::lsp
