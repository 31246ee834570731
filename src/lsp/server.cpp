// `miglint lsp`: a minimal Language Server (LSP 3.17) over stdio.
//
// Transport: JSON-RPC 2.0 messages framed by `Content-Length: N\r\n\r\n`; logs go to stderr only.
// Documents: `.sql` files of a migrations folder and `meta/*.json` files in its meta/ directory.
// Every event on such a document (open, change, save, close) lints the whole folder with the
// contents of all open documents of that folder laid over the disk, then publishes diagnostics for
// every file that has findings (and for every open document of the folder), and an empty list for
// every file that had findings before but has none now. Positions are 0-based lines and UTF-16 code
// units, as LSP requires by default.
#include "lsp/server.h"

#include <csignal>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/engine.h"
#include "load/config_file.h"
#include "load/dialect.h"
#include "load/drizzle_config.h"
#include "load/folder_loader.h"
#include "load/safe_read.h"
#include "load/snapshot_loader.h"
#include "lsp/positions.h"
#include "lsp/transport.h"
#include "lsp/uri.h"
#include "core/json_scan.h"
#include "registry.h"

#include <sys/stat.h>

#ifndef MIGLINT_VERSION
#define MIGLINT_VERSION "0.0.0"
#endif

namespace miglint {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// JSON-RPC and LSP error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;
constexpr int kServerNotInitialized = -32002;

using lsp::byte_offset;
using lsp::LineIndex;
using lsp::log;
using lsp::path_of_uri;
using lsp::read_message;
using lsp::ReadResult;
using lsp::uri_of_path;
using lsp::utf16_length;
using lsp::utf16_offset;

// JSON nested deeper than this is refused before parsing: copying or destroying such a value
// recurses once per level. LSP messages nest a handful of levels.
constexpr std::size_t kMaxNesting = 256;

json lsp_position(std::uint32_t line, std::uint32_t character) { return json{{"line", line}, {"character", character}}; }

// ---------------------------------------------------------------------------------------------
// Documents and folders

struct Document {
  std::string uri;
  fs::path path;                  // as the URI names it, lexically normal
  std::optional<fs::path> folder;  // canonical migrations folder, when the document is in one
  fs::path key;                   // folder / relative path: the overlay key
  std::string text;
  std::optional<std::int64_t> version;
};

// What identifies a snapshot file's contents on disk without reading it.
struct FileStamp {
  dev_t device = 0;
  ino_t inode = 0;
  off_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
  std::optional<Dialect> dialect;  // snapshots are judged by the folder's dialect
  friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

// A regular file's stamp; nothing for links, missing files and anything else (those are always read).
std::optional<FileStamp> stamp_of(const fs::path& file, std::optional<Dialect> dialect) {
  struct stat st {};
  if (::lstat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  FileStamp stamp;
  stamp.device = st.st_dev;
  stamp.inode = st.st_ino;
  stamp.size = st.st_size;
  stamp.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  stamp.ctime_ns = static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
  stamp.dialect = dialect;
  return stamp;
}

struct CachedSnapshot {
  FileStamp stamp;
  Snapshot snapshot;
};

struct FolderState {
  std::set<std::string> published;  // URIs that were sent a non-empty list
  // Snapshots read from disk, by file name: a save re-reads only the files that changed. A file
  // whose stamp (inode, size, mtime, ctime) is unchanged is taken as unchanged.
  std::map<std::string, CachedSnapshot> snapshots;
};

// Loads a folder like load_folder(..., LoadScope::Everything, overlay), taking unchanged snapshots
// from the cache: the journal and the SQL files are read by load_folder, the snapshots here.
std::variant<Folder, FolderError> load_with_cache(const fs::path& folder_path, std::optional<Dialect> dialect,
                                                  const FileOverlay& overlay, FolderState& state) {
  auto loaded = load_folder(folder_path, folder_path.string(), dialect, LoadScope::JournalAndSql, &overlay);
  auto* folder = std::get_if<Folder>(&loaded);
  if (!folder) {
    state.snapshots.clear();
    return loaded;
  }
  // As load_folder does: judged by the requested or the journal's dialect (no snapshot is read yet).
  std::optional<Dialect> judged_by = folder->dialect();
  std::vector<Snapshot> missing;
  std::vector<std::size_t> missing_at;
  std::vector<std::optional<FileStamp>> stamps(folder->snapshots.size());
  std::map<std::string, CachedSnapshot> kept;
  for (std::size_t i = 0; i < folder->snapshots.size(); ++i) {
    Snapshot& s = folder->snapshots[i];
    fs::path file = (folder->path / "meta" / s.file_name).lexically_normal();
    if (!overlay.count(file)) stamps[i] = stamp_of(file, judged_by);
    auto cached = state.snapshots.find(s.file_name);
    if (stamps[i] && cached != state.snapshots.end() && cached->second.stamp == *stamps[i]) {
      s = cached->second.snapshot;
      kept.emplace(s.file_name, std::move(cached->second));
      continue;
    }
    missing.push_back(std::move(s));
    missing_at.push_back(i);
  }
  if (!missing.empty()) load_snapshots(folder->path, missing, judged_by, &overlay);
  for (std::size_t j = 0; j < missing.size(); ++j) {
    std::size_t i = missing_at[j];
    if (stamps[i]) kept[missing[j].file_name] = CachedSnapshot{*stamps[i], missing[j]};
    folder->snapshots[i] = std::move(missing[j]);
  }
  state.snapshots = std::move(kept);
  return loaded;
}

int severity_code(Severity s) {
  switch (s) {
    case Severity::Error: return 1;
    case Severity::Warning: return 2;
    case Severity::Info: return 3;
  }
  return 1;
}

class Server {
 public:
  Server(std::istream& in, std::ostream& out) : in_(in), out_(out) {}

  int run() {
    for (;;) {
      std::string body;
      ReadResult r = read_message(in_, body);
      if (r == ReadResult::Eof) {
        log("the input ended without an exit notification");
        return shutdown_ ? 0 : 1;
      }
      if (r == ReadResult::Message) {
        handle_raw(body);
        if (exit_code_) return *exit_code_;
      }
      if (!out_) {
        log("the output closed; stopping");
        return 1;
      }
      // Several changes already waiting (fast typing) are linted once, after the last one.
      if (!dirty_.empty() && in_.rdbuf()->in_avail() <= 0) lint_dirty();
    }
  }

 private:
  // --- JSON-RPC ------------------------------------------------------------------------------

  void send(const json& message) {
    std::string body = message.dump(-1, ' ', false, json::error_handler_t::replace);
    out_ << "Content-Length: " << body.size() << "\r\n\r\n" << body;
    out_.flush();
  }

  void respond(const json& id, json result) { send(json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}}); }

