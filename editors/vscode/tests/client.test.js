// The client's wiring, without VS Code: extension.js is loaded with stand-ins for the `vscode` API
// and for vscode-languageclient that record what it asks for.  Prints a JSON report of how the
// server would be started; tests/test_vscode_grammar.py checks it.  Usage:
//   node tests/client.test.js '{"path": "…", "language": "auto", "profile": "", "displayLanguage": "zh-cn"}'
'use strict';

const Module = require('module');
const path = require('path');

const settings = JSON.parse(process.argv[2] || '{}');
const report = { clients: [], commands: [], errors: [] };

const vscodeStub = {
  env: { language: settings.displayLanguage || 'en' },
  workspace: {
    workspaceFolders: [{ uri: { fsPath: '/work/project' } }],
    getConfiguration: (section) => ({
      get: (key, fallback) => (key in settings ? settings[key] : fallback),
      section,
    }),
    createFileSystemWatcher: (glob) => ({ glob }),
    onDidChangeConfiguration: () => ({ dispose() {} }),
  },
  window: {
    createOutputChannel: (name) => ({ name, appendLine() {}, dispose() {} }),
    showErrorMessage: (message) => report.errors.push(message),
  },
  commands: {
    registerCommand: (name) => {
      report.commands.push(name);
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

const extension = require(path.join(__dirname, '..', 'extension.js'));
(async () => {
  await extension.activate({ subscriptions: [] });
  const c = report.clients[0];
  const out = {
    commands: report.commands,
    errors: report.errors,
    id: c.id,
    command: c.run.command,
    args: c.run.args,
    transport: c.run.transport,
    PERFLANG_LANG: c.run.options.env.PERFLANG_LANG,
    initializationOptions: c.clientOptions.initializationOptions,
    documentSelector: c.clientOptions.documentSelector,
    configurationSection: c.clientOptions.synchronize.configurationSection,
    watched: c.clientOptions.synchronize.fileEvents.glob,
  };
  await extension.deactivate();
  process.stdout.write(JSON.stringify(out));
})().catch((err) => {
  process.stderr.write(String(err && err.stack || err) + '\n');
  process.exit(1);
});
