// Suppression comments in migration SQL:
//   -- miglint-ignore rule[,rule]: reason        silences those rules on the next statement
//   -- miglint-ignore-file rule[,rule]: reason   silences them for the whole file (and its migration)
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace miglint {

struct SqlChunk;

struct Suppression {
  bool file_wide = false;
  std::vector<std::string> rules;
  std::string reason;          // empty when the comment gives none
  std::size_t begin = 0;       // the comment, in bytes of the file
  std::size_t end = 0;
  std::size_t covers_begin = 0;  // the statement it silences (statement suppressions); empty if none follows
  std::size_t covers_end = 0;
};

// Finds the suppression comments of a file whose statements are already known.
std::vector<Suppression> find_suppressions(std::string_view text, const std::vector<SqlChunk>& chunks);

}  // namespace miglint
