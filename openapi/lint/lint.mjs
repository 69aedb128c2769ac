// Lints ../workflows.v2.json with Redocly CLI (recommended) and Spectral (spectral:oas).
// Fails on any error, and on any warning from a rule that its config file does not list (each
// rule listed there carries the reason it is downgraded, turned off or accepted as a warning).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const document = join(here, "..", "workflows.v2.json");
const bin = (name) => join(here, "node_modules", ".bin", name);

// The rules a config names, each on its own line as "  rule-name: severity".
const listed = (file) => new Set([...readFileSync(join(here, file), "utf8").matchAll(/^\s+([a-z0-9-]+):\s*(error|warn|info|hint|off)\b/gm)].map((m) => m[1]));

// Both tools exit non-zero when they find an error; their JSON report is still written.
function run(command, args) {
  try {
    return execFileSync(command, args, {
      cwd: here, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20,
      // No usage reports and no update checks: the lint needs nothing from the network.
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    });
  } catch (error) {
    if (error.stdout) return error.stdout;
    throw error;
  }
}

const findings = [];

const redocly = JSON.parse(run(bin("redocly"), ["lint", "--config", "redocly.yaml", "--format", "json", document]));
for (const problem of redocly.problems) {
  findings.push({ tool: "redocly", rule: problem.ruleId, severity: problem.severity, message: problem.message, where: problem.location?.[0]?.pointer ?? "" });
}

const spectralSeverity = ["error", "warn", "info", "hint"];
const spectral = JSON.parse(run(bin("spectral"), ["lint", "--ruleset", ".spectral.yaml", "--format", "json", "--quiet", document]) || "[]");
for (const result of spectral) {
  findings.push({ tool: "spectral", rule: result.code, severity: spectralSeverity[result.severity], message: result.message, where: "#/" + result.path.join("/") });
}

const explained = { redocly: listed("redocly.yaml"), spectral: listed(".spectral.yaml") };
let failed = 0;
for (const f of findings) {
  const fails = f.severity === "error" || (f.severity === "warn" && !explained[f.tool].has(f.rule));
  if (fails) failed++;
  const note = f.severity === "warn" && !fails ? " (explained in its config)" : fails && f.severity === "warn" ? " (not explained in its config)" : "";
  console.log(`${f.tool} ${f.severity} ${f.rule}${note}: ${f.message} at ${f.where}`);
}
const count = (tool, severity) => findings.filter((f) => f.tool === tool && f.severity === severity).length;
for (const tool of ["redocly", "spectral"]) console.log(`${tool}: ${count(tool, "error")} errors, ${count(tool, "warn")} warnings`);
if (failed > 0) {
  console.error(`The OpenAPI document fails its lint: ${failed} finding(s) above are errors or warnings no config explains.`);
  process.exit(1);
}
console.log("The OpenAPI document passes its lint.");
