// Tells subscribers when the page's fetch and XMLHttpRequest requests start and end.
//
// Patches both once, lazily, on the first subscribe. It must not read or keep request or
// response bodies, cookies or header values, change what a request does or returns, or throw.
// Requests to the SDK's own ingest (see `ignoreRequestUrl`) are passed through unobserved.
// Adding headers (`setRequestHeader`) is separate, so a bundle without tracing leaves it out.

const _subs = [];
const _ignored = [];
let _patched = false;
// The request of each XMLHttpRequest since its last `open`.
const _xhrs = new WeakMap();
// XMLHttpRequest.prototype.setRequestHeader as the page had it, once `trackHeaderNames` ran.
let _xhrSet;

function _abs(url) {
  try {
    return new URL(url, location.href).href;
  } catch (e) {
    return String(url);
  }
}

let _quiet = 0;

/** Runs `fn`; a fetch it starts synchronously is not reported (the SDK loading its Wasm). */
export function untracked(fn) {
  _quiet++;
  try {
    return fn();
  } finally {
    _quiet--;
  }
}

/** Never report requests whose URL starts with `prefix` (the ingest URL, the tunnel). */
export function ignoreRequestUrl(prefix) {
  if (prefix) _ignored.push(_abs(prefix));
}

/** @internal Now on the page clock, in ms (every browser the core runs in has `performance`). */
export const _now = () => performance.now();

// Calls every subscriber's `start` unless the URL is ignored; returns their states, in
// subscriber order, or undefined for an ignored request.
function _start(req) {
  const u = _abs(req.url);
  if (_ignored.some((p) => u.indexOf(p) === 0)) return undefined;
  req.startTime = _now();
  return _subs.map((s) => {
    try {
      return s.start && s.start(req);
    } catch (e) {}
  });
}

// Records how `req` ended (`status` of `res`, or `error`) and calls every subscriber's `end`.
function _settle(req, states, res, error) {
  try {
    req.status = res && res.status;
    req.error = error;
    req.endTime = _now();
    states.forEach((state, i) => {
      try {
        _subs[i].end && _subs[i].end(req, state);
      } catch (e) {}
    });
  } catch (e) {}
}

function _patchFetch() {
  const g = globalThis;
  const orig = g.fetch;
  if (typeof orig !== 'function') return;
  g.fetch = function fetch(input, init) {
    const args = arguments;
    let req, states;
    try {
      if (!_quiet) {
        const isReq = typeof Request === 'function' && input instanceof Request;
        const method = (init && init.method) || (isReq && input.method) || 'GET';
        req = { kind: 'fetch', method: String(method).toUpperCase(), url: isReq ? input.url : String(input), _args: args };
        states = _start(req);
      }
    } catch (e) {}
    const p = orig.apply(g, args);
    if (!states) return p;
    return p.then(
      (res) => {
        _settle(req, states, res);
        return res;
      },
      (err) => {
        _settle(req, states, 0, err);
        throw err;
      },
    );
  };
}

function _patchXhr() {
  const X = globalThis.XMLHttpRequest;
  if (typeof X !== 'function') return;
  const P = X.prototype;
  const open = P.open;
  const send = P.send;
  // Listening from `open` puts us before the app's own listeners, which are usually added
  // after it: the request has ended for subscribers before the app reacts to it.
  const done = function () {
    try {
      const req = _xhrs.get(this);
      if (this.readyState !== 4 || !req || !req._states) return;
      _settle(req, req._states, this, this.status ? undefined : 'network');
      req._states = undefined;
    } catch (e) {}
  };
  P.open = function (method, url) {
    try {
      if (!_xhrs.has(this)) this.addEventListener('readystatechange', done);
      _xhrs.set(this, { kind: 'xhr', method: String(method).toUpperCase(), url: String(url) });
    } catch (e) {}
    return open.apply(this, arguments);
  };
  P.send = function () {
    try {
      const req = _xhrs.get(this);
      if (req) {
        req._xhr = this;
        req._states = _start(req);
      }
    } catch (e) {}
    return send.apply(this, arguments);
  };
}

/**
 * Calls `handler.start(req)` when a request starts and `handler.end(req, state)` when it
 * finishes; `req` is `{kind: 'fetch'|'xhr', method, url, startTime, endTime, status, error}`.
 * Whatever `start` returns is passed to `end`. A subscription lasts for the page's life.
 */
export function subscribeRequests(handler) {
  try {
    _subs.push(handler);
    if (!_patched) {
      _patched = true;
      _patchFetch();
      _patchXhr();
    }
  } catch (e) {}
}

/**
 * Lets `setRequestHeader` work on XMLHttpRequest: from now on, notes the header names the app
 * sets on each one (XHR cannot read a header back, and one the app set must not be added).
 * Call it before subscribing the handler that adds headers.
 */
export function trackHeaderNames() {
  try {
    const P = XMLHttpRequest.prototype;
    if (_xhrSet) return;
    const orig = (_xhrSet = P.setRequestHeader);
    P.setRequestHeader = function (name) {
      try {
        const req = _xhrs.get(this);
        (req._names = req._names || []).push(String(name).toLowerCase());
      } catch (e) {}
      return orig.apply(this, arguments);
    };
  } catch (e) {}
}

/**
 * During a subscriber's `start` only: adds header `name: value` to `req` without touching the
 * caller's objects. A header the app set wins unless `merge` asks to append (W3C baggage is a
 * comma-separated list); on XMLHttpRequest, which cannot read a header back, it always wins.
 */
export function setRequestHeader(req, name, value, merge) {
  try {
    const args = req._args;
    if (args) {
      const next = Object.assign({}, args[1]);
      const input = args[0];
      const h = new Headers(next.headers || (typeof Request === 'function' && input instanceof Request ? input.headers : undefined));
      const had = h.get(name);
      if (had == null) h.set(name, value);
      else if (merge) h.set(name, had + ',' + value);
      next.headers = h;
      args[1] = next;
      if (args.length < 2) args.length = 2;
    } else if (req._xhr && _xhrSet && (req._names || []).indexOf(name.toLowerCase()) < 0) _xhrSet.call(req._xhr, name, value);
  } catch (e) {}
}
