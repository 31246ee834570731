#include <fmt/core.h>

#include "engine/rule_api.h"
#include "schema/schema_support.h"

namespace miglint {

void check_schema_sql_snapshot_mismatch(const Context& ctx, Reporter& out) {
  const schema::SchemaHistory& history = ctx.schema();
  if (!history.modelled()) return;
  if (!history.unmodelled().empty()) {
    // Said once: snapshot-malformed and the other snapshot rules say what is wrong with each.
    const schema::UnmodelledSnapshot& first = history.unmodelled().front();
    out.report_as(Severity::Info, first.snapshot->whole(),
                  fmt::format("{} snapshot(s) could not be read as a schema ({}: {}), so the SQL of their "
                              "migrations and of the next ones was not compared with them",
                              history.unmodelled().size(), first.snapshot->file_name, first.problem));
  }
  // Each migration's SQL against its snapshot, or the last one's against the latest snapshot when
  // it has none (the history says which).
  for (const schema::MigrationSchemas& step : history.steps()) {
    const std::vector<schema::Difference>& differences = step.differences;
    if (differences.empty()) continue;
    const Migration& m = *step.migration;
    const Snapshot* recorded_file = step.compared_with;
    const std::string snapshot_name = recorded_file->relative_path;
    const std::string name = schema_findings::name_of(m);
    const std::string list = schema_findings::list(differences, {snapshot_name, "the SQL"});
    const std::string message =
        recorded_file == m.snapshot
            ? fmt::format("the SQL of {} does not give the schema its snapshot records, and the next drizzle-kit "
                          "generate works from the snapshot: {}",
                          name, list)
            : fmt::format("{} has no snapshot, so the next drizzle-kit generate works from {}, which lacks what "
                          "its SQL did: {}",
                          name, snapshot_name, list);
    Finding& f = out.report(schema_findings::word_at(*m.sql), message, name);
    f.help =
        "What the SQL made but the snapshot lacks, generate makes again if the schema code declares it (and "
        "migrate then fails: it already exists); what the snapshot holds but the SQL never made, generate never "
        "makes. Put hand-written DDL in the schema code too and let drizzle-kit generate write the migration, or "
        "regenerate the migration instead of editing its SQL.";
    f.objects = schema_findings::as_objects(differences);
  }
}

}  // namespace miglint
