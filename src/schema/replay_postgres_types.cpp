// A column's type from the parser's TypeName, spelled as PostgreSQL's format_type() spells it: the
// parser has already turned the SQL's keywords (INT, VARCHAR, TIMESTAMPTZ...) into catalog names.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

#include "schema/normalize.h"
#include "schema/pg_identifier.h"
#include "schema/type_name.h"
#include "schema/replay_postgres_internal.h"

namespace miglint::schema::pg_replay {

namespace {

// A typmod as written: a number, or a word (PostGIS's geometry(point, 4326)).
std::string typmod_text(const Json& typmod) {
  if (const Json& c = child(typmod, "A_Const"); c.is_object()) {
    if (const Json& i = child(c, "ival"); i.is_object()) return std::to_string(integer(i, "ival", 0));  // absent: 0
    if (const Json& f = child(c, "fval"); f.is_object()) return str(f, "fval");
    if (const Json& s = child(c, "sval"); s.is_object()) return str(s, "sval");
  }
  if (const Json& ref = child(typmod, "ColumnRef"); ref.is_object()) {
    const auto parts = strings(child(ref, "fields"));
    if (!parts.empty()) return parts.back();
  }
  return "?";
}

std::vector<std::string> typmods(const Json& type_name) {
  std::vector<std::string> out;
  for (const Json& t : list(type_name, "typmods")) out.push_back(typmod_text(t));
  return out;
}

bool is_lower_word(const std::string& name) {
  return !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
         std::all_of(name.begin(), name.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::string parenthesized(const std::vector<std::string>& mods) {
  if (mods.empty()) return "";
  std::string out = "(";
  for (std::size_t i = 0; i < mods.size(); ++i) out += (i ? "," : "") + mods[i];
  return out + ")";
}

// interval's first typmod is a mask of its fields (PostgreSQL's INTERVAL_MASK bits).
std::string interval_fields(long long mask) {
  constexpr long long kMonth = 1 << 1, kYear = 1 << 2, kDay = 1 << 3, kHour = 1 << 10, kMinute = 1 << 11,
                      kSecond = 1 << 12;
  struct Fields {
    long long mask;
    const char* text;
  };
  static constexpr std::array<Fields, 13> kFields{{{kYear, " year"},
                                                   {kMonth, " month"},
                                                   {kDay, " day"},
                                                   {kHour, " hour"},
                                                   {kMinute, " minute"},
                                                   {kSecond, " second"},
                                                   {kYear | kMonth, " year to month"},
                                                   {kDay | kHour, " day to hour"},
                                                   {kDay | kHour | kMinute, " day to minute"},
                                                   {kDay | kHour | kMinute | kSecond, " day to second"},
                                                   {kHour | kMinute, " hour to minute"},
                                                   {kHour | kMinute | kSecond, " hour to second"},
                                                   {kMinute | kSecond, " minute to second"}}};
  for (const Fields& f : kFields) {
    if (f.mask == mask) return f.text;
  }
  return "";  // the full range
}

// format_type()'s spelling of a built-in type, or "" when `name` is not one it spells specially.
std::string builtin(const std::string& name, const std::vector<std::string>& mods) {
  struct Plain {
    const char* catalog;
    const char* shown;
  };
  static constexpr std::array<Plain, 8> kPlain{{{"int2", "smallint"},
                                                {"int4", "integer"},
                                                {"int8", "bigint"},
                                                {"float4", "real"},
                                                {"float8", "double precision"},
                                                {"bool", "boolean"},
                                                {"varchar", "character varying"},
                                                {"bpchar", "character"}}};
  for (const Plain& p : kPlain) {
    if (name == p.catalog) return p.shown + parenthesized(mods);
  }
  if (name == "varbit") return "bit varying" + parenthesized(mods);
  if (name == "timestamp" || name == "timestamptz" || name == "time" || name == "timetz") {
    const bool zone = name.back() == 'z';
    const std::string base = name.starts_with("timestamp") ? "timestamp" : "time";
    return base + parenthesized(mods) + (zone ? " with time zone" : " without time zone");
  }
  if (name == "interval") {
    std::string out = "interval";
    if (!mods.empty()) {
      long long mask = 0x7FFF;
      try {
        mask = std::stoll(mods[0]);
      } catch (...) {
      }
      out += interval_fields(mask);
      if (mods.size() > 1) out += "(" + mods[1] + ")";
    }
    return out;
  }
  return "";
}

}  // namespace

ColumnType column_type(const Json& type_name) {
  const std::vector<std::string> names = strings(list(type_name, "names"));
  const std::vector<std::string> mods = typmods(type_name);
  const bool array = !list(type_name, "arrayBounds").empty();
  ColumnType out;
  std::string schema, name;
  if (names.size() >= 2) {
    schema = names[names.size() - 2];
    name = names.back();
  } else if (names.size() == 1) {
    name = names[0];
  }
  if (schema.empty()) {
    if (name == "serial" || name == "serial4") out = {"integer", true};
    if (name == "bigserial" || name == "serial8") out = {"bigint", true};
    if (name == "smallserial" || name == "serial2") out = {"smallint", true};
  }
  if (!out.serial && (schema.empty() || schema == "pg_catalog")) out.type = builtin(name, mods);
  if (out.type.empty()) {
    // Anything else is shown by its name (qualified outside public), with its typmods.
    // The parser has dropped the quotes: a lower-case name is written as is (pg_catalog's
    // "numeric", an extension's "vector"), any other gets them back (an enum "buildType").
    const bool plain = schema == "pg_catalog" || (schema.empty() && is_lower_word(name));
    const std::string written = plain ? name
                                      : quote_identifier(schema.empty() ? "public" : schema) + "." + quote_identifier(name);
    out.type = canonical_type(written + parenthesized(mods));
  }
  if (array) out.type += "[]";  // format_type shows one [] whatever the dimensions
  return out;
}

}  // namespace miglint::schema::pg_replay

namespace miglint::schema {

std::string postgres_type_name(const nlohmann::json& type_name) { return pg_replay::column_type(type_name).type; }

}  // namespace miglint::schema

namespace miglint::schema::pg_replay {

std::string user_type_name(const QualifiedName& name) {
  return canonical_type(quote_identifier(name.schema) + "." + quote_identifier(name.name));
}

std::string nextval_default(const QualifiedName& sequence) {
  std::string name = quote_identifier(sequence.name);
  if (sequence.schema != "public") name = quote_identifier(sequence.schema) + "." + name;
  std::string literal;
  for (char c : name) literal += c == '\'' ? std::string("''") : std::string(1, c);
  return "nextval('" + literal + "')";
}

namespace {

std::size_t clip_utf8(const std::string& s, std::size_t length) {
  while (length > 0 && length < s.size() && (static_cast<unsigned char>(s[length]) & 0xC0) == 0x80) --length;
  return length;
}

}  // namespace

std::string make_object_name(const std::string& name1, const std::string& name2, const std::string& label) {
  std::size_t overhead = label.empty() ? 0 : label.size() + 1;
  if (!name2.empty()) ++overhead;
  const std::size_t available = kMaxIdentifierBytes > overhead ? kMaxIdentifierBytes - overhead : 0;
  std::size_t n1 = name1.size(), n2 = name2.size();
  while (n1 + n2 > available) {
    if (n1 > n2) {
      --n1;
    } else {
      --n2;
    }
  }
  std::string out = name1.substr(0, clip_utf8(name1, n1));
  if (!name2.empty()) out += "_" + name2.substr(0, clip_utf8(name2, n2));
  if (!label.empty()) out += "_" + label;
  return out;
}


}  // namespace miglint::schema::pg_replay
