// The regular build's stand-in for libFuzzer: `fuzz_replay NAME PATH...` runs harness NAME once on
// every file of the folders (or files) given, so that ctest replays the seeds and every regression
// input with any compiler.
// An input that takes more CPU time than the budget fails the run, as libFuzzer's -timeout would
// (CPU time, so that a busy machine does not fail it).
#include <algorithm>
#include <ctime>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "support.h"

namespace fs = std::filesystem;

// Each harness's LLVMFuzzerTestOneInput, renamed by fuzz/CMakeLists.txt.
#define MIGLINT_FUZZ_HARNESS(name) extern "C" int miglint_fuzz_one_input_##name(const std::uint8_t*, std::size_t);
#include "fuzz_harnesses.inc"
#undef MIGLINT_FUZZ_HARNESS

namespace {

struct Harness {
  std::string_view name;
  int (*run)(const std::uint8_t*, std::size_t);
};

constexpr Harness kHarnesses[] = {
#define MIGLINT_FUZZ_HARNESS(name) {#name, miglint_fuzz_one_input_##name},
#include "fuzz_harnesses.inc"
#undef MIGLINT_FUZZ_HARNESS
};

#ifdef MIGLINT_SANITIZED
constexpr double kSecondsPerInput = 100;  // Debug, ASan and UBSan: ten times, as tests/scaling_test.cpp allows
#else
constexpr double kSecondsPerInput = 10;
#endif

std::vector<fs::path> inputs_of(const fs::path& arg) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_directory(arg, ec)) {
    for (const auto& entry : fs::recursive_directory_iterator(arg, ec)) {
      if (entry.is_regular_file(ec) && entry.path().filename() != "README.md") files.push_back(entry.path());
    }
  } else if (fs::is_regular_file(arg, ec)) {
    files.push_back(arg);
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  const Harness* harness = nullptr;
  for (const Harness& candidate : kHarnesses) {
    if (argc > 1 && candidate.name == argv[1]) harness = &candidate;
  }
  if (harness == nullptr) {
    std::fprintf(stderr, "usage: fuzz_replay HARNESS PATH... (HARNESS is one of:");
    for (const Harness& candidate : kHarnesses) std::fprintf(stderr, " %s", candidate.name.data());
    std::fprintf(stderr, ")\n");
    return 2;
  }
  std::size_t count = 0;
  for (int i = 2; i < argc; ++i) {
    for (const fs::path& file : inputs_of(argv[i])) {
      std::ifstream in(file, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      std::fprintf(stderr, "replaying %s (%zu bytes)\n", file.c_str(), bytes.size());
      const std::clock_t start = std::clock();
      harness->run(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      const double took = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
      if (took > kSecondsPerInput) {
        std::fprintf(stderr, "FAILED: %s took %.1f s of CPU (budget %.0f s)\n", file.c_str(), took, kSecondsPerInput);
        return 1;
      }
      ++count;
    }
  }
  if (count == 0) {
    std::fprintf(stderr, "FAILED: no input found in the folders given\n");
    return 1;
  }
  std::fprintf(stderr, "%zu inputs replayed\n", count);
  return 0;
}
