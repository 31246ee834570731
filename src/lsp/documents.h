// The documents a client has open (LSP text synchronisation with full contents on open, change
// and save) and the migrations folder each belongs to, as the folder layouts place them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace miglint {
class FolderLayout;
}

namespace miglint::lsp {

struct Document {
  std::string uri;
  std::filesystem::path path;                   // as the URI names it, lexically normal
  std::optional<std::filesystem::path> folder;  // canonical migrations folder, when the document is in one
  std::filesystem::path key;                    // folder / relative path: the overlay key
  std::string text;
  std::optional<std::int64_t> version;
};

class OpenDocuments {
 public:
  // The textDocument/did* notifications. Each returns the folder whose findings the event may
  // change, if the document is in one.
  std::optional<std::filesystem::path> did_open(const nlohmann::json& params);
  std::optional<std::filesystem::path> did_change(const nlohmann::json& params);
  std::optional<std::filesystem::path> did_save(const nlohmann::json& params);
  std::optional<std::filesystem::path> did_close(const nlohmann::json& params);

  // The open documents of a canonical folder, by overlay key.
  std::map<std::filesystem::path, const Document*> in_folder(const std::filesystem::path& folder) const;

 private:
  void place(Document& doc) const;
  bool index_is_open(const std::filesystem::path& canonical_folder, const FolderLayout& layout) const;

  std::map<std::string, Document> by_uri_;
};

}  // namespace miglint::lsp
