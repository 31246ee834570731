// LSP's transport: JSON-RPC messages framed by "Content-Length: N\r\n\r\n".
#pragma once

#include <istream>
#include <string>

namespace miglint::lsp {

enum class ReadResult { Message, Eof };

// Reads the next framed message into body. A frame whose length is missing, unparsable or over
// the limit is logged and dropped, and reading resumes at the next "Content-Length:" header, so
// one bad frame costs only itself. The stream ending, even in the middle of a message, is Eof.
ReadResult read_message(std::istream& in, std::string& body);

void log(const std::string& text);

}  // namespace miglint::lsp
