// Reads "out", "dialect" and "driver" from a drizzle.config file without running it:
// JSON is parsed; TypeScript and JavaScript are scanned for string literals only.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace miglint {

struct DrizzleConfig {
  std::filesystem::path file;
  std::optional<std::string> out;      // when "out" is a plain string literal
  bool out_not_literal = false;        // "out" is there but computed (process.env, path.join, ...)
  std::optional<std::string> dialect;  // when "dialect" is a plain string literal
  std::optional<std::string> driver;   // when "driver" is a plain string literal
};

// The first of drizzle.config.{json,ts,js,mjs,cjs} in dir, if any.
std::optional<DrizzleConfig> find_drizzle_config(const std::filesystem::path& dir);

// Exposed for tests: scans TypeScript/JavaScript source.
DrizzleConfig scan_drizzle_config_source(const std::string& source);

}  // namespace miglint
