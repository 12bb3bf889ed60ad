// Breadcrumb sources: console, clicks and typing, fetch/XHR, History navigation, and
// addBreadcrumb. Each crumb goes through beforeBreadcrumb, then to the core's ring buffer.
//
// Must not record request or response bodies, header values, cookies or what the user types;
// must not record the SDK's own requests or console lines; must never throw into the page.

import { BREADCRUMB, op, text } from './core.js';
import { toJson } from './lib/normalize.js';
import { subscribeNavigation } from './lib/instrumentHistory.js';
import { subscribeRequests } from './lib/instrumentRequests.js';
import { warn } from './lib/warn.js';

let _before;
let _warned = false;
// Set while a breadcrumb is being added: what beforeBreadcrumb logs or adds is not recorded
// (a hook that logs would otherwise record its own line, forever).
let _busy = false;

function _s(v) {
  return v == null ? undefined : String(v);
}

/**
 * Adds a breadcrumb to the trail: `{message?, category?, type?, level?, data?, timestamp?}`
 * (timestamp in seconds; now when absent). `hint` is passed to `beforeBreadcrumb`.
 */
export function addBreadcrumb(crumb, hint) {
  if (_busy) return;
  _busy = true;
  try {
    if (!crumb || typeof crumb !== 'object') return;
    // Stamped here: before the core has loaded, calls wait in a queue.
    let c = Object.assign({ timestamp: Date.now() / 1000 }, crumb);
    if (_before) {
      try {
        c = _before(c, hint || {});
      } catch (e) {
        if (!_warned) warn('beforeBreadcrumb threw; breadcrumbs are kept unmodified:', e);
        _warned = true;
      }
      if (!c || typeof c !== 'object') return;
    }
    const data = c.data == null ? undefined : toJson(c.data, 3, 100);
    op(BREADCRUMB, text(_s(c.type), _s(c.category), _s(c.message), _s(c.level), data), +c.timestamp);
  } catch (e) {
  } finally {
    _busy = false;
  }
}

/** @internal One console argument as text, as console breadcrumbs and captured console lines show it. */
export function _text(v) {
  try {
    return typeof v === 'string' ? v : v instanceof Error ? v.name + ': ' + v.message : toJson(v, 2, 20);
  } catch (e) {
    return '[unserializable]';
  }
}

function _console() {
  for (const name of 'debug info warn error log assert'.split(' ')) {
    const orig = console[name];
    if (typeof orig !== 'function') continue;
    console[name] = function (...all) {
      try {
        const assert = name === 'assert';
        const args = assert ? all.slice(1) : all;
        let msg = args.map(_text).join(' ');
        if (msg.length > 2048) msg = msg.slice(0, 2048) + '…';
        // A passing assertion prints nothing, so it leaves no crumb.
        if (assert) msg = all[0] ? '' : 'Assertion failed: ' + (msg || 'console.assert');
        if (msg.indexOf('[faultline]') && (msg || !assert)) {
          addBreadcrumb(
            {
              category: 'console',
              level: name === 'warn' ? 'warning' : assert ? 'error' : name,
              message: msg,
              data: { arguments: args, logger: 'console' },
            },
            { input: args, level: name },
          );
        }
      } catch (e) {}
      return orig.apply(this, all);
    };
  }
}

// `tag#id.class[attr="…"]`, as Sentry shows targets; never the element's value or text.
function _describe(el) {
  let s = el.tagName.toLowerCase();
  if (el.id) s += '#' + el.id;
  const cls = el.getAttribute('class');
  if (cls) for (const c of cls.split(/\s+/)) if (c) s += '.' + c;
  for (const a of ['type', 'name', 'title', 'alt', 'aria-label']) {
    const v = el.getAttribute(a);
    if (v) s += '[' + a + '="' + v + '"]';
  }
  return s;
}

/** A short CSS selector path to `el`: up to 5 elements, about 80 characters, outermost first. */
function _selector(el) {
  const parts = [];
  let len = 0;
  try {
    for (let i = 0; el && el.nodeType === 1 && i < 5; i++, el = el.parentNode) {
      const s = _describe(el);
      if (s === 'html' || (i > 0 && len + s.length + 3 > 80)) break;
      parts.unshift(s);
      len += s.length + 3;
    }
  } catch (e) {}
  return parts.join(' > ');
}

function _dom() {
  let lastTarget;
  let lastTime = 0;
  const ui = (ev) => {
    try {
      const t = ev.target;
      const kind = ev.type;
      if (kind === 'input') {
        // One crumb per typing burst in one field.
        const now = Date.now();
        const same = t === lastTarget && now - lastTime < 1000;
        lastTarget = t;
        lastTime = now;
        if (same) return;
      }
      const path = _selector(t);
      if (path) addBreadcrumb({ category: 'ui.' + kind, message: path }, { event: ev });
    } catch (e) {}
  };
  addEventListener('click', ui, true);
  addEventListener('input', ui, true);
}

function _requests() {
  subscribeRequests({
    end(req) {
      const s = req.status;
      const data = { method: req.method, url: req.url, duration: Math.round(req.endTime - req.startTime) };
      if (s) data.status_code = s;
      addBreadcrumb(
        {
          type: 'http',
          category: req.kind,
          level: req.error || s >= 500 ? 'error' : s >= 400 ? 'warning' : undefined,
          data,
        },
        { startTimestamp: req.startTime, endTimestamp: req.endTime },
      );
    },
  });
}

/** Installs every source once; `beforeBreadcrumb(crumb, hint)` may return a changed crumb or null. */
export function installBreadcrumbs(beforeBreadcrumb) {
  try {
    _before = typeof beforeBreadcrumb === 'function' ? beforeBreadcrumb : undefined;
    if (typeof console === 'object') _console();
    if (typeof addEventListener === 'function') _dom();
    _requests();
    subscribeNavigation((from, to) => addBreadcrumb({ category: 'navigation', data: { from, to } }));
  } catch (e) {}
}
