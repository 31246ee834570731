#include "lsp/transport.h"

#include <algorithm>
#include <cctype>
#include <iostream>
#include <optional>
#include <string_view>

namespace miglint::lsp {

namespace {
// A message larger than this is skipped unread (its bytes are consumed, nothing is parsed).
constexpr std::size_t kMaxMessageBytes = 64u * 1024u * 1024u;
// A header line longer than this is garbage; its bytes are dropped.
constexpr std::size_t kMaxHeaderLine = 8192;
}  // namespace

void log(const std::string& text) { std::cerr << "miglint lsp: " << text << "\n" << std::flush; }

ReadResult read_message(std::istream& in, std::string& body) {
  std::optional<std::size_t> length;
  bool bad_header = false;
  bool any_header = false;
  for (;;) {
    std::string line;
    bool too_long = false;
    for (;;) {
      int c = in.get();
      if (c == std::char_traits<char>::eof()) return ReadResult::Eof;
      if (c == '\n') break;
      if (line.size() < kMaxHeaderLine) line.push_back(static_cast<char>(c));
      else too_long = true;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (!any_header) continue;  // stray blank lines between messages
      break;
    }
    any_header = true;
    if (too_long) {
      bad_header = true;
      continue;
    }
    auto colon = line.find(':');
    if (colon == std::string::npos) {
      bad_header = true;
      continue;
    }
    std::string name = line.substr(0, colon);
    for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (name != "content-length") continue;  // Content-Type and anything else
    std::string_view value(line);
    value.remove_prefix(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    std::size_t n = 0;
    bool ok = !value.empty() && value.size() <= 18;
    for (char ch : value) {
      if (ch < '0' || ch > '9') {
        ok = false;
        break;
      }
      n = n * 10 + static_cast<std::size_t>(ch - '0');
    }
    if (ok) length = n;
    else bad_header = true;
  }
  if (!length) {
    log(bad_header ? "a message with a malformed header was skipped" : "a message without Content-Length was skipped");
    return ReadResult::Skipped;
  }
  if (*length > kMaxMessageBytes) {
    log("a message of " + std::to_string(*length) + " bytes (more than 64 MiB) was skipped");
    std::size_t left = *length;
    char buffer[65536];
    while (left > 0) {
      auto chunk = static_cast<std::streamsize>(std::min(left, sizeof buffer));
      in.read(buffer, chunk);
      if (in.gcount() <= 0) return ReadResult::Eof;
      left -= static_cast<std::size_t>(in.gcount());
    }
    return ReadResult::Skipped;
  }
  body.resize(*length);
  if (*length > 0) in.read(body.data(), static_cast<std::streamsize>(*length));
  if (static_cast<std::size_t>(in.gcount()) != *length) return ReadResult::Eof;
  return ReadResult::Message;
}

}  // namespace miglint::lsp
