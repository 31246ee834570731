#include "schema/compare.h"

#include <fmt/core.h>

#include "schema/compare_support.h"

namespace miglint::schema {

namespace compare_support {

std::string display(const QualifiedName& name) {
  return name.schema.empty() ? name.name : name.schema + "." + name.name;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string text_or_none(const std::optional<std::string>& value) { return value ? *value : "none"; }

}  // namespace compare_support

namespace {

using namespace compare_support;

// Whether a schema-level object is beyond what either side can tell.
struct Unknowns {
  const Schema& a;
  const Schema& b;
  bool everything() const {
    return a.everything_unknown || b.everything_unknown || a.unknown_schemas.contains("") ||
           b.unknown_schemas.contains("");
  }
  bool schema(const std::string& name) const {
    return a.unknown_schemas.contains(name) || b.unknown_schemas.contains(name);
  }
};

// Objects of one kind on both sides, by name: missing and extra ones (not those that may or may
// not exist), and `same` for the rest unless either is marked unknown.
template <typename Map, typename Same>
void compare_objects(const Map& expected, const Map& actual, const std::string& kind, const Unknowns& unknowns,
                     Differences& out, Same same) {
  for (const auto& [name, e] : expected) {
    if (unknowns.schema(name.schema)) continue;
    auto a = actual.find(name);
    if (a == actual.end()) {
      if (!e.may_be_absent) out.missing(kind, display(name));
    } else if (!e.unknown && !a->second.unknown) {
      same(e, a->second);
    }
  }
  for (const auto& [name, a] : actual) {
    if (!unknowns.schema(name.schema) && !a.may_be_absent && !expected.contains(name)) out.extra(kind, display(name));
  }
}

}  // namespace

std::vector<Difference> compare(const Schema& expected, const Schema& actual, const CompareOptions& options) {
  std::vector<Difference> result;
  Unknowns unknowns{expected, actual};
  if (unknowns.everything()) return result;
  Differences out(result);
  for (const auto& s : expected.schemas) {
    if (!unknowns.schema(s) && !actual.schemas.contains(s)) out.missing("schema", s);
  }
  for (const auto& s : actual.schemas) {
    if (!unknowns.schema(s) && !expected.schemas.contains(s)) out.extra("schema", s);
  }
  compare_objects(expected.enums, actual.enums, "enum", unknowns, out, [&](const Enum& e, const Enum& a) {
    out.changed("enum", display(e.name), "values", joined(e.values), joined(a.values));
  });
  compare_objects(expected.sequences, actual.sequences, "sequence", unknowns, out,
                  [&](const Sequence& e, const Sequence& a) {
                    for (const auto& [option, value] : e.options) {
                      auto other = a.options.find(option);
                      if (other != a.options.end()) out.changed("sequence", display(e.name), option, value, other->second);
                    }
                  });
  compare_objects(expected.tables, actual.tables, "table", unknowns, out, [&](const Table& e, const Table& a) {
    compare_table_parts(e, a, options, out);
  });
  compare_objects(expected.views, actual.views, "view", unknowns, out, [&](const View& e, const View& a) {
    out.changed("view", display(e.name), "materialized", e.materialized ? "yes" : "no", a.materialized ? "yes" : "no");
    if (e.definition && a.definition) out.changed("view", display(e.name), "definition", *e.definition, *a.definition);
  });
  return result;
}

std::string describe(const Difference& d) {
  switch (d.kind) {
    case Difference::Kind::Missing: return fmt::format("{} {}: here, not there", d.object_kind, d.object);
    case Difference::Kind::Extra: return fmt::format("{} {}: there, not here", d.object_kind, d.object);
    case Difference::Kind::Changed:
      return fmt::format("{} {}: {} {} here, {} there", d.object_kind, d.object, d.field, d.expected, d.actual);
  }
  return {};
}

}  // namespace miglint::schema
