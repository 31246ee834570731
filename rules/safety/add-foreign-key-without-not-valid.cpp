#include <fmt/core.h>

#include "safety/safety_support.h"

namespace miglint {

void check_add_foreign_key_without_not_valid(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  // drizzle-kit adds the foreign keys of a new table in ALTER TABLE statements right after it:
  // those are on a table the run created, which the helper skips.
  safety::for_each_validating_addition(
      run, "CONSTR_FOREIGN", "foreign key",
      [&](const SqlFile& sql, const SqlStatement& s, const std::string& table, const std::string& what,
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
