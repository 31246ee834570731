// The live PostgreSQL schema as a model: seven catalog queries (catalog_postgres_queries.cpp),
// whatever the number of objects, inside the caller's transaction.
//
// They run inside a savepoint that is always rolled back at the end: the search_path set there
// (so that format_type, regclass and pg_get_expr qualify names the same way for every caller) goes
// with it, and a query that fails (a catalog table the user may not read, a statement timeout)
// leaves the caller's transaction usable for its other checks.
#include <fmt/core.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

#include "db/pg_client.h"
#include "schema/catalog.h"
#include "schema/catalog_postgres_queries.h"
#include "schema/normalize.h"

namespace miglint::schema {

namespace {

namespace queries = pg_catalog_queries;

std::string text_of(const pg::Field& f) { return f.is_null() ? std::string() : std::string(f.c_str()); }

std::optional<std::string> optional_text(const pg::Field& f) {
  if (f.is_null()) return std::nullopt;
  return std::string(f.c_str());
}

char char_of(const pg::Field& f) { return f.is_null() || *f.c_str() == '\0' ? '\0' : f.c_str()[0]; }

bool bool_of(const pg::Field& f) { return !f.is_null() && f.c_str()[0] == 't'; }

// A JSON array of strings from array_to_json(); SQL NULLs (an index's expression keys) as "".
std::vector<std::string> strings_of(const pg::Field& f) {
  std::vector<std::string> out;
  if (f.is_null()) return out;
  for (const auto& item : nlohmann::json::parse(f.c_str())) out.push_back(item.is_string() ? item.get<std::string>() : "");
  return out;
}

const char* referential_action(char code) {
  switch (code) {
    case 'r': return "restrict";
    case 'c': return "cascade";
    case 'n': return "set null";
    case 'd': return "set default";
    default: return "no action";
  }
}

const char* policy_command(char code) {
  switch (code) {
    case 'r': return "select";
    case 'a': return "insert";
    case 'w': return "update";
    case 'd': return "delete";
    default: return "all";
  }
}

class CatalogReader {
 public:
  CatalogReader(pg::Connection& connection, const QualifiedName& migrations, int server_version)
      : connection_(connection), migrations_(migrations), features_(queries::features_of(server_version)) {}

  Schema read() {
    read_namespaces();
    read_relations();
    read_columns();
    read_constraints();
    read_indexes();
    read_policies();
    read_enums();
    leave_out_empty_migrations_schema();
    return std::move(schema_);
  }

 private:
  pg::Result run(const std::string& sql) { return connection_.exec(sql, {migrations_.schema, migrations_.name}); }

  Table* table_of(const pg::Field& oid) {
    auto it = tables_.find(text_of(oid));
    return it == tables_.end() ? nullptr : it->second;
  }

  void read_namespaces() {
    for (const auto& row : connection_.exec(queries::namespaces())) {
      std::string name = text_of(row[0]);
      if (name != "public") schema_.schemas.insert(name);
    }
  }

  void read_relations() {
    for (const auto& row : run(queries::relations())) {
      QualifiedName name{text_of(row[1]), text_of(row[2])};
      char kind = char_of(row[3]);
      if (kind == 'r' || kind == 'p') {
        Table& table = schema_.tables[name];
        table.name = name;
        table.rls_enabled = bool_of(row[4]);
        tables_[text_of(row[0])] = &table;
      } else if (kind == 'v' || kind == 'm') {
        View& view = schema_.views[name];
        view.name = name;
        view.materialized = kind == 'm';
        if (!row[11].is_null()) view.definition = canonical_view_definition(text_of(row[11]));
      } else if (kind == 'S') {
        Sequence& sequence = schema_.sequences[name];
        sequence.name = name;
        const char* keys[] = {"increment", "min", "max", "start", "cache"};
        for (int i = 0; i < 5; ++i) {
          if (!row[5 + i].is_null()) sequence.options[keys[i]] = text_of(row[5 + i]);
        }
        if (!row[10].is_null()) sequence.options["cycle"] = bool_of(row[10]) ? "true" : "false";
      }
    }
  }

