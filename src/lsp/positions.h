// LSP positions: 0-based lines and UTF-16 code units, against miglint's code-point columns.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace miglint::lsp {

// Lines end at "\n", "\r\n" or a lone "\r", as in LSP and in TextFile.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  std::size_t line_count() const { return starts_.size(); }
  // The bytes of a 0-based line without its terminator (empty past the end).
  std::string_view line(std::size_t index) const;
  std::size_t line_start(std::size_t index) const { return index < starts_.size() ? starts_[index] : text_.size(); }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

// UTF-16 offset of the first code_points code points of line (clamped to the line's end).
std::uint32_t utf16_offset(std::string_view line, std::uint32_t code_points);
std::uint32_t utf16_length(std::string_view line);
// Byte offset in text of an LSP position (line, UTF-16 character), clamped to the text.
std::size_t byte_offset(const std::string& text, std::size_t line, std::size_t character);

}  // namespace miglint::lsp
