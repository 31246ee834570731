#include "lsp/documents.h"

#include <system_error>
#include <utility>

#include "load/layout.h"
#include "lsp/positions.h"
#include "lsp/transport.h"
#include "lsp/uri.h"

namespace miglint::lsp {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// params.textDocument[key], or nothing when either is missing.
const json* text_document_field(const json& params, const char* key) {
  auto document = params.find("textDocument");
  if (document == params.end() || !document->is_object()) return nullptr;
  auto field = document->find(key);
  return field == document->end() ? nullptr : &*field;
}

std::optional<std::string> text_document_uri(const json& params) {
  const json* uri = text_document_field(params, "uri");
  if (!uri || !uri->is_string()) return std::nullopt;
  return uri->get<std::string>();
}

std::optional<std::int64_t> text_document_version(const json& params) {
  const json* version = text_document_field(params, "version");
  if (!version || !version->is_number_integer()) return std::nullopt;
  return version->get<std::int64_t>();
}

// One content change: the whole text, or a range of it should a client send incremental changes
// despite "change": 1.
void apply_change(std::string& text, const json& change) {
  if (!change.is_object()) return;
  auto replacement = change.find("text");
  if (replacement == change.end() || !replacement->is_string()) return;
  auto range = change.find("range");
  if (range == change.end() || range->is_null()) {
    text = replacement->get<std::string>();
    return;
  }
  try {
    auto start = byte_offset(text, range->at("start").at("line").get<std::size_t>(),
                             range->at("start").at("character").get<std::size_t>());
    auto end = byte_offset(text, range->at("end").at("line").get<std::size_t>(),
                           range->at("end").at("character").get<std::size_t>());
    if (end < start) std::swap(start, end);
    text.replace(start, end - start, replacement->get<std::string>());
  } catch (const json::exception&) {
    log("a change with a malformed range was ignored");
  }
}

}  // namespace

bool OpenDocuments::index_is_open(const fs::path& canonical_folder, const FolderLayout& layout) const {
  auto index = layout.index_file();
  if (!index) return false;
  fs::path key = (canonical_folder / *index).lexically_normal();
  for (const auto& [uri, doc] : by_uri_) {
    if (doc.folder && doc.key == key) return true;
  }
  return false;
}

// The first layout that places the document in a folder which is a migrations folder: by the
// folder's metadata on disk, or because the document is (or an open one is) its index.
void OpenDocuments::place(Document& doc) const {
  doc.folder.reset();
  for (const FolderLayout* layout : folder_layouts()) {
    auto placement = layout->place(doc.path);
    if (!placement) continue;
    std::error_code ec;
    fs::path canonical = fs::canonical(placement->folder, ec);
    if (ec) continue;
    bool is_folder = placement->relative == layout->index_file() || index_is_open(canonical, *layout) ||
                     layout->recognises(canonical);
    if (!is_folder) continue;
    doc.folder = canonical;
    doc.key = (canonical / placement->relative).lexically_normal();
    return;
  }
}

std::optional<fs::path> OpenDocuments::did_open(const json& params) {
  auto uri = text_document_uri(params);
  if (!uri) return std::nullopt;
  auto path = path_of_uri(*uri);
  if (!path) return std::nullopt;
  const json& item = params.at("textDocument");
  auto text = item.find("text");
  Document doc;
  doc.uri = *uri;
  doc.path = *path;
  doc.text = text != item.end() && text->is_string() ? text->get<std::string>() : std::string();
  doc.version = text_document_version(params);
  place(doc);
  std::optional<fs::path> folder = doc.folder;
  by_uri_[*uri] = std::move(doc);
  return folder;
}

std::optional<fs::path> OpenDocuments::did_change(const json& params) {
  auto uri = text_document_uri(params);
  if (!uri) return std::nullopt;
  auto it = by_uri_.find(*uri);
  if (it == by_uri_.end()) return std::nullopt;
  Document& doc = it->second;
  auto changes = params.find("contentChanges");
  if (changes == params.end() || !changes->is_array()) return std::nullopt;
  for (const json& change : *changes) apply_change(doc.text, change);
  if (auto v = text_document_version(params)) doc.version = v;
  return doc.folder;
}

std::optional<fs::path> OpenDocuments::did_save(const json& params) {
  auto uri = text_document_uri(params);
  if (!uri) return std::nullopt;
  auto it = by_uri_.find(*uri);
  if (it == by_uri_.end()) {
    // Saved without being open (some clients): its folder is linted from disk.
    auto path = path_of_uri(*uri);
    if (!path) return std::nullopt;
    Document doc;
    doc.path = *path;
    place(doc);
    return doc.folder;
  }
  Document& doc = it->second;
  auto text = params.find("text");
  if (text != params.end() && text->is_string()) doc.text = text->get<std::string>();
  // A folder may have appeared since the document was opened.
  if (!doc.folder) place(doc);
  return doc.folder;
}

std::optional<fs::path> OpenDocuments::did_close(const json& params) {
  auto uri = text_document_uri(params);
  if (!uri) return std::nullopt;
  auto it = by_uri_.find(*uri);
  if (it == by_uri_.end()) return std::nullopt;
  std::optional<fs::path> folder = it->second.folder;
  by_uri_.erase(it);
  return folder;
}

std::map<fs::path, const Document*> OpenDocuments::in_folder(const fs::path& folder) const {
  std::map<fs::path, const Document*> open;
  for (const auto& [uri, doc] : by_uri_) {
    if (doc.folder && *doc.folder == folder) open[doc.key] = &doc;
  }
  return open;
}

}  // namespace miglint::lsp
