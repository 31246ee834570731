#include "load/toml_ascii.h"

#include <algorithm>
#include <optional>

#include <fmt/core.h>

#include "core/utf8.h"

namespace miglint {

namespace {

bool beyond_ascii(char c) { return static_cast<unsigned char>(c) >= 0x80; }

// Line and column (in characters) of a byte offset.
TomlPosition position_in(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const std::size_t newline = before.rfind('\n');
  TomlPosition p;
  p.line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  p.column += count_code_points(before.substr(newline == std::string_view::npos ? 0 : newline + 1));
  return p;
}

class Rewriter {
 public:
  explicit Rewriter(std::string_view file) : in_(file) {}

  std::variant<AsciiToml, TomlTextProblem> run() {
    if (in_.starts_with("\xEF\xBB\xBF")) i_ = 3;  // a byte order mark: toml++ skips it as well
    while (i_ < in_.size() && !problem_) step();
    if (problem_) return *problem_;
    return std::move(out_);
  }

 private:
  enum class In { Code, Comment, Basic, MultiBasic };

  void step() {
    const char c = in_[i_];
    switch (in_state_) {
      case In::Code: return code(c);
      case In::Comment: return comment(c);
      case In::Basic:
      case In::MultiBasic: return basic(c);
    }
  }

  void code(char c) {
    if (beyond_ascii(c)) {
      const Utf8CodePoint cp = decode_utf8(in_, i_);
      if (cp.length == 0) return not_utf8();
      return fail(i_, fmt::format("a character beyond ASCII (U+{:04X}) outside a string or a comment, which TOML does "
                                  "not allow",
                                  static_cast<std::uint32_t>(cp.value)));
    }
    if (c == '#') {
      in_state_ = In::Comment;
    } else if (rest().starts_with("\"\"\"")) {
      in_state_ = In::MultiBasic;
      return copy(3);
    } else if (rest().starts_with("'''")) {
      return literal(3);
    } else if (c == '"') {
      in_state_ = In::Basic;
    } else if (c == '\'') {
      return literal(1);
    }
    copy(1);
  }

  void comment(char c) {
    if (c == '\n') in_state_ = In::Code;
    if (!beyond_ascii(c)) return copy(1);
    const Utf8CodePoint cp = decode_utf8(in_, i_);
    if (cp.length == 0) return not_utf8();
    emit("?", i_);  // what a comment says is not read
    i_ += cp.length;
  }

  // Inside "..." or """...""": escapes are kept as written, characters beyond ASCII become escapes.
  void basic(char c) {
    const bool multi = in_state_ == In::MultiBasic;
    if (c == '\\') {
      if (i_ + 1 < in_.size() && beyond_ascii(in_[i_ + 1])) {
        return fail(i_, "a backslash before a character beyond ASCII, which is no TOML escape");
      }
      return copy(std::min<std::size_t>(2, in_.size() - i_));
    }
    if (beyond_ascii(c)) return escape();
    if (!multi && (c == '"' || c == '\n')) {
      in_state_ = In::Code;  // an unterminated one is toml++'s to report
    } else if (multi && rest().starts_with("\"\"\"")) {
      in_state_ = In::Code;
      return copy(quote_run('"'));  // up to two quotes before the closing three are the string's
    }
    copy(1);
  }

