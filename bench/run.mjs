// `npm run bench`: builds the same React app with no SDK, @sentry/react and Faultline, then
// measures bytes, load cost, capture cost and memory under load in one headless Chromium,
// alternating the variants. Prints one table, writes bench/out/results.json.
//
// It is a benchmark, not a test: it asserts only that each variant built and sent what it
// should (a benchmark of a broken SDK is worthless), never a timing. See bench/README.md.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { launch, root, serveStatic, startInbox } from '../tests/browser/harness.mjs';
import { heapBytes, isolated, median, spread, startSink, wasmBytes, wasmMemoryProbe } from './common.mjs';

const bench = join(root, 'bench');
const outDir = join(bench, 'out');
const args = new Set(process.argv.slice(2));
// 60, not 30: with 30 the errors-only CPU ratio moved between 0.82 and 1.15 from run to run.
const LOADS = Number(process.env.BENCH_LOADS || 60);
const BURST = Number(process.env.BENCH_BURST || 1000);
const UNDER_LOAD = Number(process.env.BENCH_UNDER_LOAD || 10000);

/** Each variant: the adapter in app/src/sdk/, whether it sends events, and a pageload transaction. */
const VARIANTS = [
  { name: 'floor', label: 'no SDK (floor)', sends: false, tracing: false },
  { name: 'sentry-errors', label: '@sentry/react errors', sends: true, tracing: false },
  { name: 'sentry-tracing', label: '@sentry/react +tracing', sends: true, tracing: true },
  { name: 'faultline-errors', label: 'faultline errors', sends: true, tracing: false },
  { name: 'faultline-tracing', label: 'faultline +tracing', sends: true, tracing: true },
];
/** Which @sentry/react variant each variant is compared with. */
const ANCHOR = { 'sentry-errors': 'sentry-errors', 'faultline-errors': 'sentry-errors', 'sentry-tracing': 'sentry-tracing', 'faultline-tracing': 'sentry-tracing' };

const failures = [];
const fail = (msg) => {
  failures.push(msg);
  console.error('\n!! ' + msg);
};
const log = (msg) => console.log('[bench] ' + msg);
const run = (cmd, argv, opts = {}) => execFileSync(cmd, argv, { stdio: 'inherit', cwd: root, ...opts });

// ---- 1. build -------------------------------------------------------------------------------

const machine = { cores: cpus().length, loadavgBefore: loadavg() };
if (!args.has('--no-pkg')) run('node', [join(root, 'pkg-template', 'build.mjs')]);
// Build the apps from a copy of pkg/: others may rebuild pkg/ while the bench runs.
const pkgCopy = join(outDir, 'pkg');
for (let attempt = 0; ; attempt++) {
  const complete = ['package.json', 'index.js', 'faultline.js', 'faultline_bg.wasm', 'react/index.js'].every((f) => existsSync(join(root, 'pkg', f)));
  if (complete) {
    rmSync(pkgCopy, { recursive: true, force: true });
    cpSync(join(root, 'pkg'), pkgCopy, { recursive: true });
    if (existsSync(join(pkgCopy, 'faultline_bg.wasm')) && existsSync(join(pkgCopy, 'package.json'))) break;
  }
  if (attempt === 60) throw new Error('pkg/ is incomplete: run `node pkg-template/build.mjs`');
  await new Promise((r) => setTimeout(r, 2000));
}
if (!existsSync(join(bench, 'node_modules', '.package-lock.json')) || statSync(join(bench, 'package-lock.json')).mtimeMs > statSync(join(bench, 'node_modules', '.package-lock.json')).mtimeMs) {
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: bench });
}
const versions = {
  '@sentry/react': JSON.parse(readFileSync(join(bench, 'node_modules', '@sentry', 'react', 'package.json'), 'utf8')).version,
  react: JSON.parse(readFileSync(join(bench, 'node_modules', 'react', 'package.json'), 'utf8')).version,
  vite: JSON.parse(readFileSync(join(bench, 'node_modules', 'vite', 'package.json'), 'utf8')).version,
  faultline: JSON.parse(readFileSync(join(pkgCopy, 'package.json'), 'utf8')).version,
};

