// Automatic capture and event quality, end to end: a real page (tests/browser/pages/capture/)
// loads the built package from /pkg/, throws every kind of value from real handlers, and the
// inbox (which runs Relay's normalizer on each event) must receive the right event.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startInbox, serveStatic, launch, watch, thrown, root } from './harness.mjs';

const PAGE = '/tests/browser/pages/capture/index.html';
const APP = '/tests/browser/pages/capture/app.js';
const source = readFileSync(join(root, APP), 'utf8');
let inbox, site, other, browser;

before(async () => {
  inbox = await startInbox();
  site = await serveStatic(root);
  // A second origin, without CORS headers.
  other = await serveStatic(join(root, 'tests', 'browser', 'pages'));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.close();
  other?.close();
  inbox?.stop();
});

/** Line and column (1-based) of `snippet` in app.js, plus `offset` characters. */
function pos(snippet, offset = 0) {
  const at = source.indexOf(snippet);
  assert.ok(at >= 0 && source.indexOf(snippet, at + 1) < 0, 'unique in app.js: ' + snippet);
  const i = at + offset;
  const before = source.slice(0, i);
  return { lineno: before.split('\n').length, colno: i - before.lastIndexOf('\n') };
}

/** Events arrive in any order (several requests in flight): pick each by a key. */
function byKey(entries, key) {
  const out = {};
  for (const e of entries) out[key(e.payload)] = e.payload;
  return out;
}

const title = (ev) => ev.message || thrown(ev).value;

function top(ex) {
  const f = ex.stacktrace.frames;
  return f[f.length - 1];
}

function assertAt(frame, snippet, offset) {
  assert.equal(frame.filename, site.url + APP);
  assert.deepEqual({ lineno: frame.lineno, colno: frame.colno }, pos(snippet, offset), snippet);
  assert.equal(frame.in_app, true);
}

/** A fresh page with the SDK started by `init(dsn)`, run in the page. */
async function open(init = (dsn) => F.init({ dsn })) {
  await inbox.reset();
  const page = await browser.newPage();
  const seen = watch(page);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(site.url + PAGE);
  await page.waitForFunction(() => window.F);
  // A DSN key of its own, so what a page closed by an earlier test sends late (its client
  // report on `pagehide`) is not taken for this page's.
  const key = randomBytes(16).toString('hex');
  keys.set(page, key);
  await page.evaluate(init, inbox.dsn.replace(/\/\/\w+@/, `//${key}@`));
  return { page, seen, requests };
}

const keys = new WeakMap();

/** Clicks #go with `next` set to `how:kind`. */
async function go(page, next) {
  await page.evaluate((n) => (window.next = n), next);
  await page.click('#go');
}

/** The counts of the client report the page sends when hidden. */
async function clientReport(page) {
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  for (let i = 0; i < 50; i++) {
    for (const r of await inbox.requests()) {
      if (r.query.sentry_key !== keys.get(page)) continue;
      const item = r.envelope && r.envelope.items.find((it) => it.header.type === 'client_report');
      if (item) {
        const out = {};
        for (const d of item.payload.discarded_events) out[d.reason + ':' + d.category] = d.quantity;
        return out;
      }
    }
    await page.waitForTimeout(100);
  }
  assert.fail('no client report arrived');
}

const ERROR_AT = "new Error('plain error')";
const THROW_AT = 'throw values[kind]()';

