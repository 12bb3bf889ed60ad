// Performance monitoring in headless Chromium: a dashboard page with browserTracingIntegration
// sends a pageload transaction (web vitals, Navigation Timing, resources, custom and
// http.client spans), navigation transactions for client-side route changes, trace headers
// to its own API only, and release-health sessions. The inbox accepts each only after
// Relay's normalizer found no error.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startInbox, serveStatic, launch, watch, thrown, root, installHostile } from './harness.mjs';
import { _baggage, _cls, _inp } from '../../js/tracing.js';
import { _decide, _finished } from '../../js/spans.js';

let inbox, site, cross, browser, page, seen;
// Request headers the same-origin API and the cross-origin API received, by path.
const received = {};
// URLs the dashboard page requested.
const fetched = [];

function api(req, res) {
  const url = new URL(req.url, 'http://x');
  const path = url.pathname;
  if (path === '/upstream.html') {
    // The dashboard as a server that rendered its trace into the page would send it.
    const meta = `<meta name="sentry-trace" content="${url.searchParams.get('st')}" /><meta name="baggage" content="${url.searchParams.get('bg')}" />`;
    const html = readFileSync(join(root, 'tests/browser/pages/tracing/index.html'), 'utf8');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(html.replace('<head>', '<head>' + meta));
    return true;
  }
  if (!path.startsWith('/api/')) return false;
  received[path] = req.headers;
  res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
  res.end(JSON.stringify(path === '/api/summary' ? { total: 12 } : { id: 42 }));
  return true;
}

const TRACE_HEADER = /^([0-9a-f]{32})-([0-9a-f]{16})(-[01])?$/;

before(async () => {
  inbox = await startInbox();
  site = await serveStatic(root, { handle: api });
  cross = createServer((req, res) => api(req, res) || res.end());
  await new Promise((r) => cross.listen(0, '127.0.0.1', r));
  browser = await launch();
  page = await browser.newPage();
  seen = watch(page);
  page.on('request', (r) => fetched.push(r.url()));
  const q = new URLSearchParams({ dsn: inbox.dsn, xport: String(cross.address().port) });
  await page.goto(site.url + '/tests/browser/pages/tracing/index.html?' + q);
});

after(async () => {
  await browser?.close();
  site?.close();
  cross?.close();
  inbox?.stop();
});

