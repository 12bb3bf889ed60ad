// Privacy by default, checked on the wire: secrets planted all over a page (a cookie, the URL,
// a navigation, a fetch URL, breadcrumbs, messages, extras, contexts, tags) must not appear in
// any request the SDK makes, while the events themselves still arrive.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServers, stopServers } from './harness.mjs';

let inbox, site, browser;

before(async () => ({ inbox, site, browser } = await startServers()));
after(() => stopServers({ inbox, site, browser }));

const SECRETS = [
  'eyJhbGciOiJIUzI1NiJ9',
  'dozjgNryP4J3jVmNHl0w5N',
  'abcDEF123456secretXYZ',
  '4111 1111 1111 1111',
  '4111-1111-1111-1111',
  '4242424242424242',
  'cookieSecretValue123',
  'urlSecretTok456',
  'navSecretSess42',
  'fetchSecret789',
  'jane.doe@example.com',
];

test('no planted secret appears in any request the SDK made', async () => {
  await inbox.reset();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.url}/tests/browser/pages/privacy.html?token=urlSecretTok456&dsn=${encodeURIComponent(inbox.dsn)}`);
  await page.waitForFunction(() => window.F);
  const ids = await page.evaluate(() => plant());
  const events = await inbox.events(ids.length, 15);
  assert.deepEqual(events.map((e) => e.event_id).sort(), [...ids].sort(), 'every event arrived');
  // The client report and anything else the page sends on hide are covered too.
  await page.close({ runBeforeUnload: true });
  await new Promise((r) => setTimeout(r, 300));
  const requests = await inbox.requests();
  assert.ok(requests.length >= ids.length);
  for (const r of requests) {
    const wire = JSON.stringify({ path: r.path, query: r.query, headers: r.headers, body: r.body, envelope: r.envelope });
    for (const s of SECRETS) assert.ok(!wire.includes(s), `request ${r.seq} leaks ${s}`);
    assert.equal(r.headers.cookie, undefined, 'no cookie header');
    assert.equal(r.headers.authorization, undefined, 'no authorization header');
  }
  // Filtered, not dropped: the shapes are still there.
  const ev = events.find((e) => e.payload.exception && /token expired/.test(JSON.stringify(e.payload))).payload;
  assert.match(ev.request.url, /token=\[Filtered\]/);
  assert.equal(ev.user?.ip_address, undefined);
  assert.equal(ev.sdk.settings.infer_ip, 'never');
  assert.match(JSON.stringify(ev.exception), /token expired: \[Filtered\]/);
  assert.match(JSON.stringify(ev.extra), /\[Filtered\]/);
  await context.close();
});

test('scrub options: emails kept when turned off, custom patterns filtered', async () => {
  await inbox.reset();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.url}/tests/browser/pages/outbox.html?dsn=${encodeURIComponent(inbox.dsn)}&opts=${encodeURIComponent(JSON.stringify({ scrub: { emails: false, patterns: ['hunter2'] } }))}`);
  await page.waitForFunction(() => window.F);
  const id = await page.evaluate(() => F.captureMessage('ops@example.org saw hunter2 in the logs'));
  const [ev] = await inbox.events(1);
  assert.equal(ev.event_id, id);
  assert.equal(ev.payload.message?.formatted ?? ev.payload.message, 'ops@example.org saw [Filtered] in the logs');
  await context.close();
});