for (const v of VARIANTS) {
  try {
    execFileSync(join(bench, 'node_modules', '.bin', 'vite'), ['build', '--config', join(bench, 'app', 'vite.config.js')], {
      cwd: bench,
      env: { ...process.env, BENCH_VARIANT: v.name, BENCH_PKG: pkgCopy, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    v.built = true;
  } catch (e) {
    v.built = false;
    const why = String(e.stderr || e.message)
      .replace(/\x1b\[[0-9;]*m/g, '')
      .split('\n')
      .filter((l) => /error|MISSING|not exported|Cannot/i.test(l) && !/^\s+at /.test(l))
      .slice(0, 3)
      .join(' | ');
    v.error = why || 'vite build failed';
    fail(`variant ${v.name} did not build: ${v.error}`);
  }
}
const built = VARIANTS.filter((v) => v.built);
if (!built.find((v) => v.name === 'floor')) throw new Error('the floor variant did not build; nothing to compare with');

// ---- 2. bytes -------------------------------------------------------------------------------

function filesUnder(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}
const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } }).length;
/** [raw, gzip, brotli] of JS and Wasm among `files`, and their sum. */
function bytesOf(files) {
  const out = { js: [0, 0, 0], wasm: [0, 0, 0], total: [0, 0, 0] };
  for (const f of files) {
    const kind = f.endsWith('.wasm') ? 'wasm' : f.endsWith('.js') ? 'js' : null;
    if (!kind) continue;
    const b = readFileSync(f);
    const s = [b.length, gzipSync(b, { level: 9 }).length, brotli(b)];
    for (let i = 0; i < 3; i++) {
      out[kind][i] += s[i];
      out.total[i] += s[i];
    }
  }
  return out;
}
// What Vite emitted. What a page actually downloads is measured in the browser below.
for (const v of built) v.emitted = bytesOf(filesUnder(join(outDir, 'dist', v.name)));
const floor = built.find((v) => v.name === 'floor');

// ---- 3. browser -----------------------------------------------------------------------------

const site = await serveStatic(join(outDir, 'dist'), { headers: isolated });
const inbox = await startInbox({ store: join(root, 'target', 'bench-inbox') });
const sink = await startSink();
const browser = await launch();
machine.chromium = browser.version();

async function openPage(v, dsn) {
  const context = await browser.newContext();
  await context.addInitScript(wasmMemoryProbe);
  const page = await context.newPage();
  const errors = [];
  const fetched = new Set();
  page.on('pageerror', (e) => errors.push(String(e && e.message)));
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (r.url().startsWith(site.url) && /\.(js|wasm)$/.test(path)) fetched.add(join(outDir, 'dist', decodeURIComponent(path)));
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${site.url}/${v.name}/?dsn=${encodeURIComponent(dsn)}`, { waitUntil: 'load' });
  await page.waitForFunction(() => performance.getEntriesByName('first-render').length > 0 && window.__bench);
  await page.evaluate(() => window.__bench.settled());
  return { context, page, cdp, errors, fetched };
}

/** One fresh page load: a new context (empty caches), metrics read once the SDK settled. */
async function loadOnce(v) {
  const { context, page, cdp, errors, fetched } = await openPage(v, inbox.dsn);
  v.fetched = [...fetched].sort();
  // Let work scheduled right after load (Wasm instantiation, idle callbacks) run.
  await page.evaluate(() => new Promise((r) => setTimeout(() => requestIdleCallback(r, { timeout: 1000 }), 300)));
  const m = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
  const t = await page.evaluate(() => ({
    firstRender: performance.getEntriesByName('first-render')[0].startTime,
    load: performance.getEntriesByType('navigation')[0].loadEventStart,
  }));
  // Heap counts the Wasm linear memory too, which `Runtime.getHeapUsage` leaves out.
  const wasm = await wasmBytes(page);
  const heap = (await heapBytes(cdp)) + wasm;
  await context.close();
  if (errors.length) fail(`${v.name}: page error during load: ${errors[0]}`);
  // TaskDuration is wall time: on a shared machine a task waiting for a core counts too, which
  // scattered the SDK's share from 0.4× to 3.6× the anchor's between runs. ThreadTime is the
  // main thread's CPU time, which waiting does not add to.
  return { firstRender: t.firstRender, load: t.load, busy: m.TaskDuration * 1000, cpu: m.ThreadTime * 1000, script: m.ScriptDuration * 1000, heap, wasm };
}

for (const v of built) v.loads = [];
log(`${LOADS} fresh page loads per variant, alternating ${built.map((v) => v.name).join(', ')}`);
for (let i = 0; i < LOADS; i++) {
  // Rotate the order so no variant always follows the same one.
  for (let k = 0; k < built.length; k++) {
    const v = built[(i + k) % built.length];
    v.loads.push(await loadOnce(v));
  }
}
for (const v of built) {
  // Bytes shipped: every JS and Wasm file the page downloaded by the time the SDK settled.
  v.bytes = bytesOf(v.fetched);
  v.bytes.files = v.fetched.map((f) => f.slice(join(outDir, 'dist').length + 1));
}
for (const v of built) v.bytes.sdk = v.bytes.total.map((x, i) => x - floor.bytes.total[i]);
for (const v of built) {
  v.load = {};
  for (const key of ['firstRender', 'load', 'busy', 'cpu', 'script', 'heap', 'wasm']) v.load[key] = median(v.loads.map((l) => l[key]));
  // The SDK's share per round: each load minus the floor's load of the same round (the variants
  // alternate, so a busy spell of the machine weighs on both), then median and spread.
  v.share = {};
  for (const key of ['busy', 'cpu', 'firstRender']) v.share[key] = spread(v.loads.map((l, i) => l[key] - floor.loads[i][key]));
}

/** The burst: BURST distinct captureException calls, then wait for the inbox to stop receiving. */
async function burstOnce(v) {
  await inbox.reset();
  const { context, page, errors } = await openPage(v, inbox.dsn);
  if (v.tracing) {
    // The pageload transaction goes first; it is also the proof that tracing works.
    // @sentry/react 11 sends it as `span` items, Faultline as a `transaction`.
    v.transactions = await tracesAccepted(15000);
    if (!v.transactions) fail(`${v.name}: no pageload transaction reached the inbox within 15 s`);
  }
  await inbox.reset();
  const t0 = Date.now();
  const r = await page.evaluate((n) => window.__bench.burst(n), BURST);
  let events = [];
  let last = -1;
  let still = 0;
  // Wait until all arrived, or nothing new arrived for 5 s (the SDK dropped the rest).
  for (const deadline = Date.now() + 120000; Date.now() < deadline; ) {
    events = (await inbox.events(BURST, 1)).filter((e) => e.type === 'event');
    if (events.length >= BURST) break;
    still = events.length === last ? still + 1 : 0;
    last = events.length;
    if (still >= 5) break;
  }
  const rejected = (await inbox.requests(0, 0)).filter((q) => q.status >= 400);
  await context.close();
  const arrivals = events.map((e) => e.request).length ? await lastArrival(events) : NaN;
  if (errors.length) fail(`${v.name}: page error during burst: ${errors[0]}`);
  if (rejected.length) fail(`${v.name}: the inbox rejected ${rejected.length} requests: ${rejected[0].status} ${rejected[0].reason}`);
  if (v.sends && events.length === 0) fail(`${v.name}: none of ${BURST} captured errors reached the inbox`);
  const frames = events.length ? (((events[0].payload.exception || {}).values || []).slice(-1)[0]?.stacktrace?.frames || []).length : 0;
  return {
    perCallMedian: median(r.times),
    perCallMean: r.total / BURST,
    stackFrames: r.frames,
    framesSent: frames,
    delivered: events.length,
    lastArrivalMs: arrivals - t0,
    rejected: rejected.length,
  };
}

/** Accepted envelopes carrying a transaction or spans, waiting up to `ms` for the first. */
async function tracesAccepted(ms) {
  for (const until = Date.now() + ms; ; ) {
    const n = (await inbox.requests(1, 1)).filter(
      (q) => q.status === 200 && q.envelope && q.envelope.items.some((i) => i.header.type === 'transaction' || i.header.type === 'span'),
    ).length;
    if (n || Date.now() > until) return n;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Wall-clock time (ms since epoch) at which the inbox received the last accepted event. */
async function lastArrival(events) {
  const seqs = new Set(events.map((e) => e.request));
  const reqs = await inbox.requests(0, 0);
  return Math.max(...reqs.filter((q) => seqs.has(q.seq)).map((q) => Date.parse(q.received)));
}

/**
 * Memory under load: heap (with Wasm memory) after UNDER_LOAD breadcrumbs and UNDER_LOAD
 * captures, sent to a sink. Growth is over the page's heap before the load, which already
 * holds the core's initial Wasm memory (that is in the after-load heap figure).
 */
async function underLoad(v) {
  const before = sink.count();
  const { context, page, cdp, errors } = await openPage(v, sink.dsn);
  const wasmBefore = await wasmBytes(page);
  const base = (await heapBytes(cdp)) + wasmBefore;
  const chunks = await page.evaluate((n) => window.__bench.load(n), UNDER_LOAD);
  await page.evaluate(() => window.__bench.flush(15000));
  await new Promise((r) => setTimeout(r, 1000));
  const wasm = await wasmBytes(page);
  const heap = (await heapBytes(cdp)) + wasm;
  await context.close();
  if (errors.length) fail(`${v.name}: page error under load: ${errors[0]}`);
  return { heapBefore: base, heapAfter: heap, growth: heap - base, wasmBefore, wasmAfter: wasm, wasmPerChunk: chunks, requests: sink.count() - before };
}

const senders = built.filter((v) => v.name !== 'floor');
for (const v of senders) {
  log(`capture burst: ${v.name}`);
  v.capture = await burstOnce(v);
}
for (const v of built) {
  log(`memory under load: ${v.name}`);
  v.memory = await underLoad(v);
}

await browser.close();
inbox.stop();
sink.close();
site.close();
machine.loadavgAfter = loadavg();

// ---- 4. report ------------------------------------------------------------------------------

const kb = (b) => (b / 1024).toFixed(1);
const signed = (x) => (x >= 0 ? '+' : '') + x.toFixed(1);
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? (a / b).toFixed(2) : '–');
const byName = Object.fromEntries(built.map((v) => [v.name, v]));
const rows = [];
const head = ['variant', 'JS+Wasm KB raw/gz/br', 'SDK share gz (×anchor)', 'first render ms (×floor, +SDK)', 'load ms (×floor)', 'busy ms (×floor, +SDK ×anchor)', 'main-thread CPU ms: +SDK [IQR] ×anchor', 'heap KB (SDK ×anchor)', 'Wasm mem KB load / 10k', 'capture µs med/mean (×anchor)', 'delivered / last ms', 'heap +KB 10k (×anchor)'];
for (const v of VARIANTS) {
  if (!v.built) {
    rows.push([v.label, 'NOT BUILT: ' + v.error.slice(0, 80)]);
    continue;
  }
  const a = byName[ANCHOR[v.name]];
  const sdkBusy = v.share.busy.median;
  const sdkCpu = v.share.cpu;
  const sdkHeap = v.load.heap - floor.load.heap;
  rows.push([
    v.label,
    v.bytes.total.map(kb).join(' / '),
    v.name === 'floor' ? '–' : `${kb(v.bytes.sdk[1])} (${ratio(v.bytes.sdk[1], a && a.bytes.sdk[1])})`,
    `${v.load.firstRender.toFixed(1)} (${ratio(v.load.firstRender, floor.load.firstRender)}${v.name === 'floor' ? '' : ', ' + signed(v.share.firstRender.median)})`,
    `${v.load.load.toFixed(1)} (${ratio(v.load.load, floor.load.load)})`,
    `${v.load.busy.toFixed(1)} (${ratio(v.load.busy, floor.load.busy)}${v.name === 'floor' ? '' : ', ' + signed(sdkBusy) + ' ×' + ratio(sdkBusy, a && a.share.busy.median)})`,
    v.name === 'floor'
      ? `${v.load.cpu.toFixed(1)} (floor)`
      : `${signed(sdkCpu.median)} [${sdkCpu.p25.toFixed(1)}..${sdkCpu.p75.toFixed(1)}] ×${ratio(sdkCpu.median, a && a.share.cpu.median)}`,
    `${kb(v.load.heap)}${v.name === 'floor' ? '' : ' (' + signed(sdkHeap / 1024) + ' ×' + ratio(sdkHeap, a && a.load.heap - floor.load.heap) + ')'}`,
    v.load.wasm || v.memory.wasmAfter ? `${kb(v.load.wasm)} / ${kb(v.memory.wasmAfter)}` : '–',
    v.capture
      ? `${(v.capture.perCallMedian * 1000).toFixed(0)}/${(v.capture.perCallMean * 1000).toFixed(0)} (${ratio(v.capture.perCallMedian, a && a.capture && a.capture.perCallMedian)}/${ratio(v.capture.perCallMean, a && a.capture && a.capture.perCallMean)})`
      : '–',
    v.capture ? `${v.capture.delivered}/${BURST} in ${Number.isFinite(v.capture.lastArrivalMs) ? v.capture.lastArrivalMs.toFixed(0) : '–'}` : '–',
    `${kb(v.memory.growth)} (${v.name === 'floor' ? '–' : ratio(v.memory.growth - floor.memory.growth, a && a.memory.growth - floor.memory.growth)})`,
  ]);
}
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] || '').length)));
const line = (r) => r.map((c, i) => (c || '').padEnd(widths[i])).join(' │ ');
console.log('\n' + line(head));
console.log(widths.map((w) => '─'.repeat(w)).join('─┼─'));
for (const r of rows) console.log(line(r));
console.log(
  `\nKB = 1024 bytes; gz = gzip -9, br = brotli 11, of the JS and Wasm files the page downloaded (results.json also has what Vite emitted). SDK share = variant − floor; "×anchor" compares the SDK's share with @sentry/react's` +
    ` in the same configuration. Load figures are medians of ${LOADS} fresh loads; +SDK = median over rounds of the load minus the` +
    ` floor's load in the same round. busy = CDP TaskDuration (wall time of all main-thread tasks) until the SDK settled; main-thread` +
    ` CPU = CDP ThreadTime over the same window, with its interquartile range (steadier than busy on a shared machine); heap = JS heap + ArrayBuffer backing stores after forced GC + Wasm linear memory (also its own column). Capture: median synchronous time of one` +
    ` captureException (and the burst's total / ${BURST}) over ${BURST} distinct errors with ${built.find((v) => v.capture)?.capture.stackFrames ?? '?'}-frame stacks.` +
    ` Memory: heap growth after ${UNDER_LOAD} breadcrumbs + ${UNDER_LOAD} captures (×anchor on growth over the floor's).` +
    `\nMachine: ${machine.cores} cores, load average ${machine.loadavgBefore.map((x) => x.toFixed(2)).join(' ')} before, ${machine.loadavgAfter.map((x) => x.toFixed(2)).join(' ')} after; ${machine.chromium}.`,
);

mkdirSync(outDir, { recursive: true });
const results = {
  date: new Date().toISOString(),
  machine,
  versions,
  settings: { loads: LOADS, burst: BURST, underLoad: UNDER_LOAD },
  variants: VARIANTS.map(({ loads, ...v }) => ({ ...v, loadSamples: loads })),
  failures,
};
writeFileSync(join(outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
log('wrote bench/out/results.json');
if (failures.length) {
  console.error(`\nBENCH FAILED (${failures.length}):\n - ` + failures.join('\n - '));
  process.exit(1);
}