/** The first transaction matching `pred`, waiting for it to arrive. */
async function transaction(pred) {
  for (let i = 0; i < 60; i++) {
    const all = await inbox.events(0, 0, 'transaction');
    const t = all.map((e) => e.payload).find(pred);
    if (t) return t;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the transaction did not arrive');
}
const op = (name) => (t) => t.contexts.trace.op === name;
const named = (name) => (t) => t.transaction === name;

test('the page load is one transaction with web vitals, timing spans and the right span tree', async () => {
  const tx = await transaction(op('pageload'));
  assert.equal(tx.transaction, '/tests/browser/pages/tracing/index.html');
  assert.equal(tx.transaction_info.source, 'url');
  assert.equal(tx.contexts.trace.origin, 'auto.pageload.browser');
  assert.equal(tx.release, 'dashboard@1.0.0');
  assert.equal(typeof tx.start_timestamp, 'number');
  assert.match(tx.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.ok(Date.parse(tx.timestamp) / 1000 >= tx.start_timestamp);

  const m = tx.measurements;
  for (const vital of ['ttfb', 'fcp', 'lcp']) {
    assert.ok(m[vital] && m[vital].value > 0, vital + ' is a real positive number');
    assert.equal(m[vital].unit, 'millisecond');
  }
  assert.ok(m.lcp.value >= m.fcp.value, 'the largest paint is not before the first');
  assert.equal(m.cls.unit, '');
  assert.equal(m.inp, undefined, 'no interaction, no INP');
  const nav = await page.evaluate(() => performance.getEntriesByType('navigation')[0].toJSON());
  assert.ok(Math.abs(m.ttfb.value - (nav.responseStart - nav.activationStart)) < 0.01, 'TTFB from activation');

  const spans = tx.spans;
  const ops = new Set(spans.map((s) => s.op));
  for (const op of ['browser.request', 'browser.response', 'resource.script', 'resource.css', 'resource.img', 'ui.long-task'])
    assert.ok(ops.has(op), op + ' span');
  const img = spans.find((s) => s.op === 'resource.img');
  assert.equal(img.description, '/tests/browser/pages/tracing/banner.svg');
  assert.equal(img.data['url.full'], site.url + '/tests/browser/pages/tracing/banner.svg');
  assert.equal(typeof img.data['http.response_content_length'], 'number');
  assert.equal(img.origin, 'auto.resource.browser.metrics');
  const request = spans.find((s) => s.op === 'browser.request');
  assert.equal(request.parent_span_id, tx.contexts.trace.span_id);
  assert.equal(request.description, site.url + '/tests/browser/pages/tracing/index.html', 'queries may hold tokens');
  assert.ok(!ops.has('browser.tls'), 'no TLS on http');
  assert.equal(spans.find((s) => s.op === 'ui.long-task').description, 'Main UI thread blocked');
  assert.ok(!spans.some((s) => s.op.startsWith('resource.') && /\/api\/|envelope/.test(s.description)), 'requests are http.client spans, never resources');

  const root = tx.contexts.trace.span_id;
  const task = spans.find((s) => s.description === 'load dashboard');
  assert.equal(task.op, 'ui.task');
  assert.equal(task.parent_span_id, root);
  assert.equal(task.origin, 'manual');
  const http = spans.find((s) => s.op === 'http.client' && s.description === 'GET /api/summary');
  assert.ok(http, 'the fetch is an http.client span');
  assert.equal(http.parent_span_id, task.span_id, 'the fetch ran inside the custom span');
  assert.equal(http.data['http.response.status_code'], 200);
  assert.equal(http.status, 'ok');
  const render = spans.find((s) => s.description === 'render summary');
  assert.equal(render.parent_span_id, task.span_id, 'a span started after an await keeps its parent');
  for (const s of spans) assert.equal(s.trace_id, tx.contexts.trace.trace_id);

  // The fetch made during the page load carried the pageload's trace and that span's id.
  const [, trace, span] = TRACE_HEADER.exec(received['/api/summary']['sentry-trace']);
  assert.equal(trace, tx.contexts.trace.trace_id);
  assert.equal(span, http.span_id);
  assert.equal(received['/api/rates']['sentry-trace'], undefined, 'no trace header cross-origin');
  assert.equal(received['/api/rates'].baggage, undefined, 'no baggage cross-origin');
  assert.ok(fetched.some((u) => u.endsWith('/pkg/faultline_tracing_bg.wasm')), 'the tracing core');
  assert.ok(!fetched.some((u) => u.endsWith('/pkg/faultline_bg.wasm')), 'and only that core');
});

test('CLS takes the worst session window; INP ignores one outlier in fifty', () => {
  assert.equal(_cls([]), 0);
  // Two shifts 500 ms apart share a window; a third after a 2 s gap starts a new one.
  assert.ok(Math.abs(_cls([100, 0.1, 600, 0.05, 2600, 0.12]) - 0.15) < 1e-9);
  assert.equal(_inp([]), undefined);
  assert.equal(_inp([40, 120, 80]), 120);
  assert.equal(_inp([...Array(60).fill(10), 900]), 10);
});

test('sampling: the same trace always gets the same answer, from the last five hex digits of its id', () => {
  const id = '4e9d2c1b0a8f47d6b5c4a3928170f6e5';
  // 0x0f6e5 = 63205; 63205 * 1e6 >> 20 = 60276 millionths.
  assert.deepEqual(_decide(id, 0.2), [1, 0.060276, 0.2]);
  assert.deepEqual(_decide(id, 0.2), _decide(id, 0.2));
  assert.equal(_decide(id, 0.06)[0], 0);
  assert.deepEqual(_decide('f'.repeat(32), 1), [1, 0.999999, 1]);
  assert.deepEqual(_decide('0'.repeat(32), 0), [0, 0, 0]);
  assert.deepEqual(_decide('0'.repeat(32), NaN), [0, 0, 0], 'not a number: rate 0');
  assert.deepEqual(_decide('0'.repeat(32), Infinity), [0, 0, 0]);
  assert.deepEqual(_decide('0'.repeat(32), 7), [1, 0, 1], 'clamped');
  assert.equal(_decide('xyz', 1)[1], 0, 'not hex: 0, which samples');
});

test('baggage: the DSC the core keeps, each member percent-encoded after `sentry-`', () => {
  const trace = '4e9d2c1b0a8f47d6b5c4a3928170f6e5';
  const dsc = { trace_id: trace, public_key: '0a1b2c3d4e5f40718293a4b5c6d7e8f9', release: 'shop-web@1.4.2', environment: 'staging' };
  Object.assign(dsc, { sample_rate: '0.25', sample_rand: '0.060276', sampled: 'true', transaction: '/invoices/:id' });
  assert.equal(
    _baggage(dsc),
    `sentry-trace_id=${trace},sentry-public_key=0a1b2c3d4e5f40718293a4b5c6d7e8f9,sentry-release=shop-web%401.4.2,` +
      'sentry-environment=staging,sentry-sample_rate=0.25,sentry-sample_rand=0.060276,sentry-sampled=true,' +
      'sentry-transaction=%2Finvoices%2F%3Aid',
  );
  assert.equal(_baggage({}), '', 'no DSC (no DSN, or the core not ready yet): no baggage');
});

test('a root\'s children: whole milliseconds, in order of start, none after the end, which moves back to the last one', () => {
  // performance.timeOrigin 2026-11-24T08:56:40.250Z; the idle timer fired 1 s after the last child.
  const root = { _t0: 1795510600250, _start: 0, _done: [] };
  root._done.push([410, 842, '{"op":"http.client"'], [9.5, 31.2, '{"op":"browser.request"'], [2000, 2100, '{"op":"late"'], [45, 190, '{"op":"resource.script"']);
  const [start, end, json] = _finished(root, 1842);
  assert.equal(start, 1795510600250);
  assert.equal(new Date(end).toISOString(), '2026-11-24T08:56:41.092Z', 'ends with its last span');
  const spans = JSON.parse(json);
  assert.deepEqual(spans.map((s) => s.op), ['browser.request', 'resource.script', 'http.client'], 'a span begun after the end is left out');
  assert.equal(spans[0].start_timestamp, 1795510600.259);
  assert.equal(spans[0].timestamp, '2026-11-24T08:56:40.281Z');
  // A child still running at the end is cut there.
  root._done.push([1000, 5000, '{"op":"open"'], [NaN, NaN, '{"op":"broken"']);
  const [, end2, json2] = _finished(root, 1842);
  assert.equal(new Date(end2).toISOString(), '2026-11-24T08:56:42.092Z');
  const open = JSON.parse(json2).find((s) => s.op === 'open');
  assert.equal(open.timestamp, '2026-11-24T08:56:42.092Z');
  const broken = JSON.parse(json2).find((s) => s.op === 'broken');
  assert.equal(broken.start_timestamp, 0, 'a broken clock reads as 0, never as an exception');
});

test('a client-side route change is a navigation transaction named by the route, with its fetch and headers', async () => {
  await transaction(op('pageload'));
  await page.click('#open-invoice');
  await page.waitForFunction(() => document.getElementById('status').textContent === 'invoice 42');
  const nav = await transaction(named('/invoices/:id'));
  assert.equal(nav.transaction, '/invoices/:id');
  assert.equal(nav.transaction_info.source, 'route');
  assert.equal(nav.contexts.trace.origin, 'auto.navigation.browser');
  assert.equal(nav.measurements, undefined, 'web vitals belong to page loads');
  const http = nav.spans.find((s) => s.op === 'http.client');
  assert.equal(http.description, 'GET /api/invoice/42');
  assert.equal(http.parent_span_id, nav.contexts.trace.span_id);

  const xhr = nav.spans.find((s) => s.description === 'GET /api/invoice/42/lines');
  assert.equal(xhr.op, 'http.client', 'an XMLHttpRequest is a span too');
  assert.equal(xhr.data['http.response.status_code'], 200);
  assert.equal(received['/api/invoice/42/lines']['sentry-trace'], nav.contexts.trace.trace_id + '-' + xhr.span_id + '-1');

  const h = received['/api/invoice/42'];
  assert.equal(h['sentry-trace'], nav.contexts.trace.trace_id + '-' + http.span_id + '-1');
  const bag = Object.fromEntries(h.baggage.split(',').map((kv) => kv.split('=')));
  assert.equal(bag['sentry-trace_id'], nav.contexts.trace.trace_id);
  assert.equal(bag['sentry-public_key'], inbox.dsn.slice(7, 39));
  assert.equal(bag['sentry-sampled'], 'true');
  assert.equal(bag['sentry-sample_rate'], '1');
  assert.equal(bag['sentry-transaction'], '%2Finvoices%2F%3Aid');
  assert.match(bag['sentry-sample_rand'], /^0\.\d+$|^0$/);

  // The error captured inside a span of the navigation carries that trace and span, and the
  // envelope the navigation's DSC.
  const events = await inbox.events(1, 5);
  const err = events.find((e) => e.type === 'event' && thrown(e.payload).value === 'invoice 42 has no lines');
  const render = nav.spans.find((s) => s.description === 'render invoice');
  assert.equal(err.payload.contexts.trace.trace_id, nav.contexts.trace.trace_id);
  assert.equal(err.payload.contexts.trace.span_id, render.span_id);
  assert.equal(err.payload.transaction, undefined, 'errors keep their GlitchTip grouping');
  const reqs = await inbox.requests();
  const errReq = reqs.find((r) => r.envelope && r.envelope.header.event_id === err.event_id);
  assert.equal(errReq.envelope.header.trace.trace_id, nav.contexts.trace.trace_id);
  assert.equal(errReq.envelope.header.trace.transaction, '/invoices/:id');

  // A plain path is a URL-named navigation, and ends the previous one.
  await page.evaluate(() => history.pushState({}, '', '/reports'));
  const reports = await transaction(named('/reports'));
  assert.equal(reports.contexts.trace.op, 'navigation');
  assert.equal(reports.transaction_info.source, 'url');
  assert.notEqual(reports.contexts.trace.trace_id, nav.contexts.trace.trace_id, 'each navigation is a new trace');

  // With no page load or navigation open, startSpan starts a transaction of its own.
  await page.evaluate(() =>
    window.tracing.startSpan({ name: 'export csv', op: 'ui.action' }, async (span) => {
      const rows = window.tracing.startInactiveSpan({ name: 'build rows', op: 'function' });
      await new Promise((r) => setTimeout(r, 20));
      rows.end();
      span.updateName('export invoices csv');
    }),
  );
  const custom = await transaction(named('export invoices csv'));
  assert.equal(custom.contexts.trace.op, 'ui.action');
  assert.equal(custom.transaction_info.source, 'custom');
  assert.equal(custom.contexts.trace.trace_id, reports.contexts.trace.trace_id, 'it joins the route\'s trace');
  const rows = custom.spans.find((s) => s.description === 'build rows');
  assert.equal(rows.parent_span_id, custom.contexts.trace.span_id);
});

test('trace headers the app set itself are kept: its sentry-trace wins, its baggage is extended', async () => {
  await transaction(named('/reports'));
  await page.evaluate(async () => {
    await fetch('/api/own/fetch', { headers: { 'sentry-trace': 'app-trace', baggage: 'app=1' } });
    await fetch(new Request('/api/own/request', { headers: { baggage: 'req=1' } }));
    await new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('GET', '/api/own/xhr');
      xhr.setRequestHeader('Sentry-Trace', 'app-trace');
      xhr.onloadend = resolve;
      xhr.send();
    });
  });
  const own = received['/api/own/fetch'];
  assert.equal(own['sentry-trace'], 'app-trace');
  assert.match(own.baggage, /^app=1,sentry-trace_id=[0-9a-f]{32}/);
  const req = received['/api/own/request'];
  assert.match(req['sentry-trace'], TRACE_HEADER, 'a Request keeps its headers and gets ours');
  assert.match(req.baggage, /^req=1,sentry-trace_id=/);
  const xhr = received['/api/own/xhr'];
  assert.equal(xhr['sentry-trace'], 'app-trace', 'XMLHttpRequest: the app\'s header, not both');
  assert.match(xhr.baggage, /^sentry-trace_id=/);
});

