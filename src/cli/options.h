// The command line, parsed into plain values. Parsing never touches files.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/severity.h"
#include "load/dialect.h"

namespace miglint {

enum class Command { Check, Rules, Explain, Help, Version };
enum class Format { Text, Gcc, Json, Sarif, Github };
enum class ColorMode { Auto, Always, Never };

struct Options {
  Command command = Command::Check;
  std::vector<std::string> paths;  // for check: folders or files; for explain: the rule
  Format format = Format::Text;
  std::string output_file;
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  Severity fail_on = Severity::Error;
  bool exit_zero = false;
  std::optional<Dialect> dialect;
  ColorMode color = ColorMode::Auto;
  bool quiet = false;
};

struct UsageError {
  std::string message;
};

std::variant<Options, UsageError> parse_options(const std::vector<std::string>& args);

extern const char* const kUsage;

}  // namespace miglint
