// The one door into the Wasm core: loads it off the critical path, buffers calls made before
// it is ready, and goes quiet for good if it cannot load or traps.
//
// Calls are queued as [name, args] and replayed in order once the module is instantiated,
// so an error thrown while the page is still parsing is not lost.

import { untracked } from './lib/instrumentRequests.js';

let exports = null;
let dead = false;
let queue = [];
let loading = null;
// Which core to load: `faultline.js`, or the tracing core once js/tracing.js asked for it.
let glueLoader = () => import('./faultline.js');

function warn(msg, err) {
  try {
    console.warn('[faultline] ' + msg + (err ? ': ' + (err && err.message ? err.message : err) : ''));
  } catch (e) {}
}

/**
 * @internal Loads `importGlue()` (the tracing core's glue) instead of the default core; only
 * before `load`. `init` calls it when tracing is configured.
 */
export function _useCore(importGlue) {
  if (!loading) glueLoader = importGlue;
}

/** Starts loading the core (once). `wasmUrl` overrides where the `.wasm` file is fetched from. */
export function load(wasmUrl) {
  if (loading) return loading;
  loading = glueLoader()
    .then((glue) =>
      // The glue fetches the .wasm synchronously inside `default`: not a request of the app.
      untracked(() => glue.default(wasmUrl ? { module_or_path: wasmUrl } : undefined)).then(() => {
        exports = glue;
        const q = queue;
        queue = null;
        for (let i = 0; i < q.length; i++) invoke(q[i][0], q[i][1], q[i][2]);
      }),
    )
    .catch((err) => {
      dead = true;
      queue = null;
      warn(
        'could not load the WebAssembly core, nothing will be reported. If a Content-Security-Policy is set, ' +
          "allow 'wasm-unsafe-eval' in script-src",
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
    warn('internal error, reporting stops for this page', err);
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
      const i = queue.findIndex((q) => q[0] === 'addBreadcrumb');
      if (i >= 0) queue.splice(i, 1);
    }
    if (queue.length < 1000) queue.push([name, args, done]);
  }
  return undefined;
}

/** Whether the core is loaded and working. */
export function ready() {
  return !!exports && !dead;
}

/** Whether the core failed to load or trapped: nothing will be sent from this page. */
export function failed() {
  return dead;
}
