// drizzle.config.*: read for "out" and "dialect" without running it. The first byte picks the file:
// 'j' drizzle.config.json (parsed as JSON), anything else drizzle.config.ts (scanned as source).
#include "load/drizzle_config.h"
#include "support.h"

using namespace miglint;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text = fuzz::as_text(data + 1, size - 1);
  const std::filesystem::path dir = fuzz::scratch_dir() / "project";
  fuzz::empty_dir(dir);
  const bool json = data[0] == 'j';
  fuzz::write_file(dir / (json ? "drizzle.config.json" : "drizzle.config.ts"), text);
  std::optional<DrizzleConfig> config = find_drizzle_config(dir);
  if (!config) fuzz::fail("a drizzle.config that was written is not found");
  if (config->out && config->out_not_literal) fuzz::fail("\"out\" both literal and computed");
  if (!json) {
    DrizzleConfig scanned = scan_drizzle_config_source(std::string(text));
    if (scanned.out != config->out || scanned.dialect != config->dialect) fuzz::fail("the file and the scan disagree");
  }
  return 0;
}
