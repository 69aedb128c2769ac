// Builds the package twice from src/: CommonJS into dist/cjs (tsconfig.json) and ES modules into
// dist/esm (tsconfig.esm.json), each with its declarations. A package.json in each folder tells
// Node.js which module system its .js files use, whatever the importing project's own "type" is.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

rmSync(join(root, "dist"), { recursive: true, force: true });
for (const [config, folder, type] of [["tsconfig.json", "cjs", "commonjs"], ["tsconfig.esm.json", "esm", "module"]]) {
    execFileSync(process.execPath, [tsc, "-p", join(root, config)], { stdio: "inherit" });
    mkdirSync(join(root, "dist", folder), { recursive: true });
    writeFileSync(join(root, "dist", folder, "package.json"), JSON.stringify({ type }, null, 2) + "\n");
}
