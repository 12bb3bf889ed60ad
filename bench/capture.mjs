// A smaller bench for working on runtime cost: builds one variant of the app from several copies
// of pkg/ side by side, then alternates them in one headless Chromium and prints, per build, the
// median synchronous time of one `captureException` (the same burst as `npm run bench`) and the
// heap after load (the same measure). Optionally a CPU profile of a burst and a heap snapshot
// after load, summarised. A tool, not a test.
//
//   node bench/capture.mjs before=bench/out/pkg-before after=pkg [--variant faultline-errors]
//     [--rounds 6] [--refs floor,sentry-errors] [--profile after] [--snapshot after,floor]
//
// BENCH_BURST (1000) sets the burst size. Builds go to bench/out/dist/cmp-<name>/.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launch, root, serveStatic } from '../tests/browser/harness.mjs';
import { heapBytes, isolated, median, startSink, wasmBytes, wasmMemoryProbe } from './common.mjs';

const bench = join(root, 'bench');
const outDir = join(bench, 'out');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf('--' + name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const list = (name) => (opt(name, '') || '').split(',').filter(Boolean);
const BURST = Number(process.env.BENCH_BURST || 1000);
const SINGLE = 15;
const ROUNDS = Number(opt('rounds', 6));
const VARIANT = opt('variant', 'faultline-errors');
// name=pkgdir pairs, in the order given; plus reference variants built from the first pkg.
const builds = argv
  .filter((a, i) => a.includes('=') && !argv[i - 1]?.startsWith('--'))
  .map((a) => {
    const [name, dir] = a.split('=');
    return { name, dir: resolve(dir), variant: VARIANT };
  });
for (const r of list('refs')) builds.push({ name: r, dir: builds[0]?.dir, variant: r });
if (!builds.length) throw new Error('usage: node bench/capture.mjs name=pkgdir … (see the header)');

for (const b of builds) {
  b.out = 'cmp-' + b.name;
  if (argv.includes('--no-build') && existsSync(join(outDir, 'dist', b.out))) continue;
  execFileSync(join(bench, 'node_modules', '.bin', 'vite'), ['build', '--config', join(bench, 'app', 'vite.config.js')], {
    cwd: bench,
    env: { ...process.env, BENCH_VARIANT: b.variant, BENCH_PKG: b.dir, BENCH_OUT: b.out, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const site = await serveStatic(join(outDir, 'dist'), { headers: isolated });
const sink = await startSink();
const browser = await launch();

async function openPage(b) {
  const context = await browser.newContext();
  await context.addInitScript(wasmMemoryProbe);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e && e.message)));
  const cdp = await context.newCDPSession(page);
  await page.goto(`${site.url}/${b.out}/?dsn=${encodeURIComponent(sink.dsn)}`, { waitUntil: 'load' });
  await page.waitForFunction(() => performance.getEntriesByName('first-render').length > 0 && window.__bench);
  await page.evaluate(() => window.__bench.settled());
  return { context, page, cdp, errors };
}

/** Heap after load, as bench/run.mjs measures it; with `snapshot`, a summary of a heap snapshot. */
async function loadHeap(b, snapshot) {
  const { context, page, cdp, errors } = await openPage(b);
  await page.evaluate(() => new Promise((r) => setTimeout(() => requestIdleCallback(r, { timeout: 1000 }), 300)));
  // As in bench/run.mjs: the JS heap plus the core's Wasm linear memory, which it leaves out.
  const heap = (await heapBytes(cdp)) + (await wasmBytes(page));
  let summary;
  if (snapshot) summary = await takeSnapshot(cdp);
  await context.close();
  if (errors.length) throw new Error(`${b.name}: ${errors[0]}`);
  return { heap, summary };
}

/** A heap snapshot, grouped by node type and name: `{key: [count, selfBytes]}`. */
async function takeSnapshot(cdp) {
  const chunks = [];
  const onChunk = (c) => chunks.push(c.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snap = JSON.parse(chunks.join(''));
  const meta = snap.snapshot.meta;
  const f = meta.node_fields;
  const types = meta.node_types[0];
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((k) => f.indexOf(k));
  const groups = {};
  for (let i = 0; i < snap.nodes.length; i += f.length) {
    const type = types[snap.nodes[i + iType]];
    let name = snap.strings[snap.nodes[i + iName]];
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string') name = '';
    if (type === 'code') name = name.slice(0, 40);
    const key = type + ' ' + String(name).slice(0, 80);
    const g = (groups[key] ||= [0, 0]);
    g[0]++;
    g[1] += snap.nodes[i + iSize];
  }
  return groups;
}

/** The burst of bench/run.mjs; with `profile`, a sampling CPU profile around it. */
async function burst(b, profile) {
  const { context, page, cdp, errors } = await openPage(b);
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 20 });
    // Errors are made first, outside the profile, by a burst of 0 that warms nothing up.
  }
  if (profile) await cdp.send('Profiler.start');
  // A few captures on a quiet page first (each waits for the previous delivery), then the burst.
  const single = await page.evaluate((n) => window.__bench.single(n), SINGLE);
  const r = await page.evaluate((n) => window.__bench.burst(n), BURST);
  let prof;
  if (profile) prof = (await cdp.send('Profiler.stop')).profile;
  await page.evaluate(() => window.__bench.flush(15000));
  await context.close();
  if (errors.length) throw new Error(`${b.name}: ${errors[0]}`);
  // The burst's mean per tenth (µs): where the calls above the median are.
  const tenths = Array.from({ length: 10 }, (_, k) => r.times.slice((k * BURST) / 10, ((k + 1) * BURST) / 10)).map((t) => Math.round((1000 * t.reduce((a, x) => a + x, 0)) / t.length));
  const slow = r.times.map((t, i) => [t, i]).sort((a, b) => b[0] - a[0]).slice(0, 8).map(([t, i]) => `#${i} ${Math.round(t * 1000)}`);
  return { median: median(r.times), mean: r.total / BURST, single: median(single), tenths, slow, prof };
}

