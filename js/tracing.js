// browserTracingIntegration: page-load and navigation transactions, web vitals, resource and
// long-task entries, `http.client` spans and trace headers on outgoing requests.
//
// It turns browser facts (timing entries, paths, request start and end) into spans and web
// vitals, which are plain data here and cost more as Wasm; the core decides sampling and
// builds and sends the transaction. It must not patch fetch, XHR or history
// itself (lib/instrument*.js do) or throw. Importing it does nothing; a bundle that never
// imports browserTracingIntegration does not contain this file.

import { TRACE_HEADERS, op } from './core.js';
import { initOptions } from './lib/initOptions.js';
import { subscribeNavigation } from './lib/instrumentHistory.js';
import { _now, setRequestHeader, subscribeRequests, trackHeaderNames } from './lib/instrumentRequests.js';
import { observe } from './lib/observe.js';
import { onHidden } from './lib/onHidden.js';
import { uuid4 } from './lib/uuid.js';
import { _end, _setIdle, _span, _startRoot, _traceId, _txEnd, getActiveSpan, startInactiveSpan } from './spans.js';

let _on = false;
let _root;
// What the page reported so far: paints, LCP, layout shifts and long tasks (start, value
// pairs), the longest duration of each interaction.
let _fp, _fcp, _lcp, _shifting;
const _shifts = [];
const _longTasks = [];
const _interactions = {};

function _path() {
  try {
    return location.pathname;
  } catch (e) {
    return '/';
  }
}

function _meta(name) {
  try {
    const m = document.querySelector('meta[name="' + name + '"]');
    return (m && m.content) || '';
  } catch (e) {
    return '';
  }
}

// A trace the server rendered into the page (`<meta name="sentry-trace">` + `baggage`): its
// trace id, the upstream span and, if it decided, its decision as `_startRoot` takes it.
function _upstream() {
  const t = /^\s*([0-9a-f]{32})-([0-9a-f]{16})(?:-([01]))?/.exec(_meta('sentry-trace'));
  if (!t) return [];
  const bag = _meta('baggage');
  const num = (k) => {
    const m = new RegExp('sentry-' + k + '=([0-9.]+)').exec(bag);
    return m ? Number(m[1]) : NaN;
  };
  return [t[1], t[2], t[3] && [+t[3], num('sample_rand'), num('sample_rate')]];
}

function _collect() {
  observe('paint', (e) => {
    if (e.name === 'first-paint') _fp = e.startTime;
    else _fcp = e.startTime;
  });
  // The browser stops reporting LCP after the first input, so the last entry is the value.
  observe('largest-contentful-paint', (e) => {
    _lcp = e.startTime;
  });
  // Without layout-shift entries there is no CLS at all (rather than a CLS of 0).
  _shifting = observe('layout-shift', (e) => {
    if (!e.hadRecentInput && _shifts.length < 2000) _shifts.push(e.startTime, e.value);
  });
  const interaction = (e) => {
    const id = e.interactionId;
    if (id) _interactions[id] = Math.max(_interactions[id] || 0, e.duration);
  };
  observe('event', interaction, { durationThreshold: 16 });
  observe('first-input', interaction);
}

// Phases of the document request: `browser.<name>` spans from one Navigation Timing field to
// another.
const _PHASES = (
  'cache fetchStart domainLookupStart dns domainLookupStart domainLookupEnd connect connectStart connectEnd ' +
  'tls secureConnectionStart connectEnd request requestStart responseStart response responseStart responseEnd ' +
  'dom_processing responseEnd domInteractive dom_content_loaded_event domContentLoadedEventStart ' +
  'domContentLoadedEventEnd load_event loadEventStart loadEventEnd'
).split(' ');
const _METRICS = 'auto.ui.browser.metrics';