  void respond_error(const json& id, int code, const std::string& message) {
    send(json{{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
  }

  void notify(const std::string& method, json params) {
    send(json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }

  void handle_raw(const std::string& body) {
    // Checked before parsing, so that a hostile message never reaches the parser's recursion.
    if (auto problem = check_json_syntax(body, kMaxNesting); problem && problem->message.starts_with("nested deeper")) {
      log("a message nested deeper than " + std::to_string(kMaxNesting) + " levels was ignored");
      respond_error(nullptr, kInvalidRequest, "invalid request: nested too deeply");
      return;
    }
    json message = json::parse(body, nullptr, false);
    if (message.is_discarded()) {
      log("a message that is not JSON was ignored");
      respond_error(nullptr, kParseError, "parse error: the message is not valid JSON");
      return;
    }
    if (!message.is_object()) {
      respond_error(nullptr, kInvalidRequest, "invalid request: a message must be a JSON object");
      return;
    }
    auto id_it = message.find("id");
    bool has_id = id_it != message.end();
    json id = has_id ? *id_it : json(nullptr);
    if (has_id && !id.is_number_integer() && !id.is_string() && !id.is_null()) {
      respond_error(nullptr, kInvalidRequest, "invalid request: id must be a number or a string");
      return;
    }
    auto method_it = message.find("method");
    if (method_it == message.end() || !method_it->is_string()) {
      if (has_id && (message.contains("result") || message.contains("error"))) return;  // a response to us; we send no requests
      respond_error(id, kInvalidRequest, "invalid request: method is missing or not a string");
      return;
    }
    const std::string method = method_it->get<std::string>();
    static const json kNoParams = json::object();
    auto params_it = message.find("params");
    const json& params = params_it != message.end() ? *params_it : kNoParams;
    try {
      if (has_id) handle_request(id, method, params);
      else handle_notification(method, params);
    } catch (const std::exception& e) {
      log("while handling " + method + ": " + e.what());
      if (has_id) respond_error(id, kInternalError, std::string("internal error: ") + e.what());
    }
  }

  void handle_request(const json& id, const std::string& method, const json& params) {
    // Pending lints first: a client that sends a request after a change sees that change's
    // diagnostics before the reply.
    if (!dirty_.empty()) lint_dirty();
    if (method == "exit") {  // sent as a request by mistake: still honoured
      exit_code_ = shutdown_ ? 0 : 1;
      return;
    }
    if (!initialized_) {
      if (method != "initialize") {
        respond_error(id, kServerNotInitialized, "the server is not initialized: send initialize first");
        return;
      }
      if (!params.is_object()) {
        respond_error(id, kInvalidParams, "initialize needs an object as params");
        return;
      }
      initialized_ = true;
      respond(id, json{{"capabilities",
                        {{"textDocumentSync", {{"openClose", true}, {"change", 1}, {"save", {{"includeText", true}}}}}}},
                       {"serverInfo", {{"name", "miglint"}, {"version", MIGLINT_VERSION}}}});
      return;
    }
    if (shutdown_) {
      respond_error(id, kInvalidRequest, "the server is shutting down: only exit is accepted");
      return;
    }
    if (method == "initialize") {
      respond_error(id, kInvalidRequest, "initialize was already received");
    } else if (method == "shutdown") {
      shutdown_ = true;
      respond(id, nullptr);
    } else {
      respond_error(id, kMethodNotFound, "method not found: " + method);
    }
  }

  void handle_notification(const std::string& method, const json& params) {
    if (method == "exit") {
      exit_code_ = shutdown_ ? 0 : 1;
      return;
    }
    if (!initialized_ || shutdown_) return;  // dropped, as LSP says
    if (!params.is_object()) return;
    if (method == "textDocument/didOpen") did_open(params);
    else if (method == "textDocument/didChange") did_change(params);
    else if (method == "textDocument/didSave") did_save(params);
    else if (method == "textDocument/didClose") did_close(params);
    // initialized, $/cancelRequest, workspace/* and anything else: nothing to do
  }

  // --- Documents -----------------------------------------------------------------------------

  static std::optional<std::string> text_document_uri(const json& params) {
    auto it = params.find("textDocument");
    if (it == params.end() || !it->is_object()) return std::nullopt;
    auto uri = it->find("uri");
    if (uri == it->end() || !uri->is_string()) return std::nullopt;
    return uri->get<std::string>();
  }

  static std::optional<std::int64_t> text_document_version(const json& params) {
    auto it = params.find("textDocument");
    if (it == params.end() || !it->is_object()) return std::nullopt;
    auto v = it->find("version");
    if (v == it->end() || !v->is_number_integer()) return std::nullopt;
    return v->get<std::int64_t>();
  }

  bool journal_is_open(const fs::path& canonical_folder) const {
    fs::path key = (canonical_folder / "meta" / "_journal.json").lexically_normal();
    for (const auto& [uri, doc] : documents_) {
      if (doc.folder && doc.key == key) return true;
    }
    return false;
  }

  // meta/ with a journal or at least one snapshot (a folder whose journal was deleted still counts).
  static bool has_migrations_meta(const fs::path& meta) {
    std::error_code ec;
    if (fs::exists(meta / "_journal.json", ec)) return true;
    for (const auto& e : fs::directory_iterator(meta, ec)) {
      if (e.path().filename().string().ends_with("_snapshot.json")) return true;
    }
    return false;
  }

  // A `.sql` file directly in a migrations folder, or a `.json` file in its meta/ directory.
  void place(Document& doc) const {
    doc.folder.reset();
    fs::path dir;
    fs::path relative;
    fs::path parent = doc.path.parent_path();
    if (doc.path.extension() == ".sql") {
      dir = parent;
      relative = doc.path.filename();
    } else if (doc.path.extension() == ".json" && parent.filename() == "meta") {
      dir = parent.parent_path();
      relative = fs::path("meta") / doc.path.filename();
    } else {
      return;
    }
    std::error_code ec;
    fs::path canonical = fs::canonical(dir, ec);
    if (ec) return;
    bool is_folder = relative == fs::path("meta") / "_journal.json" || journal_is_open(canonical) ||
                     has_migrations_meta(canonical / "meta");
    if (!is_folder) return;
    doc.folder = canonical;
    doc.key = (canonical / relative).lexically_normal();
  }

  void did_open(const json& params) {
    auto uri = text_document_uri(params);
    if (!uri) return;
    auto path = path_of_uri(*uri);
    if (!path) return;
    const json& item = params.at("textDocument");
    auto text = item.find("text");
    Document doc;
    doc.uri = *uri;
    doc.path = *path;
    doc.text = text != item.end() && text->is_string() ? text->get<std::string>() : std::string();
    doc.version = text_document_version(params);
    place(doc);
    if (doc.folder) dirty_.insert(*doc.folder);
    documents_[*uri] = std::move(doc);
  }

  void did_change(const json& params) {
    auto uri = text_document_uri(params);
    if (!uri) return;
    auto it = documents_.find(*uri);
    if (it == documents_.end()) return;
    Document& doc = it->second;
    auto changes = params.find("contentChanges");
    if (changes == params.end() || !changes->is_array()) return;
    for (const json& change : *changes) {
      if (!change.is_object()) continue;
      auto text = change.find("text");
      if (text == change.end() || !text->is_string()) continue;
      auto range = change.find("range");
      if (range == change.end() || range->is_null()) {
        doc.text = text->get<std::string>();
        continue;
      }
      // Incremental changes, should a client send them despite "change": 1.
      try {
        auto start = byte_offset(doc.text, range->at("start").at("line").get<std::size_t>(),
                                 range->at("start").at("character").get<std::size_t>());
        auto end = byte_offset(doc.text, range->at("end").at("line").get<std::size_t>(),
                               range->at("end").at("character").get<std::size_t>());
        if (end < start) std::swap(start, end);
        doc.text.replace(start, end - start, text->get<std::string>());
      } catch (const json::exception&) {
        log("a change with a malformed range was ignored");
      }
    }
    if (auto v = text_document_version(params)) doc.version = v;
    if (doc.folder) dirty_.insert(*doc.folder);
  }

  void did_save(const json& params) {
    auto uri = text_document_uri(params);
    if (!uri) return;
    auto it = documents_.find(*uri);
    if (it == documents_.end()) {
      // Saved without being open (some clients): lint from disk.
      auto path = path_of_uri(*uri);
      if (!path) return;
      Document doc;
      doc.path = *path;
      place(doc);
      if (doc.folder) dirty_.insert(*doc.folder);
      return;
    }
    Document& doc = it->second;
    auto text = params.find("text");
    if (text != params.end() && text->is_string()) doc.text = text->get<std::string>();
    // A folder may have appeared since the document was opened.
    if (!doc.folder) place(doc);
    if (doc.folder) dirty_.insert(*doc.folder);
  }

  void did_close(const json& params) {
    auto uri = text_document_uri(params);
    if (!uri) return;
    auto it = documents_.find(*uri);
    if (it == documents_.end()) return;
    std::optional<fs::path> folder = it->second.folder;
    documents_.erase(it);
    if (folder) dirty_.insert(*folder);
  }

  // --- Linting -------------------------------------------------------------------------------

  void lint_dirty() {
    std::set<fs::path> folders;
    folders.swap(dirty_);
    for (const fs::path& folder : folders) {
      try {
        lint(folder);
      } catch (const std::exception& e) {
        log("linting " + folder.string() + " failed: " + e.what());
      }
    }
  }

  struct Rules {
    RuleSelection selection;
    std::optional<ConfigFile> config;
    std::optional<Dialect> dialect;
  };

  // .miglint.toml from the folder upwards, and the dialect of a drizzle.config whose "out" is the folder.
  Rules rules_for(const fs::path& folder) const {
    Rules r;
    std::error_code ec;
    if (auto file = find_config(folder)) {
      auto read = read_config(*file, file->string(), rule_selectors(builtin_rules()));
      if (auto* error = std::get_if<ConfigError>(&read)) {
        log(error->message + " (the settings file is ignored until it is fixed)");
      } else {
        r.config = std::move(std::get<ConfigFile>(read));
        r.selection = RuleSelection{r.config->select, r.config->ignore, r.config->severity};
        r.dialect = r.config->dialect;
      }
    }
    if (!r.dialect) {
      fs::path dir = folder.parent_path();
      for (int depth = 0; depth < 8 && !dir.empty(); ++depth) {
        if (auto config = find_drizzle_config(dir); config && config->out && config->dialect) {
          if (fs::weakly_canonical(dir / *config->out, ec) == folder) r.dialect = parse_dialect(*config->dialect);
        }
        if (fs::exists(dir / ".git", ec) || dir == dir.parent_path()) break;
        dir = dir.parent_path();
      }
    }
    return r;
  }

  // The text a finding's position refers to: the open document's, else the file on disk.
  const std::string* text_for(const fs::path& folder, const fs::path& file, const FileOverlay& overlay,
                              std::map<fs::path, std::string>& read_cache) const {
    if (auto it = overlay.find(file); it != overlay.end()) return &it->second;
    auto cached = read_cache.find(file);
    if (cached == read_cache.end()) {
      auto result = read_file_within(folder, file);
      std::string bytes;
      if (auto* text = std::get_if<std::string>(&result)) bytes = std::move(*text);
      cached = read_cache.emplace(file, std::move(bytes)).first;
    }
    return &cached->second;
  }

  static json diagnostic(const Finding& f, const std::string& text) {
    LineIndex index(text);
    auto convert = [&](const Position& p) {
      std::uint32_t line = p.line > 0 ? p.line - 1 : 0;
      std::uint32_t column = p.column > 0 ? p.column - 1 : 0;
      return std::pair<std::uint32_t, std::uint32_t>{line, utf16_offset(index.line(line), column)};
    };
    auto [begin_line, begin_char] = convert(f.location.begin);
    auto [end_line, end_char] = convert(f.location.end);
    if (std::pair(end_line, end_char) <= std::pair(begin_line, begin_char)) {
      // A finding about a whole file or an empty spot: underline the rest of its line.
      end_line = begin_line;
      end_char = std::max(begin_char, utf16_length(index.line(begin_line)));
    }
    std::string message = f.message;
    if (!f.help.empty()) message += "\nhelp: " + f.help;
    return json{{"range", {{"start", lsp_position(begin_line, begin_char)}, {"end", lsp_position(end_line, end_char)}}},
                {"severity", severity_code(f.severity)},
                {"code", std::string(f.rule)},
                {"source", "miglint"},
                {"message", message}};
  }

  void publish(const std::string& uri, json diagnostics, std::optional<std::int64_t> version) {
    json params{{"uri", uri}, {"diagnostics", std::move(diagnostics)}};
    if (version) params["version"] = *version;
    notify("textDocument/publishDiagnostics", std::move(params));
  }

  void lint(const fs::path& folder) {
    FolderState& state = folders_[folder];
    FileOverlay overlay;
    std::map<fs::path, const Document*> open;  // overlay key -> document
    for (const auto& [uri, doc] : documents_) {
      if (doc.folder && *doc.folder == folder) {
        overlay[doc.key] = doc.text;
        open[doc.key] = &doc;
      }
    }
    Rules rules = rules_for(folder);
    auto loaded = load_with_cache(folder, rules.dialect, overlay, state);
    std::map<fs::path, std::vector<const Finding*>> by_file;
    std::vector<Finding> findings;
    if (auto* error = std::get_if<FolderError>(&loaded)) {
      log(error->message);
    } else {
      const Folder& loaded_folder = std::get<Folder>(loaded);
      findings = run_rules(loaded_folder, builtin_rules(), rules.selection);
      sort_findings(findings);
      for (const Finding& f : findings) {
        if (f.location.file.empty()) continue;
        fs::path file = fs::path(f.location.file).lexically_normal();
        if (rules.config && rules.config->ignores(f.rule, file)) continue;
        by_file[file].push_back(&f);
      }
    }
    for (const auto& [key, doc] : open) by_file.try_emplace(key);  // open documents always get their (maybe empty) list

    std::map<fs::path, std::string> read_cache;
    std::set<std::string> published;  // non-empty lists
    std::set<std::string> sent;
    for (const auto& [file, list] : by_file) {
      auto doc = open.find(file);
      std::string uri = doc != open.end() ? doc->second->uri : uri_of_path(file);
      json diagnostics = json::array();
      if (!list.empty()) {
        const std::string* text = text_for(folder, file, overlay, read_cache);
        for (const Finding* f : list) diagnostics.push_back(diagnostic(*f, *text));
        published.insert(uri);
      }
      sent.insert(uri);
      publish(uri, std::move(diagnostics), doc != open.end() ? doc->second->version : std::nullopt);
    }
    for (const std::string& uri : state.published) {
      if (!sent.count(uri)) publish(uri, json::array(), std::nullopt);
    }
    state.published = std::move(published);
  }

  std::istream& in_;
  std::ostream& out_;
  bool initialized_ = false;
  bool shutdown_ = false;
  std::optional<int> exit_code_;
  std::map<std::string, Document> documents_;  // by URI
  std::map<fs::path, FolderState> folders_;    // by canonical folder path
  std::set<fs::path> dirty_;                   // folders to lint once the input is drained
};

}  // namespace

int run_lsp(std::istream& in, std::ostream& out) {
  std::signal(SIGPIPE, SIG_IGN);  // a client that goes away ends the loop, not the process
  try {
    Server server(in, out);
    return server.run();
  } catch (const std::exception& e) {
    log(std::string("internal error: ") + e.what());
    return 1;
  }
}

}  // namespace miglint
