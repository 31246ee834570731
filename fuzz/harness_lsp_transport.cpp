// The LSP's framing (Content-Length headers, resynchronising after a bad frame) and its file:// URIs.
// Input starting with 'U': the rest is a URI, which must survive path -> URI -> path; otherwise
// the bytes are the stream a client sends.
#include <iostream>
#include <sstream>

#include "lsp/transport.h"
#include "lsp/uri.h"
#include "support.h"

using namespace miglint;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool quiet = [] {
    std::cerr.rdbuf(nullptr);  // the transport logs every dropped frame
    return true;
  }();
  (void)quiet;
  const std::string_view text = fuzz::as_text(data, size);
  if (text.starts_with('U')) {
    if (auto path = lsp::path_of_uri(std::string(text.substr(1)))) {
      auto again = lsp::path_of_uri(lsp::uri_of_path(*path));
      if (!again || *again != *path) fuzz::fail("a path does not survive its file:// URI");
    }
    return 0;
  }
  std::istringstream in{std::string(text)};
  std::size_t total = 0;
  for (std::string body; lsp::read_message(in, body) == lsp::ReadResult::Message;) {
    total += body.size();
    if (total > size) fuzz::fail("more message bytes than the input holds");
  }
  return 0;
}
