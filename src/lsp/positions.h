// LSP positions: 0-based lines and UTF-16 code units, against miglint's code-point columns.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
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
  // utf16_offset(line(index), code_points), in time that does not grow with the line's length: a
  // minified journal is one line of megabytes with a finding for each of thousands of entries.
  std::uint32_t utf16_offset(std::size_t index, std::uint32_t code_points) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
  // Long lines' code points and UTF-16 units before every kBlock-th byte, made on first use.
  static constexpr std::size_t kBlock = 4096;
  struct Checkpoint {
    std::uint32_t code_points = 0;
    std::uint32_t units = 0;
    std::size_t byte = 0;  // in the line
  };
  mutable std::unordered_map<std::size_t, std::vector<Checkpoint>> checkpoints_;
};

// UTF-16 offset of the first code_points code points of line (clamped to the line's end).
std::uint32_t utf16_offset(std::string_view line, std::uint32_t code_points);
std::uint32_t utf16_length(std::string_view line);
// Byte offset in text of an LSP position (line, UTF-16 character), clamped to the text.
std::size_t byte_offset(const std::string& text, std::size_t line, std::size_t character);

}  // namespace miglint::lsp