test('each page view is a session: init at load, a new one per path, with release and environment', async () => {
  await transaction(named('/reports'));
  const sessions = (await inbox.requests())
    .filter((r) => r.status === 200 && r.envelope)
    .flatMap((r) => r.envelope.items)
    .filter((i) => i.header.type === 'session')
    .map((i) => i.payload);
  const inits = sessions.filter((s) => s.init);
  assert.equal(inits.length, 3, 'load, /invoices/42, /reports');
  assert.equal(new Set(inits.map((s) => s.sid)).size, 3);
  for (const s of inits) {
    assert.equal(s.status, 'ok');
    assert.equal(s.attrs.release, 'dashboard@1.0.0');
    assert.equal(s.attrs.environment, 'test');
  }
  const errored = sessions.find((s) => !s.init);
  assert.equal(errored.errors, 1, 'the handled error counted against its page view');
  assert.equal(errored.status, 'ok', 'a handled error does not crash the session');
  assert.deepEqual(seen.pageErrors, []);
  assert.ok(!seen.console.some((c) => c.text.startsWith('[faultline]')), 'no SDK warnings');
});

/** Opens the dashboard once more with `params`; returns the session payloads of `release`. */
async function sessionsOf(params, act) {
  const p = await browser.newPage();
  const q = new URLSearchParams({ dsn: inbox.dsn, xport: String(cross.address().port), ...params });
  await p.goto(site.url + '/tests/browser/pages/tracing/index.html?' + q);
  await transaction((t) => t.release === params.release && t.contexts.trace.op === 'pageload');
  if (act) await act(p);
  await p.close();
  return (await inbox.requests())
    .filter((r) => r.status === 200 && r.envelope)
    .flatMap((r) => r.envelope.items)
    .filter((i) => i.header.type === 'session' && i.payload.attrs.release === params.release)
    .map((i) => i.payload);
}

