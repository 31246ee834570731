#include "core/excerpt.h"

#include <algorithm>

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

std::string cut_long_words(std::string message, std::size_t max_bytes) {
  auto blank = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  std::size_t longest = 0;
  for (std::size_t i = 0, run = 0; i < message.size(); ++i) {
    run = blank(message[i]) ? 0 : run + 1;
    longest = std::max(longest, run);
  }
  if (longest <= 2 * max_bytes) return message;  // the usual case: nothing copied
  std::string out;
  for (std::size_t i = 0; i < message.size();) {
    std::size_t end = i;
    while (end < message.size() && !blank(message[end])) ++end;
    const std::string_view word = std::string_view(message).substr(i, end - i);
    if (word.size() > 2 * max_bytes) {
      out += cut_excerpt(word, max_bytes);
      if (word.back() == '"' || word.back() == '\'' || word.back() == ')') out += word.back();
    } else {
      out += word;
    }
    if (end < message.size()) out += message[end++];
    i = end;
  }
  return out;
}

}  // namespace miglint
