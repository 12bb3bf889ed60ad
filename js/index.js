// Faultline's public API, named as in @sentry/browser so switching is one import line.
//
// Every function here is safe to call at any time: before `init`, before the Wasm core has
// loaded (calls are buffered), after it failed (calls do nothing). None of them throws.

import { CLOSE, CONTEXT, PENDING, _useCore, beforeFirstOp, call, failed, load, op, ready, text } from './core.js';
import { factsFor, syntheticStack } from './facts.js';
import { configureEvents, deliver } from './beforeSend.js';
import { installBreadcrumbs } from './breadcrumbs.js';
import { _applyScope, _hubSet, _jsonMap, _strMap, withScope } from './scope.js';
import { ignoreRequestUrl } from './lib/instrumentRequests.js';
import { userAgentContexts } from './lib/userAgent.js';
import { installGlobalHandlers } from './handlers.js';
import { held, setTransport, startOutbox } from './outbox.js';
import { storeBusy } from './lib/store.js';
import { isPanicEcho, publishHub } from './hub.js';
import { addBreadcrumb as _addBreadcrumb } from './breadcrumbs.js';
import { setLimits } from './lib/normalize.js';
import { uuid4 } from './lib/uuid.js';
import { keepInitOptions } from './lib/initOptions.js';
import { trackSessions } from './sessions.js';
import { warn } from './lib/warn.js';

/** The version of this package. */
export const SDK_VERSION = '0.1.0';

let started = false;
let lastId;
let sdkName = 'faultline.javascript.browser';

/** @internal Lets `faultline/react` report itself as the React SDK. */
export function _setSdkName(name) {
  sdkName = name;
}

// setUser, setTag(s), setContext, setExtra(s), setLevel, setFingerprint, withScope, getCurrentScope.
export * from './scope.js';
export { addBreadcrumb } from './breadcrumbs.js';
export { addEventProcessor } from './beforeSend.js';
export { startSpan, startInactiveSpan, getActiveSpan } from './spans.js';
export { browserTracingIntegration } from './tracing.js';
export { replayIntegration, replayCanvasIntegration, feedbackIntegration, isInitialized, getClient } from './compat.js';
export { captureConsoleIntegration } from './captureConsole.js';
export { httpClientIntegration } from './httpClient.js';

let attachStacktrace = false;
// The mechanism of what the app captures itself.
const HANDLED = { type: 'generic', handled: true };

/**
 * Sends one capture to the core; `hint` may carry level, tags, extra, contexts, fingerprint,
 * user, or be a function of the scope. `original` is the thrown value, for `beforeSend`.
 */
function send(facts, hint, mechanism, original) {
  const id = (lastId = uuid4());
  try {
    // A user, or a function of the scope, applies to this event only.
    const scoped = typeof hint === 'function' ? hint : hint && hint.user && { user: hint.user };
    if (scoped) {
      withScope(() => {
        _applyScope(scoped);
        _send(id, facts, scoped === hint ? null : hint, mechanism, original);
      });
    } else _send(id, facts, hint, mechanism, original);
  } catch (e) {
    warn('could not capture');
  }
  return id;
}

// Throws are `send`'s to report (after `withScope` closed the scope).
function _send(id, facts, hint, mechanism, original) {
  hint = hint && typeof hint === 'object' ? hint : {};
  facts.mechanism = hint.mechanism || mechanism;
  if (hint.level) facts.level = String(hint.level);
  facts.tags = _strMap(hint.tags);
  const extra = _jsonMap(hint.extra) || {};
  if (facts.extra) for (const k in facts.extra) extra[k] = facts.extra[k];
  facts.extra = extra;
  facts.contexts = _jsonMap(hint.contexts);
  if (Array.isArray(hint.fingerprint)) facts.fingerprint = hint.fingerprint.map(String);
  deliver(facts, { event_id: id, originalException: original });
}

// `v` if it is an array, else none.
const _list = (v) => (Array.isArray(v) ? v : []);

