#include <fmt/core.h>

#include "safety/safety_support.h"

namespace miglint {

void check_add_check_constraint_without_not_valid(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  safety::for_each_validating_addition(
      run, "CONSTR_CHECK", "check constraint",
      [&](const SqlFile& sql, const SqlStatement& s, const std::string& table, const std::string& what,
          bool on_new_column) {
        out.report(safety::first_word(sql, s),
                   fmt::format("{} to {} checks every existing row under an ACCESS EXCLUSIVE lock: reads and writes "
                               "wait, and drizzle holds that lock until every pending migration has run",
                               what, table),
                   sql.tag)
            .help = fmt::format(
                "{}Add it with NOT VALID (new and updated rows are still checked), and VALIDATE CONSTRAINT in a later "
                "migration applied by a separate migrate run: validating takes a lock that lets reads and writes go "
                "on.",
                on_new_column ? "Add the column first, then the check as its own ADD CONSTRAINT. " : "");
      });
  safety::for_each_validation_in_same_run(
      run, "CONSTR_CHECK",
      [&](const SqlFile& sql, const SqlStatement& s, const std::string& table, const std::string& name) {
        out.report(safety::first_word(sql, s),
                   fmt::format("check constraint \"{}\" of {} is validated in the same transaction that added it "
                               "NOT VALID: the ADD's ACCESS EXCLUSIVE lock is still held, so the scan blocks reads and "
                               "writes as if NOT VALID had not been used",
                               name, table),
                   sql.tag)
            .help = "Move VALIDATE CONSTRAINT to a migration that a later migrate run applies, once this one is deployed.";
      });
}

}  // namespace miglint
