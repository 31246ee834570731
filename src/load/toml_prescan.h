// A check of a TOML file's text before toml++ reads it. TOML allows characters beyond ASCII only
// inside strings and comments; toml++ 3.3 reaches code it marks unreachable (undefined behaviour)
// on some of them elsewhere (U+FEFB at the start of a file, found by fuzzing), so such a file is
// refused here first, with the same kind of message.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace miglint {

struct TomlTextProblem {
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in bytes
  std::string what;
};

// The first character beyond ASCII outside a string or a comment, if any.
std::optional<TomlTextProblem> find_non_ascii_outside_strings(std::string_view text);

}  // namespace miglint
