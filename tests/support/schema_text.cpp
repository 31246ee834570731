#include "support/schema_text.h"

#include <fmt/core.h>

namespace miglint::test {

namespace {

std::string name_of(const schema::QualifiedName& n) { return n.schema.empty() ? n.name : n.schema + "." + n.name; }

std::string list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

std::string column_line(const schema::Column& c) {
  std::string line = fmt::format("  column {} {}", c.name, c.type);
  if (c.not_null) line += " not null";
  if (c.default_value) line += " default " + *c.default_value;
  if (c.identity) line += " identity " + c.identity->generation;
  if (c.generated) line += " generated " + *c.generated;
  if (c.unknown) line += " unknown";
  return line + "\n";
}

std::string table_text(const schema::Table& t) {
  std::string out = fmt::format("table {}{}{}\n", name_of(t.name), t.rls_enabled ? " rls" : "", t.unknown ? " unknown" : "");
  for (const auto& c : t.columns) out += column_line(c);
  if (t.primary_key) out += fmt::format("  primary key {} ({})\n", t.primary_key->name, list(t.primary_key->columns));
  for (const auto& [name, fk] : t.foreign_keys) {
    out += fmt::format("  foreign key {} ({}) -> {} ({}) on delete {} on update {}\n", name, list(fk.columns),
                       name_of(fk.references), list(fk.referenced_columns), fk.on_delete, fk.on_update);
  }
  for (const auto& [name, u] : t.unique_constraints) {
    out += fmt::format("  unique {} ({}){}\n", name, list(u.columns), u.nulls_not_distinct ? " nulls not distinct" : "");
  }
  for (const auto& [name, c] : t.checks) out += fmt::format("  check {} {}\n", name, c.expression);
  for (const auto& [name, i] : t.indexes) {
    out += fmt::format("  {}index {} {} ({}){}{}\n", i.unique ? "unique " : "", name, i.method, list(i.keys),
                       i.where ? " where " + *i.where : "", i.unknown ? " unknown" : "");
  }
  for (const auto& [name, p] : t.policies) {
    out += fmt::format("  policy {} {} for {} to {}{}{}\n", name, p.as, p.command, list(p.roles),
                       p.using_expression ? " using " + *p.using_expression : "",
                       p.with_check ? " with check " + *p.with_check : "");
  }
  return out;
}

}  // namespace

std::string schema_text(const schema::Schema& s) {
  std::string out;
  if (s.everything_unknown) out += "everything unknown\n";
  for (const auto& name : s.unknown_schemas) out += fmt::format("unknown schema {}\n", name);
  for (const auto& name : s.schemas) out += fmt::format("schema {}\n", name);
  for (const auto& [name, e] : s.enums) out += fmt::format("enum {} ({}){}\n", name_of(name), list(e.values), e.unknown ? " unknown" : "");
  for (const auto& [name, q] : s.sequences) {
    std::string options;
    for (const auto& [key, value] : q.options) options += fmt::format(" {} {}", key, value);
    out += fmt::format("sequence {}{}{}\n", name_of(name), options, q.unknown ? " unknown" : "");
  }
  for (const auto& [name, t] : s.tables) out += table_text(t);
  for (const auto& [name, v] : s.views) {
    out += fmt::format("{}view {}{}{}\n", v.materialized ? "materialized " : "", name_of(name),
                       v.definition ? " as " + *v.definition : "", v.unknown ? " unknown" : "");
  }
  return out;
}

}  // namespace miglint::test
