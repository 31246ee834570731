#include "core/text_file.h"

#include <algorithm>

#include "core/utf8.h"

namespace miglint {

namespace {
constexpr std::size_t kMaxExcerptBytes = 240;
}

TextFile::TextFile(std::string display_path, std::string bytes)
    : display_path_(std::move(display_path)), bytes_(std::move(bytes)) {
  line_starts_.push_back(0);
  // "\r\n", "\n" and a lone "\r" all end a line, as editors and LSP count them.
  for (std::size_t i = 0; i < bytes_.size(); ++i) {
    if (bytes_[i] == '\n') {
      line_starts_.push_back(i + 1);
    } else if (bytes_[i] == '\r' && (i + 1 >= bytes_.size() || bytes_[i + 1] != '\n')) {
      line_starts_.push_back(i + 1);
    }
  }
  std::uint64_t seen = 0;
  for (std::size_t block = 0; block < bytes_.size(); block += kBlock) {
    code_points_before_block_.push_back(seen);
    seen += count_code_points(std::string_view(bytes_).substr(block, kBlock));
  }
  code_points_before_block_.push_back(seen);  // for the offset just past a last full block
}

std::uint64_t TextFile::code_points_before(std::size_t offset) const {
  if (code_points_before_block_.empty()) return 0;  // a default-constructed file
  const std::size_t block = offset / kBlock;
  return code_points_before_block_[block] +
         count_code_points(std::string_view(bytes_).substr(block * kBlock, offset - block * kBlock));
}

namespace {

// Position of offset in bytes, counting "\r\n", "\n" and a lone "\r" as line ends.
Position scan_position(std::string_view bytes, std::size_t offset, std::size_t* line_start) {
  offset = std::min(offset, bytes.size());
  std::uint32_t line = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    char c = bytes[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n'))) {
      ++line;
      start = i + 1;
    }
  }
  *line_start = start;
  return Position{line, count_code_points(bytes.substr(start, offset - start)) + 1};
}

std::string excerpt_at(std::string_view bytes, std::size_t line_start) {
  std::size_t end = line_start;
  while (end < bytes.size() && bytes[end] != '\n' && bytes[end] != '\r' && end - line_start <= kMaxExcerptBytes) ++end;
  if (end - line_start > kMaxExcerptBytes) return {};
  return std::string(bytes.substr(line_start, end - line_start));
}

}  // namespace

Location location_in(const std::string& display_path, std::string_view bytes, std::size_t begin,
                     std::size_t end, std::string json_pointer) {
  Location loc;
  loc.file = display_path;
  std::size_t line_start = 0;
  loc.begin = scan_position(bytes, begin, &line_start);
  loc.excerpt = excerpt_at(bytes, line_start);
  std::size_t ignored = 0;
  loc.end = end <= begin ? loc.begin : scan_position(bytes, end, &ignored);
  loc.json_pointer = std::move(json_pointer);
  return loc;
}

Position TextFile::position_of(std::size_t offset) const {
  offset = std::min(offset, bytes_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line_index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  std::size_t start = line_starts_[line_index];
  // A line shorter than a block is counted from its start; a longer one (minified JSON) from the
  // blocks' counts, so that no position costs more than two blocks' worth of counting.
  const std::uint64_t column = offset - start <= kBlock
                                   ? count_code_points(std::string_view(bytes_).substr(start, offset - start))
                                   : code_points_before(offset) - code_points_before(start);
  return Position{static_cast<std::uint32_t>(line_index + 1), static_cast<std::uint32_t>(column + 1)};
}

std::string_view TextFile::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  std::size_t start = line_starts_[line - 1];
  std::size_t end = line < line_starts_.size() ? line_starts_[line] : bytes_.size();
  while (end > start && (bytes_[end - 1] == '\n' || bytes_[end - 1] == '\r')) --end;
  return std::string_view(bytes_).substr(start, end - start);
}

Location TextFile::location(std::size_t begin, std::size_t end, std::string json_pointer) const {
  Location loc;
  loc.file = display_path_;
  loc.begin = position_of(begin);
  loc.end = position_of(std::max(begin, end));
  loc.json_pointer = std::move(json_pointer);
  // Minified JSON can put megabytes on one line; such an excerpt would help nobody.
  std::string_view text = line_text(loc.begin.line);
  if (text.size() <= kMaxExcerptBytes) loc.excerpt = std::string(text);
  return loc;
}

}  // namespace miglint
