// Tokenize .perf text with the extension's grammar, exactly as VS Code does (vscode-textmate and
// the Oniguruma regex engine): reads JSON {"documents": [[line, …], …]} on stdin, writes
// [[[{"text", "scopes"}, …] per line] per document] on stdout.  tests/test_vscode_grammar.py uses it to hold
// the grammar to the compiler's own keyword, comparator and unit tables.
'use strict';

const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const GRAMMAR = path.join(__dirname, '..', 'syntaxes', 'perf.tmLanguage.json');

async function main() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () => vsctm.parseRawGrammar(fs.readFileSync(process.env.PERF_GRAMMAR || GRAMMAR, 'utf8'), GRAMMAR),
  });
  const grammar = await registry.loadGrammar('source.perf');
  const input = JSON.parse(fs.readFileSync(0, 'utf8'));
  const out = input.documents.map((lines) => {
    let stack = vsctm.INITIAL;
    return lines.map((line) => {
      const result = grammar.tokenizeLine(line, stack);
      stack = result.ruleStack;
      return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    });
  });
  process.stdout.write(JSON.stringify(out));
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack || err) + '\n');
  process.exit(1);
});
