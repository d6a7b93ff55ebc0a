// Bundles the page: node build.mjs OUT writes OUT/app.js (the page: CodeMirror and the UI),
// OUT/worker.js (the Web Worker that runs Python), the static files of static/ and Pyodide's
// runtime files (OUT/pyodide/).  `perflang web build DIR` runs it, then adds the wheels and the
// generated JSON (texts, keywords).  Nothing here reaches the network.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error("usage: node build.mjs OUT");
  process.exit(2);
}
mkdirSync(join(out, "pyodide"), { recursive: true });
const common = {
  bundle: true,
  minify: true,
  format: "esm",
  target: ["chrome100", "firefox115", "safari16"],
  legalComments: "linked",
  logLevel: "warning",
};
await build({ ...common, entryPoints: [join(here, "src/main.js")], outfile: join(out, "app.js") });
await build({
  ...common,
  entryPoints: [join(here, "src/worker.js")],
  outfile: join(out, "worker.js"),
  external: ["./pyodide/pyodide.mjs"],
});
for (const f of readdirSync(join(here, "static"))) copyFileSync(join(here, "static", f), join(out, f));
const pyodide = join(here, "node_modules/pyodide");
for (const f of ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]) {
  copyFileSync(join(pyodide, f), join(out, "pyodide", f));
}
