// The deepest payloads an app can realistically hand the SDK, through both built cores in
// headless Chromium: contexts and extras nested to the largest normalizeDepth, a 200-frame
// stack, megabyte messages, hundreds of breadcrumbs, nested spans. The npm cores run on a small
// Wasm stack (pkg-template/build.mjs says how small and why): every event must still arrive, and
// the deepest stack these payloads reach must stay a small share of it, so a change that makes
// the core recurse deeper fails here, not in an app.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startInbox, serveStatic, launch, watch, root } from './harness.mjs';

let inbox, site, browser;

before(async () => {
  inbox = await startInbox();
  site = await serveStatic(root);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.close();
  inbox?.stop();
});

/** Reads an unsigned LEB128 at `at`; returns [value, next offset]. */
function leb(bytes, at) {
  let v = 0;
  for (let shift = 0; ; shift += 7) {
    const b = bytes[at++];
    v += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [v, at];
  }
}

/**
 * The initial stack pointer of a core: the first global's `i32.const` (rustc's wasm linker puts
 * the stack first in memory and `__stack_pointer` first among the globals), so the stack is
 * [0, top) and grows down.
 */
function stackTop(file) {
  const bytes = readFileSync(join(root, 'pkg', file));
  for (let at = 8; at < bytes.length; ) {
    const id = bytes[at];
    const [size, body] = leb(bytes, at + 1);
    if (id === 6) {
      const [, first] = leb(bytes, body); // number of globals
      assert.equal(bytes[first], 0x7f, 'the first global is an i32');
      assert.equal(bytes[first + 2], 0x41, 'initialised with i32.const');
      // Signed LEB128, positive and below 2^31 here.
      return leb(bytes, first + 3)[0];
    }
    at = body + size;
  }
  throw new Error('no global section in ' + file);
}

/** Records the core's Wasm memory, so the test can read how deep the stack went. */
const probe = () => {
  const { instantiateStreaming } = WebAssembly;
  WebAssembly.instantiateStreaming = (...a) =>
    instantiateStreaming.apply(WebAssembly, a).then((r) => {
      for (const v of Object.values(r.instance.exports)) if (v instanceof WebAssembly.Memory) window.__coreMemory = v;
      return r;
    });
};

/** Runs in the page: the deepest payloads, each captured; resolves to the event ids. */
async function deepest() {
  const nest = (n, leaf) => {
    let v = leaf;
    for (let i = 0; i < n; i++) v = { ['level' + i]: v, list: [v && i, [i, [i]]] };
    return v;
  };
  const huge = 'y'.repeat(2 * 1024 * 1024);
  const deepObj = nest(120, { leaf: 'x'.repeat(300) });
  F.setExtras({ deep: deepObj, arrays: JSON.parse('['.repeat(150) + ']'.repeat(150)), huge });
  for (let i = 0; i < 30; i++) F.setContext('ctx' + i, nest(100, { i }));
  F.setUser({ id: 'u', data: nest(100, 1) });
  F.setTag('t', huge);
  for (let i = 0; i < 200; i++) F.addBreadcrumb({ message: 'crumb ' + i + huge.slice(0, 10000), data: nest(100, i) });
  Error.stackTraceLimit = 200;
  const recurse = (n) => {
    if (n <= 1) throw new Error(huge);
    return recurse(n - 1) + 1;
  };
  const ids = [];
  try {
    recurse(200);
  } catch (e) {
    e.cause = new Error('cause', { cause: new AggregateError([e, new Error('inner')]) });
    ids.push(F.captureException(e, { extra: { again: deepObj } }));
  }
  ids.push(F.captureMessage(huge));
  ids.push(F.captureEvent({ message: 'event', extra: { deep: deepObj }, contexts: { c: nest(100, 2) }, tags: { big: huge } }));
  if (window.useTracing) {
    const spans = (n) => (n ? F.startSpan({ name: 'span ' + n + huge.slice(0, 1000), attributes: { deep: 'x'.repeat(5000) } }, () => spans(n - 1)) : null);
    spans(100);
    try {
      recurse(200);
    } catch (e) {
      ids.push(F.captureException(e));
    }
  }
  await F.flush(10000);
  return ids;
}

for (const [core, opts] of [
  ['faultline_bg.wasm', { normalizeDepth: 100, normalizeMaxBreadth: 1000 }],
  ['faultline_tracing_bg.wasm', { normalizeDepth: 100, normalizeMaxBreadth: 1000, tracesSampleRate: 1 }],
]) {
  test(`${core}: the deepest payloads arrive, using a small share of the Wasm stack`, async () => {
    await inbox.reset();
    const context = await browser.newContext();
    await context.addInitScript(probe);
    const page = await context.newPage();
    const seen = watch(page);
    const q = `dsn=${encodeURIComponent(inbox.dsn)}&opts=${encodeURIComponent(JSON.stringify(opts))}`;
    await page.goto(`${site.url}/tests/browser/pages/hostile/index.html?${q}`);
    await page.waitForFunction(() => window.appReady);
    await page.evaluate((t) => (window.useTracing = t), 'tracesSampleRate' in opts);
    await page.waitForFunction(() => F.flush(1000).then((ok) => ok && window.__coreMemory));
    const ids = await page.evaluate(deepest);
    assert.ok(ids.every((id) => /^[0-9a-f]{32}$/.test(id)), JSON.stringify(ids));
    const events = await inbox.events(ids.length, 20, 'event');
    assert.deepEqual(events.map((e) => e.event_id).sort(), [...ids].sort(), 'every event arrived');
    const [first] = events.filter((e) => e.event_id === ids[0]);
    const frames = first.payload.exception.values.at(-1).stacktrace.frames;
    assert.equal(frames.length, 50, "the 200-frame stack is cut to the 50 frames an event keeps");
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(
      seen.console.filter((m) => m.text.startsWith('[faultline]')),
      [],
      'no console message: the core did not trap',
    );
    // The stack is [0, top) and starts zeroed; the lowest byte ever written is its deepest point.
    const lowest = await page.evaluate(() => new Uint8Array(window.__coreMemory.buffer).findIndex((b) => b !== 0));
    const top = stackTop(core);
    const used = top - lowest;
    console.log(`# ${core}: stack ${top} B, deepest use ${used} B`);
    assert.ok(used > 0 && used * 4 <= top, `the deepest use, ${used} B, is at most a quarter of the ${top} B stack`);
    await context.close();
  });
}
