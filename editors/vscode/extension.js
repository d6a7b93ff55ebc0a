// The perflang extension for VS Code: the language server for .perf files and four commands,
// from the perflang the .vsix carries (bundled/libs, run by bundled/tool/run.py) with a Python
// found on the machine: the interpreter the Python extension has chosen, else `py -3` (Windows),
// `python3` or `python` on the PATH (3.11 or newer).  Without one, a page says what to install.
// The setting perflang.path (a `perflang` command) replaces all of this.
// Plain JavaScript (no build step); every text a user reads is in English here and in Chinese in
// l10n/bundle.l10n.zh-cn.json (vscode.l10n), the manifest's in package.nls*.json.
'use strict';

const cp = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient, TransportKind, RevealOutputChannelOn } = require('vscode-languageclient/node');

const t = (message, ...args) => vscode.l10n.t(message, ...args);

let client = null;
let output = null;
let context = null;
let launcher = null; // {command, args}: how perflang is started (args come before perflang's own)
const previews = new Map(); // file path -> webview panel

/** The message language: the setting, or VS Code's display language (zh-cn, zh-tw … → zh). */
function messageLanguage(config) {
  const lang = config.get('language', 'auto');
  if (lang === 'zh' || lang === 'en') {
    return lang;
  }
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** What the server is told: as initializationOptions and again on every settings change. */
function serverSettings(config) {
  return {
    language: messageLanguage(config),
    profile: expandPath(config.get('profile', '')) || null,
  };
}

/** A path setting with `~` and `${workspaceFolder}` expanded (VS Code leaves them to the extension). */
function expandPath(value) {
  const folders = vscode.workspace.workspaceFolders;
  const folder = folders && folders.length ? folders[0].uri.fsPath : '';
  let out = (value || '').replace(/\$\{workspaceFolder\}/g, folder);
  if (out === '~' || out.startsWith('~/')) {
    out = path.join(os.homedir(), out.slice(1));
  }
  return out;
}

/** The environment perflang runs in: PERFLANG_LANG, the language every perflang command reads. */
function environment() {
  const config = vscode.workspace.getConfiguration('perflang');
  return { ...process.env, PERFLANG_LANG: messageLanguage(config) };
}

// -- finding Python ---------------------------------------------------------------------------

/** Whether `command args… -c …` is a Python 3.11 or newer. */
function isPython311(command, args) {
  return new Promise((resolve) => {
    cp.execFile(
      command,
      [...args, '-c', 'import sys; print(sys.version_info >= (3, 11))'],
      { timeout: 15000, windowsHide: true },
      (err, stdout) => resolve(!err && String(stdout).trim() === 'True'),
    );
  });
}

/** The interpreter the Python extension has chosen for the workspace, or null. */
async function pythonExtensionInterpreter() {
  const ext = vscode.extensions.getExtension('ms-python.python');
  if (!ext) {
    return null;
  }
  try {
    const api = ext.isActive ? ext.exports : await ext.activate();
    const environments = api && api.environments;
    if (!environments) {
      return null;
    }
    const folders = vscode.workspace.workspaceFolders;
    const where = environments.getActiveEnvironmentPath(folders && folders.length ? folders[0].uri : undefined);
    const env = await environments.resolveEnvironment(where);
    const exe = env && env.executable && env.executable.uri && env.executable.uri.fsPath;
    return exe || null;
  } catch (err) {
    output.appendLine(`perflang: the Python extension gave no interpreter: ${err.message}`);
    return null;
  }
}

/** [command, args]: the first Python 3.11+ of the Python extension's choice, py -3, python3, python. */
async function findPython() {
  const chosen = await pythonExtensionInterpreter();
  const candidates = [];
  if (chosen) candidates.push([chosen, []]);
  if (process.platform === 'win32') candidates.push(['py', ['-3']]);
  candidates.push(['python3', []], ['python', []]);
  for (const [command, args] of candidates) {
    if (await isPython311(command, args)) {
      return [command, args];
    }
  }
  return null;
}

/** How to start perflang: perflang.path when it is set, else the bundled perflang with Python. */
async function findLauncher() {
  const config = vscode.workspace.getConfiguration('perflang');
  const command = expandPath(config.get('path', ''));
  if (command) {
    return { command, args: [], bundled: false };
  }
  const python = await findPython();
  if (!python) {
    return null;
  }
  const run = context.asAbsolutePath(path.join('bundled', 'tool', 'run.py'));
  return { command: python[0], args: [...python[1], '-I', run], bundled: true };
}

// -- the page shown when there is no Python ------------------------------------------------------

/** A Content-Security-Policy that allows nothing but the page's own <style> blocks (by hash). */
function strictPolicy(html) {
  const hashes = [];
  for (const m of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) {
    hashes.push(`'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  }
  const styles = hashes.length ? hashes.join(' ') : "'none'";
  return `default-src 'none'; style-src ${styles}; img-src data:; font-src 'none'; script-src 'none'; form-action 'none'; base-uri 'none'`;
}

/** html with the strict policy as its first <head> element. */
function withPolicy(html) {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${strictPolicy(html)}">`;
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (m) => m + meta) : meta + html;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** https addresses in escaped text as links (VS Code opens them in the browser). */
function linkify(html) {
  return html.replace(/https:\/\/[^\s<]+[^\s<.,;)）。，]/g, (url) => `<a href="${url}">${url}</a>`);
}

function showNoPython() {
  const panel = vscode.window.createWebviewPanel('perflang.noPython', t('perflang needs Python'), vscode.ViewColumn.Active, {
    enableScripts: false,
    enableCommandUris: ['perflang.restartServer'],
  });
  const items = [
    t('Install Python 3.11 or newer from https://www.python.org/downloads/ (on Windows, tick “Add python.exe to PATH” in the installer).'),
    t('Or install the Python extension (ms-python.python) and choose an interpreter of version 3.11 or newer with “Python: Select Interpreter”.'),
    t('Or, if perflang is installed already, set perflang.path to its perflang command.'),
  ];
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { font-family: var(--vscode-font-family); font-size: 14px; line-height: 1.7; max-width: 46em; margin: 2em; }
h1 { font-size: 1.4em; } li { margin: 0.4em 0; } code { font-family: var(--vscode-editor-font-family); }
</style></head><body>
<h1>${escapeHtml(t('perflang needs Python 3.11 or newer'))}</h1>
<p>${escapeHtml(t('The extension carries perflang and everything it needs, except Python itself. None was found: not the Python extension’s interpreter, nor py, python3 or python on the PATH.'))}</p>
<ol>${items.map((i) => `<li>${linkify(escapeHtml(i))}</li>`).join('')}</ol>
<p>${escapeHtml(t('Then'))} <a href="command:perflang.restartServer">${escapeHtml(t('start the perflang language server again'))}</a> ${escapeHtml(t('(or reload the window).'))}</p>
</body></html>`;
  panel.webview.html = withPolicy(html);
  return panel;
}

// -- the language server --------------------------------------------------------------------------

function createClient(found) {
  const config = vscode.workspace.getConfiguration('perflang');
  const settings = serverSettings(config);
  const executable = {
    command: found.command,
    args: [...found.args, 'lsp'],
    transport: TransportKind.stdio,
    options: { env: environment() },
  };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'perf' },
      { scheme: 'untitled', language: 'perf' },
    ],
    initializationOptions: settings,
    // the server registers its own watcher for **/*.toml (perflang.toml, pyproject.toml, forms, profiles)
    synchronize: { configurationSection: 'perflang' },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationFailedHandler: () => false, // the error is shown once, by start() below
  };
  return new LanguageClient('perflang', 'perflang', { run: executable, debug: executable }, clientOptions);
}

async function start() {
  launcher = await findLauncher();
  if (!launcher) {
    showNoPython();
    return;
  }
  client = createClient(launcher);
  try {
    await client.start();
  } catch (err) {
    const shown = [launcher.command, ...launcher.args, 'lsp'].join(' ');
    vscode.window.showErrorMessage(
      t('Could not start the perflang language server ({0}): {1}. Set perflang.path to a perflang command, or leave it empty to use the perflang this extension carries.', shown, err.message),
    );
    client = null;
  }
}

async function stop() {
  if (client) {
    const running = client;
    client = null;
    try {
      await running.stop();
    } catch (err) {
      output.appendLine(`perflang: stopping the server: ${err.message}`);
    }
  }
}

// -- the commands ------------------------------------------------------------------------------

/** Run perflang with args: {code, stdout, stderr}. */
async function runPerflang(args, cwd) {
  if (!launcher) {
    launcher = await findLauncher();
  }
  if (!launcher) {
    showNoPython();
    return null;
  }
  return new Promise((resolve) => {
    cp.execFile(
      launcher.command,
      [...launcher.args, ...args],
      { cwd, env: environment(), maxBuffer: 256 * 1024 * 1024, windowsHide: true },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr), error: err && typeof err.code !== 'number' ? err : null });
      },
    );
  });
}

/** The .perf file of the active editor, saved; null (with a message) when there is none. */
async function activePerfFile() {
  const editor = vscode.window.activeTextEditor;
  const doc = editor && editor.document;
  if (!doc || doc.languageId !== 'perf' || doc.uri.scheme !== 'file') {
    vscode.window.showWarningMessage(t('Open a .perf file first.'));
    return null;
  }
  if (doc.isDirty) {
    await doc.save();
  }
  return doc.uri.fsPath;
}

/** A perflang run that failed: its output in the perflang channel, one message. */
function reportFailure(what, done) {
  output.appendLine(`$ perflang ${what}`);
  output.appendLine(done.stderr || done.stdout || (done.error && done.error.message) || '');
  output.show(true);
  const message = done.code === 1 ? t('The file has errors: nothing was written. The Problems panel lists them.') : t('perflang failed (see the perflang output).');
  vscode.window.showErrorMessage(message);
}

async function checkFolder() {
  const folders = vscode.workspace.workspaceFolders || [];
  let folder = folders.length === 1 ? folders[0] : null;
  if (folders.length > 1) {
    folder = await vscode.window.showWorkspaceFolderPick({ placeHolder: t('Which folder to check?') });
  }
  if (!folder) {
    if (!folders.length) vscode.window.showWarningMessage(t('Open a folder first.'));
    return;
  }
  if (!launcher) launcher = await findLauncher();
  if (!launcher) {
    showNoPython();
    return;
  }
  const terminal = vscode.window.createTerminal({
    name: t('perflang: check'),
    shellPath: launcher.command,
    shellArgs: [...launcher.args, 'check', folder.uri.fsPath],
    cwd: folder.uri.fsPath,
    env: { PERFLANG_LANG: environment().PERFLANG_LANG },
  });
  terminal.show();
}

function sibling(file, suffix) {
  return path.join(path.dirname(file), path.basename(file, path.extname(file)) + suffix);
}

async function buildApproval() {
  const file = await activePerfFile();
  if (!file) return;
  const out = sibling(file, '-批复表.html');
  const done = await runPerflang(['build', file, '--to', 'html', '--form', '批复表', '-o', out], path.dirname(file));
  if (!done) return;
  if (done.code !== 0) {
    reportFailure(`build ${file} --to html --form 批复表`, done);
    return;
  }
  vscode.env.openExternal(vscode.Uri.file(out));
}

async function scoreYear() {
  const file = await activePerfFile();
  if (!file) return;
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    defaultUri: vscode.Uri.file(path.dirname(file)),
    openLabel: t('Score with these actuals'),
    title: t('The year’s actual results (JSON or CSV)'),
    filters: { [t('Actual results')]: ['json', 'csv'] },
  });
  if (!picked || !picked.length) return;
  const out = sibling(file, '-自评表.html');
  const actuals = picked[0].fsPath;
  const done = await runPerflang(['eval', file, '--actuals', actuals, '--to', 'html', '-o', out], path.dirname(file));
  if (!done) return;
  if (done.code !== 0) {
    reportFailure(`eval ${file} --actuals ${actuals} --to html`, done);
    return;
  }
  vscode.env.openExternal(vscode.Uri.file(out));
}

/** The printed form (perflang build --to html) of a file in its panel; the last good one stays
 * when the file cannot be built, with a note above it. */
async function renderPreview(file, panel) {
  const done = await runPerflang(['build', file, '--to', 'html'], path.dirname(file));
  if (!done || previews.get(file) !== panel) return;
  if (done.code === 0) {
    panel.webview.html = withPolicy(done.stdout);
    panel.perflangGood = done.stdout;
    return;
  }
  const note = `<div style="padding:8px;background:#fff3cd;color:#664d03;font-family:sans-serif">${escapeHtml(
    t('The file has errors: the preview shows the last version that could be built.'),
  )}</div>`;
  const body = panel.perflangGood ? panel.perflangGood.replace(/<body([^>]*)>/i, (m) => m + note) : `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${note}<pre>${escapeHtml(done.stderr || done.stdout)}</pre></body></html>`;
  panel.webview.html = withPolicy(body);
}

async function preview() {
  const file = await activePerfFile();
  if (!file) return;
  let panel = previews.get(file);
  if (panel) {
    panel.reveal(vscode.ViewColumn.Beside, true);
  } else {
    panel = vscode.window.createWebviewPanel('perflang.preview', t('Preview: {0}', path.basename(file)), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: false,
      enableFindWidget: true,
      localResourceRoots: [],
    });
    previews.set(file, panel);
    panel.onDidDispose(() => previews.delete(file));
  }
  await renderPreview(file, panel);
}

// -- activation ------------------------------------------------------------------------------------

async function activate(extensionContext) {
  context = extensionContext;
  output = vscode.window.createOutputChannel('perflang');
  context.subscriptions.push(output);
  const commands = {
    'perflang.restartServer': async () => {
      await stop();
      await start();
    },
    'perflang.checkFolder': checkFolder,
    'perflang.buildApproval': buildApproval,
    'perflang.scoreYear': scoreYear,
    'perflang.preview': preview,
  };
  for (const [name, fn] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(name, fn));
  }
  context.subscriptions.push(
    vscode.workspace.onDidSaveTextDocument((doc) => {
      const panel = previews.get(doc.uri.fsPath);
      if (panel) renderPreview(doc.uri.fsPath, panel);
    }),
  );
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // path and language are fixed when the server starts: restart it; the profile is sent as a setting
      if (event.affectsConfiguration('perflang.path') || event.affectsConfiguration('perflang.language')) {
        launcher = null;
        await stop();
        await start();
      }
    }),
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate, strictPolicy, withPolicy };
