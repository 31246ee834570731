// Views (plain and materialized) and row level security policies.
#include <algorithm>
#include <cctype>

#include "schema/normalize.h"
#include "schema/replay_postgres_internal.h"

namespace miglint::schema::pg_replay {

namespace {

// ---- views ----

// The query after AS, without a trailing "WITH [CASCADED|LOCAL] CHECK OPTION" or "WITH [NO] DATA".
std::optional<std::string> query_text(std::string_view text, std::size_t after_name) {
  const std::size_t as = find_word(text, after_name, "AS");
  if (as == std::string_view::npos) return std::nullopt;
  const std::size_t begin = next_token(text, as + 2).begin;
  std::size_t end = statement_end(text, begin);
  for (std::size_t with = find_word(text, begin, "WITH", end); with != std::string_view::npos;
       with = find_word(text, with + 4, "WITH", end)) {
    const std::string_view next = slice(text, next_token(text, with + 4));
    for (std::string_view tail : {"CHECK", "CASCADED", "LOCAL", "DATA", "NO"}) {
      if (next.size() == tail.size() && std::equal(next.begin(), next.end(), tail.begin(), [](char a, char b) {
            return std::toupper(static_cast<unsigned char>(a)) == b;
          })) {
        end = with;
      }
    }
  }
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return std::string(text.substr(begin, end - begin));
}

void add_view(Context& ctx, const QualifiedName& name, bool materialized, bool replace, bool if_not_exists,
              std::optional<std::string> query) {
  ctx.touch(Touched::Kind::View, name);
  const char* kind = materialized ? "materialized view " : "view ";
  if (relation_exists(ctx.schema, name) && !(replace && ctx.schema.views.count(name))) {
    ctx.exists_already(kind + display(name), if_not_exists);
    return;
  }
  View& view = ctx.schema.views[name];
  view = View{name, materialized, std::nullopt, !query};
  if (query) view.definition = canonical_view_definition(*query);
  ctx.created(kind + display(name));
}

// ---- policies ----

std::vector<std::string> role_names(const Json& roles) {
  std::vector<std::string> out;
  for (const Json& role : roles) {
    const Json& spec = child(role, "RoleSpec");
    const std::string type = str(spec, "roletype");
    if (type == "ROLESPEC_CSTRING") out.push_back(str(spec, "rolename"));
    if (type == "ROLESPEC_PUBLIC") out.push_back("public");
    if (type == "ROLESPEC_CURRENT_USER") out.push_back("current_user");
    if (type == "ROLESPEC_SESSION_USER") out.push_back("session_user");
    if (type == "ROLESPEC_CURRENT_ROLE") out.push_back("current_role");
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string policy_display(const std::string& policy, const QualifiedName& table) {
  return "policy " + policy + " on " + display(table);
}

// USING (...) and WITH CHECK (...) of CREATE / ALTER POLICY; false when the text is not found.
bool read_policy_expressions(const Context& ctx, const Json& node, Policy& policy) {
  const std::size_t from = skip_name(ctx.text, static_cast<std::size_t>(std::max(0LL, integer(child(node, "table"), "location", 0))));
  auto expression = [&](const char* member, std::string_view keyword, std::optional<std::string>& out) {
    if (!child(node, member).is_object()) return true;
    const std::size_t at = find_word(ctx.text, from, keyword);
    const auto group = at == std::string_view::npos ? std::nullopt : group_after(ctx.text, at);
    if (!group) return false;
    out = canonical_expression(slice(ctx.text, *group), str(child(node, "table"), "relname"));
    return true;
  };
  return expression("qual", "USING", policy.using_expression) && expression("with_check", "CHECK", policy.with_check);
}

// The table a policy statement names, or null (then reported missing when the model would know).
Table* policy_table(Context& ctx, const QualifiedName& name) {
  Table* table = ctx.schema.table(name);
  if (!table && knows_schema(ctx.schema, name.schema)) ctx.is_missing("table " + display(name), false);
  if (table) ctx.touch(Touched::Kind::Table, name);
  return table;
}

}  // namespace

void create_view(Context& ctx, const Json& node) {
  const Json& relation = child(node, "view");
  if (is_temporary(relation)) return;
  const std::size_t after_name = skip_name(ctx.text, static_cast<std::size_t>(std::max(0LL, integer(relation, "location", 0))));
  add_view(ctx, range_var_name(relation), false, flag(node, "replace"), false, query_text(ctx.text, after_name));
}

void create_materialized_view(Context& ctx, const Json& node) {
  const Json& relation = child(child(node, "into"), "rel");
  const std::size_t after_name = skip_name(ctx.text, static_cast<std::size_t>(std::max(0LL, integer(relation, "location", 0))));
  add_view(ctx, range_var_name(relation), true, false, flag(node, "if_not_exists"), query_text(ctx.text, after_name));
}

void create_policy(Context& ctx, const Json& node) {
  const QualifiedName table_name = range_var_name(child(node, "table"));
  Table* table = policy_table(ctx, table_name);
  if (!table) return;
  Policy policy;
  policy.name = str(node, "policy_name");
  if (table->policies.count(policy.name)) {
    ctx.exists_already(policy_display(policy.name, table_name), false);
    return;
  }
  policy.as = flag(node, "permissive") ? "permissive" : "restrictive";
  if (std::string command = str(node, "cmd_name"); !command.empty()) policy.command = command;
  policy.roles = role_names(list(node, "roles"));
  if (policy.roles.empty()) policy.roles = {"public"};
  if (!read_policy_expressions(ctx, node, policy)) table->unknown = true;
  table->policies[policy.name] = policy;
  ctx.created(policy_display(policy.name, table_name));
}

void alter_policy(Context& ctx, const Json& node) {
  const QualifiedName table_name = range_var_name(child(node, "table"));
  Table* table = policy_table(ctx, table_name);
  if (!table) return;
  const std::string name = str(node, "policy_name");
  const auto it = table->policies.find(name);
  if (it == table->policies.end()) {
    if (!table->unknown) ctx.is_missing(policy_display(name, table_name), false);
    return;
  }
  if (const Json& roles = list(node, "roles"); !roles.empty()) it->second.roles = role_names(roles);
  if (!read_policy_expressions(ctx, node, it->second)) table->unknown = true;
}

void rename_policy(Context& ctx, const Json& node) {
  const QualifiedName table_name = range_var_name(child(node, "relation"));
  Table* table = policy_table(ctx, table_name);
  if (!table) return;
  const std::string from = str(node, "subname"), to = str(node, "newname");
  auto entry = table->policies.extract(from);
  if (!entry) {
    if (!table->unknown) ctx.is_missing(policy_display(from, table_name), flag(node, "missing_ok"));
    return;
  }
  entry.key() = to;
  entry.mapped().name = to;
  table->policies.insert(std::move(entry));
}

void drop_policy(Context& ctx, const std::vector<std::string>& parts, bool missing_ok) {
  const QualifiedName table_name = name_from_parts({parts.begin(), parts.end() - 1});
  Table* table = ctx.schema.table(table_name);
  if (table) ctx.touch(Touched::Kind::Table, table_name);
  if (table && !table->policies.erase(parts.back()) && !table->unknown) {
    ctx.is_missing(policy_display(parts.back(), table_name), missing_ok);
  }
}

}  // namespace miglint::schema::pg_replay