  void read_columns() {
    for (const auto& row : run(queries::columns(features_))) {
      Table* table = table_of(row[0]);
      if (!table) continue;
      Column column;
      column.name = text_of(row[1]);
      column.type = canonical_type(text_of(row[2]));
      column.not_null = bool_of(row[3]);
      std::optional<std::string> expression = optional_text(row[4]);
      char identity = char_of(row[5]);
      if (identity == 'a') column.identity = Identity{"always"};
      if (identity == 'd') column.identity = Identity{"by default"};
      // A generated column's expression is stored as its default.
      if (char_of(row[6]) != '\0') {
        if (expression) column.generated = canonical_expression(*expression, table->name.name);
      } else if (expression) {
        column.default_value = canonical_default(*expression, column.type);
      }
      table->columns.push_back(std::move(column));
    }
  }

  void read_constraints() {
    for (const auto& row : run(queries::constraints(features_))) {
      Table* table = table_of(row[0]);
      if (!table) continue;
      std::string name = text_of(row[1]);
      switch (char_of(row[2])) {
        case 'p': table->primary_key = PrimaryKey{name, strings_of(row[3])}; break;
        case 'f': {
          ForeignKey& fk = table->foreign_keys[name];
          fk.name = name;
          fk.columns = strings_of(row[3]);
          fk.references = QualifiedName{text_of(row[4]), text_of(row[5])};
          fk.referenced_columns = strings_of(row[6]);
          fk.on_delete = referential_action(char_of(row[7]));
          fk.on_update = referential_action(char_of(row[8]));
          break;
        }
        case 'u': table->unique_constraints[name] = UniqueConstraint{name, strings_of(row[3]), bool_of(row[10])}; break;
        case 'c': table->checks[name] = CheckConstraint{name, canonical_expression(text_of(row[9]), table->name.name)}; break;
        default: break;
      }
    }
  }

  void read_indexes() {
    for (const auto& row : run(queries::indexes(features_))) {
      Table* table = table_of(row[0]);
      if (!table) continue;
      Index index;
      index.name = text_of(row[1]);
      index.unique = bool_of(row[2]);
      index.method = text_of(row[3]);
      const std::string& own = table->name.name;
      std::vector<std::string> columns = strings_of(row[4]);
      std::vector<std::string> expressions = strings_of(row[5]);
      std::vector<std::string> options = strings_of(row[6]);
      for (std::size_t i = 0; i < columns.size(); ++i) {
        bool is_column = !columns[i].empty() || i >= expressions.size() || expressions[i].empty();
        std::string key = is_column ? columns[i] : canonical_expression(expressions[i], own);
        index.keys.push_back(key + (i < options.size() ? options[i] : ""));
      }
      if (std::optional<std::string> where = optional_text(row[7])) index.where = canonical_expression(*where, own);
      table->indexes[index.name] = std::move(index);
    }
  }

  void read_policies() {
    for (const auto& row : run(queries::policies())) {
      Table* table = table_of(row[0]);
      if (!table) continue;
      Policy policy;
      policy.name = text_of(row[1]);
      policy.as = bool_of(row[2]) ? "permissive" : "restrictive";
      policy.command = policy_command(char_of(row[3]));
      policy.roles = strings_of(row[4]);
      std::sort(policy.roles.begin(), policy.roles.end());
      const std::string& own = table->name.name;
      if (std::optional<std::string> e = optional_text(row[5])) policy.using_expression = canonical_expression(*e, own);
      if (std::optional<std::string> e = optional_text(row[6])) policy.with_check = canonical_expression(*e, own);
      table->policies[policy.name] = std::move(policy);
    }
  }

  void read_enums() {
    for (const auto& row : connection_.exec(queries::enums())) {
      QualifiedName name{text_of(row[0]), text_of(row[1])};
      schema_.enums[name] = Enum{name, strings_of(row[2]), false};
    }
  }

