// Tells subscribers when the page's fetch and XMLHttpRequest requests start and end.
//
// Patches both once, lazily, on the first subscribe. It must not read or keep request or
// response bodies, cookies or header values, change what a request does or returns, or throw.
// Requests to the SDK's own ingest (see `ignoreRequestUrl`) are passed through unobserved.

const _subs = [];
const _ignored = [];
let _patched = false;

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

function _skipped(url) {
  const u = _abs(url);
  for (let i = 0; i < _ignored.length; i++) if (u.indexOf(_ignored[i]) === 0) return true;
  return false;
}

function _now() {
  try {
    return performance.now();
  } catch (e) {
    return Date.now();
  }
}

// Calls every subscriber's `start`; returns their states, in subscriber order.
function _start(req) {
  req.startTime = _now();
  const states = [];
  for (let i = 0; i < _subs.length; i++) {
    try {
      states.push(_subs[i].start && _subs[i].start(req));
    } catch (e) {
      states.push(undefined);
    }
  }
  return states;
}

function _end(req, states) {
  req.endTime = _now();
  delete req.setHeader;
  for (let i = 0; i < states.length; i++) {
    try {
      if (_subs[i] && _subs[i].end) _subs[i].end(req, states[i]);
    } catch (e) {}
  }
}

function _patchFetch() {
  const g = globalThis;
  const orig = g.fetch;
  if (typeof orig !== 'function') return;
  g.fetch = function fetch(input, init) {
    let req, states;
    const args = arguments;
    if (_quiet) return orig.apply(g, args);
    try {
      const isReq = typeof Request === 'function' && input instanceof Request;
      const url = isReq ? input.url : String(input);
      if (!_skipped(url)) {
        const method = (init && init.method) || (isReq && input.method) || 'GET';
        req = { kind: 'fetch', method: String(method).toUpperCase(), url };
        // Adds a header without touching the caller's objects; the app's own value wins unless
        // `merge` asks to append (W3C baggage is a comma-separated list).
        req.setHeader = (name, value, merge) => {
          try {
            const next = Object.assign({}, args[1]);
            const h = new Headers(next.headers || (isReq ? input.headers : undefined));
            const had = h.get(name);
            if (had == null) h.set(name, value);
            else if (merge) h.set(name, had + ',' + value);
            next.headers = h;
            args[1] = next;
            if (args.length < 2) args.length = 2;
          } catch (e) {}
        };
        states = _start(req);
      }
    } catch (e) {
      req = undefined;
    }
    const p = orig.apply(g, args);
    if (!req) return p;
    return p.then(
      (res) => {
        try {
          req.status = res.status;
          _end(req, states);
        } catch (e) {}
        return res;
      },
      (err) => {
        try {
          req.error = err;
          _end(req, states);
        } catch (e) {}
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
  const setRequestHeader = P.setRequestHeader;
  const seen = new WeakMap();
  // Listening from `open` puts us before the app's own listeners, which are usually added
  // after it: the request has ended for subscribers before the app reacts to it.
  const done = function () {
    try {
      const req = seen.get(this);
      if (this.readyState !== 4 || !req || !req._s) return;
      req.status = this.status;
      if (!this.status) req.error = 'network';
      _end(req, req._s);
      req._s = undefined;
    } catch (e) {}
  };
  P.open = function (method, url) {
    try {
      if (!seen.has(this)) this.addEventListener('readystatechange', done);
      seen.set(this, { kind: 'xhr', method: String(method).toUpperCase(), url: String(url), _h: [] });
    } catch (e) {}
    return open.apply(this, arguments);
  };
  P.setRequestHeader = function (name) {
    try {
      const req = seen.get(this);
      if (req) req._h.push(String(name).toLowerCase());
    } catch (e) {}
    return setRequestHeader.apply(this, arguments);
  };
  P.send = function () {
    try {
      const req = seen.get(this);
      if (req && !_skipped(req.url)) {
        const xhr = this;
        // XHR cannot read back a header, so only names the app did not set are added.
        req.setHeader = (name, value) => {
          try {
            if (req._h.indexOf(String(name).toLowerCase()) < 0) setRequestHeader.call(xhr, name, value);
          } catch (e) {}
        };
        req._s = _start(req);
      }
    } catch (e) {}
    return send.apply(this, arguments);
  };
}

/**
 * Calls `handler.start(req)` when a request starts and `handler.end(req, state)` when it
 * finishes; `req` is `{kind: 'fetch'|'xhr', method, url, startTime, endTime, status, error}`.
 * During `start` only, `req.setHeader(name, value, merge)` adds a request header; whatever
 * `start` returns is passed to `end`. Returns a function that unsubscribes.
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
  return () => {
    const i = _subs.indexOf(handler);
    if (i >= 0) _subs[i] = {};
  };
}
