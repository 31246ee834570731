// .miglint.toml: toml++ and the settings reader (keys, values, rule names, per-path ignores).
#include "engine/engine.h"
#include "load/config_file.h"
#include "registry.h"
#include "support.h"

using namespace miglint;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const RuleSelectors known = rule_selectors(builtin_rules());
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
