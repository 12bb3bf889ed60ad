// Spans: `startSpan`, `startInactiveSpan`, `getActiveSpan`, and the root spans that become
// transactions. This file tracks which span is active and when spans start and end (on the
// page's performance.now() clock), decides sampling once per trace, and writes a finished
// transaction as JSON text; the core adds the release, scope and SDK and sends it.
// Nothing runs on import. Nothing here throws into the app: only an error thrown by the app's
// own `startSpan` callback passes through, unchanged.

import { SPAN_ACTIVE, TX_END, TX_START, op, text } from './core.js';
import { initOptions } from './lib/initOptions.js';
import { _now } from './lib/instrumentRequests.js';
import { uuid4 } from './lib/uuid.js';

// Spans made active by `startSpan`, innermost last.
const _stack = [];
// The page's current trace id: the last root's, until a new pageload or navigation starts one.
let _trace;
// The open pageload or navigation root span, active when no `startSpan` callback runs.
let _idle;
// The current trace's sampling decision, `[sampled (1 or 0), rand, rate]` (undefined while
// tracing is not configured), and its name for the DSC when not a raw URL.
let _decision, _name;
// Recorded root spans not yet ended, oldest first.
const _open = new Set();

// The page clock's start, in ms since the epoch (every browser the core runs in has it).
const _origin = () => performance.timeOrigin;

// A time the app gave (seconds or ms since the epoch, or a Date) on the page clock.
function _clock(t) {
  if (t instanceof Date) t = t.getTime();
  if (typeof t !== 'number' || !isFinite(t)) return _now();
  return (t < 1e11 ? t * 1000 : t) - _origin();
}

/** @internal The current trace id, minted on first use. */
export function _traceId() {
  return _trace || (_trace = uuid4());
}

function _activate() {
  const a = getActiveSpan();
  op(SPAN_ACTIVE, text(a && a._id));
}

/** @internal Makes `root` (a pageload or navigation) the span active outside callbacks. */
export function _setIdle(root) {
  _idle = root;
  _activate();
}

// Runs `fn` and swallows what it throws: span methods get app values and must never throw.
function _safe(fn) {
  try {
    fn();
  } catch (e) {}
}

// Sentry's status codes: 1 is ok, 2 an error named by `message`.
const _proto = {
  spanContext() {
    return { traceId: this._trace, spanId: this._id, traceFlags: 1 };
  },
  setAttribute(key, value) {
    _safe(() => {
      if (this._data) this._data[String(key)] = value;
    });
    return this;
  },
  setAttributes(attrs) {
    _safe(() => {
      if (attrs && typeof attrs === 'object') for (const k in attrs) this.setAttribute(k, attrs[k]);
    });
    return this;
  },
  setStatus(s) {
    _safe(() => {
      if (s && s.code) this._status = s.code === 1 ? 'ok' : String(s.message || 'internal_error');
    });
    return this;
  },
  updateName(name) {
    _safe(() => (this._name = String(name)));
    return this;
  },
  isRecording() {
    return !this._ended;
  },
  end(t) {
    _safe(() => _end(this, _clock(t)));
  },
};

function _make(o) {
  const s = Object.create(_proto);
  s._id = uuid4().substring(16);
  s._op = o.op == null ? undefined : String(o.op);
  s._name = String(o.name == null ? '<unnamed span>' : o.name);
  s._start = o.startTime === undefined ? _now() : _clock(o.startTime);
  s._data = {};
  s.setAttributes(o.attributes);
  return s;
}

function _rate(name, attributes, parentSampled) {
  const o = initOptions || {};
  if (typeof o.tracesSampler === 'function') {
    try {
      const r = o.tracesSampler({
        name,
        attributes,
        parentSampled,
        inheritOrSampleWith: (fallback) => (parentSampled === undefined ? fallback : +parentSampled),
      });
      // `true` and `false` are the rates 1 and 0.
      return Number(r);
    } catch (e) {}
  }
  return typeof o.tracesSampleRate === 'number' ? o.tracesSampleRate : undefined;
}

// `x` with at most six decimals, as the DSC carries sampling numbers.
const _six = (x) => '' + Math.round(x * 1e6) / 1e6;

/**
 * @internal A new trace's sampling decision at `rate` (clamped to [0, 1]; not finite: 0), as
 * `[sampled, rand, rate]`. `rand`, in [0, 1) with six decimals, comes from the last five hex
 * digits of `trace` (UUID-style ids fix earlier digits, never those), so every transaction of a
 * trace, and a backend that receives its `baggage`, reaches the same decision for the same rate.
 */
