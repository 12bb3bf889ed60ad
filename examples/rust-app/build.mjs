// Builds the Rust/Wasm example: cargo (wasm32, release, in its own target dir under the root
// target/, so it never shares a lock or a feature set with the npm build) → wasm-bindgen (web
// target) into target/rust-app/pkg/. Prints the size of the Wasm it ships.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const cargoTarget = join(root, 'target', 'rust-app', 'cargo');
const out = join(root, 'target', 'rust-app', 'pkg');
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit', cwd: here });

run('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--target-dir', cargoTarget]);
run('wasm-bindgen', [
  join(cargoTarget, 'wasm32-unknown-unknown', 'release', 'rust_app.wasm'),
  '--target', 'web',
  '--out-dir', out,
  '--no-typescript',
]);
const wasm = readFileSync(join(out, 'rust_app_bg.wasm'));
console.log(`examples/rust-app built into target/rust-app/pkg/: wasm ${wasm.length} / ${gzipSync(wasm, { level: 9 }).length} B (raw / gzip)`);
