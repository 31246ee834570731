#include "load/toml_prescan.h"

#include <fmt/core.h>

namespace miglint {

std::optional<TomlTextProblem> find_non_ascii_outside_strings(std::string_view text) {
  enum class In { Code, Comment, Basic, Literal, MultiBasic, MultiLiteral } in = In::Code;
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const std::string_view rest = text.substr(i);
    if (c == '\n') {
      ++line;
      line_start = i + 1;
      if (in == In::Comment || in == In::Basic || in == In::Literal) in = In::Code;  // single-line ones end
      continue;
    }
    switch (in) {
      case In::Code:
        if (static_cast<unsigned char>(c) >= 0x80) {
          return TomlTextProblem{line, i - line_start + 1,
                                 fmt::format("a character beyond ASCII (byte 0x{:02X}) outside a string or a comment, "
                                             "which TOML does not allow",
                                             static_cast<unsigned char>(c))};
        }
        if (c == '#') in = In::Comment;
        if (rest.starts_with("\"\"\"")) in = In::MultiBasic, i += 2;
        else if (rest.starts_with("'''")) in = In::MultiLiteral, i += 2;
        else if (c == '"') in = In::Basic;
        else if (c == '\'') in = In::Literal;
        break;
      case In::Basic:
      case In::MultiBasic:
        if (c == '\\') {
          ++i;  // the escaped character, a quote included (a newline after it is counted next time round)
          if (i < text.size() && text[i] == '\n') --i;
        } else if (in == In::Basic && c == '"') {
          in = In::Code;
        } else if (in == In::MultiBasic && rest.starts_with("\"\"\"")) {
          in = In::Code, i += 2;
        }
        break;
      case In::Literal:
        if (c == '\'') in = In::Code;
        break;
      case In::MultiLiteral:
        if (rest.starts_with("'''")) in = In::Code, i += 2;
        break;
      case In::Comment:
        break;
    }
  }
  return std::nullopt;
}

}  // namespace miglint
