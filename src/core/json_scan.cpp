#include "core/json_scan.h"

#include "core/utf8.h"

#include <algorithm>
#include <functional>
#include <unordered_set>

namespace miglint {

namespace {

// Visitor gets the path of every value (decoded tokens) and its span; returning false stops the scan.
using Visit = std::function<bool(const std::vector<std::string>& path, const JsonSpan& span)>;

class Scanner {
 public:
  Scanner(std::string_view text, std::size_t max_depth, const Visit* visit)
      : s_(text), max_depth_(max_depth), visit_(visit) {}

  // Decodes the string that starts the text (a key, as the index needs it).
  bool read_string(std::string* decoded) { return string(decoded); }

  // Scans the whole document; returns the first error, if any.
  std::optional<JsonSyntaxError> run() {
    skip_ws();
    if (!value(std::string_view::npos)) return error_;
    if (stopped_) return std::nullopt;
    skip_ws();
    if (i_ != s_.size()) return fail("unexpected data after the end of the JSON value");
    return std::nullopt;
  }

 private:
  std::optional<JsonSyntaxError> fail(std::string message) {
    if (!error_) error_ = JsonSyntaxError{i_, std::move(message)};
    return error_;
  }
  bool failed(std::string message) {
    fail(std::move(message));
    return false;
  }

  void skip_ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }

  bool value(std::size_t key_begin) {
    if (stopped_) return true;
    if (i_ >= s_.size()) return failed("unexpected end of file: a value is missing");
    JsonSpan span{key_begin, i_, i_};
    bool ok = true;
    char c = s_[i_];
    if (c == '{') {
      ok = object();
    } else if (c == '[') {
      ok = array();
    } else if (c == '"') {
      ok = string(nullptr);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      ok = number();
    } else if (literal("true") || literal("false") || literal("null")) {
      ok = true;
    } else {
      return failed(describe_unexpected("a JSON value"));
    }
    if (!ok) return false;
    span.value_end = i_;
    if (visit_ && !stopped_ && !(*visit_)(path_, span)) stopped_ = true;
    return true;
  }

  std::string describe_unexpected(const char* wanted) const {
    if (i_ >= s_.size()) return std::string("unexpected end of file: expected ") + wanted;
    unsigned char c = static_cast<unsigned char>(s_[i_]);
    if (c == 0) return std::string("NUL byte where ") + wanted + " was expected";
    if (c < 0x20 || c >= 0x7F) return std::string("unexpected byte where ") + wanted + " was expected";
    return std::string("unexpected '") + static_cast<char>(c) + "' where " + wanted + " was expected";
  }

  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  bool enter() {
    if (++depth_ > max_depth_) return failed("nested deeper than " + std::to_string(max_depth_) + " levels");
    return true;
  }

  bool object() {
    if (!enter()) return false;
    ++i_;
    skip_ws();
    if (i_ < s_.size() && s_[i_] == '}') {
      ++i_;
      --depth_;
      return true;
    }
    for (;;) {
      skip_ws();
      if (i_ >= s_.size() || s_[i_] != '"') return failed(describe_unexpected("a quoted key"));
      std::size_t key_begin = i_;
      std::string key;
      if (!string(&key)) return false;
      skip_ws();
      if (i_ >= s_.size() || s_[i_] != ':') return failed(describe_unexpected("':'"));
      ++i_;
      skip_ws();
      path_.push_back(std::move(key));
      bool ok = value(key_begin);
      path_.pop_back();
      if (!ok) return false;
      if (stopped_) return true;
      skip_ws();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (i_ < s_.size() && s_[i_] == '}') {
        ++i_;
        --depth_;
        return true;
      }
      return failed(describe_unexpected("',' or '}'"));
    }
  }

  bool array() {
    if (!enter()) return false;
    ++i_;
    skip_ws();
    if (i_ < s_.size() && s_[i_] == ']') {
      ++i_;
      --depth_;
      return true;
    }
    for (std::size_t index = 0;; ++index) {
      skip_ws();
      path_.push_back(std::to_string(index));
      bool ok = value(std::string_view::npos);
      path_.pop_back();
      if (!ok) return false;
      if (stopped_) return true;
      skip_ws();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (i_ < s_.size() && s_[i_] == ']') {
        ++i_;
        --depth_;
        return true;
      }
      return failed(describe_unexpected("',' or ']'"));
    }
  }

  bool hex4(unsigned long& out) {
    out = 0;
    for (int k = 0; k < 4; ++k, ++i_) {
      if (i_ >= s_.size()) return failed("unexpected end of file inside a \\u escape");
      char c = s_[i_];
      unsigned long d;
      if (c >= '0' && c <= '9') d = static_cast<unsigned long>(c - '0');
      else if (c >= 'a' && c <= 'f') d = static_cast<unsigned long>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') d = static_cast<unsigned long>(c - 'A' + 10);
      else return failed("invalid \\u escape");
      out = out * 16 + d;
    }
    return true;
  }