test('an uncaught error crashes the page view\'s session', async () => {
  const sessions = await sessionsOf({ release: 'crashy@1.0.0' }, async (p) => {
    await p.evaluate(() =>
      setTimeout(() => {
        throw new TypeError('summary.total is undefined');
      }),
    );
    const crashedSent = async () => (await inbox.requests()).some((r) => r.body && r.body.includes('"crashed"'));
    for (let i = 0; i < 50 && !(await crashedSent()); i++) await p.waitForTimeout(100);
  });
  const crashed = sessions.find((s) => s.status === 'crashed');
  assert.ok(crashed, 'a crashed update');
  assert.equal(crashed.init, false);
  assert.equal(crashed.errors, 1);
  assert.equal(crashed.sid, sessions.find((s) => s.init).sid);
});

/** Opens the dashboard as if its server had rendered a trace into `<meta>` tags. */
async function openWithUpstream(release, sentryTrace, baggage) {
  const p = await browser.newPage();
  const q = new URLSearchParams({ dsn: inbox.dsn, xport: String(cross.address().port), release, st: sentryTrace, bg: baggage });
  await p.goto(site.url + '/upstream.html?' + q);
  return p;
}

test('a trace the server rendered into <meta> tags is continued: its ids, its decision, its sample_rand', async () => {
  const traceId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
  const parent = '0123456789abcdef';
  const p = await openWithUpstream('upstream@1.0.0', `${traceId}-${parent}-1`, 'sentry-trace_id=' + traceId + ',sentry-sample_rand=0.25,sentry-sample_rate=0.5');
  const t = await transaction((t) => t.release === 'upstream@1.0.0' && t.contexts.trace.op === 'pageload');
  await p.close();
  assert.equal(t.contexts.trace.trace_id, traceId);
  assert.equal(t.contexts.trace.parent_span_id, parent);
  const request = (await inbox.requests()).find((r) => r.envelope && r.envelope.items.some((i) => i.payload && i.payload.event_id === t.event_id));
  assert.equal(request.envelope.header.trace.trace_id, traceId);
  assert.equal(Number(request.envelope.header.trace.sample_rand), 0.25, 'the upstream sample_rand, not a new one');

  // The upstream decided not to sample: no pageload is sent though tracesSampleRate is 1; a
  // later navigation starts its own trace and is sent.
  const q = await openWithUpstream('unsampled@1.0.0', `${'b'.repeat(32)}-${parent}-0`, 'sentry-sample_rand=0.75');
  await q.waitForFunction(() => document.getElementById('status').textContent === '12 invoices');
  await q.click('#open-invoice');
  const nav = await transaction((t) => t.release === 'unsampled@1.0.0' && t.contexts.trace.op === 'navigation');
  await q.close();
  assert.notEqual(nav.contexts.trace.trace_id, 'b'.repeat(32));
  const pageloads = (await inbox.events(0, 0, 'transaction')).filter((e) => e.payload.release === 'unsampled@1.0.0' && e.payload.contexts.trace.op === 'pageload');
  assert.deepEqual(pageloads, [], 'the upstream decision not to sample wins');
});

