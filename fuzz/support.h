// Helpers shared by the fuzz harnesses.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace miglint::fuzz {

// A private folder under the system's temporary directory, made once per process and removed at exit.
const std::filesystem::path& scratch_dir();

// Writes bytes to path, creating its parent folders.
void write_file(const std::filesystem::path& path, std::string_view bytes);

// Empties a folder (keeping it), for harnesses that lay out files for every input.
void empty_dir(const std::filesystem::path& dir);

// Stops the process the way libFuzzer reports a crash, naming the broken expectation.
[[noreturn]] void fail(std::string_view what);

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace miglint::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
