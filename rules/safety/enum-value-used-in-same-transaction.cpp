#include <algorithm>
#include <map>

#include <fmt/core.h>

#include "safety/enum_value_reads.h"
#include "safety/safety_support.h"

namespace miglint {

namespace {

struct AddedValue {
  std::string type;  // canonical spelling (schema::canonical_type)
  std::string value;
  const SqlFile* sql;
  std::size_t line;
  // The same migration created the type before adding the value: on every database the type is new
  // in that transaction, which PostgreSQL 17 accepts and 12 to 16 refuse.
  bool type_made_with_it;
};

// The schema around each migration the rule needs, replayed in the migrator's order as far as
// needed only: most folders use no added value, and then nothing is replayed here.
class SchemasAround {
 public:
  SchemasAround(const Context& ctx, const std::vector<const SqlFile*>& in_order) : ctx_(ctx), in_order_(in_order) {
    for (const Migration& m : ctx.folder.migrations) {
      if (m.sql) migration_of_.emplace(m.sql, &m);
    }
  }
  safety::SchemaAround around(const SqlFile& sql) {
    if (at_ != &sql) advance_to(sql);
    return {&before_, &after_};
  }

 private:
  void advance_to(const SqlFile& sql) {
    while (next_ < in_order_.size() && in_order_[next_] != &sql) replay_next(current_);
    before_ = current_;
    if (next_ < in_order_.size()) replay_next(current_);
    after_ = current_;
    at_ = &sql;
  }
  void replay_next(schema::Schema& schema) {
    const Migration* m = migration_of_.at(in_order_[next_++]);
    schema = ctx_.schema().replay_sql_of({m}, std::move(schema));
  }
  const Context& ctx_;
  const std::vector<const SqlFile*>& in_order_;
  std::map<const SqlFile*, const Migration*> migration_of_;
  std::size_t next_ = 0;
  const SqlFile* at_ = nullptr;
  schema::Schema current_, before_, after_;
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

// A value as it appears inside a JSON string.
std::string json_inside(const std::string& value) {
  const std::string quoted = nlohmann::json(value).dump();
  return quoted.substr(1, quoted.size() - 2);
}

std::string message_for(const AddedValue& a, const SqlFile& sql, safety::EnumRead read) {
  const std::string use =
      read == safety::EnumRead::AsTheEnum
          ? fmt::format("'{}' is used here as a value of enum {}", a.value, a.type)
          : fmt::format("'{}' is used here, maybe as a value of enum {} (miglint cannot tell the type it is read as)",
                        a.value, a.type);
  const std::string added = a.sql == &sql ? fmt::format("this migration added it on line {}", a.line)
                                          : fmt::format("migration {} added it", a.sql->tag);
  if (a.type_made_with_it) {
    return fmt::format("{}, but {} to the type it had just created, in the same transaction: PostgreSQL 12 to 16 "
                       "refuse a new enum value until that transaction has committed (\"unsafe use of new value\"); "
                       "PostgreSQL 17 accepts it because the type itself is new",
                       use, added);
  }
  if (a.sql == &sql) {
    return fmt::format("{}, but {}, and PostgreSQL refuses a new enum value until the transaction that added it "
                       "has committed (\"unsafe use of new value\"): this migration fails on every database that "
                       "already has the type, and on new databases before PostgreSQL 17",
                       use, added);
  }
  return fmt::format("{}, but {}, and PostgreSQL refuses a new enum value until the transaction that added it has "
                     "committed; drizzle applies all pending migrations in one transaction, so this fails whenever "
                     "both are pending together: on a database that has the type but neither migration, and on every "
                     "new database before PostgreSQL 17 (which accepts it there because the type is new too)",
                     use, added);
}

}  // namespace

void check_enum_value_used_in_same_transaction(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  SchemasAround schemas(ctx, run.in_order());
  std::map<std::string, AddedValue, std::less<>> added;  // by the value as JSON spells it
  std::map<std::string, const SqlFile*> types_made;  // enum types created in this transaction, by file
  MigratorCommits commits(ctx.folder.migrator);
  auto commit = [&] {
    added.clear();
    types_made.clear();
  };
  safety::for_each_statement_in_order(run, [&](const SqlFile& sql, const SqlStatement& s) {
    if (commits.before(sql, s)) commit();  // a runner of the team's own commits between migrations or chunks
    // A COMMIT in a migration commits the values added so far.
    if (const auto control = transaction_control(s); control && control->change < 0) commit();
    if (s.kind == "CreateEnumStmt") {
      types_made[safety::type_of_names(s.parsed().value("typeName", nlohmann::json::array()))] = &sql;
      return;
    }
    if (s.kind == "DropStmt" && safety::mentions(s, {"OBJECT_TYPE"})) {
      // Its columns were converted (to text, usually) first; the type's new values are gone.
      for (const auto& object : s.parsed().value("objects", nlohmann::json::array())) {
        const std::string type = safety::type_of_names(
            object.value("TypeName", nlohmann::json::object()).value("names", nlohmann::json::array()));
        std::erase_if(added, [&](const auto& entry) { return entry.second.type == type; });
      }
      return;
    }
    if (s.kind == "AlterEnumStmt") {
      const nlohmann::json& tree = s.parsed();
      if (!tree.contains("newVal") || tree.contains("oldVal")) return;  // oldVal: RENAME VALUE
      const std::string value = tree.value("newVal", std::string());
      const std::string type = safety::type_of_names(tree.value("typeName", nlohmann::json::array()));
      added[json_inside(value)] = {type, value, &sql, sql.file.location(s.begin, s.begin).begin.line,
                                   types_made.count(type) > 0 && types_made[type] == &sql};
      return;
    }
    if (added.empty()) return;
    std::vector<const AddedValue*> candidates;
    for_each_string_constant(s.tree, [&](std::string_view text) {
      const auto found = added.find(text);
      if (found != added.end() && std::find(candidates.begin(), candidates.end(), &found->second) == candidates.end()) {
        candidates.push_back(&found->second);
      }
    });
    for (const AddedValue* a : candidates) {
      const safety::EnumRead read = safety::read_of_value(s.kind, s.parsed(), a->value, a->type, schemas.around(sql));
      if (read == safety::EnumRead::AsOther) continue;
      // A sure use fails on every new database before PostgreSQL 17, and where the type was there
      // before the run on every version; a use miglint cannot type, or one only PostgreSQL 12 to 16
      // refuse, is a warning.
      const bool sure = read == safety::EnumRead::AsTheEnum && !a->type_made_with_it;
      out.report_as(sure ? Severity::Error : Severity::Warning, safety::first_word(sql, s), message_for(*a, sql, read),
                    sql.tag)
          .help =
          "Keep migrations from using the new value: set defaults and backfill rows from a script or the "
          "application after migrate. If a migration must use it, recreate the enum instead of ADD VALUE (a new "
          "type with every value, the columns switched to it, the old type dropped), which works in one "
          "transaction but rewrites those tables.";
      return;
    }
  });
}

}  // namespace miglint
