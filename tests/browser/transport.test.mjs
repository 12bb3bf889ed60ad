// Delivery against a misbehaving inbox, in headless Chromium: outages, dropped connections,
// rate limits in each header form, slow answers, a burst, leaving the page, a reload offline.
// Each test counts what arrived: nothing lost, nothing twice, nothing sent while limited.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServers, stopServers, watch } from './harness.mjs';

let inbox, site, browser;

before(async () => ({ inbox, site, browser } = await startServers()));
after(() => stopServers({ inbox, site, browser }));

const pageUrl = () => `${site.url}/tests/browser/pages/outbox.html?dsn=${encodeURIComponent(inbox.dsn)}`;

/** A fresh context (own IndexedDB) with the test page loaded and the core ready. */
async function open() {
  await inbox.reset();
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(pageUrl());
  await page.waitForFunction(() => window.F);
  assert.equal(await page.evaluate(() => F.flush(5000)), true, 'core loaded');
  return { context, page, seen };
}

function capture(page, n, prefix = 'boom') {
  return page.evaluate(
    ([n, prefix]) => Array.from({ length: n }, (_, i) => F.captureException(new Error(prefix + ' ' + i))),
    [n, prefix],
  );
}

/** Accepted events: asserts each id arrived exactly once and returns the ids. */
async function arrivedOnce(ids, timeout = 30) {
  const events = (await inbox.events(ids.length, timeout)).filter((e) => e.type === 'event');
  const got = events.map((e) => e.event_id);
  assert.deepEqual([...got].sort(), [...ids].sort(), 'every event arrived');
  assert.equal(events.filter((e) => e.duplicate_of != null).length, 0, 'no event arrived twice');
  return got;
}

/** How many envelope bodies the page's shim still holds for its core (js/outbox.js). */
const held = (page) => page.evaluate(() => import('/pkg/outbox.js').then((m) => m.held()));

const envelopeRequests = async () => (await inbox.requests()).filter((r) => r.path.endsWith('/envelope/') && !r.preflight);
const itemTypes = (r) => (r.envelope ? r.envelope.items.map((i) => i.header.type) : []);

/** The client report items the inbox received, merged into {reason/category: quantity}. */
async function reported() {
  const out = {};
  for (const r of await envelopeRequests()) {
    if (!r.envelope) continue;
    for (const it of r.envelope.items) {
      if (it.header.type !== 'client_report') continue;
      for (const d of it.payload.discarded_events) out[d.reason + '/' + d.category] = (out[d.reason + '/' + d.category] || 0) + d.quantity;
    }
  }
  return out;
}

/** With `page` settled (`flush`), a reload sends nothing again: the inbox still holds `n` events. */
async function noneAgainAfterReload(page, n) {
  assert.equal(await page.evaluate(() => F.flush(5000)), true);
  await page.reload();
  await page.waitForFunction(() => window.F);
  await page.evaluate(() => F.flush(3000));
  await page.waitForTimeout(300);
  assert.equal((await inbox.events()).length, n, 'nothing sent again');
}

/**
 * Run in a page: from now on IndexedDB's `method` (`put` or `delete`) never commits (`spin`:
 * its transaction is kept busy) or aborts its transaction (`abort`).
 */
function breakStore([method, fault]) {
  IDBObjectStore.prototype[method] = function () {
    if (fault === 'abort') return this.transaction.abort();
    const spin = () => (this.count().onsuccess = spin);
    spin();
  };
}

/** Holds the `&slow` page's image, so its `load` waits; resolves to the function that lets it come. */
async function holdLoad(context) {
  let answer;
  const late = new Promise((r) => (answer = r));
  await context.route('**/_slow.png', async (route) => {
    await late;
    route.fulfill({ status: 404, body: '' });
  });
  return answer;
}

/** How many envelopes the page's outbox store holds on disk. */
const stored = (page) =>
  page.evaluate(
    () =>
      new Promise((res) => {
        const r = indexedDB.open('faultline', 1);
        // Not created yet: abort, so this look does not create it without its store.
        r.onupgradeneeded = () => r.transaction.abort();
        r.onerror = () => res(0);
        r.onsuccess = () => {
          const q = r.result.transaction('outbox').objectStore('outbox').count();
          q.onsuccess = () => res(q.result);
        };
      }),
  );