export function _decide(trace, rate) {
  // 20 random bits scaled to millionths: exact, and exactly six decimals on the wire. Not hex: 0.
  const rand = ((parseInt(trace.slice(-5), 16) * 1e6) / 1048576 | 0) / 1e6;
  rate = isFinite(rate) ? Math.min(Math.max(rate, 0), 1) : 0;
  return [rand < rate ? 1 : 0, rand, rate];
}

/**
 * @internal Starts a root span (a transaction). Pageloads and navigations pass its `start`
 * (page clock), `source`, `origin`, `traceId`, the upstream span `parent` and decision `up`
 * (`[sampled 1 or 0, rand, rate]`, NaN where absent); a custom root joins the page's current
 * trace. A trace is decided once: later roots of the same trace keep its decision.
 */
export function _startRoot(o, start, source, origin, traceId, parent, up) {
  const s = _make(o);
  if (start !== undefined) s._start = start;
  if (traceId && traceId !== _trace) {
    _trace = traceId;
    _decision = _name = undefined;
  }
  s._trace = _traceId();
  s._root = s;
  s._kids = [];
  // Finished children as [start, end, JSON but for the times]; how many did not fit.
  s._done = [];
  s._dropped = 0;
  s._t0 = _origin();
  s._source = source || 'custom';
  s._first = s._name;
  s._origin = origin || 'manual';
  s._parent = parent;
  const rate = _rate(s._name, s._data, up && up[0] === 1);
  const d = (_decision = up
    ? [up[0], up[1] >= 0 ? up[1] : up[0] ? 0 : 0.999999, up[2]]
    : _decision || (rate === undefined ? rate : _decide(s._trace, rate)));
  if (d) {
    s._sampled = d[0];
    // At most 8 open at once (a page normally has one): the oldest gives way.
    if (_open.add(s).size > 8) _txEnd(_open.values().next().value, 0, 0, 'queue_overflow');
  }
  if (s._source !== 'url') _name = s._name;
  // The trace's own members of its dynamic sampling context (the core adds its own before them).
  const dsc = JSON.stringify({
    sample_rate: d && d[2] >= 0 ? _six(d[2]) : undefined,
    sample_rand: d && _six(d[1]),
    sampled: d && '' + !!d[0],
    transaction: _name,
  });
  op(TX_START, text(s._trace, s._id, dsc.slice(1, -1)));
  return s;
}

/** @internal Ends span `s` at `t` (page clock). A root's `_finish` hook, if set, sends it. */
export function _end(s, t) {
  if (!s || s._ended || !s._root) return;
  s._ended = true;
  const r = s._root;
  if (r === s) {
    if (s._finish) s._finish(t);
    else _txEnd(s, t);
    if (_idle === s) _idle = undefined;
    _activate();
    return;
  }
  const i = r._kids.indexOf(s);
  if (i >= 0) r._kids.splice(i, 1);
  // Attributes: the strings, numbers and flags.
  const data = {};
  for (const k of Object.keys(s._data)) {
    const v = s._data[k];
    if ('string number boolean'.includes(typeof v)) data[k] = v;
  }
  _span(r, s._op, s._name, s._start, t, data, s._origin, s._id, s._parent, s._status, s._http);
  if (r._touch) r._touch();
}

// Span statuses as Sentry names them. The first nine are those an app may set (its other
// names become `internal_error`); from the fourth on, those of the HTTP error responses in
// `_CODES` at the same place (PROTOCOL §6).
const _STATUSES = 'ok cancelled invalid_argument unauthenticated permission_denied not_found resource_exhausted unavailable deadline_exceeded already_exists unimplemented'.split(' ');
const _CODES = [, , , 401, 403, 404, 429, 503, 504, 409, 501];
const _valid = (s) => (_STATUSES.slice(0, 9).includes(s) ? s : 'internal_error');

/**
 * @internal Records a finished child span of root span `r` (times on the page clock, `data`
 * its attributes); the root sends it. Absent: `origin` is `manual`, `id` minted, `parent` the
 * root, `status` from `http` (the response's status code) or `ok`.
 */
export function _span(r, o, name, start, end, data, origin, id, parent, status, http) {
  // As Sentry's SDKs do, at most 1000 children; later ones are counted as dropped.
  if (r._done.length >= 1000) return r._dropped++;
  const body = JSON.stringify({
    span_id: id || uuid4().substring(16),
    parent_span_id: parent || r._id,
    trace_id: r._trace,
    op: o == null ? 'default' : o,
    description: name,
    status: status ? _valid(status) : http >= 400 && http < 600 ? _STATUSES[_CODES.indexOf(http)] || (http < 500 ? 'invalid_argument' : 'internal_error') : 'ok',
    origin: origin || 'manual',
    data,
  });
  r._done.push([start, end, body.slice(0, -1)]);
}