  // Length of a valid UTF-8 sequence at i_, or 0.
  std::size_t utf8_length() const { return decode_utf8(s_, i_).length; }

  bool string(std::string* decoded) {
    ++i_;  // opening quote
    for (;;) {
      if (i_ >= s_.size()) return failed("unexpected end of file inside a string");
      unsigned char c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c < 0x20) return failed(c == 0 ? "NUL byte inside a string" : "unescaped control character inside a string");
      if (c == '\\') {
        ++i_;
        if (i_ >= s_.size()) return failed("unexpected end of file inside a string");
        char e = s_[i_++];
        static constexpr std::string_view simple = "\"\\/bfnrt";
        static constexpr std::string_view meaning = "\"\\/\b\f\n\r\t";
        if (auto k = simple.find(e); k != std::string_view::npos) {
          if (decoded) *decoded += meaning[k];
          continue;
        }
        if (e != 'u') {
          --i_;
          return failed("invalid escape sequence in a string");
        }
        unsigned long cp = 0;
        if (!hex4(cp)) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF && s_.substr(i_, 2) == "\\u") {
          std::size_t save = i_;
          i_ += 2;
          unsigned long low = 0;
          if (!hex4(low)) return false;
          if (low >= 0xDC00 && low <= 0xDFFF) cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          else i_ = save;
        }
        if (decoded) append_utf8(*decoded, static_cast<char32_t>(cp));
        continue;
      }
      std::size_t n = utf8_length();
      if (n == 0) return failed("bytes that are not valid UTF-8");
      if (decoded) decoded->append(s_.substr(i_, n));
      i_ += n;
    }
  }

  bool digits() {
    std::size_t start = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    return i_ > start;
  }

  bool number() {
    if (s_[i_] == '-') ++i_;
    if (i_ < s_.size() && s_[i_] == '0') {
      ++i_;
    } else if (!digits()) {
      return failed(describe_unexpected("a digit"));
    }
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      if (!digits()) return failed(describe_unexpected("a digit after '.'"));
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (!digits()) return failed(describe_unexpected("a digit in the exponent"));
    }
    return true;
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::size_t depth_ = 0;
  std::size_t max_depth_;
  const Visit* visit_;
  std::vector<std::string> path_;
  std::optional<JsonSyntaxError> error_;
  bool stopped_ = false;
};

std::vector<std::string> split_pointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty()) return tokens;
  std::size_t pos = 1;  // skip the leading '/'
  for (;;) {
    std::size_t next = pointer.find('/', pos);
    std::string_view raw = pointer.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos);
    std::string token;
    for (std::size_t k = 0; k < raw.size(); ++k) {
      if (raw[k] == '~' && k + 1 < raw.size()) {
        token += raw[k + 1] == '1' ? '/' : '~';
        ++k;
      } else {
        token += raw[k];
      }
    }
    tokens.push_back(std::move(token));
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return tokens;
}

}  // namespace

std::optional<JsonSyntaxError> check_json_syntax(std::string_view text, std::size_t max_depth) {
  return Scanner(text, max_depth, nullptr).run();
}

std::optional<JsonSpan> locate_json_pointer(std::string_view text, std::string_view pointer) {
  return locate_json_pointers(text, {std::string(pointer)}).front();
}

std::vector<std::optional<JsonSpan>> locate_json_pointers(std::string_view text,
                                                          const std::vector<std::string>& pointers) {
  std::vector<std::vector<std::string>> wanted;
  for (const auto& p : pointers) wanted.push_back(split_pointer(p));
  std::vector<std::optional<JsonSpan>> found(pointers.size());
  std::size_t missing = pointers.size();
  Visit visit = [&](const std::vector<std::string>& path, const JsonSpan& span) {
    for (std::size_t k = 0; k < wanted.size(); ++k) {
      if (!found[k] && path == wanted[k]) {
        found[k] = span;
        --missing;
      }
    }
    return missing > 0;
  };
  Scanner(text, kMaxJsonDepth, &visit).run();
  return found;
}

