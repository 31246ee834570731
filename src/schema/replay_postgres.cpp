// replay_postgres(): each statement of a migration applied to the schema before it. Statements
// that change nothing the model holds (DML, grants, functions, triggers...) are passed over
// without reading their trees; DDL it does not understand marks what it touches unknown.
#include <pg_query.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "schema/replay.h"
#include "schema/replay_postgres_internal.h"
#include "sql/pg_json.h"

namespace miglint::schema {

namespace pg_replay {

namespace {

// Statement kinds that change nothing the model holds.
constexpr std::array<std::string_view, 90> kNeutralKinds{
    "AlterCollationStmt", "AlterDatabaseRefreshCollStmt", "AlterDatabaseSetStmt", "AlterDatabaseStmt",
    "AlterDefaultPrivilegesStmt", "AlterDomainStmt", "AlterEventTrigStmt", "AlterExtensionContentsStmt",
    "AlterExtensionStmt", "AlterFdwStmt", "AlterForeignServerStmt", "AlterFunctionStmt",
    "AlterObjectDependsStmt", "AlterOpFamilyStmt", "AlterOperatorStmt", "AlterOwnerStmt",
    "AlterPublicationStmt", "AlterRoleSetStmt", "AlterRoleStmt", "AlterStatsStmt", "AlterSubscriptionStmt",
    "AlterSystemStmt", "AlterTSConfigurationStmt", "AlterTSDictionaryStmt", "AlterTableSpaceOptionsStmt",
    "AlterTypeStmt", "AlterUserMappingStmt", "CallStmt", "CheckPointStmt", "ClosePortalStmt", "ClusterStmt",
    "CommentStmt", "CompositeTypeStmt", "ConstraintsSetStmt", "CopyStmt", "CreateAmStmt", "CreateCastStmt",
    "CreateConversionStmt", "CreateDomainStmt", "CreateEventTrigStmt", "CreateExtensionStmt", "CreateFdwStmt",
    "CreateForeignServerStmt", "CreateForeignTableStmt", "CreateFunctionStmt", "CreateOpClassStmt",
    "CreateOpFamilyStmt", "CreatePLangStmt", "CreatePublicationStmt", "CreateRangeStmt", "CreateRoleStmt",
    "CreateStatsStmt", "CreateSubscriptionStmt", "CreateTableSpaceStmt", "CreateTransformStmt",
    "CreateTrigStmt", "CreateUserMappingStmt", "DeallocateStmt", "DeclareCursorStmt", "DefineStmt",
    "DeleteStmt", "DiscardStmt", "DropRoleStmt", "DropSubscriptionStmt", "DropTableSpaceStmt",
    "DropUserMappingStmt", "ExecuteStmt", "ExplainStmt", "FetchStmt", "GrantRoleStmt", "GrantStmt",
    "InsertStmt", "ListenStmt", "LoadStmt", "LockStmt", "MergeStmt", "NotifyStmt", "PrepareStmt",
    "ReassignOwnedStmt", "RefreshMatViewStmt", "ReindexStmt", "RuleStmt", "SecLabelStmt", "TransactionStmt",
    "TruncateStmt", "UnlistenStmt", "UpdateStmt", "VacuumStmt", "VariableSetStmt", "VariableShowStmt"};

bool is_neutral(std::string_view kind) {
  return std::binary_search(kNeutralKinds.begin(), kNeutralKinds.end(), kind);
}

void replay_do(Context& ctx, const Json& node);

// Applies one statement; false when not understood.
bool dispatch(Context& ctx, const std::string& kind, const Json& node) {
  using Handler = void (*)(Context&, const Json&);
  static constexpr std::array<std::pair<std::string_view, Handler>, 12> kHandlers{{
      {"CreateStmt", create_table},          {"AlterTableStmt", alter_table},    {"IndexStmt", create_index},
      {"CreateEnumStmt", create_enum},       {"AlterEnumStmt", alter_enum},      {"CreateSeqStmt", create_sequence},
      {"AlterSeqStmt", alter_sequence},      {"CreateSchemaStmt", create_schema}, {"ViewStmt", create_view},
      {"CreatePolicyStmt", create_policy},   {"AlterPolicyStmt", alter_policy},  {"DoStmt", replay_do}}};
  for (const auto& [name, handler] : kHandlers) {
    if (kind == name) {
      handler(ctx, node);
      return true;
    }
  }
  if (kind == "SelectStmt") {  // SELECT ... INTO makes a table
    if (child(node, "intoClause").is_object()) create_table_as(ctx, child(node, "intoClause"));
    return true;
  }
  if (kind == "CreateTableAsStmt") {
    if (str(node, "objtype") == "OBJECT_MATVIEW") {
      create_materialized_view(ctx, node);
    } else {
      create_table_as(ctx, child(node, "into"));
    }
    return true;
  }
  if (kind == "DropStmt") {
    const std::string type = str(node, "removeType");
    if (type == "OBJECT_TABLE") {
      drop_tables(ctx, node);
    } else if (type == "OBJECT_INDEX") {
      drop_indexes(ctx, node);
    } else {
      return drop_objects(ctx, node);
    }
    return true;
  }
  if (kind == "RenameStmt") return rename_table_or_column(ctx, node) || rename_object(ctx, node);
  if (kind == "AlterObjectSchemaStmt") {
    if (!child(node, "relation").is_object()) return move_object(ctx, node);
    move_table(ctx, node);
    return true;
  }
  return is_neutral(kind);
}

// What a statement it does not understand touches becomes unknown: its table, or everything.
void mark_unknown(Context& ctx, const Json& node) {
  ctx.effect.understood = false;
  if (const Json& relation = child(node, "relation"); relation.is_object()) {
    if (Table* table = ctx.schema.table(range_var_name(relation))) {
      table->unknown = true;
      return;
    }
  }
  ctx.schema.everything_unknown = true;
}

void replay_node(Context& ctx, const std::string& kind, const Json& node) {
  if (is_neutral(kind)) return;
  if (!dispatch(ctx, kind, node)) mark_unknown(ctx, node);
}

// ---- statements that may or may not run (inside IF, loops, exception handlers of a DO block) ----

// An object the statement made or dropped may or may not exist now: compare() then leaves its
// presence alone too.
template <class Map>
void settle(Map& after, const Map& before, const QualifiedName& name) {
  if (auto it = after.find(name); it != after.end()) {
    it->second.unknown = true;
    if (!before.contains(name)) it->second.may_be_absent = true;
  } else if (auto was = before.find(name); was != before.end()) {
    auto& restored = after[name] = was->second;
    restored.unknown = true;
    restored.may_be_absent = true;
  }
}

// Each object the statement touched ends up as it may be: present when it may exist, unknown.
void settle(Schema& after, const Schema& before, const Touched& t) {
  switch (t.kind) {
    case Touched::Kind::Table:
      settle(after.tables, before.tables, t.name);
      // Columns it may have dropped may still be there.
      if (Table* now = after.table(t.name); now && before.table(t.name)) {
        for (const Column& c : before.table(t.name)->columns) {
          if (!now->column(c.name)) now->columns.push_back(c);
        }
      }
      break;
    case Touched::Kind::Enum: settle(after.enums, before.enums, t.name); break;
    case Touched::Kind::Sequence: settle(after.sequences, before.sequences, t.name); break;
    case Touched::Kind::View: settle(after.views, before.views, t.name); break;
    case Touched::Kind::Schema:
      if (before.schemas.count(t.name.schema)) after.schemas.insert(t.name.schema);
      after.unknown_schemas.insert(t.name.schema);
      break;
  }
}

template <class F>
void run_uncertain(Context& ctx, F run) {
  if (ctx.touched) {  // an outer uncertain statement settles everything at its end
    run();
    return;
  }
  const Schema before = ctx.schema;
  std::vector<Touched> touched;
  ctx.touched = &touched;
  const bool tolerant = ctx.tolerant;
  ctx.tolerant = true;  // whatever it finds, it may not have run
  run();
  ctx.tolerant = tolerant;
  ctx.touched = nullptr;
  for (const Touched& t : touched) settle(ctx.schema, before, t);
}

// ---- DO blocks, read with PL/pgSQL's own parser ----

// One SQL statement of a PL/pgSQL body (its own text: its tree's locations count from there).
void replay_embedded_sql(Context& ctx, const std::string& query, bool uncertain) {
  PgQueryParseResult result = pg_query_parse(query.c_str());
  const auto slices = result.error ? std::nullopt : statement_slices(result.parse_tree);
  if (!slices) {
    pg_query_free_parse_result(result);
    ctx.effect.understood = false;
    ctx.schema.everything_unknown = true;
    return;
  }
  for (const StatementSlice& slice : *slices) {
    const std::string kind(slice.kind);
    if (is_neutral(kind)) continue;
    const Json node = Json::parse(slice.tree, nullptr, false);
    const std::size_t end = slice.length > 0 ? static_cast<std::size_t>(slice.location + slice.length) : query.size();
    Context inner{ctx.schema, ctx.effect, std::string_view(query).substr(0, end), ctx.tolerant, ctx.touched};
    if (uncertain) {
      run_uncertain(inner, [&] { replay_node(inner, kind, node); });
    } else {
      replay_node(inner, kind, node);
    }
  }
  pg_query_free_parse_result(result);
}

void walk(Context& ctx, const Json& statement, bool uncertain);

void walk_all(Context& ctx, const Json& statements, bool uncertain) {
  for (const Json& s : statements.is_array() ? statements : Json::array()) walk(ctx, s, uncertain);
}

void walk(Context& ctx, const Json& statement, bool uncertain) {
  if (!statement.is_object()) return;
  for (const auto& [kind, body] : statement.items()) {
    if (kind == "PLpgSQL_stmt_block") {
      // With a handler, an error in the body is swallowed: what fails does nothing.
      const Json& handlers = child(child(body, "exceptions"), "PLpgSQL_exception_block");
      const bool tolerant = ctx.tolerant;
      ctx.tolerant = tolerant || handlers.is_object();
      walk_all(ctx, child(body, "body"), uncertain);
      ctx.tolerant = tolerant;
      for (const Json& handler : list(handlers, "exc_list")) {
        walk_all(ctx, child(child(handler, "PLpgSQL_exception"), "action"), true);
      }
    } else if (kind == "PLpgSQL_stmt_execsql") {
      replay_embedded_sql(ctx, str(child(child(body, "sqlstmt"), "PLpgSQL_expr"), "query"), uncertain);
    } else if (kind == "PLpgSQL_stmt_if") {
      walk_all(ctx, child(body, "then_body"), true);
      for (const Json& branch : list(body, "elsif_list")) walk_all(ctx, child(child(branch, "PLpgSQL_if_elsif"), "stmts"), true);
      walk_all(ctx, child(body, "else_body"), true);
    } else if (kind == "PLpgSQL_stmt_case") {
      for (const Json& branch : list(body, "case_when_list")) {
        walk_all(ctx, child(child(branch, "PLpgSQL_case_when"), "stmts"), true);
      }
      walk_all(ctx, child(body, "else_stmts"), true);
    } else if (kind == "PLpgSQL_stmt_loop" || kind == "PLpgSQL_stmt_while" || kind == "PLpgSQL_stmt_fori" ||
               kind == "PLpgSQL_stmt_fors" || kind == "PLpgSQL_stmt_forc" || kind == "PLpgSQL_stmt_foreach_a") {
      walk_all(ctx, child(body, "body"), true);
    } else if (kind == "PLpgSQL_stmt_dynexecute" || kind == "PLpgSQL_stmt_dynfors") {
      ctx.effect.understood = false;  // SQL built at run time
      ctx.schema.everything_unknown = true;
    }
    // Assignments, RAISE, RETURN, PERFORM...: nothing the model holds.
  }
}

void replay_do(Context& ctx, const Json& node) {
  std::string body, language = "plpgsql";
  for (const Json& arg : list(node, "args")) {
    const Json& elem = child(arg, "DefElem");
    const std::string value = str(child(child(elem, "arg"), "String"), "sval");
    if (str(elem, "defname") == "as") body = value;
    if (str(elem, "defname") == "language") language = value;
  }
  std::string tag = "miglint";
  while (body.find("$" + tag + "$") != std::string::npos) tag += "_";
  const std::string function =
      "CREATE FUNCTION miglint_do() RETURNS void LANGUAGE plpgsql AS $" + tag + "$" + body + "$" + tag + "$";
  PgQueryPlpgsqlParseResult result = pg_query_parse_plpgsql(function.c_str());
  Json functions = result.error || !result.plpgsql_funcs ? Json() : Json::parse(result.plpgsql_funcs, nullptr, false);
  pg_query_free_plpgsql_parse_result(result);
  if (language != "plpgsql" || !functions.is_array() || functions.empty()) {
    ctx.effect.understood = false;
    ctx.schema.everything_unknown = true;
    return;
  }
  walk(ctx, child(child(functions[0], "PLpgSQL_function"), "action"), false);
}

// ---- statements as the analysis parsed them ----

// A DO body the analysis already read as plain SQL between BEGIN and END (older drizzle-kit's
// wrapper around foreign keys and enums): replayed from those statements, without parsing it
// again. Not when a statement means something else in PL/pgSQL: EXECUTE runs a string, SELECT
// ... INTO assigns a variable.
bool plain_sql_block(const SqlStatement& s) {
  return !s.nested.empty() && std::none_of(s.nested.begin(), s.nested.end(), [](const SqlStatement& inner) {
    return inner.kind == "ExecuteStmt" || inner.kind == "DoStmt" ||
           (inner.kind == "SelectStmt" && !member_value(inner.tree, "intoClause").empty());
  });
}

bool has_exception_handler(const Json& do_node) {
  for (const Json& arg : list(do_node, "args")) {
    const Json& elem = child(arg, "DefElem");
    if (str(elem, "defname") != "as") continue;
    const std::string body = str(child(child(elem, "arg"), "String"), "sval");
    for (Span t = next_token(body, 0); !t.empty(); t = next_token(body, t.end)) {
      const std::string_view word = slice(body, t);
      if (word.size() == 9 && std::equal(word.begin(), word.end(), "EXCEPTION", [](char a, char b) {
            return std::toupper(static_cast<unsigned char>(a)) == b;
          })) {
        return true;
      }
    }
  }
  return false;
}

void replay_statement(Schema& schema, StatementEffect& effect, std::string_view file, const SqlStatement& s,
                      bool tolerant) {
  if (is_neutral(s.kind) || (s.kind == "SelectStmt" && member_value(s.tree, "intoClause").empty())) return;
  if (s.kind == "DoStmt" && plain_sql_block(s)) {
    const bool handled = has_exception_handler(s.parsed());
    for (const SqlStatement& inner : s.nested) replay_statement(schema, effect, file, inner, tolerant || handled);
    return;
  }
  Context ctx{schema, effect, file.substr(s.tree_base, s.end - s.tree_base), tolerant};
  const nlohmann::json tree = s.parsed_once();
  if (tree.empty()) {  // a tree too large to read (SqlStatement::parsed)
    mark_unknown(ctx, tree);
    return;
  }
  replay_node(ctx, s.kind, tree);
}

}  // namespace

}  // namespace pg_replay

ReplayResult replay_postgres(Schema before, const SqlFile& sql) {
  ReplayResult result{std::move(before), {}};
  if (sql.unreadable) {
    result.after.everything_unknown = true;
    return result;
  }
  const std::string_view file = sql.file.bytes();
  for (const SqlChunk& chunk : sql.sql().chunks) {
    if (chunk.syntax_error) {
      result.after.everything_unknown = true;
      StatementEffect effect;
      effect.statement_begin = chunk.syntax_error->offset;
      effect.understood = false;
      effect.fails = !chunk.syntax_error->unparsed;
      result.effects.push_back(std::move(effect));
      continue;
    }
    for (const SqlStatement& s : chunk.statements) {
      StatementEffect effect;
      effect.statement_begin = s.begin;
      pg_replay::replay_statement(result.after, effect, file, s, false);
      result.effects.push_back(std::move(effect));
    }
  }
  return result;
}

}  // namespace miglint::schema