test('a 503 outage is retried with backoff: every event arrives once', async () => {
  const { context, page } = await open();
  await inbox.behave({ status: 503, count: 4 });
  const ids = await capture(page, 5, 'outage');
  await arrivedOnce(ids);
  const statuses = (await envelopeRequests()).map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 503).length, 4, 'the outage was met');
  assert.equal(await page.evaluate(() => F.flush(5000)), true, 'queue empty afterwards');
  assert.equal(await held(page), 0, 'no body is kept after delivery');
  await context.close();
});

test('dropped connections are retried: every event arrives once', async () => {
  const { context, page } = await open();
  await inbox.behave({ drop_connection: true, count: 3 });
  const ids = await capture(page, 3, 'dropped');
  await arrivedOnce(ids);
  await context.close();
});

test('slow answers: a backlog is paced and delivered in full', async () => {
  const { context, page } = await open();
  await inbox.behave({ delay_ms: 400, count: 30 });
  const ids = await capture(page, 30, 'slow');
  await arrivedOnce(ids, 60);
  await context.close();
});

test('a 429 with Retry-After: nothing is sent while limited, drops are reported', async () => {
  const { context, page } = await open();
  await inbox.behave({ status: 429, headers: { 'Retry-After': '2' } });
  await capture(page, 1, 'refused');
  await inbox.requests(1);
  await page.waitForTimeout(100);
  const before = (await envelopeRequests()).length;
  await capture(page, 3, 'while limited');
  await page.waitForTimeout(300);
  assert.equal((await envelopeRequests()).length, before, 'no request while limited');
  // Limits lift after Retry-After.
  await page.waitForTimeout(2000);
  const [after] = await capture(page, 1, 'after');
  await arrivedOnce([after]);
  await page.evaluate(() => hide());
  await inbox.requests(before + 2);
  await page.waitForTimeout(300);
  assert.deepEqual(await reported(), { 'ratelimit_backoff/error': 4 });
  assert.equal(await page.evaluate(() => F.flush(5000)), true);
  assert.equal(await held(page), 0, 'no body is kept after a drop');
  await context.close();
});

test('X-Sentry-Rate-Limits with a reason code on a 200 limits that category', async () => {
  const { context, page } = await open();
  await inbox.behave({ headers: { 'X-Sentry-Rate-Limits': '60:error;default:key:quota_exceeded' } });
  const [first] = await capture(page, 1, 'accepted');
  await arrivedOnce([first]);
  await page.waitForTimeout(100);
  const before = (await envelopeRequests()).length;
  await capture(page, 2, 'limited');
  await page.evaluate(() => F.captureMessage('limited message'));
  await page.waitForTimeout(300);
  assert.equal((await envelopeRequests()).length, before, 'no error request while limited');
  await page.evaluate(() => hide());
  await inbox.requests(before + 1);
  await page.waitForTimeout(300);
  const reqs = await envelopeRequests();
  assert.deepEqual(itemTypes(reqs[reqs.length - 1]), ['client_report'], 'client report in its own envelope');
  assert.deepEqual(await reported(), { 'ratelimit_backoff/error': 3 });
  await context.close();
});

test('a bare 429 (headers unreadable, as from GlitchTip) means 60 s for everything', async () => {
  const { context, page } = await open();
  await inbox.behave({ status: 429 });
  await capture(page, 1, 'refused');
  await inbox.requests(1);
  await page.waitForTimeout(100);
  await capture(page, 2, 'limited');
  await page.evaluate(() => hide());
  await page.waitForTimeout(300);
  assert.equal((await envelopeRequests()).length, 1, 'not even the client report is sent');
  await context.close();
});

test('a burst of 1,000 errors is delivered in full', async () => {
  const { context, page } = await open();
  const t0 = Date.now();
  const ids = await capture(page, 1000, 'burst');
  await arrivedOnce(ids, 300);
  const ms = Date.now() - t0;
  console.log(`# burst: 1000 captured, ${ids.length} received once each, in ${ms} ms`);
  assert.equal((await envelopeRequests()).length, 1000);
  assert.equal(await page.evaluate(() => F.flush(5000)), true, 'queue empty afterwards');
  assert.equal(await held(page), 0, 'no body is kept after delivery');
  await context.close();
});

