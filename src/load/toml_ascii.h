// The text toml++ is given: a TOML file rewritten, with the same meaning, in ASCII only.
// toml++ 3.3 reaches code it marks unreachable (undefined behaviour) when it asks whether some
// characters beyond ASCII are whitespace (most of U+00A1-U+0499, U+2C5E-U+3057 and U+FB26-U+FEFE),
// which it does outside strings and on the line after a trailing backslash in a multi-line string:
// `"""\` then `école"""`, valid TOML, was enough (found by fuzzing). So toml++ never sees them:
// in strings they become \u escapes (a literal string containing one becomes the basic string of
// the same value), in comments `?`; anywhere else TOML refuses them, and so does this.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace miglint {

struct TomlTextProblem {
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in characters
  std::string what;
};

struct TomlPosition {
  std::size_t line = 1;
  std::size_t column = 1;
};

struct AsciiToml {
  std::string text;                  // what toml++ is given
  std::vector<std::uint32_t> origin;  // for each byte of text, the offset in file it stands for
  std::string_view file;

  // Where a position toml++ gives in text (line, column: ASCII, so bytes) was in the file, with
  // its column in characters.
  TomlPosition original(TomlPosition in_text) const;
};

// The rewritten text, or the first place where the file is not TOML for a reason of its characters.
// The result refers to file_text, which must outlive it.
std::variant<AsciiToml, TomlTextProblem> ascii_toml(std::string_view file_text);

}  // namespace miglint
