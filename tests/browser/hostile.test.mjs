// Hostile input and hostile environments, in headless Chromium. Values that throw, lie, loop or
// weigh 10 MB still give a bounded event the server accepts; a CSP without 'wasm-unsafe-eval',
// a missing .wasm or no WebAssembly at all give one console message, and the app keeps working.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startInbox, serveStatic, launch, watch, root, installHostile, eventById } from './harness.mjs';

let inbox, site, strict, browser;
const CSP_STRICT = "default-src 'self'; script-src 'self'; connect-src *";
const CSP_WITH_WASM = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src *";

before(async () => {
  inbox = await startInbox();
  site = await serveStatic(root);
  // The same files with a CSP on every response; `?wasm` pages get the line users need.
  strict = await serveStatic(root, { headers: () => ({ 'content-security-policy': CSP_STRICT }) });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.close();
  strict?.close();
  inbox?.stop();
});

const pagePath = (opts = {}) =>
  `/tests/browser/pages/hostile/index.html?dsn=${encodeURIComponent(inbox.dsn)}&opts=${encodeURIComponent(JSON.stringify(opts))}`;

async function open(base, { init, route, opts } = {}) {
  await inbox.reset();
  const context = await browser.newContext();
  if (init) await context.addInitScript(init);
  if (route) await context.route(route, (r) => r.abort());
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(base + pagePath(opts));
  await page.waitForFunction(() => window.appReady);
  return { context, page, seen };
}

const ours = (seen) => seen.console.filter((m) => m.text.startsWith('[faultline]'));

/** Every public function, called with hostile arguments; returns how many threw. */
function exerciseApi() {
  const { evil, loud } = window.hostile();
  let threw = 0;
  for (const [name, fn] of Object.entries(window.F)) {
    if (typeof fn !== 'function' || name.startsWith('_')) continue;
    for (const args of [[evil], [loud, evil], [Symbol('s'), 10n], [undefined, null]]) {
      try {
        const r = fn(...args);
        if (r && typeof r.then === 'function') r.catch(() => threw++);
      } catch (e) {
        threw++;
        console.log('threw: ' + name + ' ' + e.message);
      }
    }
  }
  return threw;
}

async function assertAppWorks(page) {
  const before = Number(await page.textContent('#count'));
  await page.click('#work');
  assert.equal(await page.textContent('#count'), String(before + 1), 'the app still works');
  await page.evaluate(installHostile);
  const threw = await page.evaluate(exerciseApi);
  assert.equal(threw, 0, 'no public function threw');
  const id = await page.evaluate(() => F.captureException(new Error('after the failure')));
  assert.match(id, /^[0-9a-f]{32}$/, 'capture still returns an id');
}

test('hostile values still give one bounded event the server accepts', async () => {
  const { context, page, seen } = await open(site.url);
  const id = await page.evaluate(() => {
    const circular = { name: 'loop' };
    circular.self = circular;
    const throwing = {
      ok: 1,
      get boom() {
        throw new Error('getter');
      },
    };
    let deep = { leaf: true };
    for (let i = 0; i < 200; i++) deep = { deep };
    const wide = {};
    for (let i = 0; i < 100000; i++) wide['k' + i] = i;
    const huge = 'x'.repeat(10 * 1024 * 1024);
    F.setExtras({
      circular,
      throwing,
      deep,
      wide,
      huge,
      node: document.body,
      typed: new Float64Array(1e6),
      buffer: new ArrayBuffer(1e6),
      symbol: Symbol('sym'),
      bigint: 12345678901234567890n,
      fn: function named() {},
      date: new Date(NaN),
      promise: Promise.resolve(1),
    });
    F.setContext('hostile', { huge, deep, wide });
    F.setUser({ id: 'u1', extra: wide });
    F.addBreadcrumb({ message: huge, data: { throwing, circular } });
    const err = new Error(huge);
    err.cause = err;
    return F.captureException(err);
  });
  const ev = await eventById(inbox, id, 20);
  assert.ok(ev, 'the event arrived');
  const req = (await inbox.requests()).find((r) => r.seq === ev.request);
  const bytes = Buffer.byteLength(req.body || '', 'utf8');
  assert.ok(bytes < 1_000_000, `envelope of ${bytes} bytes stays under the 1 MiB item limit`);
  const extra = ev.payload.extra;
  assert.equal(extra.circular.self, '[Circular ~]');
  assert.equal(extra.throwing.boom, '[Thrown]');
  assert.equal(extra.node, '[BODY]');
  assert.equal(extra.typed, '[Float64Array(1000000)]');
  assert.equal(extra.symbol, '[Symbol(sym)]');
  assert.equal(extra.bigint, '12345678901234567890n');
  assert.ok(extra.huge.length <= 8193 && extra.huge.endsWith('…'));
  assert.deepEqual(seen.pageErrors, []);
  await assertAppWorks(page);
  await context.close();
});