  // drizzle's own schema (by default "drizzle") holds only the migrations table: not the user's.
  void leave_out_empty_migrations_schema() {
    const std::string& own = migrations_.schema;
    if (own == "public" || !schema_.schemas.contains(own)) return;
    auto in_own = [&](const auto& objects) {
      return std::any_of(objects.begin(), objects.end(), [&](const auto& entry) { return entry.first.schema == own; });
    };
    if (!in_own(schema_.tables) && !in_own(schema_.views) && !in_own(schema_.sequences) && !in_own(schema_.enums)) {
      schema_.schemas.erase(own);
    }
  }

  pg::Connection& connection_;
  const QualifiedName& migrations_;
  queries::ServerFeatures features_;
  Schema schema_;
  std::unordered_map<std::string, Table*> tables_;  // by pg_class oid
};

// The server's words, on one line, without the query it echoes.
std::string server_message(const std::exception& e) {
  std::string text = e.what();
  text = text.substr(0, text.find("\nLINE "));
  std::string flat;
  for (char c : text) {
    bool space = c == '\n' || c == '\t' || c == '\r' || c == ' ';
    if (space && (flat.empty() || flat.back() == ' ')) continue;
    flat += space ? ' ' : c;
  }
  while (!flat.empty() && (flat.back() == ' ' || flat.back() == '.')) flat.pop_back();
  if (flat.starts_with("ERROR: ")) flat.erase(0, 7);
  return flat;
}

CatalogError error_of(const pg::Error& e) {
  std::string message = server_message(e);
  bool denied = e.sqlstate() == "42501";
  if (denied) {
    // "permission denied for table pg_policy": name the grant that gives it back.
    std::string table;
    if (std::size_t at = message.find("for table "); at != std::string::npos) table = message.substr(at + 10);
    std::string grant = table.empty() ? "SELECT on the pg_catalog tables"
                                      : fmt::format("SELECT on pg_catalog.{0} (GRANT SELECT ON pg_catalog.{0} TO "
                                                    "the user; every user may read it unless it was revoked)",
                                                    table);
    return CatalogError{fmt::format("could not read the schema from the PostgreSQL catalog: {}. Grant the user {}, "
                                    "or check with a user that may read it",
                                    message, grant)};
  }
  if (e.sqlstate() == "57014" || message.find("statement timeout") != std::string::npos) {
    return CatalogError{fmt::format("could not read the schema from the PostgreSQL catalog: {}. Raise the timeout "
                                    "with --statement-timeout",
                                    message)};
  }
  return CatalogError{fmt::format("could not read the schema from the PostgreSQL catalog: {}", message)};
}

}  // namespace

std::variant<Schema, CatalogError> read_postgres_catalog(pg::Connection& connection,
                                                         const QualifiedName& migrations_table) {
  int version = connection.server_version();
  if (version < 100000) {
    return CatalogError{fmt::format("could not read the schema: PostgreSQL {}.{} is older than 10, whose catalog "
                                    "miglint reads",
                                    version / 10000, version / 100 % 100)};
  }
  // Outside a transaction each query stands alone and a failure harms nothing.
  const bool savepoint = connection.in_transaction();
  // Nothing was written; the search_path set below goes back, and the caller's transaction goes on.
  auto roll_back = [&] {
    if (!savepoint) return;
    try {
      connection.exec("ROLLBACK TO SAVEPOINT miglint_catalog");
    } catch (const pg::Error&) {
      // Lost with the connection: the caller's next statement reports it.
    }
  };
  try {
    if (savepoint) {
      connection.exec("SAVEPOINT miglint_catalog");
      connection.exec("SET LOCAL search_path = pg_catalog, public");
    }
    Schema schema = CatalogReader(connection, migrations_table, version).read();
    if (savepoint) connection.exec("ROLLBACK TO SAVEPOINT miglint_catalog");
    return schema;
  } catch (const pg::Error& e) {
    if (e.kind() == pg::Error::Kind::Connection) {
      return CatalogError{fmt::format("could not read the schema: the connection to PostgreSQL was lost ({})",
                                      server_message(e))};
    }
    roll_back();
    return error_of(e);
  } catch (const std::exception& e) {
    roll_back();
    return CatalogError{fmt::format("could not read the schema from the PostgreSQL catalog: {}", server_message(e))};
  }
}

}  // namespace miglint::schema
