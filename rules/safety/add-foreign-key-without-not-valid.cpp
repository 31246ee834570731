#include <fmt/core.h>

#include "safety/safety_support.h"

namespace miglint {

namespace {

// The foreign keys an ALTER TABLE adds with validation, as for_each_validating_addition gives them.
template <class Visit>
void for_each_validating_foreign_key(const SqlStatement& alter, Visit visit) {
  safety::for_each_command(alter.parsed(), [&](const std::string&, const nlohmann::json& cmd) {
    std::string column;
    if (const nlohmann::json* c = safety::added_constraint(cmd)) {
      if (c->value("contype", std::string()) == "CONSTR_FOREIGN" && !c->value("skip_validation", false)) {
        visit(fmt::format("adding foreign key{}", safety::quoted_name(c->value("conname", std::string()))), false);
      }
    } else if (safety::column_constraint(cmd, "CONSTR_FOREIGN", column)) {
      visit(fmt::format("adding column \"{}\" with a foreign key", column), true);
    }
  });
}

}  // namespace

void check_add_foreign_key_without_not_valid(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  auto report = [&](const SqlFile& sql, const SqlStatement& s, const std::string& table, const std::string& what,
                    bool on_new_column) {
    out.report(safety::first_word(sql, s),
               fmt::format("{0} to {1} checks every existing row while it locks {1} and the referenced table "
                           "against writes, for as long as the batch runs",
                           what, table),
               sql.tag)
        .help = fmt::format(
            "{}Add it with NOT VALID (new rows are still checked), and run ALTER TABLE ... VALIDATE CONSTRAINT in "
            "a later migration, which takes a lighter lock.",
            on_new_column ? "Add the column first, then the foreign key as its own ADD CONSTRAINT. " : "");
  };
  // drizzle-kit adds the foreign keys of a new table in ALTER TABLE statements right after it:
  // those are on a table the run created, which the helper skips.
  safety::for_each_validating_addition(run, "CONSTR_FOREIGN", "foreign key", report);
  // A hand-written DO block that adds the key only if missing (IF NOT EXISTS (SELECT ... FROM
  // pg_constraint ...) THEN ALTER TABLE ... END IF): when it runs, it validates every row the same.
  safety::for_each_statement_in_order(run, [&](const SqlFile& sql, const SqlStatement& s) {
    if (s.kind != "DoStmt") return;
    for (const SqlStatement& inner : s.conditional) {
      if (inner.kind != "AlterTableStmt" || !safety::mentions(inner, {"CONSTR_FOREIGN"})) continue;
      if (run.table_is_new(sql, s, inner.relation)) continue;
      for_each_validating_foreign_key(inner, [&](const std::string& what, bool on_new_column) {
        report(sql, inner, inner.relation, what, on_new_column);
      });
    }
  });
  safety::for_each_validation_in_same_run(
      run, "CONSTR_FOREIGN",
      [&](const SqlFile& sql, const SqlStatement& s, const std::string& table, const std::string& name) {
        out.report(safety::first_word(sql, s),
                   fmt::format("foreign key \"{}\" of {} is validated in the same transaction that added it NOT "
                               "VALID: the ADD's lock is still held, so both tables stay locked against writes during "
                               "the scan, as if NOT VALID had not been used",
                               name, table),
                   sql.tag)
            .help = "Move VALIDATE CONSTRAINT to a migration that a later migrate run applies, once this one is deployed.";
      });
}

}  // namespace miglint
