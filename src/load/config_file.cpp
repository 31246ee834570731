#include "load/config_file.h"


#include <algorithm>
#include <fstream>
#include <iterator>

#include <fmt/core.h>
// toml++ asserts an invariant of its own that malformed input breaks (a value expected where `}`
// follows a comma in an array): an optimised build compiles the check out and the parser reports
// the error ("could not determine value type"), while a build with assertions would abort. Every
// build takes the first path.
#define TOML_ASSERT(expr) static_assert(true)
#include <toml++/toml.h>

#include "core/excerpt.h"
#include "core/glob.h"
#include "core/suggest.h"
#include "load/kit_target.h"
#include "load/toml_ascii.h"

namespace miglint {

namespace fs = std::filesystem;

namespace {

// Builds the messages; the first problem stops the run.
class Reader {
 public:
  Reader(const fs::path& file, std::string shown, const RuleSelectors& rules)
      : file_(file), shown_(std::move(shown)), rules_(rules) {}

  std::variant<ConfigFile, ConfigError> read();

  // How each key of the file's own is read (see kKeys).
  bool folders(ConfigFile& c, const toml::node& node, const std::string& key) {
    std::vector<std::string> paths;
    if (!strings_of(node, key, paths)) return false;
    for (const std::string& f : paths) c.folders.push_back((c.dir / f).lexically_normal());
    return true;
  }
  bool severities(ConfigFile& c, const toml::node& node, const std::string& key);
  bool path_ignores(ConfigFile& c, const toml::node& node, const std::string& key);

  // A key that mirrors a command-line option, read by the kind of the option's value into the
  // values the option would take.
  bool option(ConfigFile& c, const OptionSpec& spec, const toml::node& node, const std::string& key);

 private:
  // toml++ read ascii_.text; positions are given as they are in the file.
  ConfigError fail(const toml::source_region& where, std::string_view what) {
    const TomlPosition at = ascii_.original({where.begin.line, where.begin.column});
    // A key, value or rule name quoted from the file may be megabytes long.
    error_ = ConfigError{fmt::format("{}:{}:{}: {}", shown_, at.line, at.column, cut_long_words(std::string(what)))};
    return *error_;
  }
  bool bad(const toml::node& node, std::string_view what) {
    fail(node.source(), what);
    return false;
  }
  static std::string suggestion(const std::vector<std::string_view>& names, std::string_view name) {
    std::string close = closest_name(names, name);
    return close.empty() ? "" : fmt::format("; did you mean \"{}\"?", close);
  }

  bool string_of(const toml::node& node, const std::string& key, std::string& out) {
    if (auto v = node.value<std::string>()) {
      out = *v;
      return true;
    }
    return bad(node, fmt::format("\"{}\" must be a string", key));
  }

  bool strings_of(const toml::node& node, const std::string& key, std::vector<std::string>& out) {
    const toml::array* array = node.as_array();
    if (!array) return bad(node, fmt::format("\"{}\" must be an array of strings", key));
    for (const toml::node& item : *array) {
      std::string s;
      if (!string_of(item, fmt::format("{} item", key), s)) return false;
      out.push_back(s);
    }
    return true;
  }

  // Rule and group names; a group is stored as its rules.
  bool rule_names(const toml::node& node, const std::string& key, std::vector<std::string>& out) {
    std::vector<std::string> named;
    if (!strings_of(node, key, named)) return false;
    for (const std::string& name : named) {
      if (!rules_.known(name)) {
        return bad(node, fmt::format("unknown rule \"{}\" in \"{}\"{}", name, key, suggestion(rules_.names(), name)));
      }
    }
    for (std::string& rule : rules_.expand(named)) out.push_back(std::move(rule));
    return true;
  }

  bool severity_of(const toml::node& node, const std::string& key, Severity& out) {
    std::string s;
    if (!string_of(node, key, s)) return false;
    auto parsed = parse_severity(s);
    if (!parsed) return bad(node, fmt::format("\"{}\" must be \"error\", \"warning\" or \"info\", not \"{}\"", key, s));
    out = *parsed;
    return true;
  }