test('more captures before the core loaded than the shim holds: each one arrives or is counted', async () => {
  await inbox.reset();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pageUrl() + '&early=1200');
  await page.waitForFunction(() => window.F);
  const ids = await page.evaluate(() => window.early);
  assert.equal(new Set(ids).size, 1200, 'each capture returned its own event id');
  assert.equal(await page.evaluate(() => F.flush(30000)), true);
  // Client reports go out when the page is hidden.
  const sent = (await envelopeRequests()).length;
  await page.evaluate(() => hide());
  await inbox.requests(sent + 1);
  await page.waitForTimeout(300);
  const events = (await inbox.events()).filter((e) => e.type === 'event');
  const ours = new Set(ids);
  assert.ok(events.every((e) => ours.has(e.event_id)), 'only these events arrived');
  assert.equal(new Set(events.map((e) => e.event_id)).size, events.length, 'none twice');
  const counted = await reported();
  assert.ok(counted['queue_overflow/error'] > 0, 'the captures the shim could not hold are counted as queue_overflow');
  const dropped = Object.entries(counted).reduce((n, [k, q]) => n + (k.endsWith('/error') ? q : 0), 0);
  assert.equal(events.length + dropped, 1200, `arrived ${events.length} + counted ${JSON.stringify(counted)}`);
  await context.close();
});

test('a burst of 4 KB events goes out without a failed request: nothing is retried or persisted', async () => {
  // Chromium refuses a `keepalive` request ("Failed to fetch", never reaching the server) while
  // the page's earlier ones hold more than 64 KB, and it holds one until its answer is read.
  const { context, page } = await open();
  const ids = await page.evaluate(() =>
    Array.from({ length: 300 }, (_, i) => F.captureException(new Error('big ' + i), { extra: { pad: 'x'.repeat(3000) } })),
  );
  await arrivedOnce(ids, 120);
  assert.equal((await envelopeRequests()).length, 300, 'one request per event, no retries');
  const dbs = await page.evaluate(() => indexedDB.databases().then((l) => l.map((d) => d.name)));
  assert.deepEqual(dbs, [], 'nothing was persisted for a retry');
  await context.close();
});

test('an error captured just before navigating away in the same task arrives', async () => {
  const { context, page } = await open();
  const id = await page.evaluate(() => {
    const id = F.captureException(new Error('leaving the page'));
    location.href = '/tests/browser/pages/blank.html';
    return id;
  });
  await page.waitForURL(/blank\.html/);
  await arrivedOnce([id]);
  await context.close();
});

test('captured offline, reloaded offline, online again: each event arrives exactly once', async () => {
  const { context, page } = await open();
  await context.setOffline(true);
  const ids = await capture(page, 3, 'offline');
  await page.waitForTimeout(200);
  await page.reload().catch(() => {});
  await context.setOffline(false);
  await page.goto(pageUrl());
  await arrivedOnce(ids);
  // Once the page has settled its answers (`flush`: the requests answered and the outbox's
  // deletes on disk), a further load sends nothing again.
  await noneAgainAfterReload(page, 3);
  await context.close();
});

for (const [how, fault] of [
  // The write never commits here (a first open of the database on a busy device takes long
  // enough for a tab closed right after the error).
  ['before its IndexedDB write committed', 'spin'],
  // The write aborts (the disk is full), and the page sees it end.
  ['after its IndexedDB write aborted', 'abort'],
]) {  test(`captured offline, the page closed ${how}: the next load sends it once`, async () => {
    const { context, page } = await open();
    await page.evaluate(breakStore, ['put', fault]);
    await context.setOffline(true);
    const ids = await capture(page, 2, 'closed offline');
    // Older than two seconds when the next load looks: not another tab's write still committing.
    await page.waitForTimeout(2100);
    await page.close();
    await context.setOffline(false);
    const next = await context.newPage();
    await next.goto(pageUrl());
    await arrivedOnce(ids);
    await noneAgainAfterReload(next, 2);
    assert.equal(await next.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('.copy.')).length), 0, 'no copy left');
    await context.close();
  });
}

