#include "safety_support.h"

namespace miglint {

void check_add_foreign_key_without_not_valid(const Context& ctx, Reporter& out) {
  // drizzle-kit adds the foreign keys of a new table in ALTER TABLE statements right after it:
  // those are on a table the migration created, which the helper skips.
  safety::for_each_command_on_existing_table(ctx.folder, [&](const SqlFile& sql, const SqlStatement& s,
                                                              const std::string& table, const std::string& subtype,
                                                              const nlohmann::json& cmd) {
    if (subtype != "AT_AddConstraint" || !cmd.contains("def") || !cmd["def"].contains("Constraint")) return;
    const auto& constraint = cmd["def"]["Constraint"];
    if (constraint.value("contype", std::string()) != "CONSTR_FOREIGN" || constraint.value("skip_validation", false)) return;
    out.report(sql.file.location(s.begin, s.begin + 5),
               "adding foreign key \"" + constraint.value("conname", std::string()) + "\" to " + table +
                   " checks every existing row while it locks " + table +
                   " and the referenced table against writes, for as long as the batch runs",
               sql.tag)
        .help = "Add it with NOT VALID (new rows are still checked), and run ALTER TABLE ... VALIDATE CONSTRAINT in a "
                "later migration, which takes a lighter lock.";
  });
}

}  // namespace miglint
