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

/** Waits until the app shows page `name` (a navigation renders after the click returned). */
const shows = (page, name) => page.waitForFunction((n) => document.querySelector('#page')?.textContent === n, name);

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
    await shows(page, 'item');
    // The navigation ends the page load; the nested route's path joins its parents'.
    await page.click('#to-orders');
    await shows(page, 'orders');
    assert.deepEqual((await transactions('pageload')).pageload, ['/shop/items/:itemId', 'route']);
    assert.deepEqual((await transactions('navigation')).navigation, ['/shop/users/:userId/orders', 'route']);
    // An index route is named by its parent's path.
    await inbox.reset();
    await page.click('#to-home');
    await shows(page, 'home');
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
  await shows(page, 'item');
  assert.deepEqual(await transactions('navigation'), { pageload: ['/shop/items/42', 'url'], navigation: ['/shop/items/7', 'url'] });
  assert.deepEqual(seen.pageErrors, []);
  await page.close();
});

test('the profiler adds mounts to the transaction in progress, the time on screen when a component unmounts, and updates of its props', async () => {
  await inbox.reset();
  const page = await browser.newPage();
  const q = new URLSearchParams({ dsn: inbox.dsn, mode: 'routes' });
  await page.goto(`${site.url}/shop/items/42?${q}`);
  // The orders page sits one route deeper: the item page unmounts and a new one mounts.
  await page.click('#to-orders');
  await shows(page, 'orders');
  const ours = (t) => t.spans.filter((s) => s.origin === 'auto.ui.react.profiler');
  const summary = (t) => ours(t).map((s) => [s.op, s.description]).sort();
  const load = await named('/shop/items/:itemId');
  assert.deepEqual(summary(load), [['ui.react.mount', '<Layout>'], ['ui.react.mount', '<Page>']]);
  for (const s of ours(load)) {
    assert.equal(s.parent_span_id, load.contexts.trace.span_id);
    assert.ok(s.start_timestamp >= load.start_timestamp && s.timestamp <= load.timestamp, 'within the page load');
  }
  const orders = await named('/shop/users/:userId/orders');
  assert.deepEqual(summary(orders), [['ui.react.mount', '<Page>'], ['ui.react.render', '<Page>']]);
  const render = ours(orders).find((s) => s.op === 'ui.react.render');
  assert.ok(render.start_timestamp < orders.start_timestamp, 'the render span starts at the mount, during the page load');
  assert.equal(render.data['ui.component_name'], 'Page');
  // Home and item pages sit at the same place: going from one to the other updates the Page.
  await page.click('#to-home');
  await shows(page, 'home');
  await page.click('#to-item');
  await shows(page, 'item');
  const item = await named('/shop/items/:itemId', 'navigation');
  assert.deepEqual(summary(item), [['ui.react.update', '<Page>']]);
  assert.equal(ours(item)[0].data['ui.react.changed_props'], 'name');
  await page.close();
});

/** The transaction named `name` (of op `op`, if given), waiting for it to arrive. */
async function named(name, op) {
  for (let i = 0; i < 60; i++) {
    const all = (await inbox.events(0, 0, 'transaction')).map((e) => e.payload);
    const t = all.find((t) => t.transaction === name && (!op || t.contexts.trace.op === op));
    if (t) return t;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.fail(`no transaction ${name} arrived`);
}