test('a page load touches no storage until the page has loaded and is idle', async () => {
  await inbox.reset();
  const context = await browser.newContext();
  // Every localStorage and IndexedDB call, with the document's state when it was made.
  await context.addInitScript(() => {
    window.storageCalls = [];
    const spy = (obj, name, what) => {
      const f = obj[name];
      obj[name] = function () {
        window.storageCalls.push(what + ' ' + document.readyState);
        return f.apply(this, arguments);
      };
    };
    for (const n of ['getItem', 'setItem', 'removeItem', 'key']) spy(Storage.prototype, n, n);
    spy(IDBFactory.prototype, 'open', 'indexedDB.open');
  });
  const answer = await holdLoad(context);
  const page = await context.newPage();
  // An earlier load left an envelope, so this one has something to hand back.
  await page.goto(site.url + '/tests/browser/pages/blank.html');
  await page.evaluate(() => localStorage.setItem('faultline.outbox', '1'));
  await page.evaluate(() => window.storageCalls.splice(0));
  // The page stays loading (an image answered late) while the SDK starts and captures.
  await page.goto(pageUrl() + '&early=1&slow', { waitUntil: 'commit' });
  await page.waitForFunction(() => window.early);
  await page.waitForTimeout(500);
  answer();
  assert.equal(await page.evaluate(() => F.flush(5000)), true);
  const calls = await page.evaluate(() => window.storageCalls);
  assert.ok(calls.length > 0, 'the page looked for envelopes left by earlier loads');
  assert.deepEqual(calls.filter((c) => !c.endsWith(' complete')), [], 'no storage call before load');
  await context.close();
});

test('what a page stores before it looked for earlier loads\' envelopes stays its own: sent once, by it', async () => {
  await inbox.reset();
  const context = await browser.newContext();
  await context.route('**/api/1/envelope/**', (route) => route.abort('connectionrefused'));
  const answer = await holdLoad(context);
  const page = await context.newPage();
  await page.goto(pageUrl() + '&early=3&slow', { waitUntil: 'commit' });
  await page.waitForFunction(() => window.early);
  const ids = await page.evaluate(() => window.early);
  while ((await stored(page)) < 3) await page.waitForTimeout(50);
  // Now the page loads, and looks for what earlier loads left.
  answer();
  await page.waitForLoadState('load');
  await page.evaluate(() => new Promise((r) => requestIdleCallback(() => setTimeout(r, 300))));
  assert.equal(await stored(page), 3, 'its own envelopes are still stored');
  await context.unroute('**/api/1/envelope/**');
  await page.evaluate(() => dispatchEvent(new Event('online')));
  await arrivedOnce(ids);
  assert.equal(await page.evaluate(() => F.flush(5000)), true);
  await page.waitForTimeout(300);
  assert.equal((await inbox.events()).length, 3, 'nothing sent twice');
  assert.equal(await stored(page), 0, 'nothing left stored');
  await context.close();
});

for (const [how, fault] of [
  // The page goes away before its deletes commit (a navigation right after coming back online,
  // on a busy device): here they never do.
  ['was not on disk yet', 'spin'],
  // The deletes abort, as they do when the page goes away; the page sees them end.
  ['aborted', 'abort'],
]) {  test(`envelopes sent on coming back online are not sent again by the next load, even if their delete ${how}`, async () => {
    const { context, page } = await open();
    await context.setOffline(true);
    const ids = await capture(page, 2, 'kept offline');
    while ((await stored(page)) < 2) await page.waitForTimeout(50);
    await page.evaluate(breakStore, ['delete', fault]);
    await context.setOffline(false);
    await arrivedOnce(ids);
    // Every request answered, so what the page does with its deletes has happened.
    while ((await held(page)) > 0) await page.waitForTimeout(50);
    await page.goto(pageUrl());
    await page.waitForFunction(() => window.F);
    assert.equal(await page.evaluate(() => F.flush(5000)), true);
    await page.waitForTimeout(300);
    const events = await inbox.events();
    assert.equal(events.length, 2, 'nothing sent again: ' + JSON.stringify(events.map((e) => [e.event_id, e.duplicate_of])));
    assert.equal(await stored(page), 0, 'nothing left stored');
    await context.close();
  });
}

test('envelopes a page stored while offline and another load took meanwhile are sent by that load alone', async () => {
  // A page that comes back online must not send what another page load (a reload that started
  // before this one was gone, another tab) already took from storage and delivered.
  const { context, page } = await open();
  const online = (on) =>
    page.evaluate((on) => {
      Object.defineProperty(navigator, 'onLine', { value: on, configurable: true });
      dispatchEvent(new Event(on ? 'online' : 'offline'));
    }, on);
  await online(false);
  const ids = await capture(page, 2, 'taken by another load');
  while ((await stored(page)) < 2) await page.waitForTimeout(50);
  const other = await context.newPage();
  await other.goto(pageUrl());
  await arrivedOnce(ids);
  assert.equal(await other.evaluate(() => F.flush(5000)), true);
  await online(true);
  assert.equal(await page.evaluate(() => F.flush(5000)), true, 'the first page is done with them');
  await page.waitForTimeout(300);
  assert.equal((await inbox.events()).length, 2, 'nothing sent twice');
  assert.equal(await stored(page), 0, 'nothing left stored');
  await context.close();
});