test('every kind of thrown value becomes the right event, and the page keeps its own handlers', async () => {
  const { page, seen } = await open();
  const kinds = ['throw:error', 'typeError', 'throw:string', 'throw:number', 'throw:null', 'throw:undefined'];
  kinds.push('throw:object', 'throw:hostile', 'throw:circular', 'throw:cause');
  for (const k of kinds) await go(page, k);
  const entries = await inbox.events(kinds.length);
  assert.equal(entries.length, kinds.length);
  const events = entries.map((e) => e.payload);
  const by = byKey(entries, (ev) => thrown(ev).value);
  const [error, typeError, string, number, nul, undef, object, hostile, circular, cause] = [
    'plain error',
    "Cannot read properties of undefined (reading 'price')",
    'a thrown string',
    '42',
    'null',
    'undefined',
    'Object captured as exception with keys: code, reason',
    'Object captured as exception with keys: message, toString',
    'Object captured as exception with keys: name, self',
    'checkout failed',
  ].map((v) => by[v]);
  for (const ev of events) {
    const m = thrown(ev).mechanism;
    assert.equal(m.type, 'auto.browser.global_handlers.onerror');
    assert.equal(m.handled, false);
    assert.equal(ev.level, 'error');
  }

  assert.equal(thrown(error).type, 'Error');
  assert.equal(thrown(error).value, 'plain error');
  assertAt(top(thrown(error)), ERROR_AT);
  assert.equal(thrown(error).mechanism.synthetic, undefined);

  assert.equal(thrown(typeError).type, 'TypeError');
  assert.equal(thrown(typeError).value, "Cannot read properties of undefined (reading 'price')");
  assertAt(top(thrown(typeError)), 'cart.price', 5);
  assert.equal(top(thrown(typeError)).function, 'readPrice');
  const caller = thrown(typeError).stacktrace.frames.at(-2);
  assert.deepEqual({ lineno: caller.lineno, colno: caller.colno }, pos('readPrice(undefined)'));

  // Primitives: the value as text, synthetic, with the throw statement as the one frame.
  for (const [ev, text] of [
    [string, 'a thrown string'],
    [number, '42'],
    [nul, 'null'],
    [undef, 'undefined'],
  ]) {
    assert.equal(thrown(ev).type, 'Error');
    assert.equal(thrown(ev).value, text);
    assert.equal(ev.message, text);
    assert.equal(thrown(ev).mechanism.synthetic, true);
    assertAt(top(thrown(ev)), THROW_AT);
  }

  assert.equal(thrown(object).value, 'Object captured as exception with keys: code, reason');
  assert.equal(thrown(object).mechanism.synthetic, true);
  assert.deepEqual(object.extra.__serialized__, { code: 7, reason: 'declined' });
  assert.equal(thrown(hostile).value, 'Object captured as exception with keys: message, toString');
  assert.equal(hostile.extra.__serialized__.message, '[Thrown]');
  assert.equal(thrown(circular).value, 'Object captured as exception with keys: name, self');
  assert.deepEqual(circular.extra.__serialized__, { name: 'loop', self: '[Circular ~]' });

  // The cause chain: causes first, thrown error last, linked by ids.
  const v = cause.exception.values;
  assert.deepEqual(
    v.map((x) => [x.type, x.value]),
    [
      ['RangeError', 'amount out of range'],
      ['TypeError', 'payment failed'],
      ['Error', 'checkout failed'],
    ],
  );
  assert.deepEqual(v[2].mechanism, { type: 'auto.browser.global_handlers.onerror', handled: false, exception_id: 0 });
  assert.deepEqual(v[1].mechanism, { type: 'chained', source: 'cause', exception_id: 1, parent_id: 0 });
  assert.deepEqual(v[0].mechanism, { type: 'chained', source: 'cause', exception_id: 2, parent_id: 1 });
  assertAt(top(v[2]), "new Error('checkout failed'");
  assertAt(top(v[1]), "new TypeError('payment failed'");
  assertAt(top(v[0]), "new RangeError('amount out of range')");

  // The page's own window.onerror ran for each, and each still reached the console as uncaught.
  assert.equal(await page.evaluate(() => window.pageErrors), kinds.length);
  assert.equal(seen.pageErrors.length, kinds.length);
  await page.close();
});

