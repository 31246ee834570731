#include "safety_support.h"

namespace miglint {

void check_alter_column_type(const Context& ctx, Reporter& out) {
  safety::for_each_command_on_existing_table(ctx.folder, [&](const SqlFile& sql, const SqlStatement& s,
                                                              const std::string& table, const std::string& subtype,
                                                              const nlohmann::json& cmd) {
    if (subtype != "AT_AlterColumnType") return;
    out.report(sql.file.location(s.begin, s.begin + 5),
               "changing the type of \"" + cmd.value("name", std::string()) + "\" of " + table +
                   " usually rewrites the table and its indexes under an ACCESS EXCLUSIVE lock, and code still "
                   "deployed may not handle the new type",
               sql.tag)
        .help = "Safe only for a few casts (varchar(n) to a longer varchar or to text). Otherwise add a new column, "
                "backfill it in batches, switch the code, and drop the old column later.";
  });
}

}  // namespace miglint
