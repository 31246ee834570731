// ALTER TABLE: each subcommand applied in turn, its text found by splitting the statement on its
// top-level commas (subcommands carry no location of their own).
#include <algorithm>
#include <array>

#include "schema/normalize.h"
#include "schema/replay_postgres_internal.h"

namespace miglint::schema::pg_replay {

namespace {

// Subcommands that change nothing the model holds (storage, statistics, owner, triggers...).
bool is_neutral(const std::string& subtype) {
  static constexpr std::array<std::string_view, 30> kNeutral{
      "AT_ForceRowSecurity",  "AT_NoForceRowSecurity", "AT_SetRelOptions",      "AT_ResetRelOptions",
      "AT_ReplaceRelOptions", "AT_SetStatistics",      "AT_SetStorage",         "AT_SetCompression",
      "AT_SetOptions",        "AT_ResetOptions",       "AT_ChangeOwner",        "AT_ClusterOn",
      "AT_DropCluster",       "AT_ReplicaIdentity",    "AT_SetTableSpace",      "AT_ValidateConstraint",
      "AT_AlterConstraint",   "AT_EnableTrig",         "AT_EnableAlwaysTrig",   "AT_EnableReplicaTrig",
      "AT_DisableTrig",       "AT_EnableTrigAll",      "AT_DisableTrigAll",     "AT_EnableTrigUser",
      "AT_DisableTrigUser",   "AT_EnableRule",         "AT_EnableAlwaysRule",   "AT_EnableReplicaRule",
      "AT_DisableRule",       "AT_SetAccessMethod"};
  return std::find(kNeutral.begin(), kNeutral.end(), subtype) != kNeutral.end() || subtype == "AT_SetLogged" ||
         subtype == "AT_SetUnLogged" || subtype == "AT_GenericOptions";
}

std::string column_display(const Table& table, const std::string& column) {
  return "column " + display(table.name) + "." + column;
}

// Foreign keys elsewhere that point at a dropped column go with it (CASCADE).
void drop_references_to_column(Context& ctx, const QualifiedName& table, const std::string& column) {
  for (auto& [qn, t] : ctx.schema.tables) {
    const auto dropped = std::erase_if(t.foreign_keys, [&](const auto& e) {
      const ForeignKey& fk = e.second;
      return fk.references == table &&
             std::find(fk.referenced_columns.begin(), fk.referenced_columns.end(), column) != fk.referenced_columns.end();
    });
    if (dropped > 0) ctx.touch(Touched::Kind::Table, qn);  // under an IF they may still be there
  }
}

// One subcommand; false when not understood. `piece` is its text, when the split found it.
bool apply(Context& ctx, Table& table, const Json& cmd, std::optional<Span> piece) {
  const std::string subtype = str(cmd, "subtype");
  if (is_neutral(subtype)) return true;
  const std::string column_name = str(cmd, "name");
  const bool missing_ok = flag(cmd, "missing_ok");
  const bool cascade = str(cmd, "behavior") == "DROP_CASCADE";
  const std::size_t limit = piece ? piece->end : std::string_view::npos;
  const Json& def = child(cmd, "def");

  if (subtype == "AT_EnableRowSecurity" || subtype == "AT_DisableRowSecurity") {
    table.rls_enabled = subtype == "AT_EnableRowSecurity";
    return true;
  }
  if (subtype == "AT_AddColumn") {
    const Json& column_def = child(def, "ColumnDef");
    const std::string name = str(column_def, "colname");
    if (table.column(name)) {
      ctx.exists_already(column_display(table, name), missing_ok);
      return true;
    }
    if (!piece && column_def.contains("constraints")) return false;
    add_column(ctx, table, column_def, limit);
    ctx.created(column_display(table, name));
    if ((missing_ok || ctx.tolerant) && (table.unknown || !knows_schema(ctx.schema, table.name.schema))) {
      ctx.effect.maybe_created.push_back(column_display(table, name));
    }
    return true;
  }
  if (subtype == "AT_AddConstraint") {
    return piece && add_constraint(ctx, table, child(def, "Constraint"), "", limit, false);
  }
  if (subtype == "AT_DropConstraint") {
    drop_constraint(ctx, table, column_name, missing_ok, cascade);
    return true;
  }
  if (subtype == "AT_DropColumn") {
    const auto it = std::find_if(table.columns.begin(), table.columns.end(),
                                 [&](const Column& c) { return c.name == column_name; });
    if (it == table.columns.end()) {
      if (!table.unknown) ctx.is_missing(column_display(table, column_name), missing_ok);
      return true;
    }
    table.columns.erase(it);
    drop_column_parts(table, column_name);
    if (cascade) drop_references_to_column(ctx, table.name, column_name);
    return true;
  }

  // The rest change one column.
  static constexpr std::array<std::string_view, 9> kColumnCommands{
      "AT_ColumnDefault", "AT_SetNotNull", "AT_DropNotNull", "AT_AlterColumnType", "AT_AddIdentity",
      "AT_SetIdentity",   "AT_DropIdentity", "AT_DropExpression", "AT_CookedColumnDefault"};
  if (std::find(kColumnCommands.begin(), kColumnCommands.end(), subtype) == kColumnCommands.end()) return false;
  Column* column = table.column(column_name);
  if (subtype == "AT_AlterColumnType") {
    const bool known = column && !column->unknown && !table.unknown && knows_schema(ctx.schema, table.name.schema);
    ctx.effect.type_changes.push_back({column_display(table, column_name), known ? column->type : std::string(),
                                       column_type(child(child(def, "ColumnDef"), "typeName")).type});
  }
  if (!column) {
    if (!table.unknown) ctx.is_missing(column_display(table, column_name), false);
    return true;
  }
  if (subtype == "AT_ColumnDefault") {
    if (!cmd.contains("def")) {
      column->default_value.reset();
      return true;
    }
    const std::size_t word = piece ? find_word(ctx.text, piece->begin, "DEFAULT", limit) : std::string_view::npos;
    if (word == std::string_view::npos) return false;
    const Span expression = expression_from(ctx.text, word + 7, limit);
    if (expression.empty()) return false;
    column->default_value = canonical_default(slice(ctx.text, expression), column->type);
    return true;
  }
  if (subtype == "AT_SetNotNull" || subtype == "AT_DropNotNull") {
    column->not_null = subtype == "AT_SetNotNull";
    return true;
  }
  if (subtype == "AT_AlterColumnType") {
    column->type = ctx.effect.type_changes.back().after;  // USING only converts the rows
    return true;
  }
  if (subtype == "AT_AddIdentity") {
    column->identity = Identity{str(child(def, "Constraint"), "generated_when") == "a" ? "always" : "by default"};
    column->not_null = true;
    return true;
  }
  if (subtype == "AT_SetIdentity") {
    for (const Json& option : list(child(def, "List"), "items")) {
      const Json& elem = child(option, "DefElem");
      if (str(elem, "defname") != "generated" || !column->identity) continue;
      const long long when = integer(child(child(elem, "arg"), "Integer"), "ival", 0);
      column->identity->generation = when == 'a' ? "always" : "by default";
    }
    return true;
  }
  if (subtype == "AT_DropIdentity") {
    if (!column->identity && !table.unknown && !column->unknown) {
      ctx.is_missing("identity of " + column_display(table, column_name), missing_ok);
    }
    column->identity.reset();
    return true;
  }
  if (subtype == "AT_DropExpression") {
    column->generated.reset();
    return true;
  }
  return false;
}

}  // namespace

void alter_table(Context& ctx, const Json& node) {
  const std::string object = str(node, "objtype");
  if (!object.empty() && object != "OBJECT_TABLE") return;  // ALTER INDEX/VIEW/SEQUENCE ... SET and the like
  const Json& relation = child(node, "relation");
  if (is_temporary(relation)) return;
  const QualifiedName name = range_var_name(relation);
  Table* table = ctx.schema.table(name);
  if (!table) {
    if (knows_schema(ctx.schema, name.schema)) ctx.is_missing("table " + display(name), flag(node, "missing_ok"));
    return;
  }
  ctx.touch(Touched::Kind::Table, name);
  const Json& cmds = list(node, "cmds");
  // The subcommands' text: after the table's name (and a '*'), split on top-level commas.
  std::size_t begin = skip_name(ctx.text, static_cast<std::size_t>(std::max(0LL, integer(relation, "location", 0))));
  if (slice(ctx.text, next_token(ctx.text, begin)) == "*") begin = next_token(ctx.text, begin).end;
  const std::vector<Span> pieces = split_commas(ctx.text, begin, statement_end(ctx.text, begin));
  for (std::size_t i = 0; i < cmds.size(); ++i) {
    std::optional<Span> piece;
    if (pieces.size() == cmds.size()) piece = pieces[i];
    if (!apply(ctx, *table, child(cmds[i], "AlterTableCmd"), piece)) {
      table->unknown = true;
      ctx.effect.understood = false;
    }
  }
}

}  // namespace miglint::schema::pg_replay
