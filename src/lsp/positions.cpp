#include "lsp/positions.h"

#include <algorithm>

#include "core/utf8.h"

namespace miglint::lsp {

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) starts_.push_back(i + 1);
  }
}

std::string_view LineIndex::line(std::size_t index) const {
  if (index >= starts_.size()) return {};
  std::size_t begin = starts_[index];
  std::size_t end = index + 1 < starts_.size() ? starts_[index + 1] : text_.size();
  while (end > begin && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
  return text_.substr(begin, end - begin);
}

namespace {

// UTF-16 length of the code point whose lead byte is c (invalid bytes count one, like U+FFFD).
std::uint32_t utf16_units(char c) {
  auto b = static_cast<unsigned char>(c);
  return b >= 0xF0 && b <= 0xF7 ? 2 : 1;
}

}  // namespace

std::uint32_t utf16_offset(std::string_view line, std::uint32_t code_points) {
  std::uint32_t units = 0;
  std::uint32_t seen = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (is_utf8_continuation(line[i])) continue;
    if (seen == code_points) break;
    ++seen;
    units += utf16_units(line[i]);
  }
  return units;
}

std::uint32_t utf16_length(std::string_view line) { return utf16_offset(line, UINT32_MAX); }

std::uint32_t LineIndex::utf16_offset(std::size_t index, std::uint32_t code_points) const {
  const std::string_view text = line(index);
  if (text.size() <= kBlock) return lsp::utf16_offset(text, code_points);
  std::vector<Checkpoint>& marks = checkpoints_[index];
  if (marks.empty()) {
    marks.push_back({});
    std::uint32_t seen = 0, units = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (is_utf8_continuation(text[i])) continue;
      if (i - marks.back().byte >= kBlock) marks.push_back({seen, units, i});
      ++seen;
      units += utf16_units(text[i]);
    }
  }
  auto after = std::upper_bound(marks.begin(), marks.end(), code_points,
                                [](std::uint32_t wanted, const Checkpoint& c) { return wanted < c.code_points; });
  const Checkpoint& from = *std::prev(after);
  return from.units + lsp::utf16_offset(text.substr(from.byte), code_points - from.code_points);
}

std::size_t byte_offset(const std::string& text, std::size_t line, std::size_t character) {
  LineIndex index(text);
  if (line >= index.line_count()) return text.size();
  std::size_t start = index.line_start(line);
  std::string_view content = index.line(line);
  std::size_t units = 0;
  std::size_t i = 0;
  while (i < content.size() && units < character) {
    units += utf16_units(content[i]);
    ++i;
    while (i < content.size() && is_utf8_continuation(content[i])) ++i;
  }
  return start + i;
}

}  // namespace miglint::lsp
