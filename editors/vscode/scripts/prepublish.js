// vscode:prepublish (run by `vsce package`): bundle perflang and its libraries into
// bundled/libs with scripts/bundle.py, run by the first Python 3.11+ found (PERFLANG_PYTHON,
// else py -3 on Windows, python3, python).
'use strict';

const { spawnSync } = require('child_process');
const path = require('path');

const script = path.join(__dirname, 'bundle.py');
const candidates = [];
if (process.env.PERFLANG_PYTHON) candidates.push([process.env.PERFLANG_PYTHON]);
if (process.platform === 'win32') candidates.push(['py', '-3']);
candidates.push(['python3'], ['python']);

for (const [command, ...args] of candidates) {
  const probe = spawnSync(command, [...args, '-c', 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)']);
  if (probe.error || probe.status !== 0) continue;
  const done = spawnSync(command, [...args, script], { stdio: 'inherit' });
  process.exit(done.status === null ? 1 : done.status);
}
console.error('vscode:prepublish: Python 3.11 or newer with pip is needed to bundle perflang (set PERFLANG_PYTHON)');
process.exit(1);
