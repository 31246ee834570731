#include "lsp/uri.h"

#include <cctype>
#include <string_view>

namespace miglint::lsp {

namespace fs = std::filesystem;

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::optional<fs::path> path_of_uri(const std::string& uri) {
  constexpr std::string_view kScheme = "file://";
  if (uri.size() < kScheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(uri[i])) != kScheme[i]) return std::nullopt;
  }
  std::string_view rest(uri);
  rest.remove_prefix(kScheme.size());
  auto slash = rest.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view authority = rest.substr(0, slash);
  if (!authority.empty() && authority != "localhost") return std::nullopt;  // a remote host
  rest.remove_prefix(slash);
  rest = rest.substr(0, rest.find_first_of("?#"));
  std::string decoded;
  decoded.reserve(rest.size());
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size()) {
      int hi = hex_value(rest[i + 1]);
      int lo = hex_value(rest[i + 2]);
      if (hi >= 0 && lo >= 0) {
        decoded.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    decoded.push_back(rest[i]);
  }
  if (decoded.find('\0') != std::string::npos) return std::nullopt;
  return fs::path(decoded).lexically_normal();
}

std::string uri_of_path(const fs::path& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri = "file://";
  for (char ch : path.generic_string()) {
    auto c = static_cast<unsigned char>(ch);
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                c == '_' || c == '~' || c == '/';
    if (keep) {
      uri.push_back(ch);
    } else {
      uri.push_back('%');
      uri.push_back(kHex[c >> 4]);
      uri.push_back(kHex[c & 15]);
    }
  }
  return uri;
}

}  // namespace miglint::lsp
