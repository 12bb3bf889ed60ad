//! The JavaScript the Rust API needs, as one inline module: the page's hub, the JS stack at a
//! point in Rust, and a send that needs nothing from Wasm once started.
//!
//! The hub is what the npm shim publishes at `init` under `Symbol.for("faultline.hub")` (see
//! `js/hub.js`): a Rust app links its own copy of this crate into its own `.wasm`, so the shim's
//! client lives in another Wasm instance, reachable only through JavaScript. Every function here
//! catches inside the snippet and never throws into Wasm; they exist only with the `std`
//! feature (Rust apps), so the npm package's Wasm does not carry them.

use alloc::string::String;
use js_sys::Promise;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const KEY = Symbol.for('faultline.hub');
function hub() {
  try {
    const h = globalThis[KEY];
    return h && h.v === 1 ? h : null;
  } catch (e) {
    return null;
  }
}
export function hub_present() {
  return !!hub();
}
export function hub_capture(facts, hint) {
  try {
    const h = hub();
    if (h) return String(h.capture(JSON.parse(facts), JSON.parse(hint)));
  } catch (e) {}
  return undefined;
}
export function hub_set(name, a, b) {
  try {
    const h = hub();
    if (h) h[name](a, b);
  } catch (e) {}
}
export function hub_breadcrumb(crumb) {
  try {
    const h = hub();
    if (h && h.addBreadcrumb) h.addBreadcrumb(JSON.parse(crumb));
  } catch (e) {}
}
export function hub_flush(timeout) {
  try {
    const h = hub();
    if (h) return Promise.resolve(h.flush(timeout)).then((ok) => !!ok, () => false);
  } catch (e) {}
  return Promise.resolve(false);
}
export function hub_panicked() {
  try {
    const h = hub();
    if (h) h.panicked();
  } catch (e) {}
}
export function stack_here() {
  let s = '';
  try {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 50;
    s = String(new Error().stack || '');
    Error.stackTraceLimit = limit;
  } catch (e) {}
  return s;
}
export function beacon(url, body) {
  try {
    const keepalive = new TextEncoder().encode(body).length <= 60000;
    fetch(url, { method: 'POST', body, keepalive, referrerPolicy: 'strict-origin' }).catch(() => {});
  } catch (e) {}
}
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
"#)]
extern "C" {
    /// Whether the npm shim published its hub on this page.
    pub(crate) fn hub_present() -> bool;
    /// `hub.capture(JSON.parse(facts), JSON.parse(hint))`: the shim's own capture, which mints
    /// and returns the event id. `None` without a hub.
    pub(crate) fn hub_capture(facts: &str, hint: &str) -> Option<String>;
    /// `hub[name](a, b)` for the scope setters (`setUser`, `setTag`, `setContext`, `setExtra`),
    /// which take the same strings as the shim's Wasm exports.
    pub(crate) fn hub_set(name: &str, a: Option<String>, b: Option<String>);
    /// The shim's public `addBreadcrumb(JSON.parse(crumb))`, when its hub offers it.
    pub(crate) fn hub_breadcrumb(crumb: &str);
    /// The shim's `flush(timeout)`, resolving to a boolean; `false` without a hub.
    pub(crate) fn hub_flush(timeout_ms: u32) -> Promise;
    /// Tells the shim that a panic was reported, so the `RuntimeError: unreachable` the trap
    /// raises next is not reported again.
    pub(crate) fn hub_panicked();
    /// `new Error().stack` here, with room for 50 frames (Chromium keeps 10 by default, and a
    /// panic spends about eight on the panicking machinery).
    pub(crate) fn stack_here() -> String;
    /// POSTs `body` to `url` with `fetch`, `keepalive` while the body fits the browser's 64 KiB
    /// budget. Used while panicking: the request is started before the instance traps, and
    /// nothing calls back into Wasm afterwards. The body is a string, so the request stays a
    /// CORS "simple request" (`text/plain`), as every other send.
    pub(crate) fn beacon(url: &str, body: &str);
    /// A promise resolved after `ms` milliseconds.
    pub(crate) fn sleep(ms: u32) -> Promise;
}