test('unhandled rejections of every kind become events', async () => {
  const { page } = await open();
  const kinds = ['error', 'string', 'number', 'null', 'undefined', 'object', 'hostile', 'circular', 'cause'];
  for (const k of kinds) await go(page, 'reject:' + k);
  const entries = await inbox.events(kinds.length);
  assert.equal(entries.length, kinds.length);
  const events = entries.map((e) => e.payload);
  const by = byKey(entries, (ev) => thrown(ev).value);
  const primitive = 'Non-Error promise rejection captured with value: ';
  const keys = {
    error: 'plain error',
    string: primitive + 'a thrown string',
    number: primitive + '42',
    null: primitive + 'null',
    undefined: primitive + 'undefined',
    object: 'Object captured as promise rejection with keys: code, reason',
    hostile: 'Object captured as promise rejection with keys: message, toString',
    circular: 'Object captured as promise rejection with keys: name, self',
    cause: 'checkout failed',
  };
  const byKind = Object.fromEntries(kinds.map((k) => [k, by[keys[k]]]));
  for (const ev of events) {
    assert.equal(thrown(ev).mechanism.type, 'auto.browser.global_handlers.onunhandledrejection');
    assert.equal(thrown(ev).mechanism.handled, false);
  }
  assert.equal(thrown(byKind.error).type, 'Error');
  assertAt(top(thrown(byKind.error)), ERROR_AT);
  for (const [k, text] of [
    ['string', 'a thrown string'],
    ['number', '42'],
    ['null', 'null'],
    ['undefined', 'undefined'],
  ]) {
    assert.equal(thrown(byKind[k]).type, 'UnhandledRejection');
    assert.equal(thrown(byKind[k]).value, primitive + text);
    assert.equal(thrown(byKind[k]).mechanism.synthetic, true);
  }
  assert.equal(thrown(byKind.object).value, 'Object captured as promise rejection with keys: code, reason');
  assert.equal(thrown(byKind.hostile).value, 'Object captured as promise rejection with keys: message, toString');
  assert.equal(byKind.circular.extra.__serialized__.self, '[Circular ~]');
  assert.deepEqual(
    byKind.cause.exception.values.map((x) => x.type),
    ['RangeError', 'TypeError', 'Error'],
  );
  assert.equal(await page.evaluate(() => window.pageRejections), kinds.length);
  await page.close();
});

test('a cross-origin script error is reported as "Script error." without leaking, and can be filtered', async () => {
  const { page } = await open();
  await page.evaluate((src) => loadCross(src), other.url + '/capture-cross.js');
  const [entry] = await inbox.events(1);
  const ev = entry.payload;
  assert.equal(thrown(ev).type, 'Error');
  assert.equal(thrown(ev).value, 'Script error.');
  assert.equal(thrown(ev).mechanism.type, 'auto.browser.global_handlers.onerror');
  assert.doesNotMatch(JSON.stringify(ev), /secret detail/);
  await page.close();

  const second = await open((dsn) => F.init({ dsn, ignoreScriptErrors: true }));
  await second.page.evaluate((src) => loadCross(src), other.url + '/capture-cross.js');
  await second.page.waitForFunction(() => window.pageErrors === 1);
  await second.page.evaluate(() => F.captureMessage('sentinel'));
  const events = await inbox.events(1);
  assert.deepEqual(
    events.map((e) => e.payload.message),
    ['sentinel'],
  );
  assert.equal((await clientReport(second.page))['event_processor:error'], 1);
  await second.page.close();
});

test('breadcrumbs record clicks, typing, console, fetch, XHR and navigation in order, and nothing of the SDK', async () => {
  const { page } = await open();
  // A first event: its request to the inbox must not become a breadcrumb of the next one.
  await page.evaluate(() => F.captureMessage('first'));
  await inbox.events(1);
  await page.click('#quiet');
  await page.fill('#email', 'hunter2@example.com');
  const unchanged = await page.evaluate(async () => {
    console.log('cart loaded', { items: 3 });
    console.warn('slow response');
    const res = await fetch('/tests/browser/pages/capture/index.html');
    // The app gets what it would get without the SDK.
    const body = res instanceof Response && (await res.text()).includes('<main id="app">');
    await fetch('/tests/browser/pages/capture/missing.json', { method: 'POST', body: 'card=4111111111111111' });
    await new Promise((done) => {
      const x = new XMLHttpRequest();
      x.open('GET', '/tests/browser/pages/capture/vendor.js');
      x.addEventListener('loadend', done);
      x.send();
    });
    return body && history.pushState({}, '', '/checkout/step-2?coupon=1') === undefined;
  });
  assert.equal(unchanged, true);
  await page.evaluate(() => new Promise((done) => {
    addEventListener('popstate', done, { once: true });
    history.back();
  }));
  await go(page, 'throw:error');
  const ev = byKey(await inbox.events(2), title)['plain error'];
  const crumbs = ev.breadcrumbs.values;
  const summary = crumbs.map((c) => c.category);
  assert.deepEqual(summary, ['ui.click', 'ui.input', 'console', 'console', 'fetch', 'fetch', 'xhr', 'navigation', 'navigation', 'ui.click']);
  const [quiet, input, log, warn, ok, missing, xhr, push, back, last] = crumbs;
  assert.equal(quiet.message, 'main#app > form.checkout[name="checkout"] > button#quiet[type="button"]');
  assert.equal(input.message, 'input#email.field.wide[type="email"][name="email"]');
  assert.equal(log.message, 'cart loaded {"items":3}');
  assert.equal(log.level, 'info');
  assert.deepEqual(log.data, { arguments: ['cart loaded', { items: 3 }], logger: 'console' });
  assert.equal(warn.level, 'warning');
  assert.equal(ok.type, 'http');
  assert.equal(ok.data.method, 'GET');
  assert.equal(ok.data.url, '/tests/browser/pages/capture/index.html');
  assert.equal(ok.data.status_code, 200);
  assert.equal(typeof ok.data.duration, 'number');
  assert.equal(missing.data.method, 'POST');
  assert.equal(missing.data.status_code, 404);
  assert.equal(missing.level, 'warning');
  assert.equal(xhr.type, 'http');
  assert.equal(xhr.data.status_code, 200);
  assert.deepEqual(push.data, { from: PAGE, to: '/checkout/step-2?coupon=1' });
  assert.deepEqual(back.data, { from: '/checkout/step-2?coupon=1', to: PAGE });
  assert.equal(last.message, 'form.checkout[name="checkout"] > button#go.btn.primary[type="button"]');
  for (let i = 1; i < crumbs.length; i++) assert.ok(crumbs[i].timestamp >= crumbs[i - 1].timestamp);
  // Never what was typed or sent, never the SDK's own requests.
  const text = JSON.stringify(crumbs);
  assert.doesNotMatch(text, /hunter2|4111/);
  assert.doesNotMatch(text, new RegExp(inbox.url.replace(/\W/g, '\\$&') + '|\\.wasm|/api/1/'));
  await page.close();
});

