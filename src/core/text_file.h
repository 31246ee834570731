// A file's bytes plus a line index, for turning byte offsets into positions in time that does not
// grow with the line's length (a minified journal is one line of megabytes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace miglint {

class TextFile {
 public:
  TextFile() = default;
  TextFile(std::string display_path, std::string bytes);

  const std::string& display_path() const { return display_path_; }
  const std::string& bytes() const { return bytes_; }

  Position position_of(std::size_t offset) const;
  // The line's text without its line terminator.
  std::string_view line_text(std::uint32_t line) const;
  // A location spanning [begin, end) with the excerpt of its first line.
  Location location(std::size_t begin, std::size_t end, std::string json_pointer = {}) const;

 private:
  std::string display_path_;
  std::string bytes_;
  std::vector<std::size_t> line_starts_;
  // Code points before every kBlock-th byte: a column is counted from the nearest one.
  static constexpr std::size_t kBlock = 4096;
  std::vector<std::uint64_t> code_points_before_block_;
  std::uint64_t code_points_before(std::size_t offset) const;
};

// The same for bytes that have no line index (large files read once): counts lines up to offset.
Location location_in(const std::string& display_path, std::string_view bytes, std::size_t begin,
                     std::size_t end, std::string json_pointer = {});

}  // namespace miglint
