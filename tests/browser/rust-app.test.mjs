// The Rust/Wasm example (examples/rust-app), built with cargo and the wasm-bindgen CLI, in
// headless Chromium: a panic in Rust compiled with `panic = "abort"` must arrive as one fatal
// `panic` event with its message and Rust source location, and a Rust error with its
// `source()` chain. Then the npm shim and the app on one page
// (tests/browser/pages/rust-app-shared.html): the app links its own copy of the crate into its
// own Wasm instance, yet both send through one client with one scope, whichever starts first;
// and a panic is one event, not two.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServers, stopServers, watch, thrown, root } from './harness.mjs';

let inbox, site, browser;

before(async () => {
  execFileSync('node', [join(root, 'examples', 'rust-app', 'build.mjs')], { stdio: 'inherit' });
  ({ inbox, site, browser } = await startServers());
});
after(() => stopServers({ inbox, site, browser }));

/** Line and column (1-based) of `needle` in the example's src/lib.rs: where `panic!` is. */
function whereIs(needle) {
  const lines = readFileSync(join(root, 'examples', 'rust-app', 'src', 'lib.rs'), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  return { lineno: i + 1, colno: lines[i].indexOf(needle) + 1 };
}

/** Opens the example, or with `order` the shared page (`js-first` or `rust-first`). */
async function open(order) {
  await inbox.reset();
  const page = await browser.newPage();
  const seen = watch(page);
  const dsn = encodeURIComponent(inbox.dsn);
  const [path, ready] = order
    ? [`/tests/browser/pages/rust-app-shared.html?order=${order}&`, 'body[data-ready]']
    : ['/examples/rust-app/?', '#status[data-ready]'];
  await page.goto(`${site.url}${path}dsn=${dsn}`);
  await page.waitForSelector(ready, { state: 'attached' }).catch((e) => {
    throw new Error(`the page did not start: ${JSON.stringify(seen)}`, { cause: e });
  });
  return { page, seen };
}

test('a Rust panic arrives as a fatal panic event with its message and file:line:col', async () => {
  const { page, seen } = await open();
  await page.click('#panic');
  const [entry] = await inbox.events(1);
  assert.ok(entry, 'the panic event arrived although the instance trapped');
  const ev = entry.payload;
  const ex = thrown(ev);
  assert.equal(ex.type, 'panic');
  assert.equal(ex.value, 'cannot check out an empty cart');
  assert.deepEqual(ex.mechanism, { type: 'panic', handled: false });
  assert.equal(ev.level, 'fatal');
  assert.equal(ev.platform, 'javascript');
  assert.equal(ev.release, 'rust-app@0.1.0');
  assert.equal(ev.user.id, 'rust-user-7');
  assert.equal(ev.tags.app, 'rust-app');
  const crumbs = ev.breadcrumbs.values;
  assert.deepEqual(
    { category: crumbs.at(-1).category, message: crumbs.at(-1).message },
    { category: 'cart', message: 'checkout started' },
    'the breadcrumb added from Rust just before the panic',
  );
  assert.ok(crumbs.at(-1).timestamp > 0 && crumbs.at(-1).timestamp <= ev.timestamp, 'stamped when added');

  const frames = ex.stacktrace.frames;
  const top = frames[frames.length - 1];
  const { lineno, colno } = whereIs('panic!("cannot check out');
  assert.deepEqual({ filename: top.filename, lineno: top.lineno, colno: top.colno, in_app: top.in_app }, { filename: 'src/lib.rs', lineno, colno, in_app: true });

  // The JS stack at the panic, cut where the app's code ends: the panicking Rust function (here
  // `checkout`, inlined into the click closure by the release build) is the next frame, a Wasm
  // frame with its name and address; no panic machinery above it.
  const wasm = frames.filter((f) => f.platform === 'native');
  assert.ok(wasm.length >= 1, 'Wasm frames are kept');
  for (const f of wasm) {
    assert.match(f.instruction_addr, /^0x[0-9a-f]+$/);
    assert.equal(f.addr_mode, 'rel:0');
    assert.match(f.filename, /rust_app_bg\.wasm$/);
  }
  assert.match(frames[frames.length - 2].function, /rust_app::/);
  assert.equal(frames[frames.length - 2].platform, 'native');
  assert.ok(!frames.some((f) => /panicking|faultline::/.test(f.function || '')), 'no panic machinery frames');

  // The console still shows the panic (console_error_panic_hook), and the trap still reaches
  // the page as before.
  assert.ok(seen.console.some((m) => m.type === 'error' && m.text.includes('cannot check out an empty cart')));
  assert.ok(seen.pageErrors.some((e) => /unreachable/.test(e)));
  await page.waitForTimeout(300);
  assert.equal((await inbox.events()).length, 1, 'exactly one event');
  await page.close();
});

test('a panic while the outbox is full still leaves, with what was queued before it', async () => {
  const { page } = await open();
  // A slow server: requests stay in flight, so the outbox holds the ninth message back.
  await inbox.behave({ delay_ms: 1500, count: 20 });
  for (let i = 0; i < 9; i++) await page.click('#message');
  await page.click('#panic');
  const events = await inbox.events(10, 20);
  const messages = events.map((e) => e.payload.message).filter(Boolean);
  assert.deepEqual(messages.sort(), [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `cart saved for later (${n})`));
  assert.equal(events.filter((e) => thrown(e.payload)?.type === 'panic').length, 1);
  await page.close();
});

test('a Rust error is captured with its source() chain as linked exceptions', async () => {
  const { page, seen } = await open();
  await page.click('#error');
  const [entry] = await inbox.events(1);
  const ev = entry.payload;
  const [cause, error] = ev.exception.values;
  assert.equal(error.type, 'QuantityError');
  assert.equal(error.value, 'the quantity must be a number');
  assert.deepEqual(error.mechanism, { type: 'generic', handled: true, exception_id: 0 });
  assert.equal(cause.type, 'ParseIntError');
  assert.equal(cause.value, 'invalid digit found in string');
  assert.equal(cause.mechanism.parent_id, 0);
  assert.equal(ev.level, 'error');
  assert.equal(ev.sdk.name, 'faultline.rust.wasm');
  // The error's stack is where capture_error was called: the app's closure, not this crate.
  const frames = error.stacktrace.frames;
  assert.match(frames[frames.length - 1].function, /rust_app::/);
  assert.deepEqual(seen.pageErrors, [], 'a captured error does not disturb the page');
  await page.close();
});

for (const order of [undefined, 'js-first']) {
  test(`flush() from Rust resolves once a captured message was accepted (${order ? 'shim ' + order : 'Rust only'})`, async () => {
    const { page } = await open(order);
    await page.click('#message');
    assert.equal(await page.evaluate(() => window.flushEvents()), true);
    // Nothing waited for here: flush already saw the inbox answer.
    const events = await inbox.events(0, 0);
    const message = events.find((e) => e.payload.message === 'cart saved for later (1)');
    assert.ok(message, 'the message was accepted before flush resolved');
    assert.equal(message.payload.level, 'info');
    assert.equal(message.payload.user.id, 'rust-user-7');
    await page.close();
  });
}

for (const order of ['js-first', 'rust-first']) {
  test(`errors from Rust and from JS share one user and one set of tags (${order})`, async () => {
    const { page, seen } = await open(order);
    await page.click('#error');
    await inbox.events(1);
    await page.evaluate(() => window.jsError());
    const events = (await inbox.events(2)).map((e) => e.payload);
    const rust = events.find((e) => thrown(e).type === 'QuantityError');
    const js = events.find((e) => thrown(e).type === 'TypeError');
    assert.ok(rust && js, 'both events arrived');
    for (const ev of [rust, js]) {
      // The user and the `app` tag were set from Rust, the `page` tag from JavaScript.
      assert.deepEqual(ev.user, { id: 'rust-user-7' });
      assert.equal(ev.tags.app, 'rust-app');
      assert.equal(ev.tags.page, 'shared');
      // One client: the shim's, so one SDK name and one trace for the page.
      assert.equal(ev.sdk.name, 'faultline.javascript.browser');
    }
    assert.equal(rust.contexts.trace.trace_id, js.contexts.trace.trace_id);
    assert.deepEqual(seen.pageErrors, []);
    await page.close();
  });
}

test('a panic with the shim on the page is one event: the trap that follows is not reported again', async () => {
  const { page, seen } = await open('js-first');
  await page.click('#panic');
  const [entry] = await inbox.events(1);
  const ex = thrown(entry.payload);
  assert.equal(ex.type, 'panic');
  assert.equal(ex.value, 'cannot check out an empty cart');
  assert.equal(ex.mechanism.handled, false);
  assert.equal(entry.payload.level, 'fatal');
  assert.equal(entry.payload.tags.page, 'shared');
  assert.ok(
    entry.payload.breadcrumbs.values.some((b) => b.category === 'cart' && b.message === 'checkout started'),
    "Rust's breadcrumb is on the shim's trail",
  );
  assert.equal(ex.stacktrace.frames[ex.stacktrace.frames.length - 1].filename, 'src/lib.rs');
  // The trap did reach the page (and the shim's global handler) but was recognised.
  assert.ok(seen.pageErrors.some((e) => /unreachable/.test(e)));
  await page.evaluate(() => window.jsError());
  const events = await inbox.events(2);
  assert.deepEqual(
    events.map((e) => thrown(e.payload).type),
    ['panic', 'TypeError'],
    'no RuntimeError event; the shim still works after the app trapped',
  );
  await page.close();
});
