// The outbox's I/O at the edge: the requests, IndexedDB persistence, the retry timer, and the
// page events that trigger a flush. The core decides what to send, when, and what to keep;
// this file performs it and reports back, and decides nothing. It also holds the queued
// envelopes' bodies (`hold`): Wasm memory never shrinks, and a burst's bytes kept there would
// stay with the page, while a string here is collected once the core is done with it (`del`).
// The core calls `hold`, `put`, `del`, `schedule` and `send` as imports (through js/io.js).

import { DRAIN, HIDDEN, RESPONSE, RESTORE, op, text } from './core.js';
import { untracked } from './lib/instrumentRequests.js';
import { onHidden } from './lib/onHidden.js';
import { claim as claimStored, del as drop, put as keep, take } from './lib/store.js';

let _timer;

// A response header, undefined when absent or unreadable (cross-origin, not exposed).
function _header(res, name) {
  try {
    const v = res.headers.get(name);
    return typeof v === 'string' ? v : undefined;
  } catch (e) {}
}

// The app's `transport` hook (init option), if any.
let _transport;

/** Sends through `transport` (the app's hook) from now on, or `fetch` when it is not a function. */
export function setTransport(transport) {
  _transport = transport;
}

// The bodies of the envelopes the core queued, by key, until it is done with them.
const _bodies = new Map();

/** The envelopes whose bodies are held, until the core delivers or drops them. */
export const held = () => _bodies.size;

/** Holds `body` for the envelope `key` the core just queued. */
export function hold(key, body) {
  _bodies.set(key, body);
}

/** Persists the envelope `key`, so the next page load hands it back if this one cannot send it. */
export function put(key) {
  const body = _bodies.get(key);
  if (body) keep(key, body);
}

/** The core is done with the envelope `key` (delivered or given up): its body goes, and its stored copy if `stored`. */
export function del(key, stored) {
  _bodies.delete(key);
  if (stored) drop(key);
}

// The body of `key` with its header's `sent_at` (the first in every envelope the core writes)
// set to now, so a retried envelope tells the server when it really left; same length, as the
// core budgets `keepalive` bytes by it.
const _stamped = (key) => (_bodies.get(key) || '').replace(/("sent_at":")[^"]*/, '$1' + new Date().toISOString());

/** Runs the core's `DRAIN` op after `ms` (the latest call wins): a retry came due. */
export function schedule(ms) {
  clearTimeout(_timer);
  _timer = setTimeout(() => op(DRAIN), ms + 5);
}

/**
 * Posts the envelope `key` through `transport` or `fetch`, and tells the core how request `id`
 * ended: its status (0 for a network failure or a throw) and the rate-limit headers. The body
 * is a string (`text/plain`, no CORS preflight) and the DSN key is in the URL's query. A
 * `stored` envelope is first taken out of IndexedDB, and sent only if it was still there.
 */
export function send(url, key, stored, keepalive, id) {
  const body = _stamped(key);
  const go = () => _send(url, body, keepalive, id);
  // The request starts right after the core's call returns, not inside it: starting a fetch
  // costs the main thread about a millisecond, which would otherwise land in `captureException`.
  // A microtask, not a task, so a `keepalive` request still starts while the page is hidden.
  // Another page that took the stored copy first sends it: this one is done with it.
  if (stored) claimStored(key, go, () => op(RESPONSE, text(id), 200));
  else queueMicrotask(go);
}

function _send(url, body, keepalive, id) {
  const answer = (r) => {
    let status = 0;
    try {
      status = r.status;
    } catch (e) {}
    op(RESPONSE, text(id, _header(r, 'retry-after'), _header(r, 'x-sentry-rate-limits')), typeof status === 'number' ? status : 0);
  };
  // The answer is read to its end before the core hears of it and starts the next request:
  // Chromium counts a `keepalive` request against the page's 64 KB until its body was read, and
  // refuses new ones beyond that ("Failed to fetch", never reaching the server), which turned
  // about half of a burst's requests into retries.
  const read = (r) => {
    try {
      return r.arrayBuffer().then(
        () => answer(r),
        () => answer(r),
      );
    } catch (e) {
      answer(r);
    }
  };
  try {
    const init = { method: 'POST', body, keepalive, credentials: 'omit', referrerPolicy: 'strict-origin' };
    // The core's own request is not one of the app's: breadcrumbs and spans skip it.
    Promise.resolve(
      typeof _transport === 'function' ? _transport(Object.assign({ url }, init)) : untracked(() => fetch(url, init)),
    ).then(read, () => answer());
  } catch (e) {
    answer();
  }
}

// Resolves in the first idle period after `load` (at most 2 s after it), or a task after
// `load` where there are no idle callbacks; never rejects. In a worker (no document): at once.
const _idleAfterLoad = () =>
  new Promise((resolve) => {
    try {
      const idle = () => (self.requestIdleCallback ? requestIdleCallback(resolve, { timeout: 2000 }) : setTimeout(resolve));
      if (!self.document || document.readyState === 'complete') idle();
      else addEventListener('load', idle, { once: true });
    } catch (e) {
      resolve();
    }
  });

/** Hands back what earlier page loads persisted, and flushes on `online` and on page hide. */
export function startOutbox() {
  try {
    addEventListener('online', () => op(DRAIN));
    onHidden(() => op(HIDDEN));
    // Read once the page has loaded and is idle, not at load: a page's first localStorage read
    // (the mark in js/lib/store.js) blocks the main thread until the browser process answers,
    // which took milliseconds while the page was loading. What earlier loads left is sent a
    // moment later; what this page stores meanwhile is its own and stays out of it.
    take(_idleAfterLoad()).then((list) => {
      if (list) for (let i = 0; i < list.length; i++) op(RESTORE, text(String(list[i][0]), String(list[i][1])));
    });
  } catch (e) {}
}
