// compare(): the parts of a table both sides know.
#include <map>
#include <set>

#include "schema/compare_support.h"

namespace miglint::schema::compare_support {

namespace {

std::string identity_text(const std::optional<Identity>& identity) {
  return identity ? "generated " + identity->generation + " as identity" : "none";
}

void compare_columns(const Table& e, const Table& a, const std::string& table, Differences& out) {
  for (const Column& ec : e.columns) {
    std::string object = table + "." + ec.name;
    const Column* ac = a.column(ec.name);
    if (!ac) {
      out.missing("column", object);
      continue;
    }
    if (ec.unknown || ac->unknown) continue;
    out.changed("column", object, "type", ec.type, ac->type);
    out.changed("column", object, "not null", ec.not_null ? "yes" : "no", ac->not_null ? "yes" : "no");
    out.changed("column", object, "default", text_or_none(ec.default_value), text_or_none(ac->default_value));
    out.changed("column", object, "identity", identity_text(ec.identity), identity_text(ac->identity));
    out.changed("column", object, "generated", text_or_none(ec.generated), text_or_none(ac->generated));
  }
  for (const Column& ac : a.columns) {
    if (!e.column(ac.name)) out.extra("column", table + "." + ac.name);
  }
}

void compare_primary_keys(const Table& e, const Table& a, const std::string& table, const CompareOptions& options,
                          Differences& out) {
  if (e.primary_key && !a.primary_key) out.missing("primary key", table);
  if (!e.primary_key && a.primary_key) out.extra("primary key", table);
  if (!e.primary_key || !a.primary_key) return;
  out.changed("primary key", table, "columns", joined(e.primary_key->columns), joined(a.primary_key->columns));
  if (options.names && !e.primary_key->name.empty() && !a.primary_key->name.empty()) {
    out.changed("primary key", table, "name", e.primary_key->name, a.primary_key->name);
  }
}

bool is_unknown(const Index& index) { return index.unknown; }
template <typename T>
bool is_unknown(const T&) {
  return false;
}

// A SQLite foreign key the SQL left unnamed (every one 0.x writes) has no name in the database:
// keyed by drizzle-kit's default, it is still the one a snapshot names otherwise.
bool is_nameless(const ForeignKey& fk) { return fk.name.empty(); }
template <typename T>
bool is_nameless(const T&) {
  return false;
}

// Parts of one kind matched by name, or with names off by `signature` (what the part is):
// missing and extra ones, and `same` for each matched pair neither side marks unknown. By name, a
// nameless part left unmatched is matched by signature with one the other side names otherwise.
template <typename T, typename Signature, typename Same>
void compare_parts(const std::map<std::string, T>& expected, const std::map<std::string, T>& actual,
                   const std::string& kind, const std::string& table, bool by_name, Signature signature, Same same,
                   Differences& out) {
  std::set<std::string> matched_actual;
  for (const auto& [name, e] : expected) {
    const T* match = nullptr;
    if (by_name) {
      auto found = actual.find(name);
      if (found != actual.end()) match = &found->second;
      for (auto it = actual.begin(); !match && it != actual.end(); ++it) {
        const auto& [other_name, a] = *it;
        if ((is_nameless(a) || is_nameless(e)) && !expected.count(other_name) && !matched_actual.contains(other_name) &&
            signature(a) == signature(e)) {
          match = &a;
        }
      }
    } else {
      for (const auto& [other_name, a] : actual) {
        if (!matched_actual.contains(other_name) && !is_unknown(a) && signature(a) == signature(e)) {
          match = &a;
          break;
        }
      }
    }
    if (!match) {
      if (by_name || !is_unknown(e)) out.missing(kind, table + "." + name);
      continue;
    }
    for (const auto& [other_name, a] : actual) {
      if (&a == match) matched_actual.insert(other_name);
    }
    if (!is_unknown(e) && !is_unknown(*match)) same(e, *match, table + "." + name);
  }
  for (const auto& [name, a] : actual) {
    if (matched_actual.contains(name)) continue;
    if (by_name || !is_unknown(a)) out.extra(kind, table + "." + name);
  }
}

std::string where_text(const Index& i) { return text_or_none(i.where); }

}  // namespace

void compare_table_parts(const Table& e, const Table& a, const CompareOptions& options, Differences& out) {
  const std::string table = display(e.name);
  const bool names = options.names;
  compare_columns(e, a, table, out);
  compare_primary_keys(e, a, table, options, out);
  compare_parts(
      e.indexes, a.indexes, "index", table, names,
      [](const Index& i) { return joined(i.keys) + " where " + where_text(i); },
      [&](const Index& x, const Index& y, const std::string& object) {
        out.changed("index", object, "columns", joined(x.keys), joined(y.keys));
        out.changed("index", object, "unique", x.unique ? "yes" : "no", y.unique ? "yes" : "no");
        out.changed("index", object, "method", x.method, y.method);
        out.changed("index", object, "where", where_text(x), where_text(y));
      },
      out);
  compare_parts(
      e.foreign_keys, a.foreign_keys, "foreign key", table, names,
      [](const ForeignKey& f) {
        return joined(f.columns) + " -> " + display(f.references) + "(" + joined(f.referenced_columns) + ")";
      },
      [&](const ForeignKey& x, const ForeignKey& y, const std::string& object) {
        out.changed("foreign key", object, "columns", joined(x.columns), joined(y.columns));
        out.changed("foreign key", object, "references",
                    display(x.references) + "(" + joined(x.referenced_columns) + ")",
                    display(y.references) + "(" + joined(y.referenced_columns) + ")");
        out.changed("foreign key", object, "on delete", x.on_delete, y.on_delete);
        out.changed("foreign key", object, "on update", x.on_update, y.on_update);
      },
      out);
  compare_parts(
      e.unique_constraints, a.unique_constraints, "unique constraint", table, names,
      [](const UniqueConstraint& u) { return joined(u.columns); },
      [&](const UniqueConstraint& x, const UniqueConstraint& y, const std::string& object) {
        out.changed("unique constraint", object, "columns", joined(x.columns), joined(y.columns));
        out.changed("unique constraint", object, "nulls not distinct", x.nulls_not_distinct ? "yes" : "no",
                    y.nulls_not_distinct ? "yes" : "no");
      },
      out);
  compare_parts(
      e.checks, a.checks, "check constraint", table, names, [](const CheckConstraint& c) { return c.expression; },
      [&](const CheckConstraint& x, const CheckConstraint& y, const std::string& object) {
        out.changed("check constraint", object, "expression", x.expression, y.expression);
      },
      out);
  // Policies are always named by their author.
  compare_parts(
      e.policies, a.policies, "policy", table, true, [](const Policy& p) { return p.name; },
      [&](const Policy& x, const Policy& y, const std::string& object) {
        out.changed("policy", object, "as", x.as, y.as);
        out.changed("policy", object, "for", x.command, y.command);
        out.changed("policy", object, "to", joined(x.roles), joined(y.roles));
        out.changed("policy", object, "using", text_or_none(x.using_expression), text_or_none(y.using_expression));
        out.changed("policy", object, "with check", text_or_none(x.with_check), text_or_none(y.with_check));
      },
      out);
  if (e.rls_enabled && !a.rls_enabled) out.missing("row level security", table);
  if (!e.rls_enabled && a.rls_enabled) out.extra("row level security", table);
}

}  // namespace miglint::schema::compare_support
