#include "core/excerpt.h"

namespace miglint {

std::string cut_excerpt(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;  // a continuation byte
  return std::string(text.substr(0, end)) + "...";
}

std::string cut_quoted(std::string_view message, std::size_t max_bytes) {
  const std::size_t open = message.find('"');
  const std::size_t close = message.rfind('"');
  if (open == std::string_view::npos || close == open) return cut_excerpt(message, 4 * max_bytes);
  return std::string(message.substr(0, open + 1)) + cut_excerpt(message.substr(open + 1, close - open - 1), max_bytes) +
         std::string(message.substr(close));
}

}  // namespace miglint
