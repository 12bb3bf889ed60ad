// Gives the Wasm core's imports one- or two-letter names (and their module the name `a`), in
// the .wasm and in wasm-bindgen's JS glue alike. wasm-bindgen names each import after its JS function plus a 16-hex hash
// (`__wbg_fetch_3e1a87a6a8540306`); ~40 of them are ~2 KB in each of the two files, and hashes
// do not compress. Runs between wasm-bindgen and wasm-opt; touches nothing else. `editExports`
// does the same for wasm-bindgen's own exports and removes those the glue never reads.
//
// It must not guess: every name is renamed in the glue exactly once, and every dropped export
// exists and is unused by the glue, or the build fails.

import { readFileSync, writeFileSync } from 'node:fs';

function readU32(b, at) {
  let n = 0;
  let shift = 0;
  for (;;) {
    const byte = b[at++];
    n |= (byte & 0x7f) << shift;
    if (!(byte & 0x80)) return [n >>> 0, at];
    shift += 7;
  }
}

function u32(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

const name = (s) => {
  const b = Buffer.from(s, 'utf8');
  return [...u32(b.length), ...b];
};

/** The n-th short name: a…z, A…Z, then two letters. */
function short(n) {
  const abc = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return n < abc.length ? abc[n] : abc[Math.floor(n / abc.length) - 1] + abc[n % abc.length];
}

/** Skips one import description (after its kind byte); returns the offset after it. */
function skipDesc(b, kind, at) {
  const limits = (p) => {
    const flags = b[p++];
    [, p] = readU32(b, p);
    if (flags & 1) [, p] = readU32(b, p);
    return p;
  };
  if (kind === 0) return readU32(b, at)[1]; // function: type index
  if (kind === 1) return limits(at + 1); // table: reference type, limits
  if (kind === 2) return limits(at); // memory: limits
  if (kind === 3) return at + 2; // global: value type, mutability
  if (kind === 4) return readU32(b, at + 1)[1]; // tag: attribute, type index
  throw new Error(`shorten-imports: unknown import kind ${kind}`);
}

/**
 * `wasm` with the body of its section `id` replaced by what `edit(body, end)` returns (the
 * body starts at offset `body`, ends at `end`); every other section is kept as is.
 */
function editSection(wasm, wasmPath, id, edit) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) throw new Error(`${wasmPath} is not Wasm`);
  const parts = [wasm.subarray(0, 8)];
  let at = 8;
  while (at < wasm.length) {
    const [size, body] = readU32(wasm, at + 1);
    const end = body + size;
    if (wasm[at] === id) {
      const content = edit(body, end);
      parts.push(Buffer.from([id, ...u32(content.length)]), content);
    } else parts.push(wasm.subarray(at, end));
    at = end;
  }
  return Buffer.concat(parts);
}

/** Renames the imports `glue` provides in `wasmPath` and in `gluePath`, in place. */
export function shortenImports(wasmPath, gluePath, moduleName) {
  const wasm = readFileSync(wasmPath);
  let glue = readFileSync(gluePath, 'utf8');
  let renamed = 0;
  const edited = editSection(wasm, wasmPath, 2, (body, end) => {
    let [count, p] = readU32(wasm, body);
    const out = [...u32(count)];
    for (let i = 0; i < count; i++) {
      let len;
      [len, p] = readU32(wasm, p);
      const mod = wasm.toString('utf8', p, p + len);
      p += len;
      [len, p] = readU32(wasm, p);
      const field = wasm.toString('utf8', p, p + len);
      p += len;
      const kind = wasm[p];
      const descEnd = skipDesc(wasm, kind, p + 1);
      let newField = field;
      let newMod = mod;
      if (mod === moduleName) {
        newMod = 'a';
        newField = short(renamed++);
        const key = new RegExp(`(^|[^\\w$])${field.replace(/\$/g, '\\$')}:`, 'g');
        const hits = glue.match(key);
        if (!hits || hits.length !== 1) throw new Error(`shorten-imports: import ${field} is a key in the glue ${hits ? hits.length : 0} times, expected once`);
        glue = glue.replace(key, `$1${newField}:`);
      }
      out.push(...name(newMod), ...name(newField), ...wasm.subarray(p, descEnd));
      p = descEnd;
    }
    if (p !== end) throw new Error('shorten-imports: import section did not parse to its end');
    return Buffer.from(out);
  });
  // The module name is repeated in every import too: `"./faultline_bg.js": import0` becomes `a: import0`.
  const modKey = new RegExp(`(["'])${moduleName.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\1:`, 'g');
  const modHits = glue.match(modKey);
  if (!modHits || modHits.length !== 1) throw new Error(`shorten-imports: module ${moduleName} is a key in the glue ${modHits ? modHits.length : 0} times, expected once`);
  glue = glue.replace(modKey, 'a:');
  writeFileSync(wasmPath, edited);
  writeFileSync(gluePath, glue);
  return renamed;
}

/**
 * Edits the exports of `wasmPath` and the glue at `gluePath`, in place: removes the exports in
 * `drop`, so wasm-opt can drop what only they kept, and gives wasm-bindgen's own exports
 * (`__wbindgen_*`, named in every call of the glue, which a minifier cannot shorten) short names.
 * Fails if a dropped export is missing or named by the glue, or a renamed one is not used
 * as `wasm.<name>` there (a new wasm-bindgen changed its output).
 */
export function editExports(wasmPath, gluePath, drop) {
  const wasm = readFileSync(wasmPath);
  let glue = readFileSync(gluePath, 'utf8');
  const dropped = new Set();
  let renamed = 0;
  const edited = editSection(wasm, wasmPath, 7, (body, end) => {
    let [count, p] = readU32(wasm, body);
    const kept = [];
    for (let i = 0; i < count; i++) {
      let len;
      [len, p] = readU32(wasm, p);
      const field = wasm.toString('utf8', p, p + len);
      const descStart = p + len;
      [, p] = readU32(wasm, descStart + 1); // kind byte, then the index
      if (drop.includes(field)) {
        dropped.add(field);
        continue;
      }
      let newField = field;
      if (field.startsWith('__wbindgen_')) {
        // `$` cannot clash with a Rust export name (init, op, memory).
        newField = '$' + short(renamed++);
        const key = new RegExp(`\\bwasm\\.${field}\\b`, 'g');
        if (!key.test(glue)) throw new Error(`edit-exports: the glue never calls wasm.${field}`);
        glue = glue.replace(key, () => `wasm.${newField}`);
      }
      kept.push(Buffer.from(name(newField)), wasm.subarray(descStart, p));
    }
    if (p !== end) throw new Error('edit-exports: export section did not parse to its end');
    return Buffer.concat([Buffer.from(u32(count - dropped.size)), ...kept]);
  });
  for (const n of drop) {
    if (!dropped.has(n)) throw new Error(`edit-exports: ${wasmPath} has no export ${n}`);
    if (glue.includes(n)) throw new Error(`edit-exports: ${gluePath} uses export ${n}`);
  }
  if (/__wbindgen_/.test(glue)) throw new Error(`edit-exports: ${gluePath} still names a __wbindgen_ export`);
  writeFileSync(wasmPath, edited);
  writeFileSync(gluePath, glue);
}
