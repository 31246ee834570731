#include "db/database_url.h"

#include "db/libpq.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <memory>

#include <fmt/core.h>

namespace miglint {

namespace {

// libpq quoting for key=value strings: single quotes, with \ and ' escaped.
std::string quote_value(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

// Node's URL parser, and so drizzle and node-postgres, ends the userinfo at the LAST '@' of the
// authority; libpq ends it at the first. A password holding a raw '@' would then put its tail into
// the host libpq connects to and miglint prints. Escaping the userinfo's earlier '@' as %40 makes
// libpq read the URL as Node does (libpq decodes %40 back in the user and password).
std::string userinfo_as_node_reads_it(const std::string& url) {
  for (std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (!url.starts_with(scheme)) continue;
    const std::size_t start = scheme.size();
    const std::size_t end = std::min(url.size(), url.find_first_of("/?#", start));
    const std::size_t last_at = url.rfind('@', end == 0 ? 0 : end - 1);
    if (last_at == std::string::npos || last_at < start) return url;
    std::string out = url.substr(0, start);
    for (std::size_t i = start; i < last_at; ++i) out += url[i] == '@' ? std::string("%40") : std::string(1, url[i]);
    return out + url.substr(last_at);
  }
  return url;
}

std::variant<DatabaseTarget, TargetError> parse_postgres(const std::string& raw_url, const ConnectOptions& options) {
  std::string missing;
  const libpq::Api* pq = libpq::load(&missing);
  if (!pq) return TargetError{missing};
  const std::string url = userinfo_as_node_reads_it(raw_url);
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(pq->conninfo_free)> parsed(pq->conninfo_parse(url.c_str(), &error),
                                                                      pq->conninfo_free);
  if (!parsed) {
    std::string message = error ? error : "unreadable connection string";
    if (error) pq->freemem(error);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    // libpq's message may quote the string; never echo it.
    return TargetError{fmt::format("the database URL is not valid ({}); expected "
                                   "postgresql://user:password@host:port/database or key=value pairs",
                                   message.substr(0, message.find('"')))};
  }
  std::map<std::string, std::string> values;
  for (PQconninfoOption* o = parsed.get(); o->keyword; ++o) {
    if (o->val && *o->val) values[o->keyword] = o->val;
  }
  PostgresTarget target;
  if (auto it = values.find("password"); it != values.end()) target.password = it->second;
  // Our settings come last so they win: bounded waits, and (unless repairing) a session that cannot write.
  values["connect_timeout"] = std::to_string(options.connect_timeout_seconds);
  if (!values.count("application_name")) values["application_name"] = "miglint";
  auto build = [&](bool read_only) {
    std::map<std::string, std::string> v = values;
    std::string session = "-c statement_timeout=" + std::to_string(options.statement_timeout_ms);
    if (read_only) session += " -c default_transaction_read_only=on";
    v["options"] = v.count("options") ? v["options"] + " " + session : session;
    std::string conninfo;
    for (const auto& [key, value] : v) {
      if (!conninfo.empty()) conninfo += ' ';
      conninfo += key + "=" + quote_value(value);
    }
    return conninfo;
  };
  target.conninfo = build(true);
  target.write_conninfo = build(false);
  auto shown = [&](const char* key, const char* fallback) {
    auto it = values.find(key);
    return it != values.end() ? it->second : std::string(fallback);
  };
  std::string host = values.count("host") ? values["host"] : values.count("hostaddr") ? values["hostaddr"] : "(local socket)";
  target.description = fmt::format("host {}, port {}, database {}, user {}", host, shown("port", "5432"),
                                   shown("dbname", "(default)"), shown("user", "(default)"));
  return DatabaseTarget{std::move(target)};
}

}  // namespace

std::string scrub(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3)) {
    text.replace(at, secret.size(), "***");
  }
  return text;
}

std::variant<DatabaseTarget, TargetError> parse_database_url(const std::string& url, const ConnectOptions& options) {
  for (const char* prefix : {"sqlite:", "file:"}) {
    if (url.starts_with(prefix)) {
      std::string path = url.substr(std::string_view(prefix).size());
      if (path.starts_with("//")) path = path.substr(2);  // sqlite://path and file://path
      if (path.empty()) return TargetError{"the SQLite database URL names no file"};
      return DatabaseTarget{SqliteTarget{path, fmt::format("SQLite file {}", path)}};
    }
  }
  return parse_postgres(url, options);
}

}  // namespace miglint
