#include <map>
#include <set>

#include <fmt/core.h>

#include "safety/safety_support.h"

namespace miglint {

namespace {

struct AddedValue {
  std::string type;
  std::string value;
  const SqlFile* sql;
  std::size_t line;
};

// Calls f(text) for each string constant of a statement, read from its tree's text: text is the
// JSON string's inside, escapes kept. One pass over the text, however many values were added.
template <class F>
void for_each_string_constant(std::string_view tree, F f) {
  static constexpr std::string_view kKey = "\"A_Const\":{\"sval\":{\"sval\":\"";
  for (std::size_t at = tree.find(kKey); at != std::string_view::npos; at = tree.find(kKey, at)) {
    at += kKey.size();
    std::size_t end = at;
    while (end < tree.size() && tree[end] != '"') end += tree[end] == '\\' ? 2u : 1u;
    f(tree.substr(at, end - at));
    at = end;
  }
}

bool cast_to_text(const nlohmann::json& node) {
  static const std::set<std::string, std::less<>> kText = {"text", "varchar", "bpchar", "char", "name", "citext"};
  if (!node.contains("TypeCast")) return false;
  const auto& type = node["TypeCast"].value("typeName", nlohmann::json::object());
  return kText.count(safety::last_name(type.value("names", nlohmann::json::array()))) > 0;
}

// Whether the tree uses the value as an enum value: a string constant, unless it is cast to a text
// type or compared with something cast to one ("status"::text = 'x' reads no enum value).
bool used_as_enum(const nlohmann::json& node, const std::string& value) {
  if (node.is_array()) {
    for (const auto& item : node) {
      if (used_as_enum(item, value)) return true;
    }
    return false;
  }
  if (!node.is_object()) return false;
  if (cast_to_text(node)) return false;
  if (node.contains("A_Expr")) {
    const auto& e = node["A_Expr"];
    if (cast_to_text(e.value("lexpr", nlohmann::json::object())) ||
        cast_to_text(e.value("rexpr", nlohmann::json::object()))) {
      return false;
    }
  }
  if (node.contains("A_Const")) {
    return node["A_Const"].value("sval", nlohmann::json::object()).value("sval", std::string()) == value;
  }
  for (const auto& [key, child] : node.items()) {
    if (used_as_enum(child, value)) return true;
  }
  return false;
}

// A value as it appears inside a JSON string.
std::string json_inside(const std::string& value) {
  const std::string quoted = nlohmann::json(value).dump();
  return quoted.substr(1, quoted.size() - 2);
}

}  // namespace

void check_enum_value_used_in_same_transaction(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  std::map<std::string, AddedValue, std::less<>> added;  // by the value as JSON spells it
  MigratorCommits commits(ctx.folder.migrator);
  safety::for_each_statement_in_order(run, [&](const SqlFile& sql, const SqlStatement& s) {
    if (commits.before(sql, s)) added.clear();  // a runner of the team's own commits between migrations or chunks
    // A COMMIT in a migration commits the values added so far.
    if (const auto control = transaction_control(s); control && control->change < 0) added.clear();
    if (s.kind == "DropStmt" && safety::mentions(s, {"OBJECT_TYPE"})) {
      // Its columns were converted (to text, usually) first; the type's new values are gone.
      for (const auto& object : s.parsed().value("objects", nlohmann::json::array())) {
        const std::string type = safety::last_name(
            object.value("TypeName", nlohmann::json::object()).value("names", nlohmann::json::array()));
        std::erase_if(added, [&](const auto& entry) { return entry.second.type == type; });
      }
      return;
    }
    if (s.kind == "AlterEnumStmt") {
      const nlohmann::json& tree = s.parsed();
      if (!tree.contains("newVal") || tree.contains("oldVal")) return;  // oldVal: RENAME VALUE
      const std::string value = tree.value("newVal", std::string());
      added[json_inside(value)] = {safety::last_name(tree.value("typeName", nlohmann::json::array())), value, &sql,
                                   sql.file.location(s.begin, s.begin).begin.line};
      return;
    }
    if (added.empty()) return;
    const AddedValue* used = nullptr;
    for_each_string_constant(s.tree, [&](std::string_view text) {
      if (const auto found = added.find(text); !used && found != added.end()) used = &found->second;
    });
    if (!used || !used_as_enum(s.parsed(), used->value)) return;
    const AddedValue& a = *used;
    const bool same_file = a.sql == &sql;
    const std::string message =
        same_file ? fmt::format("'{}' is used here, but this migration added it to enum {} on line {}, and PostgreSQL "
                                "refuses a new enum value until the transaction that added it has committed (\"unsafe "
                                "use of new value\"): this migration always fails",
                                a.value, a.type, a.line)
                  : fmt::format("'{}' is used here, but migration {} added it to enum {}, and PostgreSQL refuses a new "
                                "enum value until the transaction that added it has committed; drizzle applies all "
                                "pending migrations in one transaction, so this fails whenever both are pending "
                                "together, as on every new database",
                                a.value, a.sql->tag, a.type);
    // Within one migration it always fails; across migrations, on new databases (a warning, as
    // every safety rule: production, where they were deployed apart, is fine).
    out.report_as(same_file ? Severity::Error : Severity::Warning, safety::first_word(sql, s), message, sql.tag).help =
        "Keep migrations from using the new value: set defaults and backfill rows from a script or the "
        "application after migrate. If a migration must use it, recreate the enum instead of ADD VALUE (a new "
        "type with every value, the columns switched to it, the old type dropped), which works in one "
        "transaction but rewrites those tables.";
  });
}

}  // namespace miglint
