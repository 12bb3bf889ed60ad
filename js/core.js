// The one door into the Wasm core: loads it off the critical path, buffers calls made before
// it is ready, and goes quiet for good if it cannot load or traps.
//
// Calls are queued as [name, args] and replayed in order once the module is instantiated,
// so an error thrown while the page is still parsing is not lost.
//
// Besides `init`, every call is `op(code, text, number)`: values cross as one string and a
// number, never as objects, which the core would have to read field by field
// (src/bindings/mod.rs reads this format). The core's own calls
// out (the page facts, the outbox's I/O) are plain imports from js/io.js.

import start, { init, op as run } from './faultline.js';
import { io } from './io.js';
import { untracked } from './lib/instrumentRequests.js';
import { warn } from './lib/warn.js';

let exports = null;
let dead = false;
let queue = [];
// Captures made before the core loaded that the full queue could not hold.
let overflow = 0;
let loading = null;
// Which core to load when the app names none: the glue's default (`faultline_bg.wasm`), or
// the tracing core once `init` asked for it. Both cores have the same glue.
let wasmDefault;

/**
 * @internal Loads the core at `url` (the tracing core) instead of the default core; only
 * before `load`. `init` calls it when tracing is configured.
 */
export function _useCore(url) {
  if (!loading) wasmDefault = url;
}

/** Starts loading the core (once). `wasmUrl` overrides where the `.wasm` file is fetched from. */
export function load(wasmUrl) {
  if (loading) return loading;
  // The glue fetches the .wasm synchronously inside `start`: not a request of the app.
  loading = untracked(() => start({ module_or_path: wasmUrl || wasmDefault, io }))
    .then(() => {
      exports = { init, op: run };
      const q = queue;
      queue = null;
      for (let i = 0; i < q.length; i++) invoke(q[i][0], q[i][1], q[i][2]);
      if (overflow) invoke('op', [DISCARD, text('queue_overflow'), overflow]);
    })
    .catch((err) => {
      dead = true;
      queue = null;
      warn(
        'could not load the WebAssembly core, nothing will be reported. If a Content-Security-Policy is set, ' +
          "allow 'wasm-unsafe-eval' in script-src:",
        err,
      );
    });
  return loading;
}

function invoke(name, args, done) {
  // A function only the other core has (e.g. a span call without browserTracingIntegration).
  if (dead || typeof exports[name] !== 'function') return undefined;
  try {
    const r = exports[name].apply(null, args);
    if (done) done(r);
    return r;
  } catch (err) {
    // A trap poisons the instance; every later call would trap again.
    dead = true;
    warn('internal error, reporting stops for this page:', err);
    return undefined;
  }
}

/**
 * Calls core function `name`. Before the core is ready the call is queued and `done` (if
 * given) receives the result later; the return value is then undefined.
 */
export function call(name, args, done) {
  if (exports) return invoke(name, args, done);
  if (queue) {
    // Full: breadcrumbs give way first (the core keeps only the newest anyway), captures never.
    if (queue.length >= 1000) {
      const i = queue.findIndex((q) => q[1][0] === BREADCRUMB && q[0] === 'op');
      if (i >= 0) queue.splice(i, 1);
    }
    if (queue.length < 1000) queue.push([name, args, done]);
    // A capture that does not fit is counted, and the count reaches the core's client report.
    else if (name === 'op' && args[0] <= PREPARE) overflow++;
  }
  return undefined;
}

// What `op` does; the same list as `mod code` in src/bindings/mod.rs.
export const CAPTURE = 0;
export const PREPARE = 1;
export const SEND_PREPARED = 2;
export const DISCARD = 3;
export const FILTERS = 4;
export const USER = 5;
export const TAG = 6;
export const CONTEXT = 7;
export const EXTRA = 8;
export const LEVEL = 9;
export const FINGERPRINT = 10;
export const PUSH_SCOPE = 11;
export const POP_SCOPE = 12;
export const BREADCRUMB = 13;
export const SESSION = 14;
export const PENDING = 15;
export const CLOSE = 16;
// The outbox (js/outbox.js).
export const DRAIN = 22;
export const HIDDEN = 23;
export const RESTORE = 24;
export const RESPONSE = 25;
// Tracing core only.
export const TX_START = 17;
export const TX_END = 19;
export const SPAN_ACTIVE = 20;
export const TRACE_HEADERS = 21;

function add(s, v) {
  if (v == null) return s + '-';
  if (typeof v != 'object') return s + (v = '' + v).length + ':' + v;
  // An object crosses as the list of its keys and values.
  if (!Array.isArray(v)) v = Object.entries(v).flat();
  return v.reduce(add, s + v.length + '*');
}

/**
 * The text the core reads: each value as `<length>:<string>` (UTF-16 length, so any content
 * passes), `null`/`undefined` as `-`, an array as `<count>*` and its items, an object as the
 * array of its keys and values. One string built by appending (no arrays to join): it is on
 * every capture's path.
 */
export function text(...values) {
  return values.reduce(add, '');
}

// Runs once, right before the first op (index.js: the browser and OS contexts).
let _first;

/** @internal Runs `fn` once, right before the next op: work only a page that uses the core needs. */
export function beforeFirstOp(fn) {
  _first = fn;
}

/** Runs core op `code` on `text` and the number `n` (absent: NaN); the result (text) as for `call`. */
export function op(code, text, n, done) {
  const f = _first;
  if (f) {
    _first = 0;
    f();
  }
  return call('op', [code, text || '', n], done);
}

/** Whether the core is loaded and working. */
export function ready() {
  return !!exports && !dead;
}

/** Whether the core failed to load or trapped: nothing will be sent from this page. */
export function failed() {
  return dead;
}