test('beforeBreadcrumb changes or drops breadcrumbs, and maxBreadcrumbs keeps the newest', async () => {
  const { page } = await open((dsn) =>
    F.init({
      dsn,
      maxBreadcrumbs: 3,
      beforeBreadcrumb(crumb, hint) {
        // Logging from the hook must neither recurse nor be recorded.
        console.debug('hook saw', crumb.category);
        if (crumb.category === 'console' && /token/.test(crumb.message)) return null;
        if (crumb.category === 'ui.click') crumb.data = { tag: hint.event.target.tagName };
        return crumb;
      },
    }),
  );
  await page.evaluate(() => {
    for (let i = 1; i <= 5; i++) console.info('step ' + i);
    console.info('token=abc');
    F.addBreadcrumb({ category: 'auth', message: 'signed in', level: 'info', data: { method: 'sso' } });
  });
  await page.click('#quiet');
  await page.evaluate(() => F.captureMessage('with crumbs'));
  const [entry] = await inbox.events(1);
  const crumbs = entry.payload.breadcrumbs.values;
  assert.deepEqual(
    crumbs.map((c) => [c.category, c.message]),
    [
      ['console', 'step 5'],
      ['auth', 'signed in'],
      ['ui.click', 'main#app > form.checkout[name="checkout"] > button#quiet[type="button"]'],
    ],
  );
  assert.deepEqual(crumbs[1].data, { method: 'sso' });
  assert.deepEqual(crumbs[2].data, { tag: 'BUTTON' });
  await page.close();
});