// Where this SDK posts envelopes: `{scheme}://{host}{path}/api/{project}/`, never recorded.
function ingestPrefix(dsn) {
  try {
    const u = new URL(dsn);
    const i = u.pathname.lastIndexOf('/');
    return u.protocol + '//' + u.host + u.pathname.slice(0, i) + '/api/' + u.pathname.slice(i + 1) + '/';
  } catch (e) {
    return undefined;
  }
}

/**
 * Starts the SDK: parses the DSN, installs the global error hooks and starts loading the
 * Wasm core without blocking the page.
 */
export function init(options) {
  try {
    if (started) {
      warn('init was called more than once; the first call wins');
      return;
    }
    started = true;
    const o = options || {};
    let integrations =
      o.defaultIntegrations === false
        ? []
        : ['GlobalHandlers', 'LinkedErrors', 'HttpContext', 'Breadcrumbs', 'Dedupe', 'EventFilters'];
    // Integrations the app passes (browserTracingIntegration()…), set up below. As in Sentry,
    // `integrations` may be a function of the defaults: the defaults it leaves out are off.
    let extra = o.integrations;
    if (typeof extra === 'function') {
      try {
        extra = _list(extra(integrations.map((name) => ({ name }))));
      } catch (e) {
        warn('the integrations function threw; using the default integrations', e);
        extra = integrations.map((name) => ({ name }));
      }
      const kept = extra.map((i) => i && i.name);
      integrations = integrations.filter((name) => kept.includes(name));
    }
    extra = _list(extra).filter((i) => i && !integrations.includes(i.name));
    keepInitOptions(o);
    // Tracing needs the core that builds transactions (faultline_tracing_bg.wasm); apps that
    // do not trace never download it.
    if (o.tracesSampleRate != null || typeof o.tracesSampler === 'function') {
      _useCore(new URL('./faultline_tracing_bg.wasm', import.meta.url));
    }
    const str = (v) => (typeof v == 'string' ? v : undefined);
    const num = (v) => (typeof v == 'number' ? v : NaN);
    const scrub = o.scrub;
    setTransport(o.transport);
    call('init', [
      text(
        str(o.dsn),
        str(o.release),
        str(o.environment),
        str(o.dist),
        str(o.tunnel),
        sdkName,
        SDK_VERSION,
        integrations.concat(extra.filter((i) => !i._absent).map((i) => String(i.name))),
        scrub && Array.isArray(scrub.patterns) ? scrub.patterns.map(String) : [],
      ),
      // NaN included: the core warns about it.
      typeof o.sampleRate == 'number' ? o.sampleRate : 1,
      num(o.maxBreadcrumbs),
      num(o.maxValueLength),
      num(o.stormCap),
      // Flags, as src/bindings/mod.rs `init` reads them.
      !!o.debug | ((o.enabled !== false) << 1) | (!!o.sendDefaultPii << 2) | ((scrub !== false) << 3) | ((!scrub || scrub.emails !== false) << 4),
    ]);
    // Browser and OS on every event, named as the servers name them (js/lib/userAgent.js), set
    // as contexts right before the first op: a page that never uses the core (no breadcrumb,
    // capture or scope call) neither parses the user agent nor replays an op at load. Plain
    // `{name, version}` strings, so `JSON.stringify`, not the normalizer.
    beforeFirstOp(() => {
      try {
        const c = userAgentContexts(String(navigator.userAgent));
        for (const k in c) if (c[k]) op(CONTEXT, text(k, JSON.stringify(c[k])));
      } catch (e) {}
    });
    configureEvents(o);
    _applyScope(o.initialScope);
    attachStacktrace = !!o.attachStacktrace;
    // Never record the SDK's own requests: the ingest and the tunnel (the Wasm: js/core.js).
    ignoreRequestUrl(ingestPrefix(o.dsn));
    ignoreRequestUrl(o.tunnel);
    // Rust/Wasm apps on the page forward to this client (js/hub.js).
    publishHub(send, _hubSet, flush, _addBreadcrumb);
    if (o.enabled === false) return;
    // Chromium keeps 10 frames by default: too few to get past a framework into the app.
    try {
      if (Error.stackTraceLimit < 50) Error.stackTraceLimit = 50;
    } catch (e) {}
    if (integrations.includes('GlobalHandlers')) {
      installGlobalHandlers(
        (facts, type, thrown) => isPanicEcho(facts) || send(facts, null, { type, handled: false }, thrown),
      );
    }
    if (integrations.includes('Breadcrumbs') && o.maxBreadcrumbs !== 0) installBreadcrumbs(o.beforeBreadcrumb);
    if (integrations.length && o.autoSessionTracking !== false) trackSessions();
    for (const i of extra) {
      try {
        if (i && typeof i._install === 'function') i._install();
      } catch (e) {}
    }
    setLimits(o.normalizeDepth, o.normalizeMaxBreadth);
    load(o.wasmUrl);
    if (o.dsn) startOutbox();
  } catch (e) {
    warn('init failed');
  }
}

