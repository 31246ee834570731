// Shell-style patterns of `.miglint.toml`'s per-path ignores, matched as POSIX fnmatch() does
// with no flags ('*' also crosses '/', a leading '.' is not special, '\' escapes), in portable
// code: Windows has no fnmatch().
#pragma once

#include <string_view>

namespace miglint {

// '*' any run of characters, '?' one, '[a-z]' / '[!a-z]' / '[^a-z]' / '[[:digit:]]' one of a set;
// a '[' without its ']' stands for itself.
bool glob_matches(std::string_view pattern, std::string_view text);

}  // namespace miglint