// Whole milliseconds (so a millisecond-precision end never precedes its start); broken
// clocks read as 0.
const _whole = (t) => (t > 0 && t < 1e15 ? Math.floor(t) : 0);

/**
 * @internal Root `r`'s start and end (ms since the epoch) and its children as a JSON array,
 * if it ends at `t` (page clock): children that began after the end are left out, the end
 * moves back to the last child's end so the idle wait is not counted, and no child ends after
 * it.
 */
export function _finished(r, t) {
  const end = r._t0 + t;
  const kids = [];
  let last;
  for (const [s, e, body] of r._done) {
    const a = _whole(r._t0 + s);
    const b = Math.max(r._t0 + e, a) || a;
    if (a > end) continue;
    kids.push([a, b, body]);
    if (!(last >= b)) last = b;
  }
  const start = _whole(r._t0 + r._start);
  let stop = last < end ? last : end;
  if (!(stop > start)) stop = start;
  kids.sort((x, y) => x[0] - y[0]);
  const spans = kids.map(([a, b, body]) => body + ',"start_timestamp":' + a / 1000 + ',"timestamp":"' + new Date(b < stop ? b : stop).toISOString() + '"}');
  return [start, stop, '[' + spans + ']'];
}

/**
 * @internal Ends root span `r` at `t` (page clock) with its status and current name and the
 * web vitals `measurements` (pageloads only), sending it with its children if its trace is
 * sampled; else (or with `lost`, the reason) it is counted as not sent.
 */
export function _txEnd(r, t, measurements, lost) {
  if (!_open.delete(r)) return;
  try {
    if (lost || !r._sampled) return op(TX_END, text(lost || 'sample_rate'));
    const [start, stop, spans] = _finished(r, t);
    const head = JSON.stringify({
      type: 'transaction',
      platform: 'javascript',
      transaction: r._name,
      // Renamed after it started: a custom name.
      transaction_info: { source: r._name === r._first ? r._source : 'custom' },
      start_timestamp: start / 1000,
      timestamp: new Date(stop).toISOString(),
      measurements,
    });
    const trace = JSON.stringify({
      trace_id: r._trace,
      span_id: r._id,
      parent_span_id: r._parent,
      op: r._op || 'default',
      status: _valid(r._status || 'ok'),
      origin: r._origin,
    });
    op(TX_END, text(null, head.slice(1, -1) + ',"spans":' + spans, trace), r._dropped);
  } catch (e) {}
}

/** The span new spans become children of: the innermost `startSpan`, else the page's root. */
export function getActiveSpan() {
  return _stack[_stack.length - 1] || _idle;
}

/**
 * Starts a span that is not made active: a child of `parentSpan` (default: the active span),
 * or a new transaction when there is none, `parentSpan` is null, or `forceTransaction` is set.
 * End it with `span.end()`.
 */
export function startInactiveSpan(options) {
  try {
    const o = options || {};
    const parent = 'parentSpan' in o ? o.parentSpan : getActiveSpan();
    if (!parent || o.forceTransaction || !parent._root) return _startRoot(o);
    const s = _make(o);
    s._trace = parent._trace;
    s._parent = parent._id;
    s._root = parent._root;
    s._root._kids.push(s);
    if (s._root._touch) s._root._touch();
    return s;
  } catch (e) {
    const s = Object.create(_proto);
    s._ended = true;
    return s;
  }
}

/**
 * Runs `callback(span)` inside a new active span and ends the span when the callback returns,
 * or, for a promise, when it settles. Returns what the callback returns; an error it throws
 * marks the span failed and is rethrown.
 */
export function startSpan(options, callback) {
  const s = startInactiveSpan(options);
  if (typeof callback !== 'function') {
    s.end();
    return undefined;
  }
  _stack.push(s);
  _activate();
  const done = () => {
    const i = _stack.lastIndexOf(s);
    if (i >= 0) _stack.splice(i, 1);
    _activate();
    s.end();
  };
  const fail = (e) => {
    s._status = 'internal_error';
    done();
    throw e;
  };
  let r;
  try {
    r = callback(s);
  } catch (e) {
    fail(e);
  }
  if (r && typeof r.then === 'function') {
    return r.then((v) => {
      done();
      return v;
    }, fail);
  }
  done();
  return r;
}
