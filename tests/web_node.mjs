// Runs perflang under the site's own Pyodide in Node: node web_node.mjs SITE SCRIPT INPUT
// loads SITE/pyodide, unpacks SITE/wheels (as the page's worker does), copies the files of
// INPUT (a folder) to /input, runs the Python file SCRIPT and prints what it prints.
// tests/test_web_node.py runs the same SCRIPT under CPython and compares.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [site, script, input] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(site, "pyodide", "pyodide.mjs")).href);
const py = await loadPyodide({ indexURL: join(site, "pyodide") + "/" });
const manifest = JSON.parse(readFileSync(join(site, "manifest.json"), "utf8"));
for (const name of manifest.wheels) py.unpackArchive(new Uint8Array(readFileSync(join(site, "wheels", name))), "wheel");
py.FS.mkdirTree("/input");
for (const name of readdirSync(input)) {
  const path = join(input, name);
  if (statSync(path).isFile()) py.FS.writeFile("/input/" + name, new Uint8Array(readFileSync(path)));
}
let out = "";
py.setStdout({ batched: (s) => (out += s + "\n") });
py.runPython(readFileSync(script, "utf8"), { globals: py.toPy({ __name__: "__main__", INPUT: "/input" }) });
process.stdout.write(out);
