// .miglint.toml: toml++ and the settings reader (keys, values, rule names, per-path ignores), and
// the ASCII rewrite toml++ is given, which must mean what the file means.
#include <optional>

#define TOML_ASSERT(expr) static_assert(true)  // as in src/load/config_file.cpp
#include <toml++/toml.h>

#include "core/utf8.h"
#include "engine/engine.h"
#include "load/config_file.h"
#include "load/toml_ascii.h"
#include "registry.h"
#include "support.h"

using namespace miglint;

namespace {

// Whether toml++ can read the text itself: its whitespace lookup is undefined for most characters
// of three ranges, and it takes some non-ASCII whitespace for blanks where TOML (and the rewrite)
// does not. A text with such a character, or a byte order mark, is not compared.
bool toml_reads_it_alike(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) < 0x80) continue;
    const Utf8CodePoint cp = decode_utf8(text, i);
    if (cp.length == 0) return true;  // not UTF-8: both refuse it
    const char32_t c = cp.value;
    if ((c >= 0xA0 && c <= 0x499) || (c >= 0x2C5E && c <= 0x3057) || (c >= 0xFB26 && c <= 0xFEFF)) return false;
    if (c == 0x85 || c == 0x1680 || c == 0x180E || (c >= 0x2000 && c <= 0x2060)) return false;
    i += cp.length - 1;
  }
  return true;
}

std::optional<toml::table> parse(std::string_view text) {
  try {
    return toml::parse(text);
  } catch (const toml::parse_error&) {
    return std::nullopt;
  }
}

void compare_with_toml(std::string_view text) {
  if (!toml_reads_it_alike(text)) return;
  auto rewritten = ascii_toml(text);
  const auto* ascii = std::get_if<AsciiToml>(&rewritten);
  if (!ascii) return;  // refused with a position: toml++ is not asked
  for (char c : ascii->text) {
    if (static_cast<unsigned char>(c) >= 0x80) fuzz::fail("the rewrite kept a character beyond ASCII");
  }
  const std::optional<toml::table> as_written = parse(text), as_rewritten = parse(ascii->text);
  if (as_written.has_value() != as_rewritten.has_value()) {
    fuzz::fail(as_written ? "toml++ reads the file but not its rewrite" : "toml++ refuses the file but reads its rewrite");
  }
  if (as_written && *as_written != *as_rewritten) fuzz::fail("the rewrite changed a value");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const RuleSelectors known = rule_selectors(builtin_rules());
  compare_with_toml(fuzz::as_text(data, size));
  const std::filesystem::path file = fuzz::scratch_dir() / kConfigName;
  fuzz::write_file(file, fuzz::as_text(data, size));
  auto result = read_config(file, kConfigName, known);
  if (auto* config = std::get_if<ConfigFile>(&result)) {
    for (const OptionSpec& spec : option_specs()) (void)config->option_values(spec.id);
    (void)config->dialect();
    (void)config->migrator();
    (void)config->ignores("journal-missing", fuzz::scratch_dir() / "drizzle" / "meta" / "_journal.json");
    (void)config->ignores("sql-syntax-error", fuzz::scratch_dir() / "a" / "b" / "0000_x.sql");
  } else if (std::get<ConfigError>(result).message.empty()) {
    fuzz::fail("a config error without a message");
  }
  return 0;
}
