// The client's wiring, without VS Code: extension.js is loaded with stand-ins for the `vscode` API
// and for vscode-languageclient that record what it asks for.  Prints a JSON report of how the
// server would be started (or the page shown when it cannot be); tests/test_vscode_grammar.py
// checks it.  Usage:
//   node tests/client.test.js '{"path": "…", "language": "auto", "profile": "",
//                               "displayLanguage": "zh-cn", "pythonExtension": "/usr/bin/python3",
//                               "run": ["perflang.preview"], "activeFile": "/x/a.perf"}'
// Python on the PATH is whatever the PATH of this process finds (the test sets it).
'use strict';

const fs = require('fs');
const Module = require('module');
const path = require('path');

const settings = JSON.parse(process.argv[2] || '{}');
const root = path.join(__dirname, '..');
const report = { clients: [], commands: [], errors: [], warnings: [], webviews: [], opened: [], terminals: [] };

const zh = (settings.displayLanguage || 'en').toLowerCase().startsWith('zh');
const bundle = zh ? JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) : {};
const l10n = {
  t: (message, ...args) => {
    report.l10n = report.l10n || [];
    report.l10n.push(message);
    return (bundle[message] || message).replace(/\{(\d+)\}/g, (m, i) => String(args[Number(i)]));
  },
};

const commands = {};
const saveListeners = [];
const activeDocument = settings.activeFile
  ? {
      languageId: 'perf',
      isDirty: false,
      uri: { scheme: 'file', fsPath: settings.activeFile },
      save: async () => true,
    }
  : null;
const Uri = { file: (fsPath) => ({ scheme: 'file', fsPath }) };

const vscodeStub = {
  env: {
    language: settings.displayLanguage || 'en',
    openExternal: async (uri) => report.opened.push(uri.fsPath),
  },
  l10n,
  Uri,
  ViewColumn: { Active: -1, Beside: -2 },
  extensions: {
    getExtension: (id) => {
      if (id !== 'ms-python.python' || !settings.pythonExtension) return undefined;
      const exe = settings.pythonExtension;
      return {
        isActive: true,
        exports: {
          environments: {
            getActiveEnvironmentPath: () => ({ id: 'x', path: exe }),
            resolveEnvironment: async () => ({ executable: { uri: { fsPath: exe } } }),
          },
        },
      };
    },
  },
  workspace: {
    workspaceFolders: [{ uri: { fsPath: '/work/project' } }],
    getConfiguration: (section) => ({
      get: (key, fallback) => (key in settings ? settings[key] : fallback),
      section,
    }),
    createFileSystemWatcher: (glob) => ({ glob }),
    onDidChangeConfiguration: () => ({ dispose() {} }),
    onDidSaveTextDocument: (fn) => {
      saveListeners.push(fn);
      return { dispose() {} };
    },
  },
  window: {
    activeTextEditor: activeDocument ? { document: activeDocument } : undefined,
    createOutputChannel: (name) => ({ name, appendLine() {}, show() {}, dispose() {} }),
    showErrorMessage: (message) => report.errors.push(message),
    showWarningMessage: (message) => report.warnings.push(message),
    createTerminal: (options) => {
      report.terminals.push(options);
      return { show() {} };
    },
    createWebviewPanel: (viewType, title, column, options) => {
      const panel = {
        viewType,
        title,
        options,
        webview: { html: '' },
        reveal() {},
        onDidDispose: () => ({ dispose() {} }),
      };
      report.webviews.push(panel);
      return panel;
    },
  },
  commands: {
    registerCommand: (name, fn) => {
      report.commands.push(name);
      commands[name] = fn;
      return { dispose() {} };
    },
  },
};

class LanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    report.clients.push({ id, name, run: serverOptions.run, clientOptions });
  }
  async start() {
    if (settings.failStart) {
      throw new Error('spawn perflang ENOENT');
    }
  }
  async stop() {}
}
const clientStub = { LanguageClient, TransportKind: { stdio: 0 }, RevealOutputChannelOn: { Never: 4 } };

const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'vscode') return vscodeStub;
  if (request === 'vscode-languageclient/node') return clientStub;
  return load.call(this, request, ...rest);
};

const extension = require(path.join(root, 'extension.js'));
(async () => {
  await extension.activate({ subscriptions: [], asAbsolutePath: (p) => path.join(root, p) });
  for (const name of settings.run || []) {
    await commands[name]();
  }
  if (settings.save && activeDocument) {
    for (const fn of saveListeners) await fn(activeDocument);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const c = report.clients[0];
  const out = {
    commands: report.commands,
    errors: report.errors,
    warnings: report.warnings,
    opened: report.opened,
    terminals: report.terminals,
    webviews: report.webviews.map((w) => ({ viewType: w.viewType, title: w.title, options: w.options, html: w.webview.html })),
    l10n: report.l10n || [],
  };
  if (c) {
    Object.assign(out, {
      id: c.id,
      command: c.run.command,
      args: c.run.args,
      transport: c.run.transport,
      PERFLANG_LANG: c.run.options.env.PERFLANG_LANG,
      initializationOptions: c.clientOptions.initializationOptions,
      documentSelector: c.clientOptions.documentSelector,
      configurationSection: c.clientOptions.synchronize.configurationSection,
      watched: c.clientOptions.synchronize.fileEvents ? c.clientOptions.synchronize.fileEvents.glob : null,
    });
  }
  await extension.deactivate();
  process.stdout.write(JSON.stringify(out));
})().catch((err) => {
  process.stderr.write(String((err && err.stack) || err) + '\n');
  process.exit(1);
});
