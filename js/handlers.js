// Global error hooks: uncaught errors and unhandled promise rejections.
//
// Listeners are added with addEventListener, so handlers the page installed before (or after)
// keep running untouched; we never replace window.onerror.

import { factsFor } from './facts.js';

function scriptErrorFacts(ev) {
  // Cross-origin scripts without CORS report only "Script error." and maybe a location.
  const where = ev.filename ? '\n    at ' + ev.filename + ':' + (ev.lineno || 0) + ':' + (ev.colno || 0) : '';
  return { errors: [{ type: 'Error', value: String(ev.message || 'Script error.'), stack: 'Error' + where }] };
}

/** Installs the hooks once; `capture(facts, mechanismType)` receives what they catch. */
export function installGlobalHandlers(capture) {
  if (typeof addEventListener !== 'function') return;
  addEventListener('error', (ev) => {
    try {
      // Resource load errors (img, script) bubble here too but carry no message.
      if (!ev || !(ev.error || ev.message)) return;
      const facts = ev.error !== undefined && ev.error !== null ? factsFor(ev.error) : scriptErrorFacts(ev);
      capture(facts, 'auto.browser.global_handlers.onerror');
    } catch (e) {}
  });
  addEventListener('unhandledrejection', (ev) => {
    try {
      let reason = ev && ev.reason;
      // Some libraries wrap the reason: `{ detail: { reason } }` (CustomEvent polyfills).
      if (reason === undefined && ev && ev.detail && 'reason' in ev.detail) reason = ev.detail.reason;
      capture(factsFor(reason, true), 'auto.browser.global_handlers.onunhandledrejection');
    } catch (e) {}
  });
}
