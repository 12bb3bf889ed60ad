// faultline/react in headless Chromium, against production builds of the same app on React 18
// and React 19 (tests/browser/react-apps/): ErrorBoundary, its callbacks, reset, what is not
// its job (event handler errors), and React 19's root error handlers. Also: importing
// faultline/react in Node (SSR) works without a window.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startInbox, serveStatic, launch, watch, thrown, root } from './harness.mjs';

const apps = join(root, 'tests', 'browser', 'react-apps');
const VERSIONS = { 18: '18.3.1', 19: '19.3.1' };
const TREE = ['App', 'Dashboard', 'ErrorBoundary', 'InvoiceTable', 'InvoiceRow'];
let inbox, browser;
const sites = {};

before(async () => {
  inbox = await startInbox();
  for (const v of Object.keys(VERSIONS)) {
    const out = join(root, 'target', 'e2e-react' + v);
    execFileSync('npx', ['vite', 'build', '--outDir', out, '--emptyOutDir'], { cwd: join(apps, 'react' + v), stdio: 'inherit' });
    sites[v] = await serveStatic(out);
  }
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const s of Object.values(sites)) s.close();
  inbox?.stop();
});

async function open(v, query = '') {
  await inbox.reset();
  const page = await browser.newPage();
  const seen = watch(page);
  await page.goto(sites[v].url + '/?dsn=' + encodeURIComponent(inbox.dsn) + query);
  await page.waitForSelector('#invoices');
  return { page, seen };
}

/** Every event the page sent, once all of them were answered. */
async function sent(page) {
  assert.equal(await page.evaluate(() => window.__flush(5000)), true, 'everything was sent');
  return (await inbox.events()).map((e) => e.payload);
}

const names = (frames) => frames.map((f) => f.function).filter((n) => TREE.includes(n));

for (const v of Object.keys(VERSIONS)) {
  describe('React ' + v, () => {
    test('a render error in a nested component shows the fallback and sends one event with the component tree', async () => {
      const { page } = await open(v);
      await page.click('#break');
      await page.waitForSelector('#fallback');
      const shownId = await page.textContent('#fallback-event');
      const events = await sent(page);
      assert.equal(events.length, 1, 'exactly one event');
      const ev = events[0];
      assert.equal(ev.event_id, shownId, 'the fallback shows the event id');
      assert.equal(ev.sdk.name, 'faultline.javascript.react');
      const values = ev.exception.values;
      assert.equal(values.length, 2);
      const error = thrown(ev);
      assert.equal(error.type, 'Error');
      assert.equal(error.value, 'Invoice INV-1042 has no amount');
      assert.deepEqual(error.mechanism, { type: 'auto.function.react.error_boundary', handled: true, exception_id: 0 });
      const component = values[0];
      assert.equal(component.type, 'React ErrorBoundary Error');
      assert.equal(component.value, error.value);
      assert.equal(component.mechanism.type, 'chained');
      assert.equal(component.mechanism.parent_id, 0);
      assert.deepEqual(names(component.stacktrace.frames), TREE, 'frames name the tree, root first');
      const located = component.stacktrace.frames.find((f) => f.function === 'InvoiceRow');
      assert.match(located.filename, new RegExp('^' + sites[v].url + '/assets/index-[\\w-]+\\.js$'));
      const react = ev.contexts.react;
      assert.equal(react.version, VERSIONS[v]);
      assert.match(react.componentStack, /InvoiceRow[\s\S]*InvoiceTable[\s\S]*ErrorBoundary[\s\S]*Dashboard[\s\S]*App/);
      assert.equal(ev.tags.boundary, 'invoices', 'what beforeCapture set on its scope is on the event');
      await page.close();
    });

    test('onError and beforeCapture receive the error, the component stack and the event id', async () => {
      const { page } = await open(v);
      await page.click('#break');
      await page.waitForSelector('#fallback');
      const [ev] = await sent(page);
      const probe = await page.evaluate(() => window.__probe);
      const stack = ev.contexts.react.componentStack;
      assert.deepEqual(
        probe.calls.filter((c) => c[0] !== 'onMount'),
        [
          ['beforeCapture', 'function', 'Invoice INV-1042 has no amount', stack],
          ['onError', 'Invoice INV-1042 has no amount', stack, ev.event_id],
        ],
      );
      assert.deepEqual(probe.fallback, { error: 'Invoice INV-1042 has no amount', componentStack: stack, eventId: ev.event_id });
      await page.close();
    });

    test('resetError re-mounts the children and calls onReset', async () => {
      const { page } = await open(v);
      assert.equal(await page.evaluate(() => window.__probe.mounts), 1);
      await page.click('#break');
      await page.waitForSelector('#fallback');
      await page.click('#reset');
      await page.waitForSelector('#invoices');
      assert.equal(await page.locator('#fallback').count(), 0);
      const probe = await page.evaluate(() => window.__probe);
      assert.equal(probe.mounts, 2, 'the table mounted again');
      const [ev] = await sent(page);
      assert.deepEqual(probe.calls.at(-1), ['onReset', 'Invoice INV-1042 has no amount', ev.event_id]);
      await page.close();
    });

    test('a change of resetKeys while the fallback shows re-mounts the children', async () => {
      const { page } = await open(v);
      await page.click('#break');
      await page.waitForSelector('#fallback');
      await page.click('#switch-customer');
      await page.waitForSelector('#invoices');
      const probe = await page.evaluate(() => window.__probe);
      assert.equal(probe.mounts, 2);
      const [ev] = await sent(page);
      assert.deepEqual(probe.calls.at(-1), ['onReset', 'Invoice INV-1042 has no amount', ev.event_id]);
      await page.close();
    });

    test('withErrorBoundary without a fallback: unhandled, renders nothing, the page goes on; onUnmount gets the error', async () => {
      const { page, seen } = await open(v);
      assert.equal(await page.evaluate(() => window.__probe.chartName), 'errorBoundary(Chart)');
      await page.waitForSelector('#chart');
      await page.click('#break-chart');
      await page.waitForSelector('#chart', { state: 'detached' });
      const events = await sent(page);
      assert.equal(events.length, 1, 'exactly one event');
      const error = thrown(events[0]);
      assert.equal(error.value, 'Chart data missing');
      assert.deepEqual(error.mechanism, { type: 'auto.function.react.error_boundary', handled: false, exception_id: 0 });
      assert.deepEqual(seen.pageErrors, [], 'nothing is re-thrown');
      await page.click('#break');
      await page.waitForSelector('#fallback');
      await page.click('#hide-chart');
      const calls = await page.evaluate(() => window.__probe.calls);
      assert.deepEqual(calls.at(-1), ['onUnmount', 'Chart data missing', events[0].event_id]);
      await page.close();
    });

    test('an error in an event handler is reported once, by the global handler, not by the boundary', async () => {
      const { page, seen } = await open(v);
      await page.click('#handler-error');
      const events = await sent(page);
      assert.equal(events.length, 1, 'exactly one event');
      const error = thrown(events[0]);
      assert.equal(error.value, 'Export handler failed');
      assert.equal(error.mechanism.type, 'auto.browser.global_handlers.onerror');
      assert.equal(error.mechanism.handled, false);
      assert.equal(events[0].exception.values.length, 1, 'no component stack: React did not catch it');
      assert.equal(await page.locator('#fallback').count(), 0, 'the boundary kept its children');
      assert.ok(!(await page.evaluate(() => window.__probe.calls.some((c) => c[0] === 'onError'))));
      assert.deepEqual(seen.pageErrors, ['Export handler failed'], 'the page still sees its own error');
      await page.close();
    });
  });
}

