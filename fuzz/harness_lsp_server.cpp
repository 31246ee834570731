// `miglint lsp` as a client drives it: JSON-RPC dispatch, document sync and the lint of the folder
// the documents belong to. The input is the messages' bodies, each followed by a line "@@" ("\n@@\n"
// between them); the harness frames each with its Content-Length. Input starting with "RAW\n" is
// sent as it is instead (framing included). "@ROOT@" in the input stands for a scratch folder
// holding copies of two generated migrations folders (pg/drizzle and sqlite/drizzle), so that
// inputs can open, change and save files inside real folders.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "lsp/server.h"
#include "support.h"

using namespace miglint;
namespace fs = std::filesystem;

namespace {

const std::string& root() {
  static const std::string path = [] {
    const fs::path dir = fuzz::scratch_dir() / "lsp";
    for (const char* name : {"pg", "sqlite"}) {
      const fs::path from = fs::path(MIGLINT_FUZZ_FIXTURES) / "generated" / (std::string(name) + "-index") / "drizzle";
      fs::create_directories(dir / name);
      fs::copy(from, dir / name / "drizzle", fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    }
    std::cerr.rdbuf(nullptr);  // the server logs to stderr
    return dir.string();
  }();
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& base = root();
  std::string input(fuzz::as_text(data, size));
  constexpr std::string_view kRoot = "@ROOT@";
  for (std::size_t at = input.find(kRoot); at != std::string::npos; at = input.find(kRoot, at)) {
    input.replace(at, kRoot.size(), base);
    at += base.size();
  }
  std::string stream;
  if (input.starts_with("RAW\n")) {
    stream = input.substr(4);
  } else {
    constexpr std::string_view kSeparator = "\n@@\n";
    for (std::size_t at = 0; at <= input.size();) {
      const std::size_t end = std::min(input.find(kSeparator, at), input.size());
      stream += "Content-Length: " + std::to_string(end - at) + "\r\n\r\n";
      stream.append(input, at, end - at);
      at = end + kSeparator.size();
    }
  }
  std::istringstream in(stream);
  std::ostringstream out;
  const int code = run_lsp(in, out);
  static const bool echo = std::getenv("MIGLINT_FUZZ_LSP_ECHO") != nullptr;  // to check a seed by eye
  if (echo) std::fwrite(out.str().data(), 1, out.str().size(), stdout);
  if (code != 0 && code != 1) fuzz::fail("the server exited with a code other than 0 or 1");
  return 0;
}
