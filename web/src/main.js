// 绩效目标工作台: the page.  The editor (CodeMirror 6) on the left, the printed table on the
// right (the HTML `perflang build --to html` writes, in a sandboxed iframe), the problems below.
// Every computation is perflang itself, in the worker (worker.js, perflang/web/bridge.py).
import { autocompletion, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, indentOnInput } from "@codemirror/language";
import { forEachDiagnostic, lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
import { highlightSelectionMatches, openSearchPanel, searchKeymap } from "@codemirror/search";
import { Compartment, EditorSelection, EditorState, StateEffect } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { Engine } from "./engine.js";
import { perfHighlight, perfLanguage } from "./perf-mode.js";
import { load, save } from "./storage.js";

const $ = (sel) => document.querySelector(sel);
const CHECK_PAUSE = 250; // ms after the last key before the text is checked
const SAVE_PAUSE = 400;
const MAX_PROBLEMS_SHOWN = 300;
const MAX_FILE_BYTES = 64 * 1024 * 1024;
// Long lines (goal texts) wrap, except in a very long file: there CodeMirror's measuring of
// wrapped lines takes over 50 ms a keystroke (a 2,000-project file: 56,000 lines)
const WRAP_MAX_LINES = 5000;

let TEXTS = null;
let WORDS = null;
let SAMPLE = "";
const state = {
  lang: localStorage.getItem("perflang-lang") === "en" ? "en" : "zh",
  files: [], // {name, text, state (EditorState, in memory only)}
  active: 0,
  seq: 0, // the newest check asked for
  shown: 0, // the check whose diagnostics are shown
  check: null, // its answer
  notes: [], // import notes of the active file: {where, text, problem, line}
  previewKind: "form", // "form" | "selfeval"
  previewFull: true,
  selfeval: null, // the last evaluation {html, result, name}
  capabilities: {},
  firstCheckMs: null,
};
const t0 = performance.now();

function T(key, args = {}) {
  const table = TEXTS[state.lang] || TEXTS.zh;
  let s = table[key] ?? TEXTS.zh[key] ?? key;
  for (const [k, v] of Object.entries(args)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

// -- the editor -------------------------------------------------------------------------------

const phrases = new Compartment();
const wrapping = new Compartment();
const wrapFor = (doc) => (doc.lines <= WRAP_MAX_LINES ? EditorView.lineWrapping : []);
const completionConf = new Compartment();
let view = null;

function cmPhrases() {
  if (state.lang === "en") return [];
  const p = {};
  for (const [k, v] of Object.entries(TEXTS.zh)) if (k.startsWith("cm:")) p[k.slice(3)] = v;
  return EditorState.phrases.of(p);
}

function extensions(doc) {
  return [
    wrapping.of(wrapFor(doc)),
    lineNumbers(),
    highlightActiveLineGutter(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    perfLanguage(WORDS),
    perfHighlight,
    lintGutter(),
    completionConf.of(autocompletion({ override: [completeFromWorker], activateOnTyping: true, icons: false })),
    phrases.of(cmPhrases()),
    keymap.of([
      { key: "Mod-s", preventDefault: true, run: () => (saveFile(), true) },
      { key: "Shift-Alt-f", preventDefault: true, run: () => (formatFile(), true) },
      ...defaultKeymap,
      ...historyKeymap,
      ...searchKeymap,
      ...completionKeymap,
      ...lintKeymap,
      indentWithTab,
    ]),
    EditorView.updateListener.of(onUpdate),
    EditorView.domEventHandlers({
      compositionend: () => {
        if (pendingDiagnostics) applyDiagnostics(pendingDiagnostics);
      },
    }),
  ];
}

function newState(text) {
  const state = EditorState.create({ doc: text });
  return state.update({ effects: StateEffect.appendConfig.of(extensions(state.doc)) }).state;
}

let checkTimer = 0;
let saveTimer = 0;
let lastFocusProject = -1;

function onUpdate(update) {
  if (update.docChanged && (update.startState.doc.lines <= WRAP_MAX_LINES) !== (update.state.doc.lines <= WRAP_MAX_LINES)) {
    setTimeout(() => view.dispatch({ effects: wrapping.reconfigure(wrapFor(view.state.doc)) }));
  }
  if (update.docChanged) {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(runCheck, CHECK_PAUSE);
    clearTimeout(saveTimer);
    saveTimer = setTimeout(persist, SAVE_PAUSE);
    setStatus("typing");
  } else if (update.selectionSet && !state.previewFull && state.check) {
    const p = projectAt(update.state.doc.lineAt(update.state.selection.main.head).number);
    if (p !== lastFocusProject) {
      lastFocusProject = p;
      refreshPreview();
    }
  }
}

function projectAt(line) {
  const ps = state.check?.projects || [];
  let at = 0;
  for (let i = 0; i < ps.length; i++) if (ps[i].line <= line) at = i;
  return at;
}

// The text a completion replaces is the language server's: perflang says where it begins (`from`,
// the range of its text edits), and keywords.json's `word` which characters it may hold.
async function completeFromWorker(context) {
  if (!engine.ready) return null;
  const line = context.state.doc.lineAt(context.pos);
  const ch = context.pos - line.from;
  const before = line.text.slice(0, ch);
  const triggered = /[:：/／\d]\s*$/.test(before); // after a colon, a slash or a number
  // unasked, only while something is typed (not after a space) or after a trigger
  if (!context.explicit && !triggered && !/[^\s\u3000]$/.test(before)) return null;
  let got;
  try {
    got = await engine.request("complete", { text: context.state.doc.toString(), line: line.number, ch, lang: state.lang });
  } catch {
    return null;
  }
  if (context.aborted || !got.items.length) return null;
  if (!context.explicit && got.from === ch && !triggered) return null; // no word is being typed
  const kinds = { keyword: "keyword", level1: "type", level2: "type", unit: "constant", value: "enum", goal: "variable", operator: "keyword" };
  return {
    from: line.from + got.from,
    options: got.items.map((i) => ({ label: i.label, detail: i.detail, type: kinds[i.kind] || "text" })),
    validFor: new RegExp(`^${WORDS.word}*$`),
  };
}

// -- checking ---------------------------------------------------------------------------------

let pendingDiagnostics = null;

function currentText() {
  return view.state.doc.toString();
}

function runCheck() {
  if (!engine.ready) return;
  const seq = ++state.seq;
  const text = currentText();
  const head = view.state.doc.lineAt(view.state.selection.main.head).number;
  setStatus("checking");
  engine
    .request(
      "check",
      { text, lang: state.lang, name: activeFile().name, preview: { form: formChoice(), focus_line: head } },
      {
        partial: (value) => {
          if (seq < state.shown) return;
          state.shown = seq;
          if (value.diagnostics === null) value.diagnostics = state.check.diagnostics; // unchanged
          else applyDiagnostics(value);
          state.check = value;
          if (state.firstCheckMs === null) {
            state.firstCheckMs = Math.round(performance.now() - t0);
            document.body.dataset.ready = "1";
            document.body.dataset.firstCheckMs = String(state.firstCheckMs);
          }
        },
      },
    )
    .then((value) => {
      if (seq !== state.seq) return;
      setStatus(state.check && state.check.errors ? "errors" : "ready");
      if (value && "html" in value) showFormPreview(value);
    })
    .catch((err) => {
      if (!err.restarted) problemMessage(String(err.message));
    });
}

function refreshPreview(full = false) {
  if (!engine.ready) return Promise.resolve(null);
  const head = view.state.doc.lineAt(view.state.selection.main.head).number;
  return engine
    .request("preview", { text: currentText(), form: formChoice(), focus_line: head, full, name: activeFile().name })
    .then((value) => {
      if (!full) showFormPreview(value);
      return value;
    })
    .catch(() => null);
}

function toOffset(doc, pos) {
  const n = Math.min(Math.max(pos.line, 1), doc.lines);
  const line = doc.line(n);
  return line.from + Math.min(pos.ch, line.length);
}

function cmDiagnostic(doc, d) {
  const from = toOffset(doc, d.from);
  let to = toOffset(doc, d.to);
  if (to < from) to = from;
  const message = d.hint ? `${d.message}\n${T("hint")}${d.hint}` : d.message;
  return {
    from,
    to,
    severity: d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "info",
    source: d.code,
    message,
    actions: (d.fixes || []).map((f) => ({ name: f.title, apply: (v) => applyFix(v, f) })),
  };
}

function applyFix(v, fix) {
  const doc = v.state.doc;
  const changes = fix.edits.map((e) => ({ from: toOffset(doc, e.from), to: toOffset(doc, e.to), insert: e.insert }));
  v.dispatch({ changes, userEvent: "input.quickfix" });
  v.focus();
}

function applyDiagnostics(value) {
  if (view.composing) {
    pendingDiagnostics = value; // applied when the input method has finished the word
    return;
  }
  pendingDiagnostics = null;
  const doc = view.state.doc;
  const diags = value.diagnostics.map((d) => cmDiagnostic(doc, d));
  for (const n of state.notes) {
    if (n.line && n.line <= doc.lines) {
      const line = doc.line(n.line);
      diags.push({ from: line.from, to: line.to, severity: "info", source: T("import-note"), message: n.text });
    }
  }
  view.dispatch(setDiagnostics(view.state, diags));
  setTimeout(() => renderProblems(value)); // a task of its own: a long list never blocks typing
}

function problemMessage(text) {
  const box = $("#problems-list");
  box.replaceChildren(el("li", { class: "problem error" }, text));
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("data-")) e.setAttribute(k, v);
    else if (k === "onclick") e.addEventListener("click", v);
    else e[k] = v;
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function renderProblems(value) {
  const head = $("#problems-count");
  const list = $("#problems-list");
  const { errors, warnings } = value;
  head.textContent = errors || warnings ? T("problems-count", { errors, warnings }) : T("problems-none");
  head.className = errors ? "count has-errors" : warnings ? "count has-warnings" : "count clean";
  const items = [];
  const shown = value.diagnostics.slice(0, MAX_PROBLEMS_SHOWN);
  for (const d of shown) {
    const where = T("at-line", { line: d.line, column: d.column });
    const fixes = (d.fixes || []).filter((f) => !f.title.includes("noqa"));
    items.push(
      el(
        "li",
        { class: `problem ${d.severity}`, "data-line": String(d.line), onclick: () => jumpTo(d) },
        el("span", { class: "where" }, where),
        el("span", { class: "sev" }, T(d.severity), " ", d.code),
        el("span", { class: "msg" }, d.message, d.hint ? el("span", { class: "hint" }, T("hint") + d.hint) : null),
        ...fixes.map((f) =>
          el(
            "button",
            {
              class: "fix",
              onclick: (e) => {
                e.stopPropagation();
                applyFix(view, f);
              },
            },
            f.title,
          ),
        ),
      ),
    );
  }
  if (value.diagnostics.length > shown.length) {
    items.push(el("li", { class: "problem more" }, T("problems-more", { count: value.diagnostics.length - shown.length })));
  }
  if (state.notes.length) {
    items.push(el("li", { class: "notes-head" }, T("import-notes", { count: state.notes.length })));
    for (const n of state.notes) {
      items.push(
        el(
          "li",
          { class: `problem note${n.problem ? " note-problem" : ""}`, onclick: () => n.line && jumpTo({ from: { line: n.line, ch: 0 } }) },
          el("span", { class: "where" }, n.line ? T("at-line-only", { line: n.line }) : "—"),
          el("span", { class: "sev" }, T(n.problem ? "note-problem" : "note")),
          el("span", { class: "msg" }, n.text, el("span", { class: "hint" }, T("note-source", { where: n.where }))),
        ),
      );
    }
  }
  list.replaceChildren(...items);
}

function jumpTo(d) {
  const pos = toOffset(view.state.doc, d.from);
  view.dispatch({ selection: EditorSelection.cursor(pos), scrollIntoView: true });
  view.focus();
}

// -- the preview ------------------------------------------------------------------------------

function formChoice() {
  const v = $("#form").value;
  return v === "file" ? null : v;
}

function showFormPreview(value) {
  if (state.previewKind !== "form") return;
  const info = $("#preview-info");
  if (!value || value.html == null) {
    info.textContent = state.check && state.check.errors ? T("preview-stale") : "";
    info.className = "info warn";
    return;
  }
  state.previewFull = value.shown === value.projects;
  info.className = "info";
  info.textContent = state.previewFull
    ? T("preview-projects", { count: value.projects })
    : T("preview-partial", { count: value.projects });
  setPreview(value.html);
}

function setPreview(html) {
  if (html === state.previewHtml) return; // the same table: the frame is not laid out again
  $("#preview").srcdoc = html;
  state.previewHtml = html;
  fillPrintView(html);
}

// What the page prints: the previewed document, its scripts and handlers removed (it has none:
// the backends escape every text), in a shadow root so its CSS stays its own.
function fillPrintView(html) {
  const host = $("#print-view");
  const root = host.shadowRoot || host.attachShadow({ mode: "open" });
  const doc = new DOMParser().parseFromString(html, "text/html");
  for (const bad of doc.querySelectorAll("script, iframe, object, embed, link, meta, base, form, frame")) bad.remove();
  for (const node of doc.querySelectorAll("*")) {
    for (const a of [...node.attributes]) {
      if (a.name.startsWith("on") || /^\s*javascript:/i.test(a.value)) node.removeAttribute(a.name);
    }
  }
  // the document's own rules for html and body apply to the shadow root's host and wrapper
  const styles = [...doc.querySelectorAll("style")].map((s) =>
    s.textContent
      .replace(/@page\s*\{[^}]*\}/g, "")
      .replace(/(^|[\s,}])html(?=[\s,{])/g, "$1:host")
      .replace(/(^|[\s,}])body(?=[\s,{])/g, "$1.printed"),
  );
  const sheet = el("style", {}, styles.join("\n"));
  const body = el("div", { class: "printed" });
  body.append(...[...doc.body.childNodes].map((n) => document.importNode(n, true)));
  root.replaceChildren(sheet, body);
}

async function printNow() {
  if (state.previewKind === "form" && !state.previewFull) {
    setStatus("preparing-print");
    const full = await refreshPreview(true);
    if (full && full.html) fillPrintView(full.html);
  }
  window.print();
}

// -- files ------------------------------------------------------------------------------------

function activeFile() {
  return state.files[state.active];
}

function stem(name) {
  return name.replace(/\.[^.]+$/, "") || "perflang";
}

function persist() {
  clearTimeout(saveTimer);
  const f = activeFile();
  if (f) f.text = currentText();
  const text = f ? f.text : "";
  save({
    active: state.active,
    files: state.files.map((x) => ({ name: x.name, text: x.text, notes: x.notes || [] })),
  }).then((ok) => {
    if (ok) state.savedText = text;
  });
}

function renderTabs() {
  const tabs = $("#tabs");
  tabs.replaceChildren(
    ...state.files.map((f, i) =>
      el(
        "div",
        { class: i === state.active ? "tab active" : "tab", title: f.name, onclick: () => switchTo(i) },
        el("span", { class: "tab-name" }, f.name),
        state.files.length > 1
          ? el(
              "button",
              {
                class: "tab-close",
                title: T("close-tab"),
                onclick: (e) => {
                  e.stopPropagation();
                  closeTab(i);
                },
              },
              "×",
            )
          : null,
      ),
    ),
  );
}

function switchTo(i) {
  if (i === state.active) return;
  const f = activeFile();
  f.text = currentText();
  f.state = view.state;
  f.notes = state.notes;
  state.active = i;
  const g = activeFile();
  view.setState(g.state || newState(g.text));
  state.notes = g.notes || [];
  state.previewKind = "form";
  renderTabs();
  persist();
  runCheck();
}

function closeTab(i) {
  const f = state.files[i];
  if (!confirm(T("close-confirm", { name: f.name }))) return;
  if (i === state.active) {
    state.files.splice(i, 1);
    state.active = Math.min(i, state.files.length - 1);
    const g = activeFile();
    view.setState(g.state || newState(g.text));
    state.notes = g.notes || [];
  } else {
    activeFile().state = view.state;
    state.files.splice(i, 1);
    if (i < state.active) state.active -= 1;
  }
  renderTabs();
  persist();
  runCheck();
}

function openText(name, text, notes = []) {
  const f = activeFile();
  if (f) {
    f.text = currentText();
    f.state = view.state;
    f.notes = state.notes;
  }
  state.files.push({ name, text, notes });
  state.active = state.files.length - 1;
  state.notes = notes;
  view.setState(newState(text));
  state.previewKind = "form";
  renderTabs();
  persist();
  runCheck();
}

function download(name, data, type) {
  const blob = new Blob([data], { type });
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function saveFile() {
  download(activeFile().name, currentText(), "text/plain;charset=utf-8");
}

async function readChosen(file) {
  if (file.size > MAX_FILE_BYTES) {
    alertMessage(T("file-too-big", { name: file.name, mb: Math.round(MAX_FILE_BYTES / 1048576) }));
    return null;
  }
  return await file.arrayBuffer();
}

async function openFile(file) {
  const data = await readChosen(file);
  if (!data) return;
  try {
    const got = await engine.request("read", { path: "/work/open.perf", name: file.name, lang: state.lang }, { files: [{ path: "/work/open.perf", data }] });
    if (got.error) alertMessage(got.error);
    else openText(file.name, got.text);
  } catch (err) {
    alertMessage(`${file.name}：${err.message}`);
  }
}

async function importFile(file) {
  const data = await readChosen(file);
  if (!data) return;
  const safe = "/work/import" + (/\.[A-Za-z]+$/.exec(file.name)?.[0] || ".txt").toLowerCase();
  setStatus("importing");
  try {
    const got = await engine.request("import_file", { path: safe, lang: state.lang }, { files: [{ path: safe, data }] });
    importDone(stem(file.name), got);
  } catch (err) {
    alertMessage(`${file.name}：${err.restarted ? T("import-crashed") : err.message}`);
  }
  setStatus("ready");
}

function importDone(name, got) {
  if (got.error) {
    alertMessage(`${T("import-failed")}${got.error}`);
    return;
  }
  openText(`${name}.perf`, got.text, got.notes);
  toast(got.summary);
}

async function formatFile() {
  const text = currentText();
  const got = await engine.request("format", { text, lang: state.lang });
  if (got.text === null) {
    toast(T("format-errors"));
    return;
  }
  if (got.text !== text) {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: got.text }, userEvent: "input.format" });
  }
  toast(T("formatted"));
}

async function downloadAs(fmt) {
  const f = activeFile();
  if (fmt === "perf") return saveFile();
  if (fmt === "docx" && !state.capabilities.docx) return alertMessage(T("docx-unavailable"));
  if (state.previewKind === "selfeval" && state.selfeval && fmt !== "json") return downloadSelfeval(fmt);
  const got = await engine.request("download", { text: currentText(), fmt, form: formChoice(), lang: state.lang, name: f.name });
  if (got.error === "errors") return alertMessage(T("download-errors"));
  if (got.error) return alertMessage(got.error);
  const types = {
    html: "text/html;charset=utf-8",
    json: "application/json",
    xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  };
  download(stem(f.name) + got.suffix, got.data, types[fmt] || "application/octet-stream");
}

// -- 自评 ---------------------------------------------------------------------------------------

let actualsFile = null; // {name, data}

async function openEval() {
  const dlg = $("#dlg-eval");
  const got = await engine.request("actuals_form", { text: currentText(), name: activeFile().name });
  const box = $("#eval-table");
  if (!got.projects) {
    box.replaceChildren(el("p", { class: "warn" }, T("eval-errors")));
  } else {
    const rows = [];
    for (const p of got.projects) {
      rows.push(
        el(
          "tr",
          { class: "proj" },
          el("th", { colSpan: 3 }, p.name),
          el("td", {}, el("input", { type: "text", "data-project": p.name, "data-field": "executed", placeholder: T("eval-executed") })),
        ),
      );
      for (const i of p.indicators) {
        rows.push(
          el(
            "tr",
            {},
            el("td", {}, `${i.level1} / ${i.level2}`),
            el("td", {}, i.name),
            el("td", { class: "target" }, i.target),
            el("td", {}, el("input", { type: "text", "data-project": p.name, "data-key": i.key, placeholder: T("eval-actual") })),
          ),
        );
      }
    }
    box.replaceChildren(
      el(
        "table",
        { class: "fill" },
        el("thead", {}, el("tr", {}, el("th", {}, T("eval-levels")), el("th", {}, T("eval-name")), el("th", {}, T("eval-target")), el("th", {}, T("eval-actual")))),
        el("tbody", {}, ...rows),
      ),
    );
  }
  $("#eval-result").replaceChildren();
  dlg.showModal();
}

function actualsFromTable() {
  const projects = {};
  for (const input of document.querySelectorAll("#eval-table input")) {
    const v = input.value.trim();
    if (!v) continue;
    const p = (projects[input.dataset.project] ||= { indicators: {} });
    if (input.dataset.field) p[input.dataset.field] = v;
    else p.indicators[input.dataset.key] = v;
  }
  return JSON.stringify({ format: "perflang-actuals/1", projects }, null, 2);
}

async function runEval(fmt = "html") {
  let file = actualsFile;
  if (!file) file = { name: "actuals.json", data: new TextEncoder().encode(actualsFromTable()).buffer };
  const ext = /\.csv$/i.test(file.name) ? ".csv" : ".json";
  const path = "/work/actuals" + ext;
  const profile = $("#eval-profile").value || null;
  const got = await engine.request(
    "evaluate",
    { text: currentText(), actuals_path: path, profile, fmt, lang: state.lang, name: activeFile().name },
    { files: [{ path, data: file.data.slice(0) }] },
  );
  const out = $("#eval-result");
  if (got.error === "errors") return out.replaceChildren(el("p", { class: "warn" }, T("eval-errors")));
  if (got.error && got.error !== "problems") return out.replaceChildren(el("p", { class: "warn" }, got.error), problemList(got));
  const problems = got.problems || [];
  const list = problemList(got);
  if (!got.data) return out.replaceChildren(el("p", { class: "warn" }, T("eval-failed")), list);
  if (fmt !== "html") {
    const types = { xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" };
    download(`${stem(activeFile().name)}-自评表.${fmt}`, got.data, types[fmt]);
    return;
  }
  state.selfeval = { html: got.data, result: got.result };
  state.previewKind = "selfeval";
  setPreview(got.data);
  $("#preview-info").textContent = T("selfeval-shown");
  $("#btn-back").hidden = false;
  const summary = el(
    "table",
    { class: "summary", "data-testid": "eval-summary" },
    el("thead", {}, el("tr", {}, el("th", {}, T("eval-project")), el("th", {}, T("eval-total")), el("th", {}, T("eval-grade")))),
    el("tbody", {}, ...got.result.projects.map((p) => el("tr", {}, el("td", {}, p.name), el("td", { class: "num" }, p.total), el("td", {}, p.grade || "")))),
  );
  out.replaceChildren(summary, problems.length ? list : "");
}

function problemList(got) {
  return el(
    "ul",
    { class: "eval-problems" },
    ...(got.problems || []).map((d) =>
      el("li", { class: d.severity }, `${T("at-line", { line: d.line, column: d.column })} ${d.code} ${d.message}${d.hint ? " — " + d.hint : ""}`),
    ),
  );
}

async function downloadSelfeval(fmt) {
  if (fmt === "docx" && !state.capabilities.docx) return alertMessage(T("docx-unavailable"));
  if (fmt === "html") return download(`${stem(activeFile().name)}-自评表.html`, state.selfeval.html, "text/html;charset=utf-8");
  return runEval(fmt);
}

// -- new, paste -------------------------------------------------------------------------------

async function createNew(event) {
  event.preventDefault();
  const form = $("#new-form");
  const answers = Object.fromEntries(new FormData(form).entries());
  const got = await engine.request("new", { answers, lang: state.lang });
  if (got.error) {
    $("#new-error").textContent = got.error;
    return;
  }
  $("#dlg-new").close();
  openText(`${answers.project.trim() || T("untitled")}.perf`, got.text);
}

async function importPasted(event) {
  event.preventDefault();
  const text = $("#paste-text").value;
  if (!text.trim()) return;
  const got = await engine.request("import_pasted", { text, lang: state.lang });
  if (got.error) {
    $("#paste-error").textContent = got.error;
    return;
  }
  $("#dlg-paste").close();
  importDone(T("pasted"), got);
}

// -- the chrome: texts, status, messages ------------------------------------------------------

function applyTexts() {
  document.documentElement.lang = state.lang === "en" ? "en" : "zh-CN";
  document.title = T("title");
  for (const e of document.querySelectorAll("[data-t]")) e.textContent = T(e.dataset.t);
  for (const e of document.querySelectorAll("[data-t-title]")) e.title = T(e.dataset.tTitle);
  for (const e of document.querySelectorAll("[data-t-placeholder]")) e.placeholder = T(e.dataset.tPlaceholder);
  for (const e of document.querySelectorAll("[data-t-label]")) e.setAttribute("aria-label", T(e.dataset.tLabel));
  if (!state.capabilities.docx) for (const e of document.querySelectorAll("[data-needs=docx]")) e.title = T("docx-unavailable");
  if (view) view.dispatch({ effects: phrases.reconfigure(cmPhrases()) });
}

let status = "loading";
function setStatus(s) {
  status = s;
  const e = $("#status");
  e.textContent = T("status-" + s);
  e.dataset.state = s;
}

let toastTimer = 0;
function toast(text) {
  const e = $("#toast");
  e.textContent = text;
  e.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (e.hidden = true), 6000);
}

function alertMessage(text) {
  $("#message-text").textContent = text;
  $("#dlg-message").showModal();
}

// -- start ------------------------------------------------------------------------------------

const engine = new Engine({
  onReady(msg) {
    state.capabilities = msg.capabilities || {};
    document.body.dataset.engineMs = String(msg.ms);
    for (const e of document.querySelectorAll("[data-needs=docx]")) e.classList.toggle("unavailable", !state.capabilities.docx);
    applyTexts();
    runCheck();
  },
  onFailed(error) {
    setStatus("failed");
    problemMessage(T("engine-failed") + error);
  },
  onRestart() {
    setStatus("restarted");
    toast(T("engine-restarted"));
    document.body.dataset.restarts = String(engine.restarts);
  },
});

async function main() {
  const [texts, words, sample] = await Promise.all([
    fetch("texts.json").then((r) => r.json()),
    fetch("keywords.json").then((r) => r.json()),
    fetch("sample.perf").then((r) => r.text()),
  ]);
  TEXTS = texts;
  WORDS = words;
  SAMPLE = sample;
  applyTexts();
  setStatus("loading");
  const kept = await load();
  if (kept && kept.files && kept.files.length) {
    state.files = kept.files;
    state.active = Math.min(kept.active || 0, kept.files.length - 1);
  } else {
    state.files = [{ name: T("sample-name"), text: SAMPLE, notes: [] }];
  }
  state.notes = activeFile().notes || [];
  view = new EditorView({ state: newState(activeFile().text), parent: $("#editor") });
  renderTabs();
  wire();
  view.focus();
}

function wire() {
  $("#btn-new").onclick = () => {
    $("#new-error").textContent = "";
    $("#dlg-new").showModal();
  };
  $("#new-form").onsubmit = createNew;
  $("#btn-new-cancel").onclick = () => $("#dlg-new").close();
  $("#open").onchange = (e) => {
    const f = e.target.files[0];
    e.target.value = "";
    if (f) openFile(f);
  };
  $("#import").onchange = (e) => {
    const f = e.target.files[0];
    e.target.value = "";
    if (f) importFile(f);
  };
  $("#btn-save").onclick = saveFile;
  $("#btn-paste").onclick = () => {
    $("#paste-error").textContent = "";
    $("#dlg-paste").showModal();
  };
  $("#paste-form").onsubmit = importPasted;
  $("#btn-paste-cancel").onclick = () => $("#dlg-paste").close();
  $("#btn-format").onclick = formatFile;
  $("#btn-search").onclick = () => openSearchPanel(view);
  $("#btn-print").onclick = printNow;
  $("#form").onchange = () => {
    state.previewKind = "form";
    runCheck();
  };
  for (const b of document.querySelectorAll("[data-download]")) {
    b.onclick = () => {
      b.closest("details").open = false;
      downloadAs(b.dataset.download);
    };
  }
  document.addEventListener("click", (e) => {
    for (const d of document.querySelectorAll("details.menu[open]")) if (!d.contains(e.target)) d.open = false;
  });
  $("#btn-lang").onclick = () => {
    state.lang = state.lang === "zh" ? "en" : "zh";
    localStorage.setItem("perflang-lang", state.lang);
    applyTexts();
    setStatus(status);
    renderTabs();
    runCheck();
  };
  $("#btn-eval").onclick = openEval;
  $("#eval-run").onclick = () => runEval("html");
  $("#eval-close").onclick = () => $("#dlg-eval").close();
  $("#actuals").onchange = async (e) => {
    const f = e.target.files[0];
    e.target.value = "";
    if (!f) return;
    const data = await readChosen(f);
    if (!data) return;
    actualsFile = { name: f.name, data };
    $("#actuals-name").textContent = f.name;
    runEval("html");
  };
  $("#btn-back").onclick = () => {
    state.previewKind = "form";
    $("#btn-back").hidden = true;
    runCheck();
  };
  $("#message-close").onclick = () => $("#dlg-message").close();
  document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && persist());
  window.addEventListener("pagehide", persist);
  // a file dropped anywhere: a .perf is opened, a table imported, actuals (in 自评) scored
  document.addEventListener("dragover", (e) => e.preventDefault());
  document.addEventListener("drop", (e) => {
    const f = e.dataTransfer && e.dataTransfer.files[0];
    if (!f) return;
    e.preventDefault();
    if ($("#dlg-eval").open && /\.(json|csv)$/i.test(f.name)) {
      readChosen(f).then((data) => {
        if (!data) return;
        actualsFile = { name: f.name, data };
        $("#actuals-name").textContent = f.name;
        runEval("html");
      });
    } else if (/\.perf$/i.test(f.name)) openFile(f);
    else importFile(f);
  });
}

main();
// for tests and the curious: how the page is doing (nothing here changes anything)
window.perflangWorkbench = {
  get text() {
    return view ? view.state.doc.toString() : null;
  },
  get diagnostics() {
    const out = [];
    if (view) forEachDiagnostic(view.state, (d, from, to) => out.push({ from, to, severity: d.severity, message: d.message, source: d.source }));
    return out;
  },
  get restarts() {
    return engine.restarts;
  },
  get saved() {
    return state.savedText; // the active file's text as last kept in the browser
  },
};