// `url` up to its query or fragment, which may carry tokens.
function _noQuery(url) {
  return String(url).split(/[?#]/)[0];
}

/**
 * @internal Cumulative Layout Shift: the largest session window of `shifts` (`[time, value,
 * …]`, in order), windows having gaps under 1 s and lasting at most 5 s, as web-vitals does.
 */
export function _cls(shifts) {
  let best = 0;
  let win = 0;
  let first, last;
  for (let i = 1; i < shifts.length; i += 2) {
    const t = shifts[i - 1];
    if (win > 0 && t - last < 1000 && t - first < 5000) win += shifts[i];
    else {
      win = shifts[i];
      first = t;
    }
    last = t;
    if (win > best) best = win;
  }
  return best;
}

/**
 * @internal Interaction to Next Paint from interaction durations: the longest, ignoring one in
 * fifty so a rare outlier on a busy page does not define it (web-vitals' 98th percentile).
 */
export function _inp(durations) {
  const d = durations.filter(isFinite).sort((a, b) => b - a);
  return d[(d.length / 50) | 0];
}

// Adds to `root` the spans the page's timing entries describe while it was open, and returns
// the web vitals (pageloads that have any), `{name: {value, unit}}`.
function _page(root) {
  const span = (o, name, s, e, origin, data) => {
    // Missing (0), reversed or earlier than the root: no span.
    if (e >= s && s >= root._start && s > 0) _span(root, o, name, s, e, data, origin || _METRICS);
  };
  let m;
  try {
    if (root._op === 'pageload') {
      const nav = performance.getEntriesByType('navigation')[0];
      if (nav) {
        const url = _noQuery(nav.name);
        for (let i = 0; i < _PHASES.length; i += 3) span('browser.' + _PHASES[i], url, nav[_PHASES[i + 1]], nav[_PHASES[i + 2]]);
        // Vitals count from activation (prerendered pages), in ms; CLS is unitless.
        const a = nav.activationStart > 0 ? nav.activationStart : 0;
        const ms = (k, v, unit = 'millisecond') => ((m = m || {})[k] = { value: v > 0 ? v : 0, unit });
        if (nav.responseStart > 0) {
          ms('ttfb', nav.responseStart - a);
          if (nav.requestStart > 0) ms('ttfb.requestTime', nav.responseStart - nav.requestStart);
        }
        for (const [k, v, paint] of [['fp', _fp, 'first-paint'], ['fcp', _fcp, 'first-contentful-paint'], ['lcp', _lcp]]) {
          if (v > 0 && isFinite(v)) {
            ms(k, v - a);
            if (paint) span('browser.paint', paint, v, v);
          }
        }
        if (_shifting) ms('cls', _cls(_shifts), '');
        const inp = _inp(Object.values(_interactions));
        if (inp !== undefined) ms('inp', inp);
      }
    }
    // Fetch and XHR entries are left to the `http.client` spans.
    for (const r of performance.getEntriesByType('resource')) {
      const k = r.initiatorType;
      if (/^(fetch|xmlhttprequest|beacon)$/.test(k)) continue;
      const url = _noQuery(r.name);
      const o = k == 'script' ? 'script' : k == 'link' || k == 'css' ? 'css' : k == 'img' || k == 'image' ? 'img' : 'other';
      span(
        'resource.' + o,
        // Without the page's origin when it shares it: `/assets/app.js`.
        url.indexOf(location.origin + '/') ? url : url.slice(location.origin.length),
        r.startTime,
        r.responseEnd,
        'auto.resource.browser.metrics',
        {
          'url.full': url,
          'http.response_transfer_size': r.transferSize,
          'http.response_content_length': r.encodedBodySize,
          'http.decoded_response_content_length': r.decodedBodySize,
          'resource.render_blocking_status': r.renderBlockingStatus,
        },
      );
    }
  } catch (e) {}
  for (let i = 1; i < _longTasks.length; i += 2) {
    const s = _longTasks[i - 1];
    span('ui.long-task', 'Main UI thread blocked', s, s + _longTasks[i]);
  }
  return m;
}

// Starts a pageload or navigation root that ends after `idleTimeout` ms without open child
// spans, or after `finalTimeout` ms in any case. `trace`: what `_upstream` returns, or `[]`.
function _begin(o, op, start, trace) {
  if (_root) _end(_root, _now());
  const path = _path();
  let ctx = { name: path, op, attributes: {} };
  try {
    if (typeof o.beforeStartSpan === 'function') ctx = o.beforeStartSpan(ctx) || ctx;
  } catch (e) {}
  const name = String(ctx.name);
  const root = _startRoot(
    { name, op, attributes: ctx.attributes },
    start,
    name === path ? 'url' : 'route',
    'auto.' + op + '.browser',
    trace[0] || uuid4(),
    trace[1],
    trace[2],
  );
  let idle;
  const cap = setTimeout(() => finish('deadline_exceeded'), o.finalTimeout);
  function finish(status) {
    root._status = status;
    _end(root, _now());
  }
  root._touch = () => {
    clearTimeout(idle);
    if (!root._ended && !root._kids.length) idle = setTimeout(finish, o.idleTimeout, 'ok');
  };
  root._finish = (t) => {
    clearTimeout(idle);
    clearTimeout(cap);
    // Children still open are cut at the end, as cancelled.
    root._kids.slice().forEach((k) => {
      k._status = 'cancelled';
      _end(k, t);
    });
    if (_root === root) _root = undefined;
    _txEnd(root, t, _page(root));
  };
  _root = root;
  _setIdle(root);
  root._touch();
}

// Whether `url` gets trace headers: same origin by default, else `tracePropagationTargets`
// (strings match anywhere in the URL, RegExps are tested on it as given and absolute).
function _propagates(url) {
  let abs;
  try {
    abs = new URL(url, location.href);
  } catch (e) {
    return false;
  }
  const targets = (initOptions || {}).tracePropagationTargets;
  if (!Array.isArray(targets)) return abs.origin === location.origin;
  return targets.some((t) =>
    typeof t === 'string' ? abs.href.indexOf(t) >= 0 : !!t && typeof t.test === 'function' && (t.test(url) || t.test(abs.href)),
  );
}

/** @internal The W3C `baggage` value of a DSC: its members as `sentry-` list members. */
export function _baggage(dsc) {
  return Object.keys(dsc)
    .map((k) => 'sentry-' + k + '=' + encodeURIComponent(dsc[k]))
    .join();
}

function _traceRequests(o) {
  trackHeaderNames();
  subscribeRequests({
    start(req) {
      if (req.kind === 'fetch' ? !o.traceFetch : !o.traceXHR) return undefined;
      const parent = getActiveSpan();
      let span;
      if (parent && (typeof o.shouldCreateSpanForRequest !== 'function' || o.shouldCreateSpanForRequest(req.url))) {
        const url = _noQuery(req.url);
        span = startInactiveSpan({ op: 'http.client', name: req.method + ' ' + url, attributes: { 'http.method': req.method, url } });
        span._origin = 'auto.http.browser';
        span._start = req.startTime;
      }
      if (_propagates(req.url)) {
        // The trace's DSC. Before the core is ready (or without a DSN) there is none: no
        // baggage and no sampling flag, so the backend decides.
        const dsc = JSON.parse(op(TRACE_HEADERS) || '{}');
        const s = dsc.sampled;
        setRequestHeader(req, 'sentry-trace', (dsc.trace_id || _traceId()) + '-' + (span ? span._id : uuid4().substring(16)) + (s ? (s == 'true' ? '-1' : '-0') : ''));
        const bag = _baggage(dsc);
        if (bag) setRequestHeader(req, 'baggage', bag, true);
      }
      return span;
    },
    end(req, span) {
      if (!span) return;
      if (req.status) {
        span._http = req.status;
        span.setAttribute('http.response.status_code', req.status);
      } else if (req.error) span._status = 'internal_error';
      _end(span, req.endTime);
    },
  });
}

function _install(o) {
  if (_on) return;
  _on = true;
  _collect();
  if (o.enableLongTask) {
    observe('longtask', (e) => {
      if (_longTasks.length < 400) _longTasks.push(e.startTime, e.duration);
    });
  }
  if (o.instrumentPageLoad) _begin(o, 'pageload', 0, _upstream());
  if (o.instrumentNavigation) subscribeNavigation(() => _begin(o, 'navigation', _now(), []));
  if (o.traceFetch || o.traceXHR) _traceRequests(o);
  // A hidden page may never come back: send what there is now.
  onHidden(() => {
    if (_root) {
      _root._status = 'cancelled';
      _end(_root, _now());
    }
  });
}

/**
 * @internal Names the page's pageload or navigation transaction after the route a router
 * matched (`/invoices/:id`, source `route`), if it is still the one started for `path` (the
 * router's pathname, without its basename) and nothing named it before. `strip`: the basename
 * stays out of the name.
 */
export function _nameRoute(pattern, path, strip) {
  const r = _root;
  const name = r && r._name;
  if (!pattern || !name || r._ended || r._source !== 'url' || !name.endsWith(path)) return;
  const base = strip ? '' : name.slice(0, name.length - path.length).replace(/\/$/, '');
  r._name = r._first = base + pattern;
  r._source = 'route';
}

/**
 * Performance monitoring for the browser, as in `@sentry/browser`: pass it in `init`'s
 * `integrations` together with `tracesSampleRate` (or `tracesSampler`). Options:
 * `idleTimeout` (1000 ms), `finalTimeout` (30000 ms), `instrumentPageLoad`,
 * `instrumentNavigation`, `traceFetch`, `traceXHR`, `enableLongTask` (all true),
 * `shouldCreateSpanForRequest(url)`, and `beforeStartSpan(context)`, which may return a new
 * `name` such as a route pattern (`/invoices/:id`).
 */
export function browserTracingIntegration(options) {
  const o = {
    idleTimeout: 1000,
    finalTimeout: 30000,
    instrumentPageLoad: true,
    instrumentNavigation: true,
    traceFetch: true,
    traceXHR: true,
    enableLongTask: true,
  };
  try {
    Object.assign(o, options);
  } catch (e) {}
  return { name: 'BrowserTracing', _install: () => _install(o) };
}
