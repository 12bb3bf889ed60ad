// The scope API of @sentry/browser: user, tags, contexts, extras, level, fingerprint, withScope.
//
// The values live in the Wasm core; this file only makes arguments safe (strings, normalized
// JSON) and hands them over in call order. It must not throw, except that withScope lets the
// callback's own exception through, as it would without the SDK.

import { CONTEXT, EXTRA, FINGERPRINT, LEVEL, POP_SCOPE, PUSH_SCOPE, TAG, USER, op, text } from './core.js';
import { addBreadcrumb } from './breadcrumbs.js';
import { toJson } from './lib/normalize.js';

function _map(obj, f) {
  if (!obj || typeof obj !== 'object') return undefined;
  const out = {};
  try {
    for (const k of Object.keys(obj)) out[k] = f(obj[k]);
  } catch (e) {}
  return out;
}

/** @internal `{key: JSON text}` of an object's own keys, or undefined. */
export const _jsonMap = (obj) => _map(obj, toJson);

/** @internal `{key: string}` of an object's own keys, or undefined. */
export const _strMap = (obj) => _map(obj, String);

/** Sets the user for every later event; `null` clears it. */
export function setUser(user) {
  try {
    op(USER, text(user ? toJson(user) : undefined));
  } catch (e) {}
}

/** Sets one tag; values become strings, `undefined` removes it. */
export function setTag(key, value) {
  try {
    op(TAG, text(String(key), value === undefined ? undefined : String(value)));
  } catch (e) {}
}

/** Sets several tags. */
export function setTags(tags) {
  const m = _strMap(tags);
  if (m) for (const k in m) setTag(k, m[k]);
}

/** Sets a named context object; `null` removes it. */
export function setContext(name, context) {
  try {
    op(CONTEXT, text(String(name), context ? toJson(context) : undefined));
  } catch (e) {}
}

/** Sets one extra value. */
export function setExtra(key, value) {
  try {
    op(EXTRA, text(String(key), toJson(value)));
  } catch (e) {}
}

/** Sets several extra values. */
export function setExtras(extras) {
  const m = _jsonMap(extras);
  if (m) for (const k in m) op(EXTRA, text(k, m[k]));
}

/** Gives every later event this level (`fatal`, `error`, `warning`, `info`, `debug`). */
export function setLevel(level) {
  try {
    op(LEVEL, text(level ? String(level) : undefined));
  } catch (e) {}
}

/** Replaces default grouping for later events; `['{{ default }}', …]` extends it. */
export function setFingerprint(fingerprint) {
  try {
    op(FINGERPRINT, text(Array.isArray(fingerprint) ? fingerprint.map(String) : []));
  } catch (e) {}
}

// The hub's setters (js/hub.js), by name: they take the values these functions hand the core.
const _hubOps = { setUser: USER, setTag: TAG, setContext: CONTEXT, setExtra: EXTRA };

/** @internal For js/hub.js: `name` is one of its setters, `args` their strings. */
export function _hubSet(name, args) {
  const code = _hubOps[name];
  if (code) op(code, text(...args));
}

const _scope = {
  setUser,
  setTag,
  setTags,
  setContext,
  setExtra,
  setExtras,
  setLevel,
  setFingerprint,
  addBreadcrumb,
};

/**
 * The scope events are captured with right now. Inside a `withScope` callback that is the
 * callback's scope; its methods always act on the scope that is current when they are called.
 */
export function getCurrentScope() {
  return _scope;
}

/**
 * Runs `callback(scope)`; what it sets on the scope applies only to events captured before it
 * returns. Breadcrumbs stay page-wide. Browsers have no async context, so work after an
 * `await` inside the callback runs with the outer scope. Returns the callback's result.
 */
export function withScope(callback) {
  if (typeof callback !== 'function') return undefined;
  op(PUSH_SCOPE);
  try {
    return callback(_scope);
  } finally {
    op(POP_SCOPE);
  }
}

/**
 * @internal Applies a scope-like object `{user, tags, extra, contexts, level, fingerprint}`
 * (`initialScope`, a capture hint) or a function of the scope.
 */
export function _applyScope(ctx) {
  try {
    if (typeof ctx === 'function') return void ctx(_scope);
    if (!ctx || typeof ctx !== 'object') return;
    if (ctx.user) setUser(ctx.user);
    setTags(ctx.tags);
    setExtras(ctx.extra);
    const c = ctx.contexts;
    if (c && typeof c === 'object') for (const k of Object.keys(c)) setContext(k, c[k]);
    if (ctx.level) setLevel(ctx.level);
    if (Array.isArray(ctx.fingerprint)) setFingerprint(ctx.fingerprint);
  } catch (e) {}
}
