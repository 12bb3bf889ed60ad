// The size check: what an app ships when it imports Faultline, compared with the committed
// budget in pkg-template/size-budget.json. Fails when anything grows more than 5% over it.
//
//   node scripts/size-check.mjs            check (scripts/test.sh runs this after building pkg/)
//   node scripts/size-check.mjs --update   write the current sizes as the new budget
//
// JS is measured as a Vite app ships it: each public entry bundled and minified by rolldown
// (the bundler inside Vite, pinned by examples/react-vite's lock file), react left external,
// every chunk counted (the lazily imported wasm-bindgen glue included). Each Wasm core in pkg/
// is counted as is. gzip -9 and brotli 11. No timing: the same tree gives the same numbers.

import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const budgetFile = join(root, 'pkg-template', 'size-budget.json');
const work = join(root, 'target', 'size-check');
const TOLERANCE = 0.05;

// What an app imports, as @sentry/react's own size-limit does (`init` + `ErrorBoundary` for
// errors only). A set whose names the package does not export yet is skipped with a note.
// `core` is the wasm-bindgen glue the page downloads at init (the other core's glue is a lazy
// chunk that such an app never fetches, so it is not counted).
const SETS = {
  errors: { core: 'faultline', faultline: ['init', 'captureException'], 'faultline/react': ['ErrorBoundary'] },
  tracing: { core: 'faultline_tracing', faultline: ['init', 'captureException', 'browserTracingIntegration'], 'faultline/react': ['ErrorBoundary'] },
  everything: { faultline: '*', 'faultline/react': '*' },
};
const GLUE = /^faultline(_\w+)?$/;
const FILES = { faultline: 'index.js', 'faultline/react': 'react/index.js' };

const requireFromExample = createRequire(join(root, 'examples', 'react-vite', 'package.json'));
const { rolldown } = await import(pathToFileURL(requireFromExample.resolve('rolldown')).href);

const sizes = (b) => [b.length, gzipSync(b, { level: 9 }).length, brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length];

/** Bundles one import set minified; returns [raw, gzip, brotli] summed over all chunks, or null if a name is missing. */
async function bundled(name, { core, ...set }) {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, 'entry.js');
  // `*` keeps a whole module as a namespace (two `export *` sharing a name would drop it).
  const lines = Object.entries(set).map(([mod, names], i) => {
    const from = JSON.stringify(join(pkg, FILES[mod]));
    return names === '*' ? `export * as _${i} from ${from};` : `export { ${names.join(', ')} } from ${from};`;
  });
  writeFileSync(entry, lines.join('\n') + '\n');
  let missing = false;
  const build = await rolldown({
    input: entry,
    external: [/^react($|\/)/],
    onLog: (level, log) => {
      if (log.code === 'MISSING_EXPORT') missing = true;
    },
  });
  const { output } = await build.write({ dir: join(dir, 'out'), format: 'es', minify: true });
  await build.close();
  if (missing) return null;
  const total = [0, 0, 0];
  for (const chunk of output) {
    if (chunk.type !== 'chunk' || (core && GLUE.test(chunk.name) && chunk.name !== core)) continue;
    sizes(Buffer.from(chunk.code)).forEach((n, i) => (total[i] += n));
  }
  if (total[0] < 1000) throw new Error(`the ${name} bundle is ${total[0]} bytes: pkg/ is incomplete`);
  return total;
}

const exists = (p) => {
  try {
    return statSync(p).isFile();
  } catch (e) {
    return false;
  }
};

// A half-built pkg/ (another build running) must not be measured, let alone written as the budget.
for (const f of ['package.json', 'index.js', 'faultline.js', 'faultline_bg.wasm']) {
  if (!exists(join(pkg, f))) throw new Error(`pkg/${f} is missing: run \`node pkg-template/build.mjs\` (and let it finish) first`);
}
// Every Wasm core in the package, each in full (an app loads one of them).
const wasmFiles = readdirSync(pkg).filter((f) => f.endsWith('.wasm'));
if (!wasmFiles.length) throw new Error('no .wasm in pkg/: run `node pkg-template/build.mjs` first');
const now = Object.fromEntries(wasmFiles.sort().map((f) => [f, sizes(readFileSync(join(pkg, f)))]));
for (const [name, set] of Object.entries(SETS)) {
  const usable = Object.fromEntries(Object.entries(set).filter(([mod]) => mod === 'core' || exists(join(pkg, FILES[mod]))));
  const s = await bundled(name, usable);
  if (s) now['js ' + name] = s;
  else console.log(`size js ${name}: not measured, the package does not export all of it yet`);
}

const show = (s) => s.join(' / ');
if (process.argv.includes('--update')) {
  const doc = {
    _comment:
      'Bytes an app ships for Faultline: [raw, gzip -9, brotli 11]. Written by `node scripts/size-check.mjs --update`; ' +
      'scripts/test.sh fails when a size grows more than 5% over this. Raise it only deliberately, saying why in the commit.',
    ...now,
  };
  writeFileSync(budgetFile, JSON.stringify(doc, null, 2) + '\n');
  for (const [k, s] of Object.entries(now)) console.log(`size budget ${k}: ${show(s)}`);
  process.exit(0);
}

const budget = JSON.parse(readFileSync(budgetFile, 'utf8'));
let over = 0;
const KINDS = ['raw', 'gzip', 'brotli'];
for (const [k, s] of Object.entries(now)) {
  const b = budget[k];
  if (!b) {
    console.log(`size ${k}: ${show(s)} (no budget yet; add one with --update)`);
    continue;
  }
  const worst = s.map((n, i) => n / b[i] - 1);
  const bad = worst.map((w, i) => (w > TOLERANCE ? KINDS[i] : null)).filter(Boolean);
  const pct = worst.map((w) => (w >= 0 ? '+' : '') + (w * 100).toFixed(1) + '%').join(' / ');
  console.log(`size ${k}: ${show(s)} B, budget ${show(b)} (${pct})${bad.length ? '  OVER BUDGET (' + bad.join(', ') + ')' : ''}`);
  if (bad.length) over++;
}
for (const k of Object.keys(budget)) {
  if (k !== '_comment' && !now[k]) console.log(`size ${k}: in the budget but not in pkg/ (entry removed?)`);
}
if (over) {
  console.error(
    `\nerror: the package grew more than ${TOLERANCE * 100}% over pkg-template/size-budget.json.\n` +
      'Find where the bytes went (twiggy top / twiggy dominators on the size-probe build, see bench/README.md) and win them back,\n' +
      'or, if the growth is worth it, raise the budget deliberately: `node scripts/size-check.mjs --update`, commit\n' +
      'pkg-template/size-budget.json and say in the commit message what the bytes buy.',
  );
  process.exit(1);
}
