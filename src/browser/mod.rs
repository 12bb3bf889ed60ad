//! The browser runtime: the only code that calls into JavaScript for the pipeline.
//!
//! In the npm build (no `std`) every import is a function of the shim's `js/io.js`, which
//! catches what it touches and answers in plain strings, numbers and flags: no JavaScript
//! object crosses into Wasm, so the core carries none of wasm-bindgen's object-handle
//! machinery. A Rust app (feature `std`) has no shim; it reads the page's globals itself, each
//! import that can throw declared with `catch`, and sends with `fetch` (`transport.rs`).

use alloc::string::String;
#[cfg(feature = "std")]
mod transport;

use crate::runtime::Runtime;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn date_now() -> f64;
    #[wasm_bindgen(js_namespace = console, js_name = warn)]
    fn console_warn(msg: &str);
}

/// The shim's imports (`js/io.js`): the page facts, randomness, and the outbox's I/O
/// (`js/outbox.js`): `hold` (the queued bodies, kept in JavaScript by key), `put`/`del`
/// (IndexedDB; `del` also drops the held body), `schedule` (a timer that runs the `DRAIN` op)
/// and `send` (the request, answered through the `RESPONSE` op; with `stored`, it first takes
/// the stored copy). None of them throws.
#[cfg(not(feature = "std"))]
#[wasm_bindgen(raw_module = "./io.js")]
extern "C" {
    fn random(buf: &mut [u8]);
    #[wasm_bindgen(js_name = page)]
    fn page_facts() -> String;
    #[wasm_bindgen(js_name = onLine)]
    fn on_line() -> bool;
    fn hold(key: &str, body: &str);
    fn put(key: &str);
    fn del(key: &str, stored: bool);
    fn schedule(ms: f64);
    fn send(url: &str, key: &str, stored: bool, keepalive: bool, request_id: u32);
}

#[cfg(feature = "std")]
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(buf: &mut [u8]) -> Result<JsValue, JsValue>;
    // The page facts, read as `location.href`, `navigator.userAgent` and `navigator.onLine`
    // where they are needed: a missing global (no `location` outside a page or worker) throws,
    // and reads as absent. Plain property reads, not `js_sys::global()`, which keeps a lazily
    // initialised cell and four more imports.
    #[allow(non_camel_case_types)]
    type location;
    #[wasm_bindgen(static_method_of = location, getter, catch, js_name = href)]
    fn location_href() -> Result<JsValue, JsValue>;
    #[allow(non_camel_case_types)]
    type navigator;
    #[wasm_bindgen(static_method_of = navigator, getter, catch, js_name = userAgent)]
    fn navigator_user_agent() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(static_method_of = navigator, getter, catch, js_name = onLine)]
    fn navigator_on_line() -> Result<JsValue, JsValue>;
}

/// Fills `buf` from Web Crypto; without it (an old worker), from `Math.random`, so ids stay
/// unique enough to send.
#[cfg(feature = "std")]
fn random(buf: &mut [u8]) {
    if get_random_values(buf).is_err() {
        for b in buf.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
}

/// `location.href` and `navigator.userAgent`, each if there is one.
#[cfg(feature = "std")]
fn page() -> (Option<String>, Option<String>) {
    (
        location::location_href().ok().and_then(|v| v.as_string()),
        navigator::navigator_user_agent()
            .ok()
            .and_then(|v| v.as_string()),
    )
}

/// `location.href` and `navigator.userAgent`, which the shim hands over in one string written
/// as it writes the fields of an op.
#[cfg(not(feature = "std"))]
fn page() -> (Option<String>, Option<String>) {
    let facts = page_facts();
    let f = &mut crate::bindings::Fields(&facts);
    (f.string(), f.string())
}

/// `navigator.onLine`; online unless it says `false`.
#[cfg(feature = "std")]
fn on_line() -> bool {
    navigator::navigator_on_line()
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(true)
}

/// The runtime of a page or worker.
pub struct Browser;

impl Runtime for Browser {
    fn now_ms(&self) -> f64 {
        date_now()
    }

    fn fill_random(&self, buf: &mut [u8]) {
        random(buf);
    }

    fn send(
        &self,
        url: &str,
        _key: &str,
        _body: &str,
        _stored: bool,
        keepalive: bool,
        request_id: u32,
    ) {
        #[cfg(feature = "std")]
        transport::send(url, _body, keepalive, request_id);
        #[cfg(not(feature = "std"))]
        send(url, _key, _stored, keepalive, request_id);
    }

    fn log(&self, msg: &str) {
        console_warn(msg);
    }

    fn page(&self) -> (Option<String>, Option<String>) {
        page()
    }

    fn online(&self) -> bool {
        on_line()
    }

    // A Rust app has no shim: nothing is held, persisted or scheduled (the trait's defaults).
    #[cfg(not(feature = "std"))]
    fn schedule(&self, delay_ms: f64) {
        schedule(delay_ms);
    }

    #[cfg(not(feature = "std"))]
    fn hold(&self, key: &str, body: String) -> Option<String> {
        hold(key, &body);
        None
    }

    #[cfg(not(feature = "std"))]
    fn persist(&self, key: &str, _body: &str) {
        put(key);
    }

    #[cfg(not(feature = "std"))]
    fn forget(&self, key: &str, stored: bool) {
        del(key, stored);
    }
}