test('scope: user, tags, contexts, extras, initialScope, withScope isolation, hints, captureEvent', async () => {
  const { page } = await open((dsn) =>
    F.init({ dsn, release: 'shop@1.0.0', initialScope: { tags: { team: 'checkout' }, user: { id: 'initial' } } }),
  );
  const ids = await page.evaluate(() => {
    F.setUser({ id: '42', username: 'ada' });
    F.setTag('plan', 'pro');
    F.setTags({ region: 'eu', beta: true });
    F.setContext('cart', { items: 3, total: 99.5 });
    F.setExtra('note', { nested: { deep: [1, 2] } });
    F.setExtras({ attempt: 2 });
    const first = F.captureException(new Error('with scope'));
    F.withScope((scope) => {
      scope.setTag('inner', 'yes');
      scope.setLevel('warning');
      scope.setUser({ id: 'inside' });
      F.captureMessage('inside withScope');
    });
    F.captureMessage('after withScope');
    F.captureException(new Error('hinted'), { user: { id: 'hinted' }, tags: { hint: 'yes' }, level: 'fatal' });
    F.captureException(new Error('after hint'));
    F.captureEvent({ message: 'by hand', level: 'warning', tags: { manual: '1' }, extra: { n: 1 } });
    return { first, last: F.lastEventId() };
  });
  const entries = await inbox.events(6);
  const events = entries.map((e) => e.payload);
  const by = byKey(entries, title);
  const [first, inside, afterScope, hinted, afterHint, manual] = [
    'with scope',
    'inside withScope',
    'after withScope',
    'hinted',
    'after hint',
    'by hand',
  ].map((k) => by[k]);
  assert.equal(first.event_id, ids.first);
  assert.equal(manual.event_id, ids.last);
  assert.deepEqual(first.user, { id: '42', username: 'ada' });
  assert.deepEqual(first.tags, { team: 'checkout', plan: 'pro', region: 'eu', beta: 'true' });
  assert.deepEqual(first.contexts.cart, { items: 3, total: 99.5 });
  assert.deepEqual(first.extra, { note: { nested: { deep: [1, 2] } }, attempt: 2 });
  assert.equal(first.release, 'shop@1.0.0');
  // Browser, OS and request on every event.
  for (const ev of events) {
    assert.equal(ev.contexts.browser.name, 'Chrome');
    assert.match(ev.contexts.browser.version, /^\d+\./);
    assert.equal(ev.contexts.os.name, 'Linux');
    assert.equal(ev.request.url, site.url + PAGE);
    assert.match(ev.request.headers['User-Agent'], /Chrome\//);
  }
  assert.equal(inside.tags.inner, 'yes');
  assert.equal(inside.level, 'warning');
  assert.deepEqual(inside.user, { id: 'inside' });
  assert.equal(afterScope.tags.inner, undefined);
  assert.equal(afterScope.level, 'info');
  assert.deepEqual(afterScope.user, { id: '42', username: 'ada' });
  assert.deepEqual(hinted.user, { id: 'hinted' });
  assert.equal(hinted.tags.hint, 'yes');
  assert.equal(hinted.level, 'fatal');
  assert.deepEqual(afterHint.user, { id: '42', username: 'ada' });
  assert.equal(afterHint.tags.hint, undefined);
  assert.equal(manual.message, 'by hand');
  assert.equal(manual.level, 'warning');
  assert.equal(manual.tags.manual, '1');
  assert.deepEqual(manual.extra, { note: { nested: { deep: [1, 2] } }, attempt: 2, n: 1 });
  await page.close();
});

test('attachStacktrace gives messages and thrown strings a synthetic stack that starts in the app', async () => {
  const { page } = await open((dsn) => F.init({ dsn, attachStacktrace: true }));
  await page.evaluate(() => {
    F.captureMessage('with a stack');
    F.captureException('a captured string');
  });
  const by = byKey(await inbox.events(2), (ev) => thrown(ev).value);
  const [message, string] = [by['with a stack'], by['a captured string']];
  assert.equal(message.message, 'with a stack');
  assert.equal(message.level, 'info');
  const ex = thrown(message);
  assert.equal(ex.value, 'with a stack');
  assert.equal(ex.mechanism.synthetic, true);
  assert.ok(ex.stacktrace.frames.length >= 1);
  assert.ok(ex.stacktrace.frames.every((f) => !/\/pkg\//.test(f.filename || '')), 'no SDK frames');
  assert.equal(thrown(string).value, 'a captured string');
  assert.equal(thrown(string).mechanism.synthetic, true);
  assert.ok(thrown(string).stacktrace.frames.every((f) => !/\/pkg\//.test(f.filename || '')));
  await page.close();
});

test('filters: ignoreErrors strings and RegExps, denyUrls, dedupe; each drop counted', async () => {
  const { page } = await open((dsn) =>
    F.init({ dsn, ignoreErrors: ['please ignore', /^TypeError: regex/], denyUrls: ['capture/vendor.js'] }),
  );
  await page.addScriptTag({ url: '/tests/browser/pages/capture/vendor.js' });
  await page.evaluate(() => {
    F.captureException(new Error('please ignore me'));
    F.captureException(new TypeError('regex match drops this'));
    F.captureMessage('please ignore this message');
    try {
      vendorFail();
    } catch (e) {
      F.captureException(e);
    }
    captureTwice();
    F.captureMessage('sentinel');
  });
  await page.evaluate(() => F.flush());
  const events = (await inbox.events(2)).map((e) => e.payload);
  assert.deepEqual(events.map(title).sort(), ['sentinel', 'twice']);
  assert.equal((await clientReport(page))['event_processor:error'], 5);
  await page.close();
});

test('allowUrls with a RegExp keeps only errors from matching scripts', async () => {
  const { page } = await open((dsn) => F.init({ dsn, allowUrls: [/capture\/app\.js$/] }));
  await page.addScriptTag({ url: '/tests/browser/pages/capture/vendor.js' });
  await page.evaluate(() => {
    try {
      vendorFail();
    } catch (e) {
      F.captureException(e);
    }
  });
  await go(page, 'throw:error');
  const events = (await inbox.events(1)).map((e) => e.payload);
  await page.evaluate(() => F.flush());
  assert.deepEqual(
    (await inbox.events()).map((e) => thrown(e.payload).value),
    ['plain error'],
  );
  assert.equal(events.length, 1);
  await page.close();
});

test('sampleRate 0 sends nothing and counts each drop', async () => {
  const { page } = await open((dsn) => F.init({ dsn, sampleRate: 0 }));
  await page.evaluate(() => {
    F.captureException(new Error('sampled out'));
    F.captureMessage('sampled out too');
  });
  await go(page, 'throw:error');
  assert.equal((await clientReport(page))['sample_rate:error'], 3);
  assert.equal((await inbox.events()).length, 0);
  await page.close();
});

test('beforeSend: sync and async changes apply, null drops (counted), a throwing or rejecting hook sends the event unmodified', async () => {
  const { page, seen } = await open((dsn) =>
    F.init({
      dsn,
      beforeSend(event, hint) {
        const v = event.message || event.exception.values.at(-1).value;
        if (v === 'sync') {
          event.tags = { hook: 'sync', original: hint.originalException.message };
          return event;
        }
        if (v === 'async') return new Promise((done) => setTimeout(() => done({ ...event, tags: { hook: 'async' } }), 10));
        if (v === 'throws') {
          event.tags = { hook: 'mutated' };
          throw new Error('bug in the hook');
        }
        if (v === 'rejects') return Promise.reject(new Error('async bug in the hook'));
        if (v === 'drop') return null;
        return event;
      },
    }),
  );
  await page.evaluate(() => {
    F.captureException(new Error('sync'));
    F.captureMessage('async');
    F.captureMessage('throws');
    F.captureMessage('rejects');
    F.captureMessage('drop');
    F.captureMessage('untouched');
  });
  const events = (await inbox.events(5)).map((e) => e.payload);
  const by = Object.fromEntries(events.map((e) => [title(e), e]));
  assert.deepEqual(Object.keys(by).sort(), ['async', 'rejects', 'sync', 'throws', 'untouched']);
  assert.deepEqual(by.sync.tags, { hook: 'sync', original: 'sync' });
  assert.deepEqual(by.async.tags, { hook: 'async' });
  assert.equal(by.throws.tags, undefined);
  assert.equal(by.rejects.tags, undefined);
  // Console messages reach the test asynchronously: wait for them.
  const warnings = () => seen.console.filter((m) => m.type === 'warning' && /^\[faultline\] beforeSend/.test(m.text));
  for (let i = 0; i < 50 && warnings().length < 2; i++) await page.waitForTimeout(100);
  assert.equal(warnings().length, 2);
  assert.equal((await clientReport(page))['before_send:error'], 1);
  await page.close();
});

test('enabled: false sends nothing and loads nothing, and the page still sees its errors', async () => {
  const { page, requests, seen } = await open((dsn) => F.init({ dsn, enabled: false }));
  await go(page, 'throw:error');
  const id = await page.evaluate(() => F.captureException(new Error('disabled')));
  assert.match(id, /^[0-9a-f]{32}$/);
  await page.evaluate(() => fetch('/tests/browser/pages/capture/index.html'));
  assert.equal(await page.evaluate(() => window.pageErrors), 1);
  assert.equal(seen.pageErrors.length, 1);
  assert.ok(!requests.some((u) => u.startsWith(inbox.url) || u.endsWith('.wasm')), requests.join('\n'));
  assert.equal((await inbox.requests()).length, 0);
  await page.close();
});

test("a Sentry set-up runs unchanged: replay and feedback are accepted with one warning each, integrations as a function of the defaults, isInitialized and getClient", async () => {
  // As Sentry's set-up wizard writes it, with the defaults filtered by a function.
  const { page, seen } = await open((dsn) => {
    window.beforeInit = { initialized: F.isInitialized(), client: F.getClient() === undefined };
    F.init({
      dsn,
      integrations: (defaults) => [...defaults.filter((i) => i.name !== 'Breadcrumbs'), F.replayIntegration({ maskAllText: true }), F.feedbackIntegration()],
      replaysSessionSampleRate: 0.1,
      replaysOnErrorSampleRate: 1,
    });
  });
  assert.deepEqual(await page.evaluate(() => window.beforeInit), { initialized: false, client: true });
  await page.evaluate(() => console.log('not a breadcrumb: the app left Breadcrumbs out'));
  await go(page, 'throw:error');
  const [{ payload: ev }] = await inbox.events(1);
  assert.equal(thrown(ev).value, 'plain error');
  assert.deepEqual(ev.breadcrumbs?.values?.filter((b) => b.category === 'console') ?? [], []);
  assert.ok(ev.sdk.integrations.includes('GlobalHandlers'), ev.sdk.integrations.join());
  for (const absent of ['Breadcrumbs', 'Replay', 'Feedback']) assert.ok(!ev.sdk.integrations.includes(absent), absent);
  const warnings = seen.console.filter((m) => m.type === 'warning' && m.text.startsWith('[faultline]')).map((m) => m.text);
  assert.equal(warnings.length, 2, warnings.join('\n'));
  assert.match(warnings[0], /Replay: Session Replay is not part of Faultline/);
  assert.match(warnings[1], /Feedback: the user feedback widget is not part of Faultline/);
  const client = await page.evaluate(async () => {
    const c = F.getClient();
    return { initialized: F.isInitialized(), dsn: c.getOptions().dsn, own: c.getDsn() === c.getOptions().dsn, flushed: await c.flush(2000) };
  });
  assert.deepEqual({ ...client, dsn: undefined }, { initialized: true, dsn: undefined, own: true, flushed: true });
  assert.match(client.dsn, /^http:\/\/\w+@127\.0\.0\.1:\d+\/\d+$/);
  await page.close();

  // A function that throws: one warning, and the defaults stay on (breadcrumbs recorded).
  const second = await open((dsn) => F.init({ dsn, integrations: () => { throw new Error('bad set-up'); } }));
  await second.page.evaluate(() => console.log('a breadcrumb'));
  await go(second.page, 'throw:error');
  const [{ payload: ev2 }] = await inbox.events(1);
  assert.ok(ev2.breadcrumbs.values.some((b) => b.category === 'console' && b.message === 'a breadcrumb'));
  assert.ok(ev2.sdk.integrations.includes('Breadcrumbs'));
  assert.equal(second.seen.console.filter((m) => /the integrations function threw/.test(m.text)).length, 1);
  await second.page.close();
});

test('event processors run in order before beforeSend; null drops (counted), one that throws is skipped', async () => {
  const { page, seen } = await open((dsn) => {
    // Added before init, as libraries do at import.
    F.addEventProcessor((event) => {
      event.tags = { ...event.tags, first: 'yes' };
      return event;
    });
    F.addEventProcessor((event, hint) => {
      const v = event.message || event.exception.values.at(-1).value;
      if (v === 'internal') return null;
      if (v === 'bug') {
        event.tags.broken = 'yes';
        throw new Error('bug in a processor');
      }
      return new Promise((done) => setTimeout(() => done({ ...event, extra: { seen: String(hint.originalException) } }), 5));
    });
    F.init({ dsn, beforeSend: (event) => ({ ...event, tags: { ...event.tags, last: event.tags.first } }) });
    F.addEventProcessor((event) => ({ ...event, tags: { ...event.tags, added: 'after init' } }));
  });
  await page.evaluate(() => {
    F.captureException(new Error('kept'));
    F.captureMessage('internal');
    F.captureMessage('bug');
  });
  const events = (await inbox.events(2)).map((e) => e.payload);
  const by = Object.fromEntries(events.map((e) => [title(e), e]));
  assert.deepEqual(Object.keys(by).sort(), ['bug', 'kept']);
  assert.deepEqual(by.kept.tags, { first: 'yes', added: 'after init', last: 'yes' });
  assert.deepEqual(by.kept.extra, { seen: 'Error: kept' });
  // The throwing processor's half-made change is not sent; the ones after it still ran.
  assert.deepEqual(by.bug.tags, { first: 'yes', added: 'after init', last: 'yes' });
  const warned = () => seen.console.filter((m) => /an event processor threw; it is skipped/.test(m.text));
  for (let i = 0; i < 50 && !warned().length; i++) await page.waitForTimeout(100);
  assert.equal(warned().length, 1);
  assert.equal((await clientReport(page))['event_processor:error'], 1);
  await page.close();
});

test('captureConsoleIntegration: console calls at its levels become events, an Error passed to console.error that exception', async () => {
  const { page } = await open((dsn) => F.init({ dsn, integrations: [F.captureConsoleIntegration({ levels: ['error', 'warn', 'assert'] })] }));
  const logged = await page.evaluate(() => {
    const err = new Error('checkout failed');
    console.error('while paying:', err);
    console.warn('low stock', { sku: 'A-1', left: 2 });
    console.log('not a level it captures');
    console.assert(1 + 1 === 2, 'a passing assertion');
    console.assert(false, 'cart total is', -3);
    // The SDK's own console lines are not the app's.
    F.init({ dsn: 'again' });
    return err.stack.split('\n').length > 1;
  });
  assert.ok(logged);
  const events = (await inbox.events(3)).map((e) => e.payload);
  const by = Object.fromEntries(events.map((e) => [title(e), e]));
  assert.deepEqual(Object.keys(by).sort(), ['Assertion failed: cart total is -3', 'checkout failed', 'low stock {"sku":"A-1","left":2}']);
  const exception = by['checkout failed'];
  assert.equal(exception.level, 'error');
  assert.deepEqual(thrown(exception).mechanism, { type: 'auto.core.capture_console', handled: true });
  assert.ok(thrown(exception).stacktrace.frames.length > 0);
  assert.deepEqual(exception.extra.arguments, ['while paying:', '[Error: checkout failed]']);
  const warning = by['low stock {"sku":"A-1","left":2}'];
  assert.equal(warning.level, 'warning');
  assert.deepEqual(warning.extra.arguments, ['low stock', { sku: 'A-1', left: 2 }]);
  assert.equal(by['Assertion failed: cart total is -3'].level, 'error');
  await page.waitForTimeout(300);
  assert.equal((await inbox.events()).length, 3, 'nothing else, and the SDK warning no event');
  await page.close();
});

test('httpClientIntegration: requests answered with a failing status become events, only for the chosen codes and targets', async () => {
  const { page } = await open((dsn) => F.init({ dsn, integrations: [F.httpClientIntegration({ failedRequestStatusCodes: [[400, 403], 404], failedRequestTargets: ['/missing-', /\/gone\//] })] }));
  await page.evaluate(async () => {
    await fetch('/missing-a.json?token=abc123', { method: 'POST', body: 'secret body', headers: { authorization: 'Bearer xyz' } });
    await new Promise((done) => {
      const x = new XMLHttpRequest();
      x.open('GET', '/gone/b.json');
      x.onloadend = done;
      x.send();
    });
    // Not a chosen target; not a failing status.
    await fetch('/elsewhere.json');
    await fetch('/tests/browser/pages/capture/index.html');
  });
  const events = (await inbox.events(2)).map((e) => e.payload);
  const byKind = Object.fromEntries(events.map((e) => [thrown(e).mechanism.type, e]));
  assert.deepEqual(Object.keys(byKind).sort(), ['auto.http.client.fetch', 'auto.http.client.xhr']);
  const f = byKind['auto.http.client.fetch'];
  assert.equal(thrown(f).value, 'HTTP Client Error with status code: 404');
  assert.equal(thrown(f).mechanism.handled, false);
  assert.equal(f.level, 'error');
  assert.equal(f.contexts.response.status_code, 404);
  // The secret query parameter is scrubbed; no header or body of the request is sent.
  assert.deepEqual(f.extra.request, { method: 'POST', url: site.url + '/missing-a.json?token=[Filtered]' });
  assert.doesNotMatch(JSON.stringify(f), /secret body|xyz|abc123/);
  assert.deepEqual(f.fingerprint, ['HTTP Client Error with status code: 404', 'POST', site.url + '/missing-a.json']);
  assert.deepEqual(byKind['auto.http.client.xhr'].extra.request, { method: 'GET', url: site.url + '/gone/b.json' });
  await page.waitForTimeout(300);
  assert.equal((await inbox.events()).length, 2, 'nothing else');
  await page.close();
});