test('autoSessionTracking: false sends no session, tracing still works', async () => {
  const sessions = await sessionsOf({ release: 'quiet@1.0.0', sessions: 'off' });
  assert.deepEqual(sessions, []);
});

test('an app that does not trace loads the default core, never the tracing one', async () => {
  const p = await browser.newPage();
  const urls = [];
  p.on('request', (r) => urls.push(r.url()));
  const q = new URLSearchParams({ dsn: inbox.dsn, xport: String(cross.address().port), release: 'plain@1.0.0', tracing: 'off' });
  await p.goto(site.url + '/tests/browser/pages/tracing/index.html?' + q);
  await p.waitForFunction(() => document.getElementById('status').textContent === '12 invoices');
  // The session shows the core loaded and working.
  for (let i = 0; i < 50; i++) {
    const sent = (await inbox.requests()).some((r) => r.body && r.body.includes('"plain@1.0.0"'));
    if (sent) break;
    await p.waitForTimeout(100);
  }
  await p.close();
  assert.ok(urls.some((u) => u.endsWith('/pkg/faultline_bg.wasm')), 'the default core');
  assert.ok(!urls.some((u) => u.includes('faultline_tracing')), urls.join('\n'));
  assert.ok(!(await inbox.events(0, 0, 'transaction')).some((e) => e.payload.release === 'plain@1.0.0'));
  assert.equal(received['/api/summary']['sentry-trace'], undefined, 'no trace headers without tracing');
});

