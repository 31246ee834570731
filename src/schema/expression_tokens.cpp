#include "schema/expression_tokens.h"

#include <algorithm>

namespace miglint::schema {

namespace {

bool is_word_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c & 0x80) != 0; }
bool is_word_char(char c) { return is_word_start(c) || (c >= '0' && c <= '9') || c == '$'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_operator_char(char c) {
  return std::string_view("+-*/<>=~!@#%^&|`?").find(c) != std::string_view::npos;
}
char lower_char(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text) : t_(text) {}

  std::vector<ExpressionToken> run() {
    while (i_ < t_.size()) {
      char c = t_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        ++i_;
      } else if (c == '-' && next_is('-')) {
        while (i_ < t_.size() && t_[i_] != '\n') ++i_;
      } else if (c == '/' && next_is('*')) {
        skip_block_comment();
      } else if (c == '\'') {
        string_literal(i_);
      } else if ((c == 'e' || c == 'E' || c == 'b' || c == 'B' || c == 'x' || c == 'X' || c == 'n' || c == 'N') &&
                 next_is('\'')) {
        string_literal(i_++);
      } else if (c == '"') {
        quoted_identifier();
      } else if (c == '$' && dollar_quote()) {
      } else if (is_digit(c) || (c == '.' && i_ + 1 < t_.size() && is_digit(t_[i_ + 1]))) {
        number();
      } else if (is_word_start(c)) {
        word();
      } else if (c == ':' && next_is(':')) {
        push(ExpressionToken::Kind::Punctuation, "::");
        i_ += 2;
      } else if (is_operator_char(c)) {
        operator_token();
      } else {
        push(ExpressionToken::Kind::Punctuation, std::string(1, c));
        ++i_;
      }
    }
    return std::move(out_);
  }

 private:
  bool next_is(char c) const { return i_ + 1 < t_.size() && t_[i_ + 1] == c; }
  void push(ExpressionToken::Kind kind, std::string text) { out_.push_back({kind, std::move(text)}); }

  void skip_block_comment() {
    int depth = 0;
    while (i_ < t_.size()) {
      if (t_[i_] == '/' && next_is('*')) {
        ++depth;
        i_ += 2;
      } else if (t_[i_] == '*' && next_is('/')) {
        i_ += 2;
        if (--depth == 0) return;
      } else {
        ++i_;
      }
    }
  }

  // From `begin` (a prefix letter or the quote at i_) to the closing quote; '' stays inside, and
  // E'' strings also skip backslash escapes.
  void string_literal(std::size_t begin) {
    bool backslash_escapes = t_[begin] == 'e' || t_[begin] == 'E';
    ++i_;  // the opening quote
    while (i_ < t_.size()) {
      if (backslash_escapes && t_[i_] == '\\') {
        i_ += 2;
      } else if (t_[i_] == '\'') {
        if (next_is('\'')) {
          i_ += 2;
        } else {
          ++i_;
          break;
        }
      } else {
        ++i_;
      }
    }
    i_ = std::min(i_, t_.size());
    std::string text(t_.substr(begin, i_ - begin));
    if (begin < t_.size() && t_[begin] != '\'') text[0] = lower_char(text[0]);
    push(ExpressionToken::Kind::String, std::move(text));
  }

  void quoted_identifier() {
    std::string name;
    ++i_;
    while (i_ < t_.size()) {
      if (t_[i_] == '"') {
        if (next_is('"')) {
          name += '"';
          i_ += 2;
          continue;
        }
        ++i_;
        break;
      }
      name += t_[i_++];
    }
    push(ExpressionToken::Kind::QuotedIdentifier, std::move(name));
  }

  bool dollar_quote() {
    std::size_t tag_end = i_ + 1;
    while (tag_end < t_.size() && t_[tag_end] != '$' && is_word_char(t_[tag_end])) ++tag_end;
    if (tag_end >= t_.size() || t_[tag_end] != '$') return false;
    std::string_view tag = t_.substr(i_, tag_end - i_ + 1);
    std::size_t close = t_.find(tag, tag_end + 1);
    std::size_t end = close == std::string_view::npos ? t_.size() : close + tag.size();
    push(ExpressionToken::Kind::String, std::string(t_.substr(i_, end - i_)));
    i_ = end;
    return true;
  }

  void number() {
    std::size_t begin = i_;
    while (i_ < t_.size() && (is_digit(t_[i_]) || t_[i_] == '.' || t_[i_] == '_')) ++i_;
    if (i_ < t_.size() && (t_[i_] == 'e' || t_[i_] == 'E')) {
      std::size_t j = i_ + 1;
      if (j < t_.size() && (t_[j] == '+' || t_[j] == '-')) ++j;
      if (j < t_.size() && is_digit(t_[j])) {
        i_ = j;
        while (i_ < t_.size() && is_digit(t_[i_])) ++i_;
      }
    }
    push(ExpressionToken::Kind::Number, std::string(t_.substr(begin, i_ - begin)));
  }

  void word() {
    std::string text;
    while (i_ < t_.size() && is_word_char(t_[i_])) text += lower_char(t_[i_++]);
    push(ExpressionToken::Kind::Word, std::move(text));
  }

  // PostgreSQL's rule: a multi-character operator loses a trailing + or - unless it holds one
  // of ~ ! @ # % ^ & | ` ? (so "a>-1" is "a > -1").
  void operator_token() {
    std::size_t begin = i_;
    while (i_ < t_.size() && is_operator_char(t_[i_])) {
      if ((t_[i_] == '-' && next_is('-')) || (t_[i_] == '/' && next_is('*'))) break;
      ++i_;
    }
    if (i_ == begin) ++i_;
    std::string text(t_.substr(begin, i_ - begin));
    bool keeps_trailing_sign = text.find_first_of("~!@#%^&|`?") != std::string::npos;
    while (text.size() > 1 && !keeps_trailing_sign && (text.back() == '+' || text.back() == '-')) {
      text.pop_back();
      --i_;
    }
    push(ExpressionToken::Kind::Operator, std::move(text));
  }

  std::string_view t_;
  std::size_t i_ = 0;
  std::vector<ExpressionToken> out_;
};

}  // namespace

std::vector<ExpressionToken> tokenize_expression(std::string_view text) { return Tokenizer(text).run(); }

}  // namespace miglint::schema
