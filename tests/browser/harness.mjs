// Shared pieces of the browser tests: the local inbox, a static file server, and Chromium.
//
// Every server binds 127.0.0.1 on a free port. The inbox is the real one from tests/inbox,
// so each accepted event has already passed Sentry's Relay normalizer.

import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, extname, dirname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const KEY = '0a1b2c3d4e5f40718293a4b5c6d7e8f9';

/** Starts the inbox; resolves to `{ url, dsn, events(), requests(), reset(), behave(), stop() }`. */
export async function startInbox({ store = join(root, 'target', 'e2e-inbox') } = {}) {
  const child = spawn(join(root, '.venv', 'bin', 'python'), [join(root, 'tests', 'inbox', 'inbox.py'), '--port', '0', '--quiet', '--store', store], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('inbox did not start')), 15000);
    lines.on('line', (l) => {
      const m = /listening on (http:\/\/\S+)/.exec(l);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error('inbox exited with ' + code)));
  });
  const get = async (path) => (await fetch(url + path)).json();
  const post = async (path, body) =>
    (await fetch(url + path, { method: 'POST', body: body ? JSON.stringify(body) : undefined, headers: { 'content-type': 'application/json' } })).json();
  const port = new URL(url).port;
  return {
    url,
    dsn: `http://${KEY}@127.0.0.1:${port}/1`,
    /** Accepted events and transactions, waiting until at least `min` exist. */
    events: (min = 0, timeout = 10, type) => get(`/_inbox/events?min=${min}&timeout=${timeout}${type ? '&type=' + type : ''}`),
    requests: (min = 0, timeout = 10) => get(`/_inbox/requests?min=${min}&timeout=${timeout}`),
    reset: () => post('/_inbox/reset'),
    behave: (b) => post('/_inbox/behave', b),
    stop: () => child.kill('SIGTERM'),
  };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.map': 'application/json',
  '.css': 'text/css',
};

/**
 * Serves `dir` statically. `headers(path)` may add response headers (a CSP, say);
 * `fallback` is served for unknown paths (single-page apps); `handle(req, res)` may answer a
 * request itself (an API endpoint) by returning true.
 */
export async function serveStatic(dir, { headers = () => ({}), fallback, handle } = {}) {
  const server = createServer(async (req, res) => {
    if (handle && handle(req, res)) return;
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    } catch (e) {
      if (fallback) file = join(dir, fallback);
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store', ...headers(path) });
      res.end(body);
    } catch (e) {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** Headless Chromium from Debian, as on CI. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Collects console messages and uncaught page errors of `page`. */
export function watch(page) {
  const seen = { console: [], pageErrors: [] };
  page.on('console', (m) => seen.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => seen.pageErrors.push(String(e && e.message)));
  return seen;
}

/**
 * Run in a page (`page.evaluate(installHostile)`): defines `window.hostile()`, which returns a
 * Proxy that throws on every kind of read (`evil`) and an object whose `toString` throws
 * (`loud`), the arguments the API tests call every public function with.
 */
export function installHostile() {
  window.hostile = () => {
    const fail = (what) => () => {
      throw new Error('proxy ' + what);
    };
    const evil = new Proxy({}, { get: fail('get'), ownKeys: fail('keys'), getPrototypeOf: fail('proto'), has: fail('has') });
    const loud = { toString: fail('toString') };
    return { evil, loud };
  };
}

/** The last exception of an event payload (the thrown one). */
export function thrown(event) {
  const v = event.exception && event.exception.values;
  return v && v[v.length - 1];
}

/** The usual trio of a browser test: the inbox, a static server over the repo root, Chromium. */
export async function startServers() {
  const inbox = await startInbox();
  const site = await serveStatic(root);
  const browser = await launch();
  return { inbox, site, browser };
}

/** Stops what `startServers` started (any of them may be missing if starting failed). */
export async function stopServers({ inbox, site, browser } = {}) {
  await browser?.close();
  site?.close();
  inbox?.stop();
}

/**
 * The accepted event or transaction with id `id`, waiting up to `timeout` s for it (undefined
 * if it never came): a test that matches its own event by id is not misled by a late one from
 * an earlier test.
 */
export async function eventById(inbox, id, timeout = 10) {
  const until = Date.now() + timeout * 1000;
  for (let n = 1; ; ) {
    const events = await inbox.events(n, Math.max(0.1, (until - Date.now()) / 1000));
    const ev = events.find((e) => e.event_id === id);
    if (ev || Date.now() >= until) return ev;
    n = events.length + 1;
  }
}