test('normalizeDepth, normalizeMaxBreadth and maxValueLength are honoured', async () => {
  const { context, page } = await open(site.url, { opts: { normalizeDepth: 2, normalizeMaxBreadth: 3, maxValueLength: 50 } });
  const id = await page.evaluate(() => {
    F.setExtra('nested', { a: { b: { c: 1 } }, k1: 1, k2: 2, k3: 3 });
    return F.captureMessage('m'.repeat(500));
  });
  // By id: an event the previous test captured just before closing its page may arrive late.
  const ev = await eventById(inbox, id);
  assert.ok(ev, 'the event arrived');
  assert.deepEqual(ev.payload.extra.nested, { a: { b: '[Object]' }, k1: 1, k2: 2, '…': '[MaxProperties ~]' });
  const msg = ev.payload.message?.formatted ?? ev.payload.message;
  assert.equal(msg, 'm'.repeat(50) + '…');
  await context.close();
});

for (const [name, setup, needle] of [
  ['a CSP without wasm-unsafe-eval', { csp: true }, /wasm-unsafe-eval/],
  ['a 404 for the .wasm file', { route: '**/faultline_bg.wasm' }, /could not load/],
  ['a browser without WebAssembly', { init: 'delete window.WebAssembly' }, /could not load/],
]) {
  test(`${name}: init reports once and the app keeps working`, async () => {
    const { context, page, seen } = await open(setup.csp ? strict.url : site.url, setup);
    await page.waitForFunction(() => F.flush(500).then((ok) => ok === false));
    assert.equal(await page.evaluate(() => F.isInitialized()), false, 'isInitialized says the SDK is not running');
    await page.click('#work');
    const msgs = ours(seen);
    assert.equal(msgs.length, 1, JSON.stringify(msgs));
    assert.match(msgs[0].text, needle);
    // Calls after the failure (hostile ones included) are quiet no-ops.
    await assertAppWorks(page);
    await page.waitForTimeout(200);
    assert.equal(ours(seen).filter((m) => /could not load|internal error/.test(m.text)).length, 1);
    assert.deepEqual(seen.pageErrors, []);
    assert.equal((await inbox.requests()).length, 0);
    await context.close();
  });
}

test("with 'wasm-unsafe-eval' in the CSP, events are sent", async () => {
  await inbox.reset();
  const csp = await serveStatic(root, { headers: () => ({ 'content-security-policy': CSP_WITH_WASM }) });
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(csp.url + pagePath());
  await page.waitForFunction(() => window.appReady);
  const id = await page.evaluate(() => F.captureException(new Error('under a CSP')));
  assert.ok(await eventById(inbox, id), 'the event arrived');
  assert.equal(ours(seen).length, 0);
  await context.close();
  csp.close();
});

test('hostile arguments to every public function do not spoil the events that follow', async () => {
  const { context, page, seen } = await open(site.url);
  // Every scope setter and capture function with hostile arguments (`close` would end the
  // client, so it is left out here; the other tests cover it).
  const threw = await page.evaluate(() => {
    let n = 0;
    for (const [name, fn] of Object.entries(window.F)) {
      if (typeof fn !== 'function' || name.startsWith('_') || name === 'close') continue;
      for (const args of [[Symbol('s'), 10n], ['key', Symbol('v')], [{ [Symbol('k')]: 1n }], ['ctx', 'not an object']]) {
        try {
          fn(...args);
        } catch (e) {
          n++;
        }
      }
    }
    return n;
  });
  assert.equal(threw, 0, 'no public function threw');
  await page.evaluate(() => F.flush(2000));
  await inbox.reset();
  // setTag(Symbol, …), setContext(…, 10n) and friends must not make later events unacceptable.
  const id = await page.evaluate(() => F.captureException(new Error('after hostile scope calls')));
  const ev = await eventById(inbox, id);
  assert.ok(ev, 'the event after the hostile calls was accepted by the inbox (and so by Relay)');
  const refused = (await inbox.requests()).filter((r) => r.status >= 400);
  assert.deepEqual(refused.map((r) => r.reason), []);
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});
