// The perflang client for VS Code: starts `perflang lsp` over stdio and connects it to .perf files.
// Plain JavaScript (no build step), so `vsce package` works offline from a fresh `npm ci`.
'use strict';

const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient, TransportKind, RevealOutputChannelOn } = require('vscode-languageclient/node');

let client = null;
let output = null;

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
  let out = value.replace(/\$\{workspaceFolder\}/g, folder);
  if (out === '~' || out.startsWith('~/')) {
    out = path.join(os.homedir(), out.slice(1));
  }
  return out;
}

function createClient() {
  const config = vscode.workspace.getConfiguration('perflang');
  const command = expandPath(config.get('path', 'perflang') || 'perflang');
  const settings = serverSettings(config);
  const executable = {
    command,
    args: ['lsp'],
    transport: TransportKind.stdio,
    // PERFLANG_LANG is the language every perflang command reads (docs/cli.md).
    options: { env: { ...process.env, PERFLANG_LANG: settings.language } },
  };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'perf' },
      { scheme: 'untitled', language: 'perf' },
    ],
    initializationOptions: settings,
    synchronize: {
      configurationSection: 'perflang',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.perf,pyproject.toml,perflang.toml}'),
    },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  return new LanguageClient('perflang', 'perflang', { run: executable, debug: executable }, clientOptions);
}

async function start() {
  client = createClient();
  try {
    await client.start();
  } catch (err) {
    const command = expandPath(vscode.workspace.getConfiguration('perflang').get('path', 'perflang') || 'perflang');
    const zh = vscode.env.language.toLowerCase().startsWith('zh');
    const message = zh
      ? `无法启动 perflang 语言服务器（${command} lsp）：${err.message}。请安装 perflang（pip install "perflang[lsp]"），或在设置 perflang.path 中写明它的路径。`
      : `Could not start the perflang language server (${command} lsp): ${err.message}. Install perflang (pip install "perflang[lsp]") or set perflang.path to its location.`;
    vscode.window.showErrorMessage(message);
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

async function activate(context) {
  output = vscode.window.createOutputChannel('perflang');
  context.subscriptions.push(output);
  context.subscriptions.push(vscode.commands.registerCommand('perflang.restartServer', async () => {
    await stop();
    await start();
  }));
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (event) => {
    // path and language are fixed when the server starts: restart it; the profile is sent as a setting
    if (event.affectsConfiguration('perflang.path') || event.affectsConfiguration('perflang.language')) {
      await stop();
      await start();
    }
  }));
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
