#include "safety_support.h"

namespace miglint {

void check_set_not_null(const Context& ctx, Reporter& out) {
  safety::for_each_command_on_existing_table(ctx.folder, [&](const SqlFile& sql, const SqlStatement& s,
                                                              const std::string& table, const std::string& subtype,
                                                              const nlohmann::json& cmd) {
    if (subtype != "AT_SetNotNull") return;
    out.report(sql.file.location(s.begin, s.begin + 5),
               "SET NOT NULL on \"" + cmd.value("name", std::string()) + "\" of " + table +
                   " scans the whole table under an ACCESS EXCLUSIVE lock: reads and writes wait, and drizzle "
                   "holds that lock until every pending migration has run",
               sql.tag)
        .help = "Add CHECK (column IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT it in a later migration, then SET NOT "
                "NULL (PostgreSQL 12+ skips the scan when such a check is valid) and drop the check.";
  });
}

}  // namespace miglint
