#include "safety_support.h"

namespace miglint {

namespace {

struct AddedValue {
  std::string type;
  std::string value;
  std::string needle;  // the value as a string constant appears in a parse tree
  const SqlFile* sql;
  std::size_t line;
};

}  // namespace

void check_enum_value_used_in_same_transaction(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  std::vector<AddedValue> added;
  safety::for_each_statement_in_order(run, [&](const SqlFile& sql, const SqlStatement& s) {
    // A COMMIT in a migration commits the values added so far.
    if (safety::transaction_change(s) < 0) added.clear();
    if (s.kind == "DropStmt" && s.parsed().value("removeType", std::string()) == "OBJECT_TYPE") {
      // Its columns were converted (to text, usually) first; the type's new values are gone.
      for (const auto& object : s.parsed().value("objects", nlohmann::json::array())) {
        const std::string type = safety::last_name(object.value("TypeName", nlohmann::json::object()).value("names", nlohmann::json::array()));
        std::erase_if(added, [&](const AddedValue& a) { return a.type == type; });
      }
      return;
    }
    if (s.kind == "AlterEnumStmt") {
      const nlohmann::json& tree = s.parsed();
      if (!tree.contains("newVal") || tree.contains("oldVal")) return;  // oldVal: RENAME VALUE
      const std::string value = tree.value("newVal", std::string());
      added.push_back({safety::last_name(tree.value("typeName", nlohmann::json::array())), value,
                       "\"A_Const\":{\"sval\":{\"sval\":" + nlohmann::json(value).dump() + "}", &sql,
                       sql.file.location(s.begin, s.begin).begin.line});
      return;
    }
    // A cheap test on the tree's text first: most statements use no string constant at all.
    if (added.empty() || s.tree.find("\"A_Const\":{\"sval\"") == std::string::npos) return;
    for (const AddedValue& a : added) {
      if (s.tree.find(a.needle) == std::string::npos) continue;
      const bool same_file = a.sql == &sql;
      std::string message = "'" + a.value + "' is used here, but ";
      if (same_file) {
        message += "this migration added it to enum " + a.type + " on line " + std::to_string(a.line) +
                   ", and PostgreSQL refuses a new enum value until the transaction that added it has committed "
                   "(\"unsafe use of new value\"): this migration always fails";
      } else {
        message += "migration " + a.sql->tag + " added it to enum " + a.type +
                   ", and PostgreSQL refuses a new enum value until the transaction that added it has committed; "
                   "drizzle applies all pending migrations in one transaction, so this fails whenever both are "
                   "pending together, as on every new database";
      }
      out.report(safety::first_word(sql, s), message, sql.tag).help =
          "Keep migrations from using the new value: set defaults and backfill rows from a script or the "
          "application after migrate. If a migration must use it, recreate the enum instead of ADD VALUE (a new "
          "type with every value, the columns switched to it, the old type dropped), which works in one "
          "transaction but rewrites those tables.";
      return;
    }
  });
}

}  // namespace miglint
