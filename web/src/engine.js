// The page's side of the worker: requests as promises, checks numbered so that only the
// newest one's answer is shown, and a new worker when the old one dies (its requests fail,
// the caller checks again; the editor's text is the page's and is never lost).
export class Engine {
  constructor({ onReady, onFailed, onRestart }) {
    this.onReady = onReady;
    this.onFailed = onFailed;
    this.onRestart = onRestart;
    this.next = 1;
    this.pending = new Map();
    this.ready = false;
    this.restarts = 0;
    this.start();
  }

  start() {
    this.ready = false;
    const worker = new Worker(new URL("worker.js", document.baseURI), { type: "module" });
    this.worker = worker;
    worker.onmessage = (e) => this.received(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      this.died(String(e.message || "worker error"));
    };
    worker.onmessageerror = () => this.died("message error");
  }

  received(msg) {
    if (msg.kind === "ready") {
      this.ready = true;
      this.onReady(msg);
      return;
    }
    if (msg.kind === "failed") {
      this.onFailed(msg.error);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.partial) {
      p.partial?.(msg.value);
      return;
    }
    this.pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.value);
    else {
      p.reject(Object.assign(new Error(msg.error), { fatal: msg.fatal }));
      if (msg.fatal) this.died(msg.error);
    }
  }

  died(reason) {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    const lost = [...this.pending.values()];
    this.pending.clear();
    for (const p of lost) p.reject(Object.assign(new Error(reason), { restarted: true }));
    this.restarts += 1;
    this.start();
    this.onRestart(reason);
  }

  request(fn, args, { files = [], partial } = {}) {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, partial });
      const buffers = files.map((f) => f.data);
      this.worker.postMessage({ id, fn, args, files }, buffers);
    });
  }
}
