// Runs the Rust/Wasm example: the local inbox on 127.0.0.1:8969 and a static server for the
// repository on a free port of 127.0.0.1 (the example loads its build from target/rust-app/pkg/).
// Build first with `node examples/rust-app/build.mjs`; `npm run demo:rust` does both.
// Ctrl-C stops both.

import { spawn } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../../tests/browser/harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const inbox = spawn(join(root, '.venv', 'bin', 'python'), [join(root, 'tests', 'inbox', 'inbox.py'), '--port', '8969', '--store', join(root, 'target', 'demo-inbox')], {
  stdio: 'inherit',
});
const site = await serveStatic(root);

function stop(code = 0) {
  inbox.kill('SIGTERM');
  site.close();
  process.exit(code);
}
inbox.on('exit', (code) => code && stop(code));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
console.log(`\n[demo:rust] app:   ${site.url}/examples/rust-app/  (press the buttons)`);
console.log('[demo:rust] inbox: http://127.0.0.1:8969  (events are printed below)\n');
