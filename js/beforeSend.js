// The part of the event pipeline that runs in JavaScript: `beforeSend` and RegExp filters.
//
// Only apps that set one pay for it: the core then returns the finished event as JSON
// (`prepare`), this file runs the hooks on a parsed copy and hands the result back to be sent
// (`sendPrepared`). A hook that throws or rejects never loses the event: it is sent unmodified,
// with one console warning. Must not throw.

import { call } from './core.js';

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
 * Keeps `beforeSend` and the RegExps of `ignoreErrors`, `denyUrls`, `allowUrls`; returns the
 * options the core filters on (strings only). An `allowUrls` with any RegExp is checked here
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
  return {
    ignoreErrors: strs(ignore),
    denyUrls: strs(deny),
    allowUrls: _allow.length ? [] : allow,
    ignoreScriptErrors: !!o.ignoreScriptErrors,
  };
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
  if (r === null) return call('discard', ['before_send']);
  if (!r || typeof r !== 'object') {
    _warn('beforeSend must return the event or null; the event was dropped. It returned', r);
    return call('discard', ['before_send']);
  }
  let out;
  try {
    r.event_id = id;
    out = JSON.stringify(r);
  } catch (e) {
    _warn('the event returned by beforeSend cannot be serialized; sending it unmodified:', e);
    out = json;
  }
  call('sendPrepared', [id, out]);
}

function _run(json, hint) {
  let ev;
  try {
    ev = JSON.parse(json);
    if (_dropped(ev)) return call('discard', ['event_processor']);
  } catch (e) {
    return;
  }
  const id = ev.event_id;
  if (!_hook) return call('sendPrepared', [id, json]);
  const failed = (e) => {
    _warn('beforeSend threw; the event is sent unmodified:', e);
    call('sendPrepared', [id, json]);
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

/** Sends capture `facts` through the core, via the hooks when the app set any. */
export function deliver(facts, hint) {
  if (!_on) return call('capture', [facts]);
  call('prepare', [facts], (json) => {
    if (json) _run(json, hint);
  });
}
