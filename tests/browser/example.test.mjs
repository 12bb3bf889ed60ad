// The example app, built for production exactly as a user would build it, in headless
// Chromium: each button's error must arrive in the inbox as the right event.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startInbox, serveStatic, launch, watch, thrown, root } from './harness.mjs';

const app = join(root, 'examples', 'react-vite');
const out = join(root, 'target', 'e2e-example');
let inbox, site, browser;

before(async () => {
  inbox = await startInbox();
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', out, '--emptyOutDir'], {
    cwd: app,
    env: { ...process.env, VITE_FAULTLINE_DSN: inbox.dsn, VITE_RELEASE: '2.0.0' },
    stdio: 'inherit',
  });
  site = await serveStatic(out);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  site?.close();
  inbox?.stop();
});

async function open() {
  await inbox.reset();
  const page = await browser.newPage();
  const seen = watch(page);
  await page.goto(site.url + '/');
  await page.waitForSelector('#throw-error');
  return { page, seen };
}

test('a thrown TypeError reaches the inbox with type, value, release, environment and an in-app frame', async () => {
  const { page, seen } = await open();
  await page.click('#throw-error');
  const [entry] = await inbox.events(1);
  assert.ok(entry, 'an event arrived');
  const ev = entry.payload;
  const ex = thrown(ev);
  assert.equal(ex.type, 'TypeError');
  assert.match(ex.value, /Cannot read properties of undefined \(reading 'price'\)/);
  assert.equal(ex.mechanism.type, 'auto.browser.global_handlers.onerror');
  assert.equal(ex.mechanism.handled, false);
  assert.equal(ev.release, 'faultline-demo@2.0.0');
  assert.equal(ev.environment, 'demo');
  assert.equal(ev.platform, 'javascript');
  const frames = ex.stacktrace.frames;
  const top = frames[frames.length - 1];
  assert.equal(top.in_app, true);
  assert.match(top.filename, new RegExp('^' + site.url + '/assets/index-[\\w-]+\\.js$'));
  assert.ok(top.lineno >= 1 && top.colno >= 1, 'line and column are real');
  assert.equal(ev.request.url, site.url + '/');
  assert.match(ev.request.headers['User-Agent'], /Chrome\//);
  // Exactly that one event: nothing else was sent.
  await page.waitForTimeout(300);
  assert.equal((await inbox.events()).length, 1);
  assert.deepEqual(seen.pageErrors.length, 1, 'the app error itself still reaches the page as before');
  await page.close();
});

test('requests are CORS-simple: text/plain, key in the query, no preflight', async () => {
  const { page } = await open();
  await page.click('#capture-handled');
  await inbox.events(1);
  const reqs = await inbox.requests(1);
  assert.ok(reqs.length >= 1);
  for (const r of reqs) {
    assert.equal(r.preflight, false, 'no OPTIONS preflight');
    assert.equal(r.method, 'POST');
    assert.match(r.content_type, /^text\/plain/);
    assert.equal(r.query.sentry_version, '7');
    assert.equal(r.query.sentry_key.length, 32);
    assert.equal(r.headers['X-Sentry-Auth'] ?? r.headers['x-sentry-auth'], undefined);
  }
  const ev = (await inbox.events())[0].payload;
  assert.equal(thrown(ev).type, 'SyntaxError');
  assert.equal(thrown(ev).mechanism.handled, true);
  assert.equal(ev.tags.area, 'settings');
  await page.close();
});

test('a rejected promise and a message arrive, and the page id matches the event id', async () => {
  const { page } = await open();
  await page.click('#reject-promise');
  await page.click('#capture-message');
  const events = await inbox.events(2);
  const rejection = events.find((e) => e.payload.exception);
  const message = events.find((e) => e.payload.message);
  assert.equal(thrown(rejection.payload).value, 'Checkout service unavailable');
  assert.equal(thrown(rejection.payload).mechanism.type, 'auto.browser.global_handlers.onunhandledrejection');
  assert.equal(message.payload.level, 'warning');
  await page.waitForSelector('#last-event');
  const shown = await page.textContent('#last-event code');
  assert.equal(shown, message.payload.event_id);
  await page.close();
});

test('a render error inside the ErrorBoundary shows the fallback with the event id, and Try again recovers', async () => {
  const { page, seen } = await open();
  await page.click('#render-error');
  await page.waitForSelector('#boundary-fallback');
  const [entry] = await inbox.events(1);
  const ev = entry.payload;
  assert.equal(await page.textContent('#boundary-fallback code'), ev.event_id);
  assert.equal(ev.sdk.name, 'faultline.javascript.react');
  const ex = thrown(ev);
  assert.equal(ex.type, 'TypeError');
  assert.deepEqual(ex.mechanism, { type: 'auto.function.react.error_boundary', handled: true, exception_id: 0 });
  const component = ev.exception.values[0];
  assert.equal(component.type, 'React ErrorBoundary TypeError');
  assert.ok(component.stacktrace.frames.some((f) => f.function === 'ul'), 'the component stack became frames');
  assert.match(ev.contexts.react.componentStack, /at ul\b[\s\S]*at section\b/);
  assert.deepEqual(seen.pageErrors, [], 'a caught render error does not reach the page');
  await page.click('#boundary-reset');
  await page.waitForSelector('#invoice-list');
  assert.equal(await page.locator('#boundary-fallback').count(), 0);
  await page.close();
});
