// The part of the event pipeline that runs in JavaScript: `beforeSend` and RegExp filters.
//
// Only apps that set one pay for it: the core then returns the finished event as JSON
// (`prepare`), this file runs the hooks on a parsed copy and hands the result back to be sent
// (`sendPrepared`). A hook that throws or rejects never loses the event: it is sent unmodified,
// with one console warning. Must not throw.

import { CAPTURE, DISCARD, FILTERS, PREPARE, SEND_PREPARED, op, text } from './core.js';

let _hook;
let _on = false;
let _ignore = [];
let _deny = [];
let _allow = [];

function _test(list, s) {
  for (const p of list) {
    if (typeof p === 'string') {
      if (p && s.indexOf(p) >= 0) return true;
    } else {
      p.lastIndex = 0;
      if (p.test(s)) return true;
    }
  }
  return false;
}

const _isRe = (p) => p instanceof RegExp;

/**
 * Keeps `beforeSend` and the RegExps of `ignoreErrors`, `denyUrls`, `allowUrls`; hands the
 * core the options it filters on (strings only). An `allowUrls` with any RegExp is checked here
 * whole, since an event passes it when any one pattern matches.
 */
export function configureEvents(o) {
  const list = (v) => {
    try {
      return Array.isArray(v) ? v.filter((p) => typeof p === 'string' || _isRe(p)) : [];
    } catch (e) {
      return [];
    }
  };
  const strs = (v) => v.filter((p) => typeof p === 'string');
  const ignore = list(o.ignoreErrors);
  const deny = list(o.denyUrls);
  const allow = list(o.allowUrls);
  let hook;
  try {
    hook = o.beforeSend;
  } catch (e) {}
  _hook = typeof hook === 'function' ? hook : undefined;
  _ignore = ignore.filter(_isRe);
  _deny = deny.filter(_isRe);
  _allow = allow.some(_isRe) ? allow : [];
  _on = !!(_hook || _ignore.length || _deny.length || _allow.length);
  // Nothing to filter is what the core starts with: no op to replay at load.
  if (ignore.length || deny.length || allow.length || o.ignoreScriptErrors) {
    op(FILTERS, text(strs(ignore), strs(deny), _allow.length ? [] : allow), +!!o.ignoreScriptErrors);
  }
}

// The newest script URL of the outermost error that has frames (as src/filters.rs reads it).
function _url(values) {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    const frames = v.stacktrace && v.stacktrace.frames;
    if ((v.mechanism && v.mechanism.parent_id != null) || !frames || !frames.length) continue;
    for (let j = frames.length - 1; j >= 0; j--) {
      const f = frames[j].filename;
      if (f && f !== '<anonymous>' && f !== '[native code]') return f;
    }
    return undefined;
  }
}

function _dropped(ev) {
  const values = (ev.exception && ev.exception.values) || [];
  const last = values[values.length - 1];
  const texts = [];
  if (ev.message) texts.push(String(ev.message));
  if (last && last.value) texts.push(last.value);
  if (last && last.type) texts.push(last.type + ': ' + (last.value || ''));
  if (_ignore.length && texts.some((t) => _test(_ignore, t))) return true;
  const url = _url(values);
  return !!url && (_test(_deny, url) || (_allow.length > 0 && !_test(_allow, url)));
}

function _warn(msg, err) {
  try {
    console.warn('[faultline] ' + msg, err);
  } catch (e) {}
}

function _finish(id, json, r) {
  if (r === null) return op(DISCARD, text('before_send'));
  if (!r || typeof r !== 'object') {
    _warn('beforeSend must return the event or null; the event was dropped. It returned', r);
    return op(DISCARD, text('before_send'));
  }
  let out;
  try {
    r.event_id = id;
    out = JSON.stringify(r);
  } catch (e) {
    _warn('the event returned by beforeSend cannot be serialized; sending it unmodified:', e);
    out = json;
  }
  op(SEND_PREPARED, text(id, out));
}

function _run(json, hint) {
  let ev;
  try {
    ev = JSON.parse(json);
    if (_dropped(ev)) return op(DISCARD, text('event_processor'));
  } catch (e) {
    return;
  }
  const id = ev.event_id;
  if (!_hook) return op(SEND_PREPARED, text(id, json));
  const failed = (e) => {
    _warn('beforeSend threw; the event is sent unmodified:', e);
    op(SEND_PREPARED, text(id, json));
  };
  let r;
  try {
    r = _hook(ev, hint || {});
  } catch (e) {
    return failed(e);
  }
  try {
    if (r && typeof r.then === 'function') r.then((x) => _finish(id, json, x), failed);
    else _finish(id, json, r);
  } catch (e) {
    failed(e);
  }
}

/**
 * Sends capture `facts` through the core, via the hooks when the app set any. The facts cross
 * as one text (src/bindings/mod.rs `read_capture` reads it in this order).
 */
export function deliver(facts, hint) {
  let type, handled;
  try {
    // The app's `hint.mechanism` may be anything.
    type = facts.mechanism.type;
    handled = facts.mechanism.handled;
  } catch (e) {}
  const t = text(
    facts.eventId,
    typeof type == 'string' ? type : undefined,
    typeof handled == 'boolean' ? +handled : undefined,
    facts.message,
    facts.level,
    (facts.errors || []).flatMap((e) => [e.type, e.value, e.stack, e.componentStack, e.synthetic ? 1 : undefined]),
    facts.tags,
    facts.extra,
    facts.contexts,
    facts.fingerprint,
  );
  if (!_on) return op(CAPTURE, t);
  op(PREPARE, t, 0, (json) => {
    if (json) _run(json, hint);
  });
}
