#include "load/config_file.h"

#include <fnmatch.h>

#include <algorithm>

#include <toml++/toml.h>

#include "core/suggest.h"

namespace miglint {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string_view> kKeys = {"folders",  "dialect",          "select",           "ignore",
                                             "fail_on",  "severity",         "per_path_ignores", "database_url_env",
                                             "migrations_schema", "migrations_table"};

// Builds the messages; the first problem stops the run.
class Reader {
 public:
  Reader(const fs::path& file, std::string shown, const RuleSelectors& rules)
      : file_(file), shown_(std::move(shown)), rules_(rules) {}

  std::variant<ConfigFile, ConfigError> read() {
    toml::table root;
    try {
      root = toml::parse_file(file_.string());
    } catch (const toml::parse_error& e) {
      return fail(e.source(), std::string(e.description()));
    }
    ConfigFile c;
    c.file = file_;
    c.dir = file_.parent_path();
    for (auto&& [key, node] : root) {
      if (!read_key(c, key, node)) return *error_;
    }
    return c;
  }

 private:
  ConfigError fail(const toml::source_region& where, const std::string& what) {
    error_ = ConfigError{shown_ + ":" + std::to_string(where.begin.line) + ":" +
                         std::to_string(where.begin.column) + ": " + what};
    return *error_;
  }
  bool bad(const toml::node& node, const std::string& what) {
    fail(node.source(), what);
    return false;
  }
  static std::string suggestion(const std::vector<std::string_view>& names, std::string_view name) {
    std::string close = closest_name(names, name);
    return close.empty() ? "" : "; did you mean \"" + close + "\"?";
  }

  bool string_of(const toml::node& node, const std::string& key, std::string& out) {
    if (auto v = node.value<std::string>()) {
      out = *v;
      return true;
    }
    return bad(node, "\"" + key + "\" must be a string");
  }

  bool strings_of(const toml::node& node, const std::string& key, std::vector<std::string>& out) {
    const toml::array* array = node.as_array();
    if (!array) return bad(node, "\"" + key + "\" must be an array of strings");
    for (const toml::node& item : *array) {
      std::string s;
      if (!string_of(item, key + " item", s)) return false;
      out.push_back(s);
    }
    return true;
  }

  // Rule and group names; a group is stored as its rules.
  bool rule_names(const toml::node& node, const std::string& key, std::vector<std::string>& out) {
    std::vector<std::string> named;
    if (!strings_of(node, key, named)) return false;
    for (const std::string& name : named) {
      if (!rules_.known(name)) return bad(node, "unknown rule \"" + name + "\" in \"" + key + "\"" + suggestion(rules_.names(), name));
    }
    for (std::string& rule : rules_.expand(named)) out.push_back(std::move(rule));
    return true;
  }

  bool severity_of(const toml::node& node, const std::string& key, Severity& out) {
    std::string s;
    if (!string_of(node, key, s)) return false;
    auto parsed = parse_severity(s);
    if (!parsed) return bad(node, "\"" + key + "\" must be \"error\", \"warning\" or \"info\", not \"" + s + "\"");
    out = *parsed;
    return true;
  }

  bool read_key(ConfigFile& c, const toml::key& toml_key, const toml::node& node) {
    const std::string key(toml_key.str());
    if (key == "folders") {
      std::vector<std::string> folders;
      if (!strings_of(node, key, folders)) return false;
      for (const std::string& f : folders) c.folders.push_back((c.dir / f).lexically_normal());
      return true;
    }
    if (key == "dialect") {
      std::string s;
      if (!string_of(node, key, s)) return false;
      c.dialect = parse_dialect(s);
      if (!c.dialect) return bad(node, "\"dialect\" must be postgresql, mysql, sqlite, turso or singlestore, not \"" + s + "\"");
      return true;
    }
    if (key == "select") return rule_names(node, key, c.select);
    if (key == "ignore") return rule_names(node, key, c.ignore);
    if (key == "fail_on") {
      Severity s{};
      if (!severity_of(node, key, s)) return false;
      c.fail_on = s;
      return true;
    }
    if (key == "severity") return read_severities(c, node);
    if (key == "per_path_ignores") return read_path_ignores(c, node);
    if (key == "database_url_env" || key == "migrations_schema" || key == "migrations_table") {
      std::string s;
      if (!string_of(node, key, s)) return false;
      if (s.empty()) return bad(node, "\"" + key + "\" must not be empty");
      (key == "database_url_env" ? c.database_url_env : key == "migrations_schema" ? c.migrations_schema : c.migrations_table) = s;
      return true;
    }
    fail(toml_key.source(), "unknown key \"" + key + "\"" + suggestion(kKeys, key));
    return false;
  }