test('the span API never throws on hostile arguments', async () => {
  await page.evaluate(installHostile);
  const threw = await page.evaluate(() => {
    const { evil, loud } = window.hostile();
    const { startSpan, startInactiveSpan } = window.tracing;
    const out = [];
    const span = startInactiveSpan({ name: 'hostile' });
    for (const args of [[evil], [loud, evil], [Symbol('s'), 10n]]) {
      for (const m of ['setAttribute', 'setAttributes', 'setStatus', 'updateName', 'end', 'spanContext', 'isRecording']) {
        try {
          span[m](...args);
        } catch (e) {
          out.push(m + ': ' + e.message);
        }
      }
      for (const [name, fn] of [['startSpan', startSpan], ['startInactiveSpan', startInactiveSpan]]) {
        try {
          fn(...args);
        } catch (e) {
          out.push(name + ': ' + e.message);
        }
      }
    }
    return out;
  });
  assert.deepEqual(threw, []);
  // The app's own error in a startSpan callback still reaches the app, unchanged.
  const rethrown = await page.evaluate(() => {
    try {
      window.tracing.startSpan({ name: 'failing' }, () => {
        throw new RangeError('app bug');
      });
    } catch (e) {
      return e instanceof RangeError && e.message;
    }
  });
  assert.equal(rethrown, 'app bug');
});
