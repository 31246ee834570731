// Database connection settings from --database-url or an environment variable,
// with everything that may be shown to users stripped of the password.
#pragma once

#include <optional>
#include <string>
#include <variant>

namespace miglint {

struct PostgresTarget {
  std::string conninfo;        // libpq key=value string, with timeouts and read-only settings added
  std::string write_conninfo;  // the same without read-only, for `repair --apply` alone
  std::string description;     // "host H, port P, database D, user U": no password
  std::string password;        // only to scrub it from messages; never printed
};

struct SqliteTarget {
  std::string path;
  std::string description;
};

using DatabaseTarget = std::variant<PostgresTarget, SqliteTarget>;

struct ConnectOptions {
  int connect_timeout_seconds = 10;
  int statement_timeout_ms = 10000;
};

struct TargetError {
  std::string message;  // never contains the password
};

// Accepts postgres:// and postgresql:// URLs, libpq key=value strings, sqlite:PATH and file:PATH.
std::variant<DatabaseTarget, TargetError> parse_database_url(const std::string& url, const ConnectOptions& options);

// Replaces every occurrence of secret in text with "***".
std::string scrub(std::string text, const std::string& secret);

}  // namespace miglint
