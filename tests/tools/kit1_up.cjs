// Runs drizzle-kit 1.0's `up` (its SDK, drizzle-kit/cli: what the `up` command runs) on several
// 0.x folders in one node process, for tests/corpus_up_test.cpp. Each folder is converted in place.
// Usage: node kit1_up.cjs NODE_MODULES '[["FOLDER", "postgresql"|"sqlite"|"turso"|...], ...]'
// Prints one JSON line per folder: {"out": FOLDER, "result": what up returned ({"status": "ok"...})}.
const path = require("node:path");

const [modules, list] = process.argv.slice(2);
const kit = require(path.join(modules, "drizzle-kit", "cli.js"));

(async () => {
  for (const [out, dialect] of JSON.parse(list)) {
    const result = await kit.up({ dialect, out });
    process.stdout.write(JSON.stringify({ out, result }) + "\n");
  }
  // The SDK leaves handles open after its last call, as for check (kit1_check.cjs).
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
