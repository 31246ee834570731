#include "load/drizzle_config.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace miglint {

namespace {

// Skips a comment or string starting at i; returns false if none starts there.
bool skip_comment_or_string(const std::string& s, std::size_t& i) {
  if (s.compare(i, 2, "//") == 0) {
    i = s.find('\n', i);
    if (i == std::string::npos) i = s.size();
    return true;
  }
  if (s.compare(i, 2, "/*") == 0) {
    std::size_t end = s.find("*/", i + 2);
    i = end == std::string::npos ? s.size() : end + 2;
    return true;
  }
  if (s[i] == '"' || s[i] == '\'' || s[i] == '`') {
    char quote = s[i++];
    while (i < s.size() && s[i] != quote) i += s[i] == '\\' ? 2u : 1u;
    i = std::min(i + 1, s.size());
    return true;
  }
  return false;
}

// After "key" and ':' comes either a plain string literal (returned) or something computed.
std::optional<std::string> literal_value(const std::string& s, std::size_t i, bool& computed) {
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  if (i >= s.size() || (s[i] != '"' && s[i] != '\'' && s[i] != '`')) {
    computed = true;
    return std::nullopt;
  }
  char quote = s[i++];
  std::string value;
  for (; i < s.size() && s[i] != quote; ++i) {
    if (s[i] == '\\' || (quote == '`' && s.compare(i, 2, "${") == 0)) {
      computed = true;  // escapes and template substitutions: not worth guessing
      return std::nullopt;
    }
    value += s[i];
  }
  std::size_t after = i + 1;
  while (after < s.size() && std::isspace(static_cast<unsigned char>(s[after]))) ++after;
  if (after < s.size() && s[after] != ',' && s[after] != '}' && s[after] != '\n') {
    computed = true;  // e.g. "drizzle" + suffix
    return std::nullopt;
  }
  return value;
}

bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

}  // namespace

DrizzleConfig scan_drizzle_config_source(const std::string& s) {
  DrizzleConfig config;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    std::string key;
    if (s[i] == '"' || s[i] == '\'') {
      char quote = s[i];
      std::size_t end = s.find(quote, i + 1);
      if (end == std::string::npos) break;
      key = s.substr(i + 1, end - i - 1);
      i = end + 1;
    } else if (skip_comment_or_string(s, i)) {
      continue;
    } else if (is_identifier_char(s[i]) && (i == 0 || !is_identifier_char(s[i - 1]))) {
      while (i < s.size() && is_identifier_char(s[i])) ++i;
      key = s.substr(start, i - start);
    } else {
      ++i;
      continue;
    }
    std::size_t colon = i;
    while (colon < s.size() && std::isspace(static_cast<unsigned char>(s[colon]))) ++colon;
    if (colon >= s.size() || s[colon] != ':' || (key != "out" && key != "dialect" && key != "driver")) continue;
    bool computed = false;
    auto value = literal_value(s, colon + 1, computed);
    if (key == "out" && !config.out && !config.out_not_literal) {
      config.out = value;
      config.out_not_literal = computed;
    } else if (key == "dialect" && !config.dialect) {
      config.dialect = value;
    } else if (key == "driver" && !config.driver) {
      config.driver = value;
    }
  }
  return config;
}

std::optional<DrizzleConfig> find_drizzle_config(const std::filesystem::path& dir) {
  for (const char* name : {"drizzle.config.json", "drizzle.config.ts", "drizzle.config.js", "drizzle.config.mjs",
                           "drizzle.config.cjs"}) {
    std::filesystem::path file = dir / name;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) continue;
    std::ifstream in(file, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    DrizzleConfig config;
    if (file.extension() == ".json") {
      auto doc = nlohmann::json::parse(buffer.str(), nullptr, false);
      if (doc.is_object()) {
        if (auto it = doc.find("out"); it != doc.end()) {
          if (it->is_string()) config.out = it->get<std::string>();
          else config.out_not_literal = true;
        }
        if (auto it = doc.find("dialect"); it != doc.end() && it->is_string()) config.dialect = it->get<std::string>();
        if (auto it = doc.find("driver"); it != doc.end() && it->is_string()) config.driver = it->get<std::string>();
      }
    } else {
      config = scan_drizzle_config_source(buffer.str());
    }
    config.file = file;
    return config;
  }
  return std::nullopt;
}

}  // namespace miglint