  bool read_severities(ConfigFile& c, const toml::node& node) {
    const toml::table* table = node.as_table();
    if (!table) return bad(node, "\"severity\" must be a table: [severity] then rule-name = \"warning\"");
    // Groups first, so that a rule named on its own wins over its group whatever the order.
    for (bool groups : {true, false}) {
      for (auto&& [key, value] : *table) {
        std::string name(key.str());
        if (!rules_.known(name)) {
          fail(key.source(), "unknown rule \"" + name + "\" in [severity]" + suggestion(rules_.names(), name));
          return false;
        }
        if (rules_.is_group(name) != groups) continue;
        Severity s{};
        if (!severity_of(value, name, s)) return false;
        for (const std::string& rule : rules_.expand(name)) c.severity[rule] = s;
      }
    }
    return true;
  }

  bool read_path_ignores(ConfigFile& c, const toml::node& node) {
    const toml::table* table = node.as_table();
    if (!table) return bad(node, "\"per_path_ignores\" must be a table: [per_path_ignores] then \"glob\" = [\"rule\", ...]");
    for (auto&& [pattern, value] : *table) {
      PathIgnore ignore{std::string(pattern.str()), {}};
      if (!rule_names(value, "per_path_ignores." + ignore.pattern, ignore.rules)) return false;
      c.per_path_ignores.push_back(std::move(ignore));
    }
    return true;
  }

  fs::path file_;
  std::string shown_;
  const RuleSelectors& rules_;
  std::optional<ConfigError> error_;
};

}  // namespace

std::vector<std::string> ConfigFile::option_values(std::string_view key) const {
  auto one = [](const std::optional<std::string>& value) {
    return value ? std::vector<std::string>{*value} : std::vector<std::string>{};
  };
  if (key == "select") return select;
  if (key == "ignore") return ignore;
  if (key == "dialect") return one(dialect ? std::optional<std::string>(dialect_name(*dialect)) : std::nullopt);
  if (key == "fail_on") return one(fail_on ? std::optional<std::string>(severity_name(*fail_on)) : std::nullopt);
  if (key == "database_url_env") return one(database_url_env);
  if (key == "migrations_schema") return one(migrations_schema);
  if (key == "migrations_table") return one(migrations_table);
  return {};
}

bool ConfigFile::ignores(std::string_view rule, const fs::path& finding_file) const {
  std::string relative = finding_file.lexically_normal().lexically_relative(dir).generic_string();
  for (const PathIgnore& p : per_path_ignores) {
    if (std::find(p.rules.begin(), p.rules.end(), rule) == p.rules.end()) continue;
    if (fnmatch(p.pattern.c_str(), relative.c_str(), 0) == 0) return true;
  }
  return false;
}

std::optional<fs::path> find_config(const fs::path& start) {
  std::error_code ec;
  for (fs::path dir = start; !dir.empty(); dir = dir.parent_path()) {
    if (fs::is_regular_file(dir / kConfigName, ec)) return dir / kConfigName;
    if (fs::exists(dir / ".git", ec) || dir == dir.parent_path()) break;
  }
  return std::nullopt;
}

std::variant<ConfigFile, ConfigError> read_config(const fs::path& file, const std::string& shown,
                                                  const RuleSelectors& known_rules) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return ConfigError{shown + ": no such file"};
  return Reader(fs::absolute(file, ec), shown, known_rules).read();
}

}  // namespace miglint