describe('React 19 root error handlers (createRoot options)', () => {
  test('an error outside every boundary is reported by onUncaughtError, once, unhandled', async () => {
    const { page, seen } = await open(19, '&handlers');
    await page.click('#break-root');
    const events = await sent(page);
    assert.equal(events.length, 1, 'exactly one event: the window error React would raise is replaced');
    const ev = events[0];
    const error = thrown(ev);
    assert.equal(error.value, 'Header failed outside every boundary');
    assert.deepEqual(error.mechanism, { type: 'auto.function.react.error_handler', handled: false, exception_id: 0 });
    assert.deepEqual(names(ev.exception.values[0].stacktrace.frames), ['App']);
    assert.ok(ev.exception.values[0].stacktrace.frames.some((f) => f.function === 'Header'));
    assert.match(ev.contexts.react.componentStack, /Header[\s\S]*App/);
    assert.deepEqual(seen.pageErrors, []);
    await page.close();
  });

  test('an error a faultline ErrorBoundary caught is reported once, by the boundary; onCaughtError gets its id', async () => {
    const { page } = await open(19, '&handlers');
    await page.click('#break');
    await page.waitForSelector('#fallback');
    const events = await sent(page);
    assert.equal(events.length, 1, 'exactly one event');
    assert.equal(thrown(events[0]).mechanism.type, 'auto.function.react.error_boundary');
    assert.deepEqual(await page.evaluate(() => window.__caught), [['Invoice INV-1042 has no amount', events[0].event_id]]);
    await page.close();
  });

  test("an error another library's boundary caught is reported by onCaughtError as handled", async () => {
    const { page } = await open(19, '&handlers');
    await page.click('#break-plain');
    await page.waitForSelector('#plain-fallback');
    const events = await sent(page);
    assert.equal(events.length, 1, 'exactly one event');
    const error = thrown(events[0]);
    assert.equal(error.value, 'Forecast failed');
    assert.deepEqual(error.mechanism, { type: 'auto.function.react.error_handler', handled: true, exception_id: 0 });
    assert.deepEqual(await page.evaluate(() => window.__caught), [['Forecast failed', events[0].event_id]]);
    await page.close();
  });
});

test('importing faultline/react in Node (SSR) touches no window, throws nothing, and renders on the server', () => {
  for (const v of Object.keys(VERSIONS)) {
    const app = join(apps, 'react' + v);
    const script = `
      const m = await import(${JSON.stringify(join(app, 'node_modules', 'faultline', 'react', 'index.js'))});
      const { createElement: h } = await import('react');
      const { renderToString } = await import('react-dom/server');
      if (typeof window !== 'undefined') throw new Error('window exists');
      const html = renderToString(h(m.ErrorBoundary, { fallback: h('p', null, 'fallback') }, h('p', null, 'server')));
      const Wrapped = m.withErrorBoundary(function Page() { return h('p', null, 'page'); }, {});
      console.log(JSON.stringify({ html, name: Wrapped.displayName, exports: Object.keys(m).sort() }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' }));
    assert.equal(out.html, '<p>server</p>');
    assert.equal(out.name, 'errorBoundary(Page)');
    for (const name of ['ErrorBoundary', 'withErrorBoundary', 'reactErrorHandler', 'captureReactException', 'init', 'captureException', 'flush']) {
      assert.ok(out.exports.includes(name), 'exports ' + name);
    }
  }
});
