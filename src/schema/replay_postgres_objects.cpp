// Enums, sequences, schemas, views and row level security policies.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <limits>

#include "schema/replay_postgres_internal.h"

namespace miglint::schema::pg_replay {

namespace {

std::string type_display(const QualifiedName& name) { return "type " + display(name); }

// Columns of a type that was renamed or moved follow it (PostgreSQL keeps them by oid).
void retype_columns(Schema& schema, const QualifiedName& from, const QualifiedName& to) {
  const std::string old_type = user_type_name(from), new_type = user_type_name(to);
  for (auto& [qn, t] : schema.tables) {
    for (Column& c : t.columns) {
      if (c.type == old_type) c.type = new_type;
      if (c.type == old_type + "[]") c.type = new_type + "[]";
    }
  }
}

// Tables with a column of a type dropped with CASCADE lose those columns, and what used them.
void forget_columns_of_type(Schema& schema, const QualifiedName& type) {
  const std::string spelled = user_type_name(type);
  for (auto& [qn, t] : schema.tables) {
    for (const Column& c : t.columns) {
      if (c.type == spelled || c.type == spelled + "[]") t.unknown = true;
    }
  }
}

// ---- sequences ----

// An integer option as written after its keywords ("INCREMENT BY -1"): libpg_query's JSON loses
// the value of negative integers.
std::optional<std::string> written_integer(std::string_view text, const Json& elem) {
  const long long at = integer(elem, "location", -1);
  if (at < 0) return std::nullopt;
  std::string sign;
  for (Span t = next_token(text, static_cast<std::size_t>(at)); !t.empty(); t = next_token(text, t.end)) {
    const std::string_view token = slice(text, t);
    if (token == "-" || token == "+") {
      sign = token == "-" ? "-" : "";
    } else if (std::isdigit(static_cast<unsigned char>(token.front()))) {
      return sign + std::string(token);
    } else if (!std::isalpha(static_cast<unsigned char>(token.front())) || !sign.empty()) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

// A DefElem's argument as text: a number, a word or a flag; "" when absent (NO MINVALUE).
std::string option_value(std::string_view text, const Json& elem) {
  const Json& arg = child(elem, "arg");
  if (const Json& i = child(arg, "Integer"); i.is_object()) {
    return written_integer(text, elem).value_or(std::to_string(integer(i, "ival", 0)));
  }
  if (const Json& f = child(arg, "Float"); f.is_object()) return str(f, "fval");
  if (const Json& b = child(arg, "Boolean"); b.is_object()) return flag(b, "boolval") ? "true" : "false";
  return "";
}

std::optional<std::int64_t> number(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// What the options of CREATE / ALTER SEQUENCE leave the sequence with, PostgreSQL's defaults filled
// in for those the SQL does not give. `given` holds what earlier statements set explicitly.
void apply_sequence_options(std::string_view text, Sequence& sequence, const Json& options,
                            std::map<std::string, std::string> given) {
  std::string type = "bigint";  // for the bounds of options not given
  for (const Json& option : options) {
    const Json& elem = child(option, "DefElem");
    const std::string name = str(elem, "defname");
    static const std::map<std::string, std::string> kKeys = {{"increment", "increment"}, {"minvalue", "min"},
                                                             {"maxvalue", "max"},        {"start", "start"},
                                                             {"cache", "cache"},         {"cycle", "cycle"}};
    if (name == "as") type = column_type(child(child(elem, "arg"), "TypeName")).type;
    const auto key = kKeys.find(name);
    if (key == kKeys.end()) continue;  // owned_by, restart, sequence_name
    std::string value = option_value(text, elem);
    if (value.empty()) {
      given.erase(key->second);
    } else {
      given[key->second] = value;
    }
  }
  std::int64_t low = std::numeric_limits<std::int64_t>::min(), high = std::numeric_limits<std::int64_t>::max();
  if (type == "integer") low = std::numeric_limits<std::int32_t>::min(), high = std::numeric_limits<std::int32_t>::max();
  if (type == "smallint") low = std::numeric_limits<std::int16_t>::min(), high = std::numeric_limits<std::int16_t>::max();
  const bool ascending = number(given.count("increment") ? given["increment"] : "1").value_or(1) > 0;
  std::map<std::string, std::string>& out = sequence.options;
  out = given;
  if (!out.count("increment")) out["increment"] = "1";
  if (!out.count("min")) out["min"] = std::to_string(ascending ? 1 : low);
  if (!out.count("max")) out["max"] = std::to_string(ascending ? high : -1);
  if (!out.count("start")) out["start"] = ascending ? out["min"] : out["max"];
  if (!out.count("cache")) out["cache"] = "1";
  if (!out.count("cycle")) out["cycle"] = "false";
}

}  // namespace

void create_enum(Context& ctx, const Json& node) {
  const QualifiedName name = name_from_parts(strings(list(node, "typeName")));
  ctx.touch(Touched::Kind::Enum, name);
  if (ctx.schema.enums.count(name)) {
    ctx.exists_already(type_display(name), false);
    return;
  }
  ctx.schema.enums[name] = Enum{name, strings(list(node, "vals")), false};
  ctx.created(type_display(name));
}

void alter_enum(Context& ctx, const Json& node) {
  const QualifiedName name = name_from_parts(strings(list(node, "typeName")));
  const auto it = ctx.schema.enums.find(name);
  if (it == ctx.schema.enums.end()) {
    if (knows_schema(ctx.schema, name.schema)) ctx.is_missing(type_display(name), false);
    return;
  }
  ctx.touch(Touched::Kind::Enum, name);
  Enum& e = it->second;
  auto value_display = [&](const std::string& v) { return "value '" + v + "' of " + type_display(name); };
  auto position = [&](const std::string& v) { return std::find(e.values.begin(), e.values.end(), v); };
  const std::string new_value = str(node, "newVal");
  if (const std::string old_value = str(node, "oldVal"); !old_value.empty()) {  // RENAME VALUE
    if (position(new_value) != e.values.end()) {
      ctx.exists_already(value_display(new_value), false);
    } else if (const auto old = position(old_value); old != e.values.end()) {
      *old = new_value;
    } else if (!e.unknown) {
      ctx.is_missing(value_display(old_value), false);
    }
    return;
  }
  if (position(new_value) != e.values.end()) {
    ctx.exists_already(value_display(new_value), flag(node, "skipIfNewValExists"));
    return;
  }
  auto at = e.values.end();
  if (const std::string neighbor = str(node, "newValNeighbor"); !neighbor.empty()) {
    at = position(neighbor);
    if (at == e.values.end()) {
      if (!e.unknown) ctx.is_missing(value_display(neighbor), false);
      e.unknown = true;
      return;
    }
    if (flag(node, "newValIsAfter")) ++at;
  }
  e.values.insert(at, new_value);
  ctx.created(value_display(new_value));
}

void create_sequence(Context& ctx, const Json& node) {
  const Json& relation = child(node, "sequence");
  if (is_temporary(relation)) return;
  const QualifiedName name = range_var_name(relation);
  ctx.touch(Touched::Kind::Sequence, name);
  if (relation_exists(ctx.schema, name)) {
    ctx.exists_already("sequence " + display(name), flag(node, "if_not_exists"));
    return;
  }
  Sequence& sequence = ctx.schema.sequences[name];
  sequence.name = name;
  apply_sequence_options(ctx.text, sequence, list(node, "options"), {});
  ctx.created("sequence " + display(name));
}

void alter_sequence(Context& ctx, const Json& node) {
  const QualifiedName name = range_var_name(child(node, "sequence"));
  const auto it = ctx.schema.sequences.find(name);
  if (it == ctx.schema.sequences.end()) return;  // maybe a serial's or an identity's, which the model omits
  ctx.touch(Touched::Kind::Sequence, name);
  apply_sequence_options(ctx.text, it->second, list(node, "options"), it->second.options);
}

void create_schema(Context& ctx, const Json& node) {
  const std::string name = str(node, "schemaname");
  ctx.touch(Touched::Kind::Schema, {name, ""});
  if (name == "public" || ctx.schema.schemas.count(name)) {
    ctx.exists_already("schema " + name, flag(node, "if_not_exists"));
    return;
  }
  ctx.schema.schemas.insert(name);
  if (!list(node, "schemaElts").empty()) ctx.schema.unknown_schemas.insert(name);  // CREATE SCHEMA x CREATE TABLE ...
  ctx.created("schema " + name);
}

bool drop_objects(Context& ctx, const Json& node) {
  const std::string type = str(node, "removeType");
  const bool cascade = str(node, "behavior") == "DROP_CASCADE";
  const bool missing_ok = flag(node, "missing_ok");
  for (const Json& object : list(node, "objects")) {
    const std::vector<std::string> parts = strings(child(child(object, "List"), "items"));
    if (type == "OBJECT_TYPE" || type == "OBJECT_DOMAIN") {
      const QualifiedName name = name_from_parts(strings(list(child(object, "TypeName"), "names")));
      if (cascade) forget_columns_of_type(ctx.schema, name);
      if (type == "OBJECT_TYPE" && ctx.schema.enums.erase(name)) ctx.touch(Touched::Kind::Enum, name);
      // Other types (composite, range, domain) are not in the model: nothing to say about them.
    } else if (type == "OBJECT_SEQUENCE") {
      const QualifiedName name = name_from_parts(parts);
      if (ctx.schema.sequences.erase(name)) ctx.touch(Touched::Kind::Sequence, name);
    } else if (type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW") {
      const QualifiedName name = name_from_parts(parts);
      ctx.touch(Touched::Kind::View, name);
      if (!ctx.schema.views.erase(name) && knows_schema(ctx.schema, name.schema)) {
        ctx.is_missing("view " + display(name), missing_ok);
      }
      if (cascade) {
        for (auto& [qn, view] : ctx.schema.views) view.unknown = true;
      }
    } else if (type == "OBJECT_SCHEMA") {
      const std::string name = str(child(object, "String"), "sval");
      ctx.touch(Touched::Kind::Schema, {name, ""});
      if (!ctx.schema.schemas.erase(name)) {
        if (!ctx.schema.everything_unknown && name != "public") ctx.is_missing("schema " + name, missing_ok);
        if (name != "public") continue;
      }
      for (auto it = ctx.schema.tables.begin(); it != ctx.schema.tables.end();) {
        const QualifiedName table = it->first;
        it = table.schema == name ? ctx.schema.tables.erase(it) : std::next(it);
        if (table.schema == name) drop_references_to(ctx, table);
      }
      std::erase_if(ctx.schema.enums, [&](const auto& e) { return e.first.schema == name; });
      std::erase_if(ctx.schema.sequences, [&](const auto& e) { return e.first.schema == name; });
      std::erase_if(ctx.schema.views, [&](const auto& e) { return e.first.schema == name; });
    } else if (type == "OBJECT_POLICY" && !parts.empty()) {
      drop_policy(ctx, parts, missing_ok);
    } else if (cascade) {
      return false;  // a function, extension... with CASCADE takes along what uses it, unknown here
    }
  }
  return true;
}

bool rename_object(Context& ctx, const Json& node) {
  const std::string type = str(node, "renameType");
  const std::string new_name = str(node, "newname");
  if (type == "OBJECT_TYPE") {
    const QualifiedName from = name_from_parts(strings(list(child(child(node, "object"), "List"), "items")));
    const QualifiedName to{from.schema, new_name};
    if (!ctx.schema.enums.count(from)) return true;  // not an enum: not in the model
    ctx.touch(Touched::Kind::Enum, from);
    ctx.touch(Touched::Kind::Enum, to);
    if (ctx.schema.enums.count(to)) {
      ctx.exists_already(type_display(to), false);
      return true;
    }
    auto entry = ctx.schema.enums.extract(from);
    entry.key() = to;
    entry.mapped().name = to;
    ctx.schema.enums.insert(std::move(entry));
    retype_columns(ctx.schema, from, to);
    return true;
  }
  if (type == "OBJECT_POLICY") {
    rename_policy(ctx, node);
    return true;
  }
  return type != "OBJECT_SCHEMA";  // a schema renamed moves everything in it: not followed
}

bool move_object(Context& ctx, const Json& node) {
  if (str(node, "objectType") != "OBJECT_TYPE") return true;  // functions and the like: not in the model
  const QualifiedName from = name_from_parts(strings(list(child(child(node, "object"), "List"), "items")));
  const QualifiedName to{str(node, "newschema"), from.name};
  if (!ctx.schema.enums.count(from)) return true;
  ctx.touch(Touched::Kind::Enum, from);
  ctx.touch(Touched::Kind::Enum, to);
  auto entry = ctx.schema.enums.extract(from);
  entry.key() = to;
  entry.mapped().name = to;
  ctx.schema.enums.insert(std::move(entry));
  retype_columns(ctx.schema, from, to);
  return true;
}

}  // namespace miglint::schema::pg_replay
