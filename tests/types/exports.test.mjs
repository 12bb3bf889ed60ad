// The hand-written declarations cannot drift from the code: every public export of
// `faultline` and `faultline/react` is declared in the matching .d.ts, and every declared
// function, class or constant exists. (app.tsx then checks the declared shapes with tsc.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const js = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'js');
const read = (file) => readFileSync(join(js, file), 'utf8');
const names = (text, re) => [...new Set([...text.matchAll(re)].map((m) => m[1] || m[2]))].sort();
const declared = (file) => names(read(file), /^export (?:declare )?(?:function|const|class) (\w+)/gm);

test('faultline: the runtime exports are the declared ones (internal `_` names aside)', async () => {
  const m = await import(join(js, 'index.js'));
  assert.deepEqual(Object.keys(m).filter((k) => !k.startsWith('_')).sort(), declared('index.d.ts'));
});

test('faultline/react: its own exports are the declared ones, and both re-export faultline', () => {
  // React is not installed at the root, so the entry is read rather than imported.
  const src = read('react/index.js');
  const own = names(src, /^export (?:function|const|class) (\w+)|^export \{ (\w+) \} from/gm);
  for (const list of src.matchAll(/^export \{ (\w+(?:, \w+)+) \} from/gm)) own.push(...list[1].split(', '));
  // `export * from './router.js'`: that file's own exports, renamed ones (`a as b`) by their new name.
  const router = read('react/router.js');
  own.push(...names(router, /^export function (\w+)/gm));
  for (const list of router.matchAll(/^export \{([^}]*)\};/gm)) own.push(...list[1].split(',').map((e) => e.trim().split(/\s+as\s+/).pop()).filter(Boolean));
  assert.match(src, /^export \* from '\.\/router\.js';$/m);
  assert.deepEqual(own.sort(), declared('react/index.d.ts'));
  assert.match(src, /^export \* from '\.\.\/index\.js';$/m);
  assert.match(read('react/index.d.ts'), /^export \* from '\.\.\/index\.js';$/m);
});
