// Runs the demo: the local inbox on 127.0.0.1:8969 and the example React app, built for
// production, on 127.0.0.1:5173. Open the app, press the buttons, watch the inbox print.
// Ctrl-C stops both.

import { spawn, execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const app = join(root, 'examples', 'react-vite');
const children = [];

function start(cmd, args, opts) {
  const child = spawn(cmd, args, { stdio: 'inherit', ...opts });
  children.push(child);
  child.on('exit', (code) => {
    if (code) {
      console.error(`[demo] ${cmd} exited with ${code}`);
      stop(code);
    }
  });
  return child;
}

function stop(code = 0) {
  for (const c of children) c.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, stdio: 'inherit' });
execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: app, stdio: 'inherit' });

start(join(root, '.venv', 'bin', 'python'), [join(root, 'tests', 'inbox', 'inbox.py'), '--port', '8969', '--store', join(root, 'target', 'demo-inbox')]);
start('npx', ['vite', 'preview', '--logLevel', 'warn'], { cwd: app });
console.log('\n[demo] app:   http://127.0.0.1:5173  (press the buttons)');
console.log('[demo] inbox: http://127.0.0.1:8969  (events are printed below)\n');
