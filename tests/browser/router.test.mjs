// React Router tracing in headless Chromium: a production build of a shop on React Router 7
// (tests/browser/react-apps/react19/router.js), routed each way apps route, names its pageload
// and navigation transactions after the matched route, not the URL. The inbox accepts each
// only after Relay's normalizer found no error.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startInbox, serveStatic, launch, watch, root } from './harness.mjs';

let inbox, site, browser;

before(async () => {
  inbox = await startInbox();
  const out = join(root, 'target', 'e2e-router');
  execFileSync('npx', ['vite', 'build', '--outDir', out, '--emptyOutDir'], { cwd: join(root, 'tests', 'browser', 'react-apps', 'react19'), stdio: 'inherit' });
  // Every path is the app, as a single-page app is served.
  site = await serveStatic(out, { fallback: 'router.html' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.close();
  inbox?.stop();
});

/** The transactions sent until one with `op` arrived, as `{op: [name, source]}` of the last of each op. */
async function transactions(until) {
  for (let i = 0; i < 60; i++) {
    const all = (await inbox.events(0, 0, 'transaction')).map((e) => e.payload);
    if (all.some((t) => t.contexts.trace.op === until)) {
      return Object.fromEntries(all.map((t) => [t.contexts.trace.op, [t.transaction, t.transaction_info.source]]));
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.fail(`no ${until} transaction arrived`);
}

for (const mode of ['routes', 'data', 'hook']) {
  test(`${mode}: the page load and a navigation are named after the matched route`, async () => {
    await inbox.reset();
    const page = await browser.newPage();
    const seen = watch(page);
    const q = new URLSearchParams({ dsn: inbox.dsn, mode });
    await page.goto(`${site.url}/shop/items/42?${q}`);
    assert.equal(await page.textContent('#page'), 'item');
    // The navigation ends the page load; the nested route's path joins its parents'.
    await page.click('#to-orders');
    assert.equal(await page.textContent('#page'), 'orders');
    assert.deepEqual((await transactions('pageload')).pageload, ['/shop/items/:itemId', 'route']);
    assert.deepEqual((await transactions('navigation')).navigation, ['/shop/users/:userId/orders', 'route']);
    // An index route is named by its parent's path.
    await inbox.reset();
    await page.click('#to-home');
    assert.equal(await page.textContent('#page'), 'home');
    assert.deepEqual(await transactions('navigation'), { navigation: ['/shop', 'route'] });
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.console.filter((m) => m.type === 'warning' || m.type === 'error'), []);
    await page.close();
  });
}

test('without the router integration, the wrapped router still routes and transactions keep their URL', async () => {
  await inbox.reset();
  const page = await browser.newPage();
  const seen = watch(page);
  const q = new URLSearchParams({ dsn: inbox.dsn, mode: 'data', plain: '' });
  await page.goto(`${site.url}/shop/items/42?${q}`);
  await page.click('#to-item');
  assert.equal(await page.textContent('#page'), 'item');
  assert.deepEqual(await transactions('navigation'), { pageload: ['/shop/items/42', 'url'], navigation: ['/shop/items/7', 'url'] });
  assert.deepEqual(seen.pageErrors, []);
  await page.close();
});
