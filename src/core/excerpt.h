// Quoted input cut to a readable length: a message may quote a 50 MB string literal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace miglint {

inline constexpr std::size_t kMaxQuotedBytes = 80;

// text itself when at most max_bytes long, else its first max_bytes (never half a UTF-8
// sequence) followed by "...".
std::string cut_excerpt(std::string_view text, std::size_t max_bytes = kMaxQuotedBytes);

// message with the text between its first and last double quote cut as above.
std::string cut_quoted(std::string_view message, std::size_t max_bytes = kMaxQuotedBytes);

}  // namespace miglint
