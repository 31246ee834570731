#include <set>

#include <fmt/core.h>

#include "safety/safety_support.h"

namespace miglint {

namespace {

// PostgreSQL 15's volatile built-ins that make sense in a default (pg_proc, provolatile = 'v'),
// those of the uuid-ossp and pgcrypto extensions, and PostgreSQL 16-18's new ones.
const std::set<std::string, std::less<>> kVolatileBuiltins = {"clock_timestamp",  "currval",
                                                              "gen_random_uuid",  "lastval",
                                                              "nextval",          "random",
                                                              "timeofday",        "txid_status",
                                                              "uuid_generate_v1", "uuid_generate_v1mc",
                                                              "uuid_generate_v4", "gen_random_bytes",
                                                              "gen_salt",         "random_normal",
                                                              "uuidv4",           "uuidv7"};

const std::set<std::string, std::less<>> kSerialTypes = {"serial",  "serial4",     "bigserial",
                                                         "serial8", "smallserial", "serial2"};

// Functions the folder's own SQL creates: volatile unless declared IMMUTABLE or STABLE.
std::map<std::string, bool> functions_created(const safety::Run& run) {
  std::map<std::string, bool> volatile_by_name;
  safety::for_each_statement(
      run, "CreateFunctionStmt", [&](const SqlFile&, const SqlStatement&, const nlohmann::json& tree) {
        bool is_volatile = true;
        for (const auto& option : tree.value("options", nlohmann::json::array())) {
          if (!option.contains("DefElem") || option["DefElem"].value("defname", std::string()) != "volatility")
            continue;
          const auto& arg = option["DefElem"].value("arg", nlohmann::json::object());
          is_volatile = !arg.contains("String") || arg["String"].value("sval", std::string()) == "volatile";
        }
        volatile_by_name[safety::last_name(tree.value("funcname", nlohmann::json::array()))] = is_volatile;
      });
  return volatile_by_name;
}

// The first volatile function an expression calls, or "".
std::string volatile_call(const nlohmann::json& node, const std::map<std::string, bool>& created) {
  if (node.is_array()) {
    for (const auto& item : node) {
      if (std::string found = volatile_call(item, created); !found.empty()) return found;
    }
  } else if (node.is_object()) {
    if (node.contains("FuncCall")) {
      std::string name = safety::last_name(node["FuncCall"].value("funcname", nlohmann::json::array()));
      const auto own = created.find(name);
      if (own != created.end() ? own->second : kVolatileBuiltins.count(name) > 0) return name;
    }
    for (const auto& [key, value] : node.items()) {
      if (std::string found = volatile_call(value, created); !found.empty()) return found;
    }
  }
  return {};
}

struct Hazard {
  std::string what;  // how the column is filled
  bool avoidable;    // a default can be set after the column is added
};

std::optional<Hazard> rewrite_hazard(const nlohmann::json& column, const std::map<std::string, bool>& created) {
  const std::string type =
      safety::last_name(column.value("typeName", nlohmann::json::object()).value("names", nlohmann::json::array()));
  if (kSerialTypes.count(type)) return Hazard{fmt::format("as {}, whose default nextval() is volatile", type), true};
  for (const auto& wrapped : column.value("constraints", nlohmann::json::array())) {
    const auto& c = wrapped.value("Constraint", nlohmann::json::object());
    const std::string kind = c.value("contype", std::string());
    if (kind == "CONSTR_IDENTITY") return Hazard{"as an identity column, numbered from a sequence", false};
    if (kind == "CONSTR_GENERATED") return Hazard{"as a stored generated column", false};
    if (kind != "CONSTR_DEFAULT") continue;
    if (std::string call = volatile_call(c.value("raw_expr", nlohmann::json::object()), created); !call.empty()) {
      return Hazard{fmt::format("with the volatile default {}()", call), true};
    }
  }
  return std::nullopt;
}

}  // namespace

void check_add_column_volatile_default(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  std::optional<std::map<std::string, bool>> created;  // read only when a column is added
  safety::for_each_command_on_existing_table(
      run, {"FuncCall", "serial", "CONSTR_IDENTITY", "CONSTR_GENERATED"},
      [&](const SqlFile& sql, const SqlStatement& s, const std::string& table, const std::string& subtype,
          const nlohmann::json& cmd) {
        if (subtype != "AT_AddColumn" || !cmd.contains("def") || !cmd["def"].contains("ColumnDef")) return;
        if (safety::adds_nothing(run, sql, s, table, cmd)) return;
        if (!created) created = functions_created(run);
        const auto& column = cmd["def"]["ColumnDef"];
        const std::optional<Hazard> hazard = rewrite_hazard(column, *created);
        if (!hazard) return;
        out.report(safety::first_word(sql, s),
                   fmt::format("column \"{}\" is added to {} {}: PostgreSQL computes it for every existing row, "
                               "rewriting the table and its indexes under an ACCESS EXCLUSIVE lock that drizzle holds "
                               "until every pending migration has run",
                               column.value("colname", std::string()), table, hazard->what),
                   sql.tag)
            .help =
            hazard->avoidable
                ? "Add the column without that default, set the default with ALTER COLUMN ... SET DEFAULT in a "
                  "second statement (it applies to new rows only), and fill existing rows in batches outside the "
                  "migration."
                : "Accept the rewrite only for a small or quiet table; otherwise add a plain column and fill it "
                  "in batches outside the migration.";
      });
}

}  // namespace miglint
