#include <fmt/core.h>

#include "safety/safety_support.h"

namespace miglint {

namespace {

// "UNIQUE" or "PRIMARY KEY" when the constraint builds a new index; "" otherwise.
std::string index_building_kind(const nlohmann::json& constraint) {
  if (constraint.contains("indexname")) return {};  // ... USING INDEX: attaches an index built before
  const std::string kind = constraint.value("contype", std::string());
  if (kind == "CONSTR_UNIQUE") return "UNIQUE";
  if (kind == "CONSTR_PRIMARY") return "PRIMARY KEY";
  if (kind == "CONSTR_EXCLUSION") return "EXCLUDE";
  return {};
}

}  // namespace

void check_add_unique_or_primary_key(const Context& ctx, Reporter& out) {
  safety::for_each_command_on_existing_table(
      safety::Run(ctx), {"CONSTR_UNIQUE", "CONSTR_PRIMARY", "CONSTR_EXCLUSION"},
      [&](const SqlFile& sql, const SqlStatement& s, const std::string& table, const std::string& subtype,
          const nlohmann::json& cmd) {
        std::string kind, name;
        if (const nlohmann::json* c = safety::added_constraint(cmd)) {
          kind = index_building_kind(*c);
          name = fmt::format("constraint{}", safety::quoted_name(c->value("conname", std::string())));
        } else if (subtype == "AT_AddColumn" && cmd.contains("def") && cmd["def"].contains("ColumnDef")) {
          const auto& column = cmd["def"]["ColumnDef"];
          for (const auto& wrapped : column.value("constraints", nlohmann::json::array())) {
            if (kind.empty()) kind = index_building_kind(wrapped.value("Constraint", nlohmann::json::object()));
          }
          name = fmt::format("column \"{}\"", column.value("colname", std::string()));
        }
        if (kind.empty()) return;
        out.report(safety::first_word(sql, s),
                   fmt::format("adding {} {} to {} builds its index by reading the whole table under an ACCESS "
                               "EXCLUSIVE lock: reads and writes wait, and drizzle holds that lock until every "
                               "pending migration has run",
                               kind, name, table),
                   sql.tag)
            .help = fmt::format(
                "For a large or busy table, build the index first with CREATE UNIQUE INDEX CONCURRENTLY, by hand "
                "before deploying; in the migration, write CREATE UNIQUE INDEX IF NOT EXISTS with the same name "
                "(so new databases get it too), then ADD CONSTRAINT ... {} USING INDEX, which only takes a brief "
                "lock.",
                kind);
      });
}

}  // namespace miglint
