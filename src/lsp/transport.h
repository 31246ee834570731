// LSP's transport: JSON-RPC messages framed by "Content-Length: N\r\n\r\n".
#pragma once

#include <istream>
#include <string>

namespace miglint::lsp {

enum class ReadResult { Message, Skipped, Eof };

// Reads one framed message into body. Malformed headers and oversized bodies are skipped
// (Skipped); the stream ending, even in the middle of a message, is Eof.
ReadResult read_message(std::istream& in, std::string& body);

void log(const std::string& text);

}  // namespace miglint::lsp
