// The part of the event pipeline that runs in JavaScript: `beforeSend`, the app's event
// processors and RegExp filters.
//
// Only apps that set one pay for it: the core then returns the finished event as JSON
// (`prepare`), this file runs the hooks on a parsed copy and hands the result back to be sent
// (`sendPrepared`). A hook that throws or rejects never loses the event: it is sent unmodified,
// with one console warning. Must not throw.

import { CAPTURE, DISCARD, FILTERS, PREPARE, SEND_PREPARED, op, text } from './core.js';
import { warn } from './lib/warn.js';

let _hook;
let _on = false;
// The app's event processors (`addEventProcessor`), in the order added.
const _processors = [];
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
  _on = !!(_hook || _processors.length || _ignore.length || _deny.length || _allow.length);
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

// Runs the filters, the event processors and `beforeSend`, in that order, on the prepared
// event `json`, then sends or drops it. A step that throws or rejects is skipped: the next one
// gets the event as it was before it (for `beforeSend`, the event is sent so), with one warning.
function _run(json, hint) {
  let ev;
  try {
    ev = JSON.parse(json);
    if (_dropped(ev)) return op(DISCARD, text('event_processor'));
  } catch (e) {
    return;
  }
  const id = ev.event_id;
  const steps = _hook ? _processors.concat(_hook) : _processors;
  // Step `i` on `event`; `before` is `event` as JSON (the prepared JSON for the first step).
  const step = (i, event, before) => {
    const fn = steps[i];
    if (!fn) {
      let out = json;
      try {
        if (i) {
          event.event_id = id;
          out = JSON.stringify(event);
        }
      } catch (e) {
        warn('the event cannot be serialized; it is sent unmodified:', e);
      }
      return op(SEND_PREPARED, text(id, out));
    }
    const last = fn === _hook;
    const name = last ? 'beforeSend' : 'an event processor';
    try {
      before = before || JSON.stringify(event);
    } catch (e) {}
    const failed = (e) => {
      warn(name + ' threw; ' + (last ? 'the event is sent unmodified:' : 'it is skipped:'), e);
      step(i + 1, before ? JSON.parse(before) : event, before);
    };
    const kept = (r) => {
      if (r && typeof r == 'object') return step(i + 1, r);
      if (r !== null) warn(name + ' must return the event or null; the event was dropped. It returned', r);
      op(DISCARD, text(last ? 'before_send' : 'event_processor'));
    };
    try {
      const r = fn(event, hint || {});
      if (r && typeof r.then == 'function') r.then(kept, failed);
      else kept(r);
    } catch (e) {
      failed(e);
    }
  };
  step(0, ev, json);
}

/**
 * Adds `processor(event, hint)`, which runs on every error event before `beforeSend`, in the
 * order added: it returns the event (changed or not, or a Promise of it) or `null` to drop it
 * (counted as `event_processor`). One that throws is skipped, with a console warning.
 */
export function addEventProcessor(processor) {
  if (typeof processor === 'function') {
    _processors.push(processor);
    _on = true;
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