std::string json_pointer_token(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

namespace {

// Objects with more members than this get a map by key on their first look-up.
constexpr std::uint32_t kLinearLookupMembers = 32;

bool is_array_index(const std::string& token) {
  if (token.empty() || token.size() > 9 || (token.size() > 1 && token[0] == '0')) return false;
  return std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string JsonIndex::key_of(const Node& member) const {
  const std::size_t at = member.span.key_begin;
  const std::size_t close = text_.find_first_of("\\\"", at + 1);
  if (close != std::string_view::npos && text_[close] == '"') return std::string(text_.substr(at + 1, close - at - 1));
  std::string key;
  Scanner(text_.substr(at), kMaxJsonDepth, nullptr).read_string(&key);
  return key;
}

const std::vector<std::uint32_t>& JsonIndex::members_named(std::uint32_t object, const std::string& key) const {
  static const std::vector<std::uint32_t> none;
  auto [it, made] = by_key_.try_emplace(object);
  if (made) {
    const Node& o = nodes_[object];
    for (std::uint32_t k = 0; k < o.child_count; ++k) {
      const std::uint32_t child = children_[o.first_child + k];
      it->second[key_of(nodes_[child])].push_back(child);
    }
  }
  auto found = it->second.find(key);
  return found == it->second.end() ? none : found->second;
}

const JsonSpan* JsonIndex::find_below(std::uint32_t node, const std::vector<std::string>& tokens, std::size_t k) const {
  if (k == tokens.size()) return &nodes_[node].span;
  const Node& n = nodes_[node];
  const std::string& token = tokens[k];
  if (is(n, '[')) {
    if (!is_array_index(token)) return nullptr;
    const auto i = static_cast<std::uint32_t>(std::stoul(token));
    return i < n.child_count ? find_below(children_[n.first_child + i], tokens, k + 1) : nullptr;
  }
  if (!is(n, '{')) return nullptr;
  // A key may repeat: the pointer's first occurrence is under the first of them that has it.
  if (n.child_count > kLinearLookupMembers) {
    for (std::uint32_t child : members_named(node, token)) {
      if (const JsonSpan* span = find_below(child, tokens, k + 1)) return span;
    }
    return nullptr;
  }
  for (std::uint32_t m = 0; m < n.child_count; ++m) {
    const std::uint32_t child = children_[n.first_child + m];
    if (key_of(nodes_[child]) != token) continue;
    if (const JsonSpan* span = find_below(child, tokens, k + 1)) return span;
  }
  return nullptr;
}

const JsonSpan* JsonIndex::find(const std::string& pointer) const {
  if (nodes_.empty() || (!pointer.empty() && pointer[0] != '/')) return nullptr;
  return find_below(static_cast<std::uint32_t>(nodes_.size() - 1), split_pointer(pointer), 0);
}

// A member is reported when its key appeared earlier in the same object, unless the object lies
// under a key that repeats itself (its members are reported once, as that key).
void JsonIndex::collect_duplicates(std::uint32_t node, const std::string& pointer, bool under_repeated_key,
                                   std::vector<std::pair<std::uint32_t, DuplicateKey>>& found) const {
  const Node& n = nodes_[node];
  if (is(n, '[')) {
    for (std::uint32_t i = 0; i < n.child_count; ++i) {
      const std::uint32_t child = children_[n.first_child + i];
      if (nodes_[child].child_count > 0) collect_duplicates(child, pointer + "/" + std::to_string(i), under_repeated_key, found);
    }
    return;
  }
  if (!is(n, '{') || n.child_count == 0) return;
  std::vector<std::string> keys;
  keys.reserve(n.child_count);
  std::unordered_map<std::string_view, std::uint32_t> seen;
  for (std::uint32_t m = 0; m < n.child_count; ++m) keys.push_back(key_of(nodes_[children_[n.first_child + m]]));
  for (const std::string& key : keys) ++seen[key];
  std::unordered_set<std::string_view> met;
  for (std::uint32_t m = 0; m < n.child_count; ++m) {
    const std::uint32_t child = children_[n.first_child + m];
    const std::string member = pointer + "/" + json_pointer_token(keys[m]);
    const bool repeated = seen[keys[m]] > 1;
    if (!met.insert(keys[m]).second && !under_repeated_key) {
      found.emplace_back(child, DuplicateKey{member, nodes_[child].span});
    }
    if (nodes_[child].child_count > 0) collect_duplicates(child, member, under_repeated_key || repeated, found);
  }
}

JsonIndex index_json(std::string_view text) {
  JsonIndex index;
  index.text_ = text;
  // Values arrive as they end, children before their parent: the finished values of each depth wait
  // in pending[depth] for their parent.
  std::vector<std::vector<std::uint32_t>> pending;
  Visit visit = [&](const std::vector<std::string>& path, const JsonSpan& span) {
    const std::size_t depth = path.size();
    if (pending.size() < depth + 2) pending.resize(depth + 2);
    std::vector<std::uint32_t>& children = pending[depth + 1];
    JsonIndex::Node node{span, static_cast<std::uint32_t>(index.children_.size()), static_cast<std::uint32_t>(children.size())};
    index.children_.insert(index.children_.end(), children.begin(), children.end());
    children.clear();
    pending[depth].push_back(static_cast<std::uint32_t>(index.nodes_.size()));
    index.nodes_.push_back(node);
    return true;
  };
  if (text.size() >= UINT32_MAX || Scanner(text, kMaxJsonDepth, &visit).run()) return JsonIndex{};
  std::vector<std::pair<std::uint32_t, DuplicateKey>> found;
  index.collect_duplicates(static_cast<std::uint32_t>(index.nodes_.size() - 1), "", false, found);
  // In the order the scan meets them, as a member's value ends.
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& f : found) index.duplicates.push_back(std::move(f.second));
  return index;
}

}  // namespace miglint
