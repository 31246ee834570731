#include "schema/replay_sqlite_messages.h"

#include <cctype>

namespace miglint::schema::sqlite_replay {

bool only_comments(std::string_view tail) {
  for (std::size_t i = 0; i < tail.size();) {
    char c = tail[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == ';') {
      ++i;
    } else if (tail.substr(i, 2) == "--") {
      std::size_t nl = tail.find('\n', i);
      i = nl == std::string_view::npos ? tail.size() : nl + 1;
    } else if (tail.substr(i, 2) == "/*") {
      std::size_t close = tail.find("*/", i + 2);
      i = close == std::string_view::npos ? tail.size() : close + 2;
    } else {
      return false;
    }
  }
  return true;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::optional<std::pair<std::string, std::string>> existing_object(const std::string& message) {
  constexpr std::string_view kSuffix = " already exists";
  constexpr std::string_view kRename = "there is already another table or index with this name: ";
  if (message.starts_with(kRename)) return std::pair{std::string(), sqlite_text::unquote(message.substr(kRename.size()))};
  if (!message.ends_with(kSuffix)) return std::nullopt;
  std::string head = message.substr(0, message.size() - kSuffix.size());
  std::size_t space = head.find(' ');
  if (space == std::string::npos) return std::nullopt;
  return std::pair{head.substr(0, space), sqlite_text::unquote(head.substr(space + 1))};
}

std::optional<std::string> missing_object(const std::string& message, const sqlite_text::StatementTarget& target) {
  constexpr std::string_view kPrefix = "no such ";
  if (!message.starts_with(kPrefix)) return std::nullopt;
  std::size_t colon = message.find(": ");
  if (colon == std::string::npos) return std::nullopt;
  std::string kind = message.substr(kPrefix.size(), colon - kPrefix.size());
  std::string name = message.substr(colon + 2);
  if (name.starts_with("main.")) name.erase(0, 5);
  if (kind == "column") {
    if (target.verb != "ALTER" || target.name.empty() || name.find(' ') != std::string::npos) return std::nullopt;
    // SQLite quotes the name as the statement wrote it: "`body`".
    return "column " + target.name + "." + sqlite_text::unquote(sqlite_text::unquote(name));
  }
  if (kind != "table" && kind != "index" && kind != "view") return std::nullopt;
  return kind + " " + sqlite_text::unquote(name);
}

}  // namespace miglint::schema::sqlite_replay
