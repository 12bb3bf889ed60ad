// Builds the npm package into pkg/: cargo (wasm32, release) → wasm-bindgen (web target)
// → shorter import names and a trimmed glue that takes the shim's I/O as an argument → wasm-opt -Oz (npm binaryen; Debian's wasm-opt 108
// corrupts the externref table) → one glue for both cores → copy the JS shim (its private property names shortened:
// mangle.mjs) and the package files. Prints the bytes that ship.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { editExports, shortenImports } from './shorten-imports.mjs';
import { jsFiles as jsFilesUnder, manglePrivate } from './mangle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'pkg');
const bindgenOut = join(root, 'target', 'bindgen');
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });

const cargoVersion = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
const template = JSON.parse(readFileSync(join(root, 'pkg-template', 'package.json'), 'utf8'));
const jsVersion = /SDK_VERSION = '([^']+)'/.exec(readFileSync(join(root, 'js', 'index.js'), 'utf8'))[1];
if (template.version !== cargoVersion || jsVersion !== cargoVersion) {
  throw new Error(`version mismatch: Cargo ${cargoVersion}, package.json ${template.version}, js ${jsVersion}`);
}

// Trims wasm-bindgen's glue of what js/core.js never reaches (it calls `default` with
// `{ module_or_path, io }`, the URL possibly undefined): `initSync`, the warnings for older
// call shapes, instantiating from anything but a fetch, and fallbacks for older browsers.
// The warning for a .wasm served with the wrong MIME type becomes one `[faultline]` line. Each
// edit must apply exactly once, or the build fails: a new wasm-bindgen changed the glue.
function trimGlue(path) {
  let glue = readFileSync(path, 'utf8');
  const edits = [
    [/\nfunction initSync\(module\) \{[\s\S]*?\n\}\n/, '\n'],
    [/export \{ initSync, __wbg_init as default \};/, 'export { __wbg_init as default };'],
    [
      /if \(Object\.getPrototypeOf\(module_or_path\) === Object\.prototype\) \{\s*\(\{module_or_path\} = module_or_path\)\s*\} else \{[^}]*\}/,
      '({ module_or_path } = module_or_path);',
    ],
    [
      /console\.warn\("`WebAssembly\.instantiateStreaming` failed[^\n]*/,
      "console.warn('[faultline] the .wasm file is not served as application/wasm, so it loads slower:', e);",
    ],
    // `wasmUrl` is a string or URL (index.d.ts), so the glue always fetches: a compiled module or
    // bytes never reach `__wbg_load`.
    [
      / else \{\n\s*const instance = await WebAssembly\.instantiate\(module, imports\);\n\n\s*if \(instance instanceof WebAssembly\.Instance\) \{\n\s*return \{ instance, module \};\n\s*\} else \{\n\s*return instance;\n\s*\}\n\s*\}/,
      '',
    ],
    // Strings are always passed with `realloc`; the encoder without `encodeInto` is for browsers
    // older than the Wasm features the core needs (reference types: Safari 15).
    [/\n    if \(realloc === undefined\) \{\n[\s\S]*?\n    \}\n/, '\n'],
    [/\nif \(!\('encodeInto' in cachedTextEncoder\)\) \{\n[\s\S]*?\n\}\n/, '\n'],
    // js/core.js calls `default` once, always with an object, and the glue then always fetches
    // (`wasmUrl` is a string or URL, or the default URL): no re-init guard, no other argument
    // shapes, and what `__wbg_load` receives is always a `Response`.
    [/\n    if \(wasm !== undefined\) return wasm;\n/, '\n'],
    [/if \(module_or_path !== undefined\) \{\s*(\(\{ module_or_path \} = module_or_path\);)\s*\}/, '$1'],
    [/if \(typeof module_or_path === 'string' \|\| [^\n]*\{\n\s*(module_or_path = fetch\(module_or_path\);)\n\s*\}/, '$1'],
    [/if \(typeof Response === 'function' && module instanceof Response\) \{/, '{'],
    // Every browser with the Wasm features the core needs has `instantiateStreaming`.
    [/if \(typeof WebAssembly\.instantiateStreaming === 'function'\) \{\n(\s*try \{[\s\S]*?\n\s*\} else \{ throw e; \}\n\s*\}\n)\s*\}\n/, '$1'],
    // Strings go in through one native `encodeInto` (all of an ASCII string in one call), not a
    // JavaScript loop over its characters first: a capture's text holds its stack, and the loop
    // took a few µs of every `captureException`. The same bytes, and the same reallocations for
    // the rest of a string that is not ASCII.
    [
      /\n    const mem = getUint8ArrayMemory0\(\);\n\n    let offset = 0;\n\n    for \(; offset < len; offset\+\+\) \{\n[\s\S]*?\n    \}\n    if \(offset !== len\) \{\n        if \(offset !== 0\) \{\n            arg = arg\.slice\(offset\);\n        \}\n/,
      '\n    let { read, written: offset } = cachedTextEncoder.encodeInto(arg, getUint8ArrayMemory0().subarray(ptr, ptr + len));\n' +
        '    if (read !== len) {\n        arg = arg.slice(read);\n',
    ],
    // A grown memory detaches the old buffer, so comparing buffers alone tells a stale view
    // (`detached` is the check for browsers without it).
    [
      /cachedDataViewMemory0\.buffer\.detached === true \|\| \(cachedDataViewMemory0\.buffer\.detached === undefined && (cachedDataViewMemory0\.buffer !== wasm\.memory\.buffer)\)/,
      '$1',
    ],
  ];
  for (const [from, to] of edits) {
    const n = (glue.match(new RegExp(from, 'g')) || []).length;
    if (n !== 1) throw new Error(`trim-glue: ${from} matches ${n} times in ${path}, expected once`);
    glue = glue.replace(from, to);
  }
  writeFileSync(path, glue);
}

// The core imports its I/O from js/io.js (`raw_module = "./io.js"` in src/browser/mod.rs).
// Instead of importing that module, the glue takes its `io` object from js/core.js, as
// `default({ module_or_path, io })`: the lazily loaded glue then shares no module with the
// shim, and a bundler keeps it one self-contained chunk (a shared one costs ~500 B gzip).
// Fails unless the glue has the expected shape and no import of io.js is left.
function glueIoFromArgument(path) {
  let glue = readFileSync(path, 'utf8');
  const named = /^import \{ ([\w$, ]+) \} from '\.\/io\.js';\n/m.exec(glue);
  if (!named) throw new Error(`glue-io: no named import of ./io.js in ${path}`);
  const edits = [
    [named[0], `let io, ${named[1]};\n`],
    [/^import \* as import\d+ from "\.\/io\.js"\n/gm, ''],
    [/(\n\s*"\.\/io\.js": import\d+,)+/, '\n        "./io.js": io,'],
    [/\nfunction __wbg_get_imports\(\) \{\n/, `$&    ({ ${named[1]} } = io);\n`],
    [/\(\{ module_or_path \} = module_or_path\);/, '({ module_or_path, io } = module_or_path);'],
  ];
  for (const [from, to] of edits) {
    const next = glue.replace(from, to);
    if (next === glue) throw new Error(`glue-io: ${from} does not match in ${path}`);
    glue = next;
  }
  if (/from ['"]\.\/io\.js|"\.\/io\.js": import/.test(glue)) throw new Error(`glue-io: ${path} still imports ./io.js`);
  writeFileSync(path, glue);
}

rmSync(bindgenOut, { recursive: true, force: true });
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// Two cores: `faultline` for everyone, and `faultline_tracing` with the performance-monitoring
// ops, which `init` loads instead when tracing is configured, so apps that do not trace never
// download them. No default features: no std, so no std panic printing or `core::fmt` in the Wasm.
// The Wasm stack is STACK bytes instead of rustc's default 1 MiB: the core never recurses
// without bound, and its deepest use on the deepest payloads an app can send is about 3 KiB
// (tests/browser/stack.test.mjs measures it and fails above a quarter of the stack). The stack
// comes first in linear memory, so an overflow traps (the shim then stops the core, with one
// console message) instead of overwriting data. 32 KiB (over ten times the deepest use) puts
// the stack and the static data in the first 64 KiB page, and the heap starts in that page's
// tail (src/heap.rs), so after `init` the core holds one page instead of rustc's default 18;
// the smaller stack also saves 65–85 B gzip per core. A link argument of the final crate only: `cargo rustc`
// applies it there without rebuilding the dependencies.
const STACK = 32 * 1024;
for (const [name, features] of [['faultline', []], ['faultline_tracing', ['--features', 'tracing']]]) {
  run('cargo', ['rustc', '--release', '--lib', '--no-default-features', ...features, '--target', 'wasm32-unknown-unknown', '--', '-C', `link-arg=-zstack-size=${STACK}`]);
  run('wasm-bindgen', [
    join(root, 'target', 'wasm32-unknown-unknown', 'release', 'faultline.wasm'),
    '--target', 'web',
    '--out-dir', bindgenOut,
    '--out-name', name,
    '--no-typescript',
  ]);
  shortenImports(join(bindgenOut, name + '_bg.wasm'), join(bindgenOut, name + '.js'), `./${name}_bg.js`);
  trimGlue(join(bindgenOut, name + '.js'));
  glueIoFromArgument(join(bindgenOut, name + '.js'));
  // Drops two statics wasm-bindgen exports for its abort and re-init machinery, which a
  // `panic = "abort"` build's glue never reads (~50 B gzip with what they keep alive).
  editExports(join(bindgenOut, name + '_bg.wasm'), join(bindgenOut, name + '.js'), ['__abort_handler', '__instance_terminated']);
  // `--flatten --rereloop` then `-Oz` twice finds ~500 B gzip more than one `-Oz` (measured on
  // both cores). `--low-memory-unused` lets the optimizer fold constant offsets into loads and
  // stores, which is sound when nothing lives below address 1024: the data starts after the
  // stack (rustc's wasm linker puts the stack first), and the stack reaches its lowest KiB
  // only when STACK − 1 KiB deep, far beyond the core's deepest use (see STACK).
  run(join(root, 'node_modules', '.bin', 'wasm-opt'), [
    join(bindgenOut, name + '_bg.wasm'),
    '--flatten', '--rereloop', '-Oz', '-Oz', '--low-memory-unused',
    '--enable-bulk-memory', '--enable-reference-types', '--enable-multivalue',
    '--enable-mutable-globals', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--strip-debug', '--strip-producers',
    '-o', join(out, name + '_bg.wasm'),
  ]);
}
cpSync(join(root, 'js'), out, { recursive: true });
// Both cores import and export the same, so one glue serves both: js/core.js imports
// `faultline.js` with the shim (no chunk of its own: ~230 B gzip less for every app) and passes
// the tracing core's URL when tracing is on. It replaces the stand-in js/faultline.js. Fails if
// the glues differ but for the file name.
const glue = readFileSync(join(bindgenOut, 'faultline.js'), 'utf8');
if (readFileSync(join(bindgenOut, 'faultline_tracing.js'), 'utf8').replace('faultline_tracing_bg.wasm', 'faultline_bg.wasm') !== glue) {
  throw new Error('the two cores need different wasm-bindgen glue (target/bindgen/faultline*.js): one glue cannot serve both');
}
writeFileSync(join(out, 'faultline.js'), glue);
// Private property names (`_status`) become `_a`, `_b`… in the shim's files (not the glue).
const shim = new Set(jsFilesUnder(join(root, 'js')).map((f) => relative(join(root, 'js'), f)));
shim.delete('faultline.js');
const renamed = manglePrivate(out, (f) => !shim.has(relative(out, f)));
// Nothing outside the shim may name a renamed property: not the type declarations, not the
// wasm-bindgen glue, not the Rust core in a string (reading a JS object's field by name).
const outside = files(out)
  .filter((f) => f.endsWith('.d.ts') || (f.endsWith('.js') && !shim.has(relative(out, f))))
  .map((f) => [f, (k) => new RegExp('\\b' + k + '\\b')])
  .concat(files(join(root, 'src')).filter((f) => f.endsWith('.rs')).map((f) => [f, (k) => new RegExp('"' + k + '"')]));
for (const [f, pattern] of outside) {
  const text = readFileSync(f, 'utf8');
  const named = [...renamed.keys()].filter((k) => pattern(k).test(text));
  if (named.length) throw new Error(`${relative(root, f)} names ${named.join(', ')}, which the build renames in js/: make it public (no \`_\`) there`);
}
cpSync(join(root, 'pkg-template', 'README.md'), join(out, 'README.md'));
writeFileSync(join(out, 'package.json'), JSON.stringify(template, null, 2) + '\n');

// Bytes that ship: every file a bundler can pull from the package.
function files(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}
// `wasm` is the core every app loads; `wasmTracing` the one that replaces it with tracing on.
const sizes = { js: [0, 0, 0], wasm: [0, 0, 0], wasmTracing: [0, 0, 0] };
for (const f of files(out)) {
  const kind = f.endsWith('_tracing_bg.wasm') ? 'wasmTracing' : f.endsWith('.wasm') ? 'wasm' : f.endsWith('.js') ? 'js' : null;
  if (!kind) continue;
  const b = readFileSync(f);
  sizes[kind][0] += b.length;
  sizes[kind][1] += gzipSync(b, { level: 9 }).length;
  sizes[kind][2] += brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}
writeFileSync(join(out, 'sizes.json'), JSON.stringify(sizes) + '\n');
console.log(`pkg/ built: wasm ${sizes.wasm.join(' / ')} B (with tracing ${sizes.wasmTracing.join(' / ')} B), js (unminified sources) ${sizes.js.join(' / ')} B (raw / gzip / brotli)`);
