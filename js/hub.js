// The page's hub for Rust/Wasm apps that link the `faultline` crate into their own `.wasm`
// (see the crate's `api` module): published on `globalThis` under `Symbol.for('faultline.hub')`
// by `init`, so their captures and scope calls land in this client. Nothing here runs on import.
//
// Version 1: `capture(facts, hint)` is the shim's own capture and returns the event id; the
// setters take the same strings as the Wasm exports; `addBreadcrumb(crumb)` is the public one;
// `panicked()` marks the next `RuntimeError: unreachable` as the trap of a panic the app
// already reported.

let _panicked = false;

/**
 * Publishes the hub; `capture` is index.js's, `call` the door into the core, `addBreadcrumb`
 * (optional) the public one.
 */
export function publishHub(capture, call, flush, addBreadcrumb) {
  try {
    globalThis[Symbol.for('faultline.hub')] = {
      v: 1,
      capture,
      setUser: (json) => call('setUser', [json]),
      setTag: (key, value) => call('setTag', [key, value]),
      setContext: (name, json) => call('setContext', [name, json]),
      setExtra: (key, json) => call('setExtra', [key, json]),
      flush,
      addBreadcrumb,
      panicked: () => {
        _panicked = true;
      },
    };
  } catch (e) {}
}

/**
 * Whether uncaught `facts` are the `RuntimeError: unreachable` (Chromium "unreachable", Firefox
 * "unreachable executed", Safari "Unreachable code should not be executed") a Rust panic with
 * `panic = "abort"` raises after its hook reported it: the same crash, nothing new to send.
 */
export function isPanicEcho(facts) {
  const e = _panicked && facts && facts.errors && facts.errors[0];
  if (!e || e.type !== 'RuntimeError' || !/unreachable/i.test(e.value)) return false;
  _panicked = false;
  return true;
}
