//! The browser runtime: the only code that touches `web_sys` and `js_sys`.
//!
//! Each import that can throw is declared with `catch`, so a missing API (no `crypto` in an
//! old worker, a CSP-blocked `fetch`) becomes a value, never an exception through Wasm.

use alloc::string::String;
mod transport;

use crate::runtime::Runtime;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(buf: &mut [u8]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn date_now() -> f64;
    #[wasm_bindgen(js_namespace = console, js_name = warn)]
    fn console_warn(msg: &str);
}

#[wasm_bindgen]
extern "C" {
    // The page facts, read as `location.href`, `navigator.userAgent` and `navigator.onLine`
    // where they are needed: a missing global (no `location` outside a page or worker) throws,
    // and reads as absent. Plain property reads, not `js_sys::global()`, which keeps a lazily
    // initialised cell and four more imports.
    #[allow(non_camel_case_types)]
    type location;
    #[wasm_bindgen(static_method_of = location, getter, catch)]
    fn href() -> Result<JsValue, JsValue>;
    #[allow(non_camel_case_types)]
    type navigator;
    #[wasm_bindgen(static_method_of = navigator, getter, catch, js_name = userAgent)]
    fn user_agent() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(static_method_of = navigator, getter, catch, js_name = onLine)]
    fn on_line() -> Result<JsValue, JsValue>;
}

#[wasm_bindgen]
extern "C" {
    /// The shim's `io` object (`js/outbox.js`, `outboxIo`). Each member is called as a method
    /// and a throw (storage full, a member missing) comes back as an ignored `Err`.
    type ShimIo;
    #[wasm_bindgen(method, catch)]
    fn put(this: &ShimIo, key: &str, body: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    fn del(this: &ShimIo, key: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    fn schedule(this: &ShimIo, ms: f64) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    fn send(
        this: &ShimIo,
        url: &str,
        body: &str,
        keepalive: bool,
        request_id: u32,
    ) -> Result<(), JsValue>;
}

/// Functions the JavaScript shim hands over at `init`: `put(key, body)` and `del(key)`
/// (IndexedDB), `schedule(ms)` (a timer that calls `drain`) and `send(url, body, keepalive,
/// id)` (the request, answered through `onResponse`). Without them (a Rust app, a test) nothing
/// is persisted or scheduled, and `fetch` is called from Rust.
struct Io(core::cell::RefCell<JsValue>);

// SAFETY: as for the hub: wasm32 without `atomics` has one thread, and this module is wasm32-only.
unsafe impl Sync for Io {}

static IO: Io = Io(core::cell::RefCell::new(JsValue::UNDEFINED));

/// Installs the shim's I/O functions (an object; anything else clears them).
pub fn set_io(io: JsValue) {
    if let Ok(mut slot) = IO.0.try_borrow_mut() {
        *slot = io;
    }
}

/// Runs `f` with the shim's `io`, if one is installed; what it returns (a throw) is ignored.
fn with_io(f: impl FnOnce(&ShimIo) -> Result<(), JsValue>) {
    if let Ok(io) = IO.0.try_borrow() {
        if io.is_object() {
            let _ = f(io.unchecked_ref());
        }
    }
}

/// Whether the shim's `io` is installed (never in a Rust app, which sends with `fetch`).
#[cfg(feature = "std")]
fn has_io() -> bool {
    IO.0.try_borrow().is_ok_and(|io| io.is_object())
}

/// The runtime of a page or worker.
pub struct Browser;

impl Runtime for Browser {
    fn now_ms(&self) -> f64 {
        date_now()
    }

    fn fill_random(&self, buf: &mut [u8]) {
        if get_random_values(buf).is_err() {
            // No Web Crypto: fall back to Math.random so ids stay unique enough to send.
            for b in buf.iter_mut() {
                *b = (js_sys::Math::random() * 256.0) as u8;
            }
        }
    }

    fn send(&self, url: &str, body: &str, keepalive: bool, request_id: u32) {
        transport::send(url, body, keepalive, request_id);
    }

    fn log(&self, msg: &str) {
        console_warn(msg);
    }

    fn page(&self) -> (Option<String>, Option<String>) {
        (
            location::href().ok().and_then(|v| v.as_string()),
            navigator::user_agent().ok().and_then(|v| v.as_string()),
        )
    }

    fn online(&self) -> bool {
        navigator::on_line()
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(true)
    }

    fn schedule(&self, delay_ms: f64) {
        with_io(|io| io.schedule(delay_ms));
    }

    fn persist(&self, key: &str, body: &str) {
        with_io(|io| io.put(key, body));
    }

    fn forget(&self, key: &str) {
        with_io(|io| io.del(key));
    }
}