/**
 * @internal Captures facts prepared by `faultline/react` (the thrown error plus its component
 * stack); `original` is the thrown value, for `beforeSend`.
 */
export function _captureFacts(facts, hint, original) {
  return send(facts, hint, HANDLED, original);
}

/** Reports an error (or any thrown value); returns the event id. */
export function captureException(exception, hint) {
  const facts = factsFor(exception);
  const first = facts.errors[0];
  if (attachStacktrace && first && first.synthetic) first.stack = syntheticStack(1);
  return send(facts, hint, HANDLED, exception);
}

/**
 * Sends an event built by hand: `message`, `level`, `exception.values` (type and value), `tags`,
 * `extra`, `contexts`, `user`, `fingerprint`. Returns the event id.
 */
export function captureEvent(event, hint) {
  const facts = {};
  try {
    const m = event.message;
    if (m != null) facts.message = String(typeof m === 'object' ? m.formatted || m.message : m);
    const v = event.exception && event.exception.values;
    // The wire lists causes first; the core takes the thrown error first.
    if (Array.isArray(v)) facts.errors = v.map((x) => ({ type: x.type && String(x.type), value: x.value && String(x.value) })).reverse();
  } catch (e) {}
  let original;
  try {
    original = hint && hint.originalException;
  } catch (e) {}
  return send(facts, event, undefined, original);
}

/** Reports a message; `level` defaults to `info`. Returns the event id. */
export function captureMessage(message, levelOrHint) {
  const hint = typeof levelOrHint === 'string' ? { level: levelOrHint } : levelOrHint;
  let text;
  try {
    text = String(message);
  } catch (e) {
    text = '[unreadable message]';
  }
  const facts = { message: text };
  // Sentry's shape: the stack goes on a synthetic exception that carries the message.
  if (attachStacktrace) {
    facts.level = 'info';
    facts.errors = [{ type: 'Error', value: text, stack: syntheticStack(1), synthetic: true }];
  }
  return send(facts, hint);
}

/** The id of the last event captured. */
export function lastEventId() {
  return lastId;
}

/**
 * Resolves `true` once every event captured so far has been handed to the network and
 * answered, or `false` after `timeout` ms.
 */
export function flush(timeout) {
  const until = Date.now() + (typeof timeout === 'number' && timeout >= 0 ? timeout : 2000);
  return new Promise((resolve) => {
    const check = () => {
      if (failed()) return resolve(false);
      // Every envelope the core keeps has its body held here (js/outbox.js): with none held,
      // nothing is pending, and the core is not asked (its `op` would be compiled for this).
      if (ready() && (!held() || op(PENDING) === '0') && !storeBusy()) resolve(true);
      else if (Date.now() >= until) resolve(false);
      else setTimeout(check, 20);
    };
    check();
  });
}

/** Like `flush`, then stops capturing. */
export function close(timeout) {
  return flush(timeout).then((ok) => {
    op(CLOSE);
    return ok;
  });
}