  bool read_key(ConfigFile& c, const toml::key& toml_key, const toml::node& node);

  fs::path file_;
  std::string file_text_;
  AsciiToml ascii_;  // file_text_ as toml++ reads it
  std::string shown_;
  const RuleSelectors& rules_;
  std::optional<ConfigError> error_;
};

// The keys the file holds for itself; the others mirror command-line options (option_specs()).
struct Key {
  std::string_view name;
  bool (Reader::*read)(ConfigFile&, const toml::node&, const std::string&);
};

const Key kKeys[] = {
    {"folders", &Reader::folders},
    {"severity", &Reader::severities},
    {"per_path_ignores", &Reader::path_ignores},
};

const Key* find_key(std::string_view name) {
  for (const Key& key : kKeys) {
    if (key.name == name) return &key;
  }
  return nullptr;
}

const OptionSpec* find_option_key(std::string_view name) {
  for (const OptionSpec& spec : option_specs()) {
    if (!spec.config_key.empty() && spec.config_key == name) return &spec;
  }
  return nullptr;
}

std::variant<ConfigFile, ConfigError> Reader::read() {
  toml::table root;
  try {
    std::ifstream in(file_, std::ios::binary);
    if (!in) {
      error_ = ConfigError{fmt::format("{}: the file could not be opened for reading", shown_)};
      return *error_;
    }
    file_text_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    auto ascii = ascii_toml(file_text_);
    if (auto* problem = std::get_if<TomlTextProblem>(&ascii)) {
      error_ = ConfigError{fmt::format("{}:{}:{}: {}", shown_, problem->line, problem->column, problem->what)};
      return *error_;
    }
    ascii_ = std::move(std::get<AsciiToml>(ascii));
    root = toml::parse(ascii_.text, file_.string());
  } catch (const toml::parse_error& e) {
    return fail(e.source(), e.description());
  }
  ConfigFile c;
  c.file = file_;
  c.dir = file_.parent_path();
  for (auto&& [key, node] : root) {
    if (!read_key(c, key, node)) return *error_;
  }
  return c;
}

bool Reader::read_key(ConfigFile& c, const toml::key& toml_key, const toml::node& node) {
  const std::string key(toml_key.str());
  if (const Key* known = find_key(key)) return (this->*known->read)(c, node, key);
  if (const OptionSpec* spec = find_option_key(key)) return option(c, *spec, node, key);
  std::vector<std::string_view> names;
  for (const Key& k : kKeys) names.push_back(k.name);
  for (const OptionSpec& spec : option_specs()) {
    if (!spec.config_key.empty()) names.push_back(spec.config_key);
  }
  fail(toml_key.source(), fmt::format("unknown key \"{}\"{}", key, suggestion(names, key)));
  return false;
}

bool Reader::option(ConfigFile& c, const OptionSpec& spec, const toml::node& node, const std::string& key) {
  std::vector<std::string> values;
  std::string s;
  switch (spec.kind) {
    case OptionValue::RuleNames:
      if (!rule_names(node, key, values)) return false;
      break;
    case OptionValue::Severity: {
      Severity severity{};
      if (!severity_of(node, key, severity)) return false;
      values.emplace_back(severity_name(severity));
      break;
    }
    case OptionValue::Dialect: {
      if (!string_of(node, key, s)) return false;
      const std::optional<Dialect> dialect = parse_dialect(s);
      if (!dialect) {
        return bad(node, fmt::format("\"{}\" must be postgresql, mysql, sqlite, turso or singlestore, not \"{}\"", key, s));
      }
      values.emplace_back(dialect_name(*dialect));
      break;
    }
    case OptionValue::Migrator: {
      if (!string_of(node, key, s)) return false;
      const std::optional<Migrator> migrator = parse_migrator(s);
      if (!migrator) return bad(node, fmt::format("\"{}\" must be {}, not \"{}\"", key, kMigratorNames, s));
      values.emplace_back(migrator_name(*migrator));
      break;
    }
    case OptionValue::Driver: {
      if (!string_of(node, key, s)) return false;
      const std::optional<SqliteDriver> driver = parse_sqlite_driver(s);
      if (!driver) return bad(node, fmt::format("\"{}\" must be {}, not \"{}\"", key, kSqliteDriverNames, s));
      values.push_back(s);
      break;
    }
    case OptionValue::Target: {
      if (!string_of(node, key, s)) return false;
      if (!parse_kit_target(s)) return bad(node, fmt::format("\"{}\" must be {}, not \"{}\"", key, kKitTargetNames, s));
      values.push_back(s);
      break;
    }
    case OptionValue::Name:
      if (!string_of(node, key, s)) return false;
      if (s.empty()) return bad(node, fmt::format("\"{}\" must not be empty", key));
      values.push_back(s);
      break;
    case OptionValue::Text:
      if (!string_of(node, key, s)) return false;
      values.push_back(s);
      break;
    case OptionValue::None: {
      std::optional<bool> on = node.value<bool>();
      if (!on) return bad(node, fmt::format("\"{}\" must be true or false", key));
      if (*on) values.emplace_back();
      break;
    }
  }
  c.options[spec.id] = std::move(values);
  return true;
}

bool Reader::severities(ConfigFile& c, const toml::node& node, const std::string&) {
  const toml::table* table = node.as_table();
  if (!table) return bad(node, "\"severity\" must be a table: [severity] then rule-name = \"warning\"");
  // Groups first, so that a rule named on its own wins over its group whatever the order.
  for (bool groups : {true, false}) {
    for (auto&& [key, value] : *table) {
      std::string rule_name(key.str());
      if (!rules_.known(rule_name)) {
        fail(key.source(), fmt::format("unknown rule \"{}\" in [severity]{}", rule_name, suggestion(rules_.names(), rule_name)));
        return false;
      }
      if (rules_.is_group(rule_name) != groups) continue;
      Severity s{};
      if (!severity_of(value, rule_name, s)) return false;
      for (const std::string& rule : rules_.expand(rule_name)) c.severity[rule] = s;
    }
  }
  return true;
}

bool Reader::path_ignores(ConfigFile& c, const toml::node& node, const std::string&) {
  const toml::table* table = node.as_table();
  if (!table) {
    return bad(node, "\"per_path_ignores\" must be a table: [per_path_ignores] then \"glob\" = [\"rule\", ...]");
  }
  for (auto&& [pattern, value] : *table) {
    PathIgnore ignore{std::string(pattern.str()), {}};
    if (!rule_names(value, fmt::format("per_path_ignores.{}", ignore.pattern), ignore.rules)) return false;
    c.per_path_ignores.push_back(std::move(ignore));
  }
  return true;
}

}  // namespace

std::vector<std::string> ConfigFile::option_values(OptionId option) const {
  auto it = options.find(option);
  return it == options.end() ? std::vector<std::string>{} : it->second;
}

std::optional<std::string> ConfigFile::option_value(OptionId option) const {
  auto it = options.find(option);
  if (it == options.end() || it->second.empty()) return std::nullopt;
  return it->second.front();
}

std::optional<Dialect> ConfigFile::dialect() const {
  auto name = option_value(OptionId::Dialect);
  return name ? parse_dialect(*name) : std::nullopt;
}

std::optional<Migrator> ConfigFile::migrator() const {
  auto name = option_value(OptionId::Migrator);
  return name ? parse_migrator(*name) : std::nullopt;
}

std::optional<SqliteDriver> ConfigFile::driver() const {
  auto name = option_value(OptionId::Driver);
  return name ? parse_sqlite_driver(*name) : std::nullopt;
}

bool ConfigFile::ignores(std::string_view rule, const fs::path& finding_file) const {
  std::string relative = finding_file.lexically_normal().lexically_relative(dir).generic_string();
  for (const PathIgnore& p : per_path_ignores) {
    if (std::find(p.rules.begin(), p.rules.end(), rule) == p.rules.end()) continue;
    if (glob_matches(p.pattern, relative)) return true;
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
  if (!fs::is_regular_file(file, ec)) return ConfigError{fmt::format("{}: no such file", shown)};
  return Reader(fs::absolute(file, ec), shown, known_rules).read();
}

}  // namespace miglint
