// `miglint lsp`: a minimal Language Server (LSP 3.17) over stdio; this file is its JSON-RPC side.
//
// Transport: JSON-RPC 2.0 messages framed by `Content-Length: N\r\n\r\n`; logs go to stderr only.
// Every event on a document of a migrations folder (open, change, save, close; see documents.h)
// marks its folder for a lint; once the input is drained, each marked folder is linted with the
// contents of all its open documents laid over the disk and its diagnostics are published (see
// folder_cache.h). Positions are 0-based lines and UTF-16 code units, as LSP requires by default.
#include "lsp/server.h"

#include <csignal>
#include <cstdio>
#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#endif
#include <filesystem>
#include <iostream>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "core/json_scan.h"
#include "lsp/documents.h"
#include "lsp/folder_cache.h"
#include "lsp/transport.h"

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

using lsp::log;
using lsp::read_message;
using lsp::ReadResult;

// JSON nested deeper than this is refused before parsing: copying or destroying such a value
// recurses once per level. LSP messages nest a handful of levels.
constexpr std::size_t kMaxNesting = 256;

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
    std::optional<fs::path> stale;
    if (method == "textDocument/didOpen") stale = documents_.did_open(params);
    else if (method == "textDocument/didChange") stale = documents_.did_change(params);
    else if (method == "textDocument/didSave") stale = documents_.did_save(params);
    else if (method == "textDocument/didClose") stale = documents_.did_close(params);
    if (stale) dirty_.insert(*stale);
    // initialized, $/cancelRequest, workspace/* and anything else: nothing to do
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

  void lint(const fs::path& folder) {
    for (lsp::Publication& p : folders_.lint(folder, documents_)) {
      json params{{"uri", std::move(p.uri)}, {"diagnostics", std::move(p.diagnostics)}};
      if (p.version) params["version"] = *p.version;
      notify("textDocument/publishDiagnostics", std::move(params));
    }
  }

  std::istream& in_;
  std::ostream& out_;
  bool initialized_ = false;
  bool shutdown_ = false;
  std::optional<int> exit_code_;
  lsp::OpenDocuments documents_;
  lsp::FolderCache folders_;
  std::set<fs::path> dirty_;  // folders to lint once the input is drained
};

}  // namespace

int run_lsp(std::istream& in, std::ostream& out) {
#ifdef SIGPIPE
  std::signal(SIGPIPE, SIG_IGN);  // a client that goes away ends the loop, not the process
#endif
#ifdef _WIN32
  // Frames count bytes: the C runtime must not turn \n into \r\n on the way out, or back.
  _setmode(_fileno(stdin), _O_BINARY);
  _setmode(_fileno(stdout), _O_BINARY);
#endif
  try {
    Server server(in, out);
    return server.run();
  } catch (const std::exception& e) {
    log(std::string("internal error: ") + e.what());
    return 1;
  }
}

}  // namespace miglint
