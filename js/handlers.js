// Global error hooks: uncaught errors and unhandled promise rejections.
//
// Listeners are added with addEventListener, so handlers the page installed before (or after)
// keep running untouched; we never replace window.onerror. Nothing here may throw.

import { factsFor } from './facts.js';

// An `error` event without an error object: a cross-origin script without CORS ("Script
// error."), `throw undefined`, or an old browser. Only the message is left to read.
function messageFacts(msg) {
  const m = /^(?:[Uu]ncaught (?:exception: )?)?(?:((?:Eval|Internal|Range|Reference|Syntax|Type|URI|)Error): )?([\s\S]*)$/.exec(
    msg,
  );
  return { errors: [{ type: (m && m[1]) || 'Error', value: m ? m[2] : msg }] };
}

/** Facts for an `error` event; a thrown value without a stack gets the event's location as its frame. */
function errorEventFacts(ev) {
  const err = ev.error;
  const msg = String(ev.message || 'Script error.');
  // Chromium reports `throw null` and muted cross-origin errors both with `error: null`, and
  // `throw undefined` with `error: undefined`, like a browser that gives no error object.
  const facts =
    err != null || (err === null && !/^Script error\.?$/.test(msg)) || /^Uncaught undefined$/.test(msg)
      ? factsFor(err)
      : messageFacts(msg);
  const first = facts.errors[0];
  if (first && !first.stack && ev.filename && ev.lineno > 0) {
    first.stack = '    at ' + ev.filename + ':' + ev.lineno + ':' + (ev.colno || 1);
  }
  return facts;
}

/** Installs the hooks once; `capture(facts, mechanismType, thrown)` receives what they catch. */
export function installGlobalHandlers(capture) {
  if (typeof addEventListener !== 'function') return;
  const on = (ev) => {
    try {
      let thrown = ev.error;
      let facts;
      if (ev.type === 'error') {
        // Resource load errors (img, script) reach window listeners only in the capture phase,
        // so they never get here; an event without message and error has nothing to report.
        if (!(thrown || ev.message)) return;
        facts = errorEventFacts(ev);
      } else {
        thrown = ev.reason;
        // Some libraries wrap the reason: `{ detail: { reason } }` (CustomEvent polyfills).
        if (thrown === undefined && ev.detail && 'reason' in ev.detail) thrown = ev.detail.reason;
        facts = factsFor(thrown, true);
      }
      capture(facts, 'auto.browser.global_handlers.on' + ev.type, thrown);
    } catch (e) {}
  };
  addEventListener('error', on);
  addEventListener('unhandledrejection', on);
}
