// Runs drizzle-kit 1.0's `check` (its SDK, drizzle-kit/cli) on several projects in one node
// process, for tests/layout_v1_test.cpp.
// Usage: node kit1_check.cjs NODE_MODULES '[["PROJECT_DIR", "postgresql"|"sqlite"|"mysql"], ...]'
// Prints one JSON line per project: {"project": PROJECT_DIR, "result": what check returned}.
// A project holds drizzle/ and src/schema.ts, as fixtures/generate-v1.sh writes them.
const path = require("node:path");

const [modules, list] = process.argv.slice(2);
const kit = require(path.join(modules, "drizzle-kit", "cli.js"));

(async () => {
  for (const [project, dialect] of JSON.parse(list)) {
    const result = await kit.check({
      dialect,
      out: path.join(project, "drizzle"),
      schema: path.join(project, "src", "schema.ts"),
    });
    process.stdout.write(JSON.stringify({ project, result }) + "\n");
  }
  // The SDK leaves handles open for seconds after its last call.
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
