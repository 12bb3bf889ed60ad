// Where a page load's main-thread time goes: builds named variants of the bench app (each
// from its own copy of pkg/, like capture.mjs), then alternates fresh loads of them in one
// Chromium and prints the busy time (as run.mjs `loadOnce` reads it) minus the floor's.
//
//   node bench/loadprofile.mjs before=bench/out/pkg-before after=pkg --refs floor,sentry-errors --rounds 8
//   ... --trace NAME    also summarises one trace per round of NAME: main-thread events by name
//   ... --profile NAME  a sampling CPU profile of NAME's loads: self time by function
//
// It is a measurement tool, not a test.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launch, root, serveStatic, startInbox } from '../tests/browser/harness.mjs';
import { isolated, median } from './common.mjs';

const bench = join(root, 'bench');
const out = join(bench, 'out', 'loadprofile');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf('--' + name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const VARIANT = opt('variant', 'faultline-errors');
const refs = opt('refs', 'floor,sentry-errors').split(',').filter(Boolean);
const ROUNDS = Number(opt('rounds', 8));
const traced = opt('trace', '');
const profiled = opt('profile', '');
const builds = argv.filter((a) => /^[\w-]+=/.test(a)).map((a) => ({ name: a.split('=')[0], pkg: resolve(a.slice(a.indexOf('=') + 1)) }));
if (!opt('no-build')) {
  rmSync(join(out, 'dist'), { recursive: true, force: true });
  // Served at /NAME/: the base follows the directory, not the variant.
  const vite = (variant, pkg, dir) =>
    execFileSync(join(bench, 'node_modules', '.bin', 'vite'), ['build', '--config', join(bench, 'app', 'vite.config.js'), '--outDir', dir, '--emptyOutDir', '--base', `/${dir.split('/').pop()}/`], {
      cwd: bench,
      env: { ...process.env, BENCH_VARIANT: variant, BENCH_PKG: pkg, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  for (const b of builds) {
    const copy = join(out, 'pkg-' + b.name);
    rmSync(copy, { recursive: true, force: true });
    cpSync(b.pkg, copy, { recursive: true });
    vite(VARIANT, copy, join(out, 'dist', b.name));
  }
  for (const r of refs) vite(r, join(out, 'pkg-' + builds[0].name), join(out, 'dist', r));
}
const names = [...refs, ...builds.map((b) => b.name)];
mkdirSync(out, { recursive: true });

const site = await serveStatic(join(out, 'dist'), { headers: isolated });
const inbox = await startInbox({ store: join(root, 'target', 'bench-inbox') });
const browser = await launch();
process.on('exit', () => inbox.stop());

const CATS = ['devtools.timeline', 'v8', 'v8.execute', 'v8.wasm', 'blink', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.compile'];

async function loadOnce(name, mode) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  let events = [];
  if (mode === 'trace') {
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATS }, transferMode: 'ReportEvents' });
  }
  if (mode === 'profile') {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    await cdp.send('Profiler.start');
  }
  await page.goto(`${site.url}/${name}/?dsn=${encodeURIComponent(inbox.dsn)}`, { waitUntil: 'load' });
  await page.waitForFunction(() => performance.getEntriesByName('first-render').length > 0 && window.__bench);
  await page.evaluate(() => window.__bench.settled());
  await page.evaluate(() => new Promise((r) => setTimeout(() => requestIdleCallback(r, { timeout: 1000 }), 300)));
  const m = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
  let extra = null;
  if (mode === 'profile') extra = (await cdp.send('Profiler.stop')).profile;
  if (mode === 'trace') {
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
    extra = events;
  }
  await context.close();
  return { busy: m.TaskDuration * 1000, script: m.ScriptDuration * 1000, extra };
}

/** Main-thread trace events (complete, or begin/end pairs) of the renderer: total ms by name and by `name url`. */
function summariseTrace(events, into, name) {
  // The trace also holds other renderers (about:blank, the browser's own pages): take the main
  // thread of the process that loaded the page's own scripts.
  const own = events.find((e) => JSON.stringify(e.args || {}).includes(`/${name}/assets/`));
  const main = own && events.find((e) => e.name === 'thread_name' && e.pid === own.pid && e.args && e.args.name === 'CrRendererMain');
  if (!main) return;
  const open = [];
  const add = (e, dur) => {
    const d = e.args && (e.args.data || e.args.beginData);
    const url = d && (d.url || d.functionName || d.stackTrace?.[0]?.url);
    const key = e.name + (url ? ' ' + String(url).replace(/^.*\//, '').slice(0, 60) : '');
    into[key] = (into[key] || 0) + dur / 1000;
  };
  for (const e of events) {
    if (e.pid !== main.pid || e.tid !== main.tid) continue;
    if (e.ph === 'X' && e.dur != null) add(e, e.dur);
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const b = open.pop();
      if (b) add(b, e.ts - b.ts);
    }
  }
}

/** Self time by function (ms) of a sampling profile. */
function summariseProfile(p, into) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const dt = p.timeDeltas;
  for (let i = 0; i < p.samples.length; i++) {
    const n = byId.get(p.samples[i]);
    const f = n.callFrame;
    const key = (f.functionName || '(anon)') + ' ' + f.url.replace(/^.*\//, '') + ':' + f.lineNumber + ':' + f.columnNumber;
    into[key] = (into[key] || 0) + (dt[i + 1] || 0) / 1000;
  }
}

const loads = Object.fromEntries(names.map((n) => [n, []]));
const traces = {};
const profiles = {};
for (let i = 0; i < ROUNDS; i++) {
  for (let k = 0; k < names.length; k++) {
    const n = names[(i + k) % names.length];
    loads[n].push(await loadOnce(n, null));
    if (n === traced) summariseTrace((await loadOnce(n, 'trace')).extra, traces, n);
    if (n === profiled) summariseProfile((await loadOnce(n, 'profile')).extra, profiles);
  }
}
const floor = loads.floor ? median(loads.floor.map((l) => l.busy)) : 0;
const anchor = loads['sentry-errors'] ? median(loads['sentry-errors'].map((l) => l.busy)) - floor : NaN;
console.log(`${ROUNDS} rounds; busy ms median (minus floor ${floor.toFixed(1)}), ratio to sentry-errors`);
for (const n of names) {
  const b = median(loads[n].map((l) => l.busy));
  const s = median(loads[n].map((l) => l.script));
  console.log(`  ${n.padEnd(18)} busy ${b.toFixed(1)} (+${(b - floor).toFixed(1)})  ratio ${((b - floor) / anchor).toFixed(2)}  script ${s.toFixed(1)}`);
}
const top = (o, k) =>
  Object.entries(o)
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, ms]) => `  ${(ms / ROUNDS).toFixed(2).padStart(7)} ms  ${name}`)
    .join('\n');
if (traced) console.log(`\ntrace of ${traced}, main thread, ms per load by event (nested events counted in their parents too):\n` + top(traces, Number(opt('top', 45))));
if (profiled) console.log(`\nprofile of ${profiled}, self ms per load by function:\n` + top(profiles, 40));
await browser.close();
await inbox.stop();
site.close?.();
process.exit(0);
