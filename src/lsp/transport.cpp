#include "lsp/transport.h"

#include <cctype>
#include <iostream>
#include <optional>
#include <string_view>

namespace miglint::lsp {

namespace {
// A message larger than this is dropped unread (nothing is allocated for it).
constexpr std::size_t kMaxMessageBytes = 64u * 1024u * 1024u;
// A header line longer than this is garbage; its bytes are dropped.
constexpr std::size_t kMaxHeaderLine = 8192;
constexpr std::string_view kLengthHeader = "content-length:";

// One header line. A "Content-Length:" found after other bytes on the line starts the line
// afresh (after_junk): a body without its frame is often followed directly by the next header.
struct HeaderLine {
  std::string text;
  bool after_junk = false;
  bool too_long = false;
};

// false at the end of the input.
bool read_header_line(std::istream& in, HeaderLine& line) {
  line = {};
  std::size_t matched = 0;  // bytes of kLengthHeader just read, in any case
  for (;;) {
    const int c = in.get();
    if (c == std::char_traits<char>::eof()) return false;
    if (c == '\n') break;
    const char lower = static_cast<char>(std::tolower(c));
    matched = lower == kLengthHeader[matched] ? matched + 1 : lower == kLengthHeader[0] ? 1 : 0;
    if (line.text.size() < kMaxHeaderLine) {
      line.text.push_back(static_cast<char>(c));
    } else {
      line.too_long = true;
    }
    if (matched == kLengthHeader.size()) {
      matched = 0;
      if (line.text.size() != kLengthHeader.size() || line.too_long) {
        line.text.assign("Content-Length:");
        line.after_junk = true;
        line.too_long = false;
      }
    }
  }
  if (!line.text.empty() && line.text.back() == '\r') line.text.pop_back();
  return true;
}

// The value of a Content-Length header: decimal digits only, and not absurdly many.
std::optional<std::size_t> parse_length(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.empty() || value.size() > 18) return std::nullopt;
  std::size_t n = 0;
  for (char ch : value) {
    if (ch < '0' || ch > '9') return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(ch - '0');
  }
  return n;
}

bool is_length_header(std::string_view line) {
  if (line.size() < kLengthHeader.size()) return false;
  for (std::size_t i = 0; i < kLengthHeader.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != kLengthHeader[i]) return false;
  }
  return true;
}

}  // namespace

void log(const std::string& text) { std::cerr << "miglint lsp: " << text << "\n" << std::flush; }

ReadResult read_message(std::istream& in, std::string& body) {
  std::optional<std::size_t> length;
  std::optional<std::string> bad_length;  // an unparsable Content-Length seen in the frame being read
  bool malformed = false;  // a header line without a colon, or far too long
  bool any_header = false;
  bool resyncing = false;  // after a bad frame: everything up to the next Content-Length is dropped
  auto drop_frame = [&](const std::string& why) {
    log(why + "; skipping to the next Content-Length header");
    length.reset();
    bad_length.reset();
    malformed = any_header = false;
    resyncing = true;
  };
  for (HeaderLine line; read_header_line(in, line);) {
    if (line.after_junk && any_header) drop_frame("a frame's header was cut short by another Content-Length");
    else if (line.after_junk && !resyncing) log("bytes outside any frame were skipped");
    if (resyncing && !is_length_header(line.text)) continue;
    resyncing = false;
    if (line.text.empty()) {
      if (!any_header) continue;  // stray blank lines between messages
      if (bad_length) {
        drop_frame("a frame with an unreadable Content-Length (\"" + *bad_length + "\")");
      } else if (!length) {
        drop_frame(malformed ? "a frame with a malformed header and no Content-Length" : "a frame without a Content-Length header");
      } else if (*length > kMaxMessageBytes) {
        drop_frame("a frame of " + std::to_string(*length) + " bytes (more than 64 MiB) was not read");
      } else {
        body.resize(*length);
        if (*length > 0) in.read(body.data(), static_cast<std::streamsize>(*length));
        if (static_cast<std::size_t>(in.gcount()) != *length) return ReadResult::Eof;
        return ReadResult::Message;
      }
      continue;
    }
    any_header = true;
    const std::size_t colon = line.text.find(':');
    if (line.too_long || colon == std::string::npos) {
      malformed = true;
    } else if (is_length_header(line.text)) {
      const std::string_view value = std::string_view(line.text).substr(colon + 1);
      length = parse_length(value);
      if (!length) bad_length = std::string(value.substr(0, 40));  // quoted in the log, so kept short
    }  // Content-Type and anything else are ignored
  }
  return ReadResult::Eof;
}

}  // namespace miglint::lsp
