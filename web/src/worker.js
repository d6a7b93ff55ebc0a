// The Web Worker: Pyodide with perflang's wheel and its dependencies' wheels, all from this
// site's own folder.  Requests: {id, fn, args, files}; answers: {id, ok, value} or
// {id, ok: false, error, fatal}.  A check waiting in the queue is dropped when a newer one
// arrives (its answer is {id, ok: true, stale: true}); a check answers its diagnostics first
// ({id, partial: true, value}) and then, unless a newer check is waiting, the preview.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const base = new URL("./", self.location.href);
let py = null;
let call = null;
const queue = [];
let running = false;
let lastDiagnostics = ""; // the diagnostics last sent: the same list again is not sent again

function toJs(proxy) {
  if (proxy === undefined || proxy === null || typeof proxy !== "object" || !proxy.toJs) return proxy;
  try {
    return proxy.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
  } finally {
    proxy.destroy();
  }
}

async function start() {
  const t0 = performance.now();
  // the wheels download while the interpreter starts
  const manifest = fetch(new URL("manifest.json", base)).then((r) => r.json());
  const wheels = manifest.then((m) =>
    Promise.all(
      m.wheels.map(async (name) => {
        const r = await fetch(new URL("wheels/" + name, base));
        if (!r.ok) throw new Error(`wheels/${name}: HTTP ${r.status}`);
        return new Uint8Array(await r.arrayBuffer());
      }),
    ),
  );
  py = await loadPyodide({
    indexURL: new URL("pyodide/", base).href,
    lockFileURL: new URL("pyodide/pyodide-lock.json", base).href,
    packageBaseUrl: new URL("wheels/", base).href,
    fullStdLib: false,
    stdout: () => {},
    stderr: (line) => console.warn(line),
  });
  for (const data of await wheels) py.unpackArchive(data, "wheel");
  py.FS.mkdirTree("/work");
  const bridge = py.pyimport("perflang.web.bridge");
  call = bridge.call;
  const caps = toJs(call("capabilities", "{}"));
  postMessage({ kind: "ready", ms: Math.round(performance.now() - t0), capabilities: caps, version: (await manifest).version });
}

function run(fn, args, files) {
  for (const f of files || []) py.FS.writeFile(f.path, new Uint8Array(f.data));
  try {
    return toJs(call(fn, JSON.stringify(args)));
  } finally {
    for (const f of files || []) {
      try {
        py.FS.unlink(f.path);
      } catch {
        /* already gone */
      }
    }
  }
}

function transferables(value) {
  const out = [];
  const walk = (v) => {
    if (v instanceof Uint8Array) out.push(v.buffer);
    else if (v && typeof v === "object") for (const k of Object.keys(v)) walk(v[k]);
  };
  walk(value);
  return out;
}

function fail(id, err) {
  const fatal = Boolean(err && (err.pyodide_fatal_error || /fatally failed|Aborted\(|out of memory/i.test(String(err))));
  postMessage({ id, ok: false, error: String(err && err.message ? err.message : err), fatal });
  if (fatal) self.close();
}

const pause = () => new Promise((r) => setTimeout(r, 0));

async function pump() {
  if (running) return;
  running = true;
  try {
    while (queue.length) {
      const req = queue.shift();
      try {
        if (req.fn === "check") {
          const value = run("check", { text: req.args.text, lang: req.args.lang, name: req.args.name });
          const sent = JSON.stringify([req.args.name, value.diagnostics]);
          if (sent === lastDiagnostics) value.diagnostics = null; // unchanged: the editor keeps its own
          lastDiagnostics = sent;
          postMessage({ id: req.id, partial: true, value });
          await pause(); // lets a newer check arrive (and replace this one's preview)
          if (!req.args.preview || queue.some((q) => q.fn === "check")) {
            postMessage({ id: req.id, ok: true, value: { stale: true } });
            continue;
          }
          const pv = run("preview", { text: req.args.text, name: req.args.name, ...req.args.preview });
          postMessage({ id: req.id, ok: true, value: pv });
        } else {
          const value = run(req.fn, req.args, req.files);
          postMessage({ id: req.id, ok: true, value }, transferables(value));
        }
      } catch (err) {
        fail(req.id, err);
      }
      await pause();
    }
  } finally {
    running = false;
  }
}

const started = start().catch((err) => {
  postMessage({ kind: "failed", error: String(err && err.message ? err.message : err) });
});

self.onmessage = async (event) => {
  const req = event.data;
  if (req.fn === "check") {
    for (let i = queue.length - 1; i >= 0; i--) {
      if (queue[i].fn === "check") {
        postMessage({ id: queue[i].id, ok: true, value: { stale: true } });
        queue.splice(i, 1);
      }
    }
  }
  queue.push(req);
  await started;
  if (call) pump();
};