  // A literal string ('...' or '''...''', delimiter of `width` quotes) at i_: copied as written when
  // all ASCII, else rewritten as the basic string of the same value.
  void literal(std::size_t width) {
    const std::size_t start = i_ + width;
    std::size_t end = start;  // where the closing delimiter starts (or the line or file ends)
    if (width == 1) {
      while (end < in_.size() && in_[end] != '\'' && in_[end] != '\n') ++end;
    } else {
      end = in_.find("'''", start);
      if (end == std::string_view::npos) end = in_.size();
    }
    const std::string_view content = in_.substr(start, end - start);
    if (std::none_of(content.begin(), content.end(), beyond_ascii)) {
      std::size_t closing = 0;  // the closing quotes, with the string's own just before them
      while (end + closing < in_.size() && in_[end + closing] == '\'' && (width == 3 || closing == 0)) ++closing;
      return copy(end + closing - i_);
    }
    // Likewise a quote right before it would join its opening ("" then """ opens a multi-line
    // string that holds "").
    if (!out_.text.empty() && out_.text.back() == '"') emit(" ", i_);
    emit(width == 1 ? "\"" : "\"\"\"", i_);
    for (i_ = start; i_ < end && !problem_;) {
      const char c = in_[i_];
      if (beyond_ascii(c)) {
        escape();
      } else if (c == '\\' || c == '"') {
        emit(c == '\\' ? "\\\\" : "\\\"", i_++);
      } else {
        copy(1);
      }
    }
    if (problem_ || i_ >= in_.size() || in_[i_] != '\'') return;  // unterminated: toml++ reports it
    if (width == 1) {
      emit("\"", i_++);
      return;
    }
    const std::size_t run = quote_run('\'');
    if (run > 5) return fail(i_, "more than five single quotes in a row end a multi-line literal string");
    for (std::size_t k = 3; k < run; ++k) copy(1);  // the string's own quotes before the closing three
    emit("\"\"\"", i_);
    i_ += 3;
    // A quote right after it would join the basic string's closing run (up to two quotes before
    // the closing three are the string's): a space keeps it outside, the error it was.
    if (i_ < in_.size() && in_[i_] == '"') emit(" ", i_);
  }

  void escape() {
    const Utf8CodePoint cp = decode_utf8(in_, i_);
    if (cp.length == 0) return not_utf8();
    const auto value = static_cast<std::uint32_t>(cp.value);
    emit(value <= 0xFFFF ? fmt::format("\\u{:04X}", value) : fmt::format("\\U{:08X}", value), i_);
    i_ += cp.length;
  }

  std::size_t quote_run(char quote) const {
    std::size_t n = 0;
    while (i_ + n < in_.size() && in_[i_ + n] == quote) ++n;
    return n;
  }

  std::string_view rest() const { return in_.substr(i_); }

  void copy(std::size_t n) {
    for (std::size_t k = 0; k < n; ++k) {
      out_.text.push_back(in_[i_]);
      out_.origin.push_back(static_cast<std::uint32_t>(i_++));
    }
  }
  void emit(std::string_view s, std::size_t origin) {
    out_.text.append(s);
    out_.origin.insert(out_.origin.end(), s.size(), static_cast<std::uint32_t>(origin));
  }

  void not_utf8() {
    fail(i_, fmt::format("a byte that is not UTF-8 (0x{:02X}); TOML files are UTF-8",
                         static_cast<unsigned char>(in_[i_])));
  }
  void fail(std::size_t at, std::string what) {
    const TomlPosition p = position_in(in_, at);
    problem_ = TomlTextProblem{p.line, p.column, std::move(what)};
  }

  std::string_view in_;
  std::size_t i_ = 0;
  In in_state_ = In::Code;
  AsciiToml out_;
  std::optional<TomlTextProblem> problem_;
};

}  // namespace

TomlPosition AsciiToml::original(TomlPosition in_text) const {
  std::size_t offset = 0;
  for (std::size_t line = 1; line < in_text.line && offset < text.size(); ++line) {
    const std::size_t newline = text.find('\n', offset);
    offset = newline == std::string::npos ? text.size() : newline + 1;
  }
  offset += in_text.column > 0 ? in_text.column - 1 : 0;
  return position_in(file, offset < origin.size() ? origin[offset] : file.size());
}

std::variant<AsciiToml, TomlTextProblem> ascii_toml(std::string_view file_text) {
  Rewriter rewriter(file_text);
  auto result = rewriter.run();
  if (auto* ascii = std::get_if<AsciiToml>(&result)) ascii->file = file_text;
  return result;
}

}  // namespace miglint
