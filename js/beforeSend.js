// The part of the event pipeline that runs in JavaScript: `beforeSend` and RegExp filters.
//
// Only apps that set one pay for it: the core then returns the finished event as JSON
// (`prepare`), this file runs the hooks on a parsed copy and hands the result back to be sent
// (`sendPrepared`). A hook that throws or rejects never loses the event: it is sent unmodified,
// with one console warning. Must not throw.

import { CAPTURE, DISCARD, FILTERS, PREPARE, SEND_PREPARED, op, text } from './core.js';
import { warn } from './lib/warn.js';

let _hook;
let _on = false;
let _ignore = [];
let _deny = [];
let _allow = [];

const _isStr = (p) => typeof p === 'string';
const _isRe = (p) => p instanceof RegExp;

// Whether a pattern of `list` matches `s`: a string anywhere in it (an empty one never), a RegExp by `test`.
const _test = (list, s) => list.some((p) => (_isStr(p) ? p && s.indexOf(p) >= 0 : ((p.lastIndex = 0), p.test(s))));

/**
 * Keeps `beforeSend` and the RegExps of `ignoreErrors`, `denyUrls`, `allowUrls`; hands the
 * core the options it filters on (strings only). An `allowUrls` with any RegExp is checked here
 * whole, since an event passes it when any one pattern matches.
 */
export function configureEvents(o) {
  const list = (v) => {
    try {
      return Array.isArray(v) ? v.filter((p) => _isStr(p) || _isRe(p)) : [];
    } catch (e) {
      return [];
    }
  };
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
    op(FILTERS, text(ignore.filter(_isStr), deny.filter(_isStr), _allow.length ? [] : allow), +!!o.ignoreScriptErrors);
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

// Whether the RegExp filters drop `ev`: its message, or the thrown error's value or
// `type: value`, matches `ignoreErrors`; or its script URL is denied or not allowed.
function _dropped(ev) {
  const values = (ev.exception && ev.exception.values) || [];
  const last = values[values.length - 1] || {};
  const texts = [ev.message && String(ev.message), last.value, last.type && last.type + ': ' + (last.value || '')];
  if (texts.some((t) => t && _test(_ignore, t))) return true;
  const url = _url(values);
  return !!url && (_test(_deny, url) || (_allow.length > 0 && !_test(_allow, url)));
}

// Runs the filters and `beforeSend` on the prepared event `json`, then sends or drops it.
function _run(json, hint) {
  let ev;
  try {
    ev = JSON.parse(json);
    if (_dropped(ev)) return op(DISCARD, text('event_processor'));
  } catch (e) {
    return;
  }
  const id = ev.event_id;
  const send = (out) => op(SEND_PREPARED, text(id, out));
  if (!_hook) return send(json);
  const failed = (e) => {
    warn('beforeSend threw; the event is sent unmodified:', e);
    send(json);
  };
  const finish = (r) => {
    if (!r || typeof r !== 'object') {
      if (r !== null) warn('beforeSend must return the event or null; the event was dropped. It returned', r);
      return op(DISCARD, text('before_send'));
    }
    let out = json;
    try {
      r.event_id = id;
      out = JSON.stringify(r);
    } catch (e) {
      warn('beforeSend returned an event that cannot be serialized; the event is sent unmodified:', e);
    }
    send(out);
  };
  try {
    const r = _hook(ev, hint || {});
    if (r && typeof r.then === 'function') r.then(finish, failed);
    else finish(r);
  } catch (e) {
    failed(e);
  }
}

/**
 * Sends capture `facts` through the core, via the hooks when the app set any; `hint` (for
 * `beforeSend`) holds the event id as `event_id`. The facts cross
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
    hint.event_id,
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
