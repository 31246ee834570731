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

// message with every run of non-blank bytes longer than twice max_bytes (a journal tag, a rule
// name or a value quoted from the input: no word of a sentence is that long) cut as above, the
// run's last byte kept when it closes a quotation ('"', '\'', ')').
std::string cut_long_words(std::string message, std::size_t max_bytes = kMaxQuotedBytes);

}  // namespace miglint