test('through a tunnel, envelopes carry the DSN header and no cookies', async () => {
  await inbox.reset();
  const context = await browser.newContext();
  const page = await context.newPage();
  // The tunnel is the inbox itself, posted to by path; the key is in the envelope's dsn header
  // and in the tunnel URL (as a real tunnel would add it).
  const tunnel = `${inbox.url}/api/1/envelope/?sentry_key=${inbox.dsn.slice(7, 39)}&sentry_version=7`;
  await page.goto(`${pageUrl()}&tunnel=${encodeURIComponent(tunnel)}`);
  await page.waitForFunction(() => window.F);
  const [id] = await capture(page, 1, 'tunneled');
  await arrivedOnce([id]);
  const [req] = await envelopeRequests();
  assert.equal(req.envelope.header.dsn, inbox.dsn);
  assert.equal(req.headers.cookie, undefined);
  await context.close();
});

test('a page that sends everything it captures never opens IndexedDB', async () => {
  const { context, page } = await open();
  const ids = await capture(page, 2, 'delivered');
  await arrivedOnce(ids);
  // The answers have reached the page too (a request still open at page hide is kept, in case).
  assert.equal(await page.evaluate(() => F.flush(5000)), true);
  await page.reload();
  await page.waitForFunction(() => window.F);
  assert.equal(await page.evaluate(() => F.flush(5000)), true);
  const dbs = await page.evaluate(() => indexedDB.databases().then((l) => l.map((d) => d.name)));
  assert.deepEqual(dbs, [], 'no database was created');
  await context.close();
});

test('envelopes that failed are persisted and sent once by the next page load', async () => {
  await inbox.reset();
  const context = await browser.newContext();
  // The ingest is unreachable for this page: every envelope request fails at the network level.
  await context.route('**/api/1/envelope/**', (route) => route.abort('connectionrefused'));
  let page = await context.newPage();
  await page.goto(pageUrl());
  await page.waitForFunction(() => window.F);
  const ids = await capture(page, 2, 'unreachable');
  while ((await stored(page)) < 2) await page.waitForTimeout(50);
  await page.close();
  await context.unroute('**/api/1/envelope/**');
  page = await context.newPage();
  await page.goto(pageUrl());
  await arrivedOnce(ids);
  await context.close();
});

test('stormCap: a render loop sends the first events of its issue, the rest are counted', async () => {
  await inbox.reset();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${pageUrl()}&opts=${encodeURIComponent(JSON.stringify({ stormCap: 2 }))}`);
  await page.waitForFunction(() => window.F);
  const ids = await page.evaluate(() =>
    Array.from({ length: 10 }, (_, i) => F.captureException(new Error('frame ' + i), { fingerprint: ['render-loop'] })),
  );
  await arrivedOnce(ids.slice(0, 2));
  await page.evaluate(() => hide());
  await inbox.requests(3);
  await page.waitForTimeout(300);
  assert.equal((await inbox.events()).length, 2);
  assert.deepEqual(await reported(), { 'event_processor/error': 8 });
  await context.close();
});

test('a transport hook gets each request; a hook that throws or answers junk costs a retry, never an exception', async () => {
  await inbox.reset();
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(`${site.url}/tests/browser/pages/blank.html`);
  const id = await page.evaluate(async (dsn) => {
    const F = await import('/pkg/index.js');
    window.requests = [];
    F.init({
      dsn,
      transport(req) {
        window.requests.push(Object.assign({}, req));
        if (window.requests.length === 1) throw new Error('the hook broke');
        if (window.requests.length === 2) return 'not a response';
        return fetch(req.url, req);
      },
    });
    return F.captureException(new Error('through the hook'));
  }, inbox.dsn);
  await arrivedOnce([id]);
  const requests = await page.evaluate(() => window.requests);
  assert.equal(requests.length, 3, 'two failures, then the delivery');
  for (const r of requests) {
    assert.match(r.url, /\/api\/1\/envelope\/\?.*sentry_key=0a1b/, 'the key in the query');
    assert.equal(r.method, 'POST');
    assert.equal(r.credentials, 'omit');
    assert.equal(r.referrerPolicy, 'strict-origin');
    assert.equal(typeof r.keepalive, 'boolean');
    assert.ok(typeof r.body === 'string' && r.body.includes(id), 'the envelope as a string');
  }
  assert.deepEqual(seen.pageErrors, []);
  await context.close();
});
