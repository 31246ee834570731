#include "support.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace miglint::fuzz {

namespace fs = std::filesystem;

namespace {
struct Scratch {
  fs::path dir;
  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "miglint-fuzz-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) fail("cannot make a temporary folder");
    dir = fs::canonical(pattern);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};
}  // namespace

const fs::path& scratch_dir() {
  static Scratch scratch;
  return scratch.dir;
}

void write_file(const fs::path& path, std::string_view bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) fail("cannot write a temporary file");
}

void empty_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  for (const auto& entry : fs::directory_iterator(dir, ec)) fs::remove_all(entry.path(), ec);
}

void fail(std::string_view what) {
  std::fprintf(stderr, "miglint fuzz: expectation broken: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

}  // namespace miglint::fuzz
