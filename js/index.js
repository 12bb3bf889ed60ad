// Faultline's public API, named as in @sentry/browser so switching is one import line.
//
// Every function here is safe to call at any time: before `init`, before the Wasm core has
// loaded (calls are buffered), after it failed (calls do nothing). None of them throws.

import { call, failed, load, ready } from './core.js';
import { factsFor } from './facts.js';
import { installGlobalHandlers } from './handlers.js';
import { outboxIo, startOutbox } from './outbox.js';
import { isPanicEcho, publishHub } from './hub.js';
import { addBreadcrumb as _addBreadcrumb } from './breadcrumbs.js';
import { setLimits, toJson } from './lib/normalize.js';
import { uuid4 } from './lib/uuid.js';

/** The version of this package. */
export const SDK_VERSION = '0.1.0';

let started = false;
let lastId;
let sdkName = 'faultline.javascript.browser';

/** @internal Lets `faultline/react` report itself as the React SDK. */
export function _setSdkName(name) {
  sdkName = name;
}

function warn(msg) {
  try {
    console.warn('[faultline] ' + msg);
  } catch (e) {}
}

function jsonMap(obj) {
  if (!obj || typeof obj !== 'object') return undefined;
  const out = {};
  try {
    for (const k of Object.keys(obj)) out[k] = toJson(obj[k]);
  } catch (e) {}
  return out;
}

function strMap(obj) {
  if (!obj || typeof obj !== 'object') return undefined;
  const out = {};
  try {
    for (const k of Object.keys(obj)) out[k] = String(obj[k]);
  } catch (e) {}
  return out;
}

/** Sends one capture to the core; `hint` may carry level, tags, extra, contexts, fingerprint. */
function send(facts, hint, mechanism) {
  const id = uuid4();
  lastId = id;
  try {
    hint = hint && typeof hint === 'object' ? hint : {};
    facts.eventId = id;
    facts.mechanism = hint.mechanism || mechanism;
    if (hint.level) facts.level = String(hint.level);
    facts.tags = strMap(hint.tags);
    const extra = jsonMap(hint.extra) || {};
    if (facts.extra) for (const k in facts.extra) extra[k] = facts.extra[k];
    facts.extra = extra;
    facts.contexts = jsonMap(hint.contexts);
    if (Array.isArray(hint.fingerprint)) facts.fingerprint = hint.fingerprint.map(String);
    call('capture', [facts]);
  } catch (e) {
    warn('could not capture');
  }
  return id;
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
    const integrations = o.defaultIntegrations === false ? [] : ['GlobalHandlers', 'LinkedErrors', 'HttpContext'];
    call('init', [
      {
        dsn: o.dsn,
        release: o.release,
        environment: o.environment,
        dist: o.dist,
        sampleRate: o.sampleRate,
        debug: !!o.debug,
        enabled: o.enabled !== false,
        sendDefaultPii: !!o.sendDefaultPii,
        maxBreadcrumbs: o.maxBreadcrumbs,
        tunnel: o.tunnel,
        scrub: o.scrub !== false,
        scrubEmails: !o.scrub || o.scrub.emails !== false,
        scrubPatterns: o.scrub && Array.isArray(o.scrub.patterns) ? o.scrub.patterns.map(String) : [],
        maxValueLength: o.maxValueLength,
        io: outboxIo(o.transport),
        sdkName,
        sdkVersion: SDK_VERSION,
        integrations,
      },
    ]);
    // Rust/Wasm apps on the page forward to this client (js/hub.js).
    publishHub(send, call, flush, _addBreadcrumb);
    if (o.enabled === false) return;
    if (integrations.length) {
      installGlobalHandlers((facts, type) => isPanicEcho(facts) || send(facts, null, { type, handled: false }));
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
  return send(facts, hint, { type: 'generic', handled: true }, original);
}

/** Reports an error (or any thrown value); returns the event id. */
export function captureException(exception, hint) {
  return send(factsFor(exception), hint, { type: 'generic', handled: true });
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
  return send({ message: text }, hint);
}

/** Sets the user for every later event; `null` clears it. */
export function setUser(user) {
  call('setUser', [user ? toJson(user) : undefined]);
}

/** Sets one tag; values become strings. */
export function setTag(key, value) {
  call('setTag', [String(key), value === undefined ? undefined : String(value)]);
}

/** Sets several tags. */
export function setTags(tags) {
  const m = strMap(tags);
  if (m) for (const k in m) setTag(k, m[k]);
}

/** Sets a named context object; `null` removes it. */
export function setContext(name, context) {
  call('setContext', [String(name), context ? toJson(context) : undefined]);
}

/** Sets one extra value. */
export function setExtra(key, value) {
  call('setExtra', [String(key), toJson(value)]);
}

/** Sets several extra values. */
export function setExtras(extras) {
  const m = jsonMap(extras);
  if (m) for (const k in m) call('setExtra', [k, m[k]]);
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
      if (ready() && call('pending', []) === 0) resolve(true);
      else if (Date.now() >= until) resolve(false);
      else setTimeout(check, 20);
    };
    check();
  });
}

/** Like `flush`, then stops capturing. */
export function close(timeout) {
  return flush(timeout).then((ok) => {
    call('close', []);
    return ok;
  });
}