/** Self time per function (ms) and the inclusive time of the capture's children, top `n`. */
function summarize(prof, n = 40) {
  const byId = new Map(prof.nodes.map((x) => [x.id, x]));
  const parent = new Map();
  for (const x of prof.nodes) for (const c of x.children || []) parent.set(c, x.id);
  const dt = new Map();
  for (let i = 0; i < prof.samples.length; i++) dt.set(prof.samples[i], (dt.get(prof.samples[i]) || 0) + (prof.timeDeltas[i + 1] || 0));
  const self = new Map();
  const total = new Map();
  const label = (x) => {
    const c = x.callFrame;
    return `${c.functionName || '(anon)'} ${c.url.split('/').pop()}:${c.lineNumber}:${c.columnNumber}`;
  };
  for (const [id, t] of dt) {
    const x = byId.get(id);
    self.set(label(x), (self.get(label(x)) || 0) + t);
    // Inclusive: once per distinct label on the path.
    const seen = new Set();
    for (let p = id; p != null; p = parent.get(p)) {
      const l = label(byId.get(p));
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) || 0) + t);
    }
  }
  const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${(v / 1000).toFixed(1).padStart(8)} ms  ${k}`);
  return 'self:\n' + top(self).join('\n') + '\n\ninclusive:\n' + top(total).join('\n');
}

const profileFor = new Set(list('profile'));
const snapshotFor = new Set(list('snapshot'));
const res = Object.fromEntries(builds.map((b) => [b.name, { median: [], mean: [], single: [], heap: [] }]));
mkdirSync(join(outDir, 'capture'), { recursive: true });
for (let round = 0; round < ROUNDS; round++) {
  for (let k = 0; k < builds.length; k++) {
    const b = builds[(round + k) % builds.length];
    const r = res[b.name];
    const h = await loadHeap(b, round === 0 && snapshotFor.has(b.name));
    r.heap.push(h.heap);
    if (h.summary) writeFileSync(join(outDir, 'capture', `snapshot-${b.name}.json`), JSON.stringify(h.summary));
    if (b.variant === 'floor') continue;
    const c = await burst(b, round === 0 && profileFor.has(b.name));
    r.median.push(c.median);
    r.mean.push(c.mean);
    r.single.push(c.single);
    if (argv.includes('--tenths')) console.log(`${b.name} burst mean per tenth µs: ${c.tenths.join(' ')}; slowest: ${c.slow.join(', ')}`);
    if (c.prof) {
      writeFileSync(join(outDir, 'capture', `profile-${b.name}.cpuprofile`), JSON.stringify(c.prof));
      writeFileSync(join(outDir, 'capture', `profile-${b.name}.txt`), summarize(c.prof));
    }
  }
  process.stdout.write(`round ${round + 1}/${ROUNDS} done\n`);
}
await browser.close();
sink.close();
site.close();

const floor = res.floor && median(res.floor.heap);
const us = (xs) => (xs.length ? (median(xs) * 1000).toFixed(0) + ' [' + xs.map((x) => (x * 1000).toFixed(0)).join(' ') + ']' : '–');
console.log(`\ncapture µs: median of the rounds' medians over ${BURST} burst calls [per round]; mean = burst total / ${BURST}; quiet = median of ${SINGLE} captures each after the previous was delivered`);
console.log(`heap KB after load${floor ? ' (− floor)' : ''} [per round]\n`);
for (const b of builds) {
  const r = res[b.name];
  const h = median(r.heap);
  console.log(`${b.name}:  burst ${us(r.median)}   mean ${us(r.mean)}   quiet ${us(r.single)}`);
  console.log(`${' '.repeat(b.name.length)}   heap ${(h / 1024).toFixed(1)}${floor ? ' (+' + ((h - floor) / 1024).toFixed(1) + ')' : ''} [${r.heap.map((x) => (x / 1024).toFixed(0)).join(' ')}]`);
}
writeFileSync(join(outDir, 'capture', 'results.json'), JSON.stringify(res, null, 2));
