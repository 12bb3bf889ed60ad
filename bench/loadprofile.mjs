// Where a page load's main-thread time goes: builds named variants of the bench app (each
// from its own copy of pkg/, like capture.mjs), then alternates fresh loads of them in one
// Chromium and prints the busy time (as run.mjs `loadOnce` reads it) and the main thread's CPU
// time, each minus the floor's of the same round (median, interquartile range, mean of the
// middle half).
//
//   node bench/loadprofile.mjs before=bench/out/pkg-before after=pkg --refs floor,sentry-errors --rounds 8
//   ... --trace A,B     also summarises one trace per round of each: main-thread events by name,
//                       side by side, the biggest differences from A first
//   ... --profile NAME  a sampling CPU profile of NAME's loads: self time by function
//   ... --save-trace    also writes each traced load's events to bench/out/loadprofile/trace-NAME-ROUND.json
//                       (Chrome's trace format: open it in DevTools' Performance panel or Perfetto) and
//                       each profile to profile-NAME-ROUND.cpuprofile
//
// It is a measurement tool, not a test.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launch, root, serveStatic, startInbox } from '../tests/browser/harness.mjs';
import { isolated, median, spread } from './common.mjs';

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
const traced = opt('trace', '').split(',').filter(Boolean);
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
  return { busy: m.TaskDuration * 1000, cpu: m.ThreadTime * 1000, script: m.ScriptDuration * 1000, extra };
}

/** Main-thread trace events (complete, or begin/end pairs) of the renderer: total CPU ms by name and by `name url`. */
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
    // Thread time (CPU) where the event has it, as the cpu figure above: wall time on a busy
    // machine is mostly waiting for a core.
    if (e.ph === 'X' && e.dur != null) add(e, e.tdur != null ? e.tdur : e.dur);
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const b = open.pop();
      if (b) add(b, e.tts != null && b.tts != null ? e.tts - b.tts : e.ts - b.ts);
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
const traces = Object.fromEntries(traced.map((n) => [n, {}]));
const profiles = {};
for (let i = 0; i < ROUNDS; i++) {
  for (let k = 0; k < names.length; k++) {
    const n = names[(i + k) % names.length];
    loads[n].push(await loadOnce(n, null));
    if (traces[n]) {
      const events = (await loadOnce(n, 'trace')).extra;
      summariseTrace(events, traces[n], n);
      if (argv.includes('--save-trace')) writeFileSync(join(out, `trace-${n}-${i}.json`), JSON.stringify({ traceEvents: events }));
    }
    if (n === profiled) {
      const profile = (await loadOnce(n, 'profile')).extra;
      summariseProfile(profile, profiles);
      if (argv.includes('--save-trace')) writeFileSync(join(out, `profile-${n}-${i}.cpuprofile`), JSON.stringify(profile));
    }
  }
}
// Each load minus the floor's load of the same round: a busy spell of the machine then weighs on both.
const overFloor = (n, key) => loads[n].map((l, i) => l[key] - (loads.floor ? loads.floor[i][key] : 0));
const fmt = (x) => `${x.median.toFixed(1)} [${x.p25.toFixed(1)}..${x.p75.toFixed(1)}] mean½ ${x.trimmed.toFixed(1)}`;
const anchor = (key) => (loads['sentry-errors'] ? median(overFloor('sentry-errors', key)) : NaN);
console.log(
  `${ROUNDS} rounds. Minus the floor of the same round: median [interquartile range] and mean of the middle half, ms;` +
    ` ratio of medians to sentry-errors. busy = TaskDuration (wall time of main-thread tasks), cpu = ThreadTime (main thread CPU)`,
);
if (loads.floor) console.log(`  floor: busy ${median(loads.floor.map((l) => l.busy)).toFixed(1)}, cpu ${median(loads.floor.map((l) => l.cpu)).toFixed(1)}`);
for (const n of names) {
  if (n === 'floor') continue;
  const b = spread(overFloor(n, 'busy'));
  const c = spread(overFloor(n, 'cpu'));
  console.log(
    `  ${n.padEnd(16)} busy ${fmt(b)} ×${(b.median / anchor('busy')).toFixed(2)}  cpu ${fmt(c)} ×${(c.median / anchor('cpu')).toFixed(2)}` +
      `  script ${median(loads[n].map((l) => l.script)).toFixed(1)}`,
  );
}
const top = (o, k) =>
  Object.entries(o)
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, ms]) => `  ${(ms / ROUNDS).toFixed(2).padStart(7)} ms  ${name}`)
    .join('\n');
if (traced.length) {
  // Every event name any traced build has, the biggest difference from the first build first.
  const keys = [...new Set(traced.flatMap((n) => Object.keys(traces[n])))];
  const per = (n, k) => (traces[n][k] || 0) / ROUNDS;
  const diff = (k) => Math.max(...traced.map((n) => Math.abs(per(n, k) - per(traced[0], k))));
  keys.sort((a, b) => (traced.length > 1 ? diff(b) - diff(a) : per(traced[0], b) - per(traced[0], a)));
  console.log(`\nmain-thread trace, CPU ms per load by event (nested events counted in their parents too):\n  ${traced.map((n) => n.padStart(9)).join(' ')}`);
  for (const k of keys.slice(0, Number(opt('top', 45)))) console.log(`  ${traced.map((n) => per(n, k).toFixed(2).padStart(9)).join(' ')}  ${k}`);
}
if (profiled) console.log(`\nprofile of ${profiled}, self ms per load by function:\n` + top(profiles, 40));
await browser.close();
await inbox.stop();
site.close?.();
process.exit(0);
