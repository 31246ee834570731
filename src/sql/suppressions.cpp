#include "sql/suppressions.h"

#include <cctype>

#include "sql/analysis.h"

namespace miglint {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Parses "-- miglint-ignore[-file] a,b: reason"; false when the comment is something else.
bool parse_comment(std::string_view comment, Suppression& s) {
  comment = trim(comment.substr(2));  // after "--"
  constexpr std::string_view kFile = "miglint-ignore-file";
  constexpr std::string_view kStatement = "miglint-ignore";
  if (comment.starts_with(kFile)) {
    s.file_wide = true;
    comment.remove_prefix(kFile.size());
  } else if (comment.starts_with(kStatement)) {
    comment.remove_prefix(kStatement.size());
  } else {
    return false;
  }
  if (!comment.empty() && !std::isspace(static_cast<unsigned char>(comment.front()))) return false;  // miglint-ignored
  std::size_t colon = comment.find(':');
  std::string_view names = colon == std::string_view::npos ? comment : comment.substr(0, colon);
  if (colon != std::string_view::npos) s.reason = std::string(trim(comment.substr(colon + 1)));
  std::size_t start = 0;
  while (start <= names.size()) {
    std::size_t comma = names.find(',', start);
    std::string_view name = trim(names.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (!name.empty()) s.rules.emplace_back(name);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return true;
}

}  // namespace

std::vector<Suppression> find_suppressions(std::string_view text, const std::vector<SqlChunk>& chunks) {
  std::vector<Suppression> found;
  // Statements in file order, walked once alongside the comments (which come in file order too).
  std::vector<const SqlStatement*> statements;
  for (const SqlChunk& chunk : chunks) {
    for (const SqlStatement& statement : chunk.statements) statements.push_back(&statement);
  }
  std::size_t next_statement = 0;
  // Line by line: only comments that start their line (after white space) count, and a line of
  // many "--" is looked at once.
  for (std::size_t line = 0; line < text.size();) {
    std::size_t end = text.find('\n', line);
    end = end == std::string_view::npos ? text.size() : end;
    const std::size_t at = text.find_first_not_of(" \t\r\v\f", line);
    const std::size_t next_line = end + 1;
    Suppression s;
    s.begin = at;
    s.end = end;
    if (at >= end || text.compare(at, 2, "--") != 0 || !parse_comment(text.substr(at, end - at), s)) {
      line = next_line;
      continue;
    }
    if (!s.file_wide) {
      // The first statement that starts after the comment.
      while (next_statement < statements.size() && statements[next_statement]->begin < end) ++next_statement;
      if (next_statement < statements.size()) {
        s.covers_begin = statements[next_statement]->begin;
        s.covers_end = statements[next_statement]->end;
      }
    }
    found.push_back(std::move(s));
    line = next_line;
  }
  return found;
}

}  // namespace miglint
