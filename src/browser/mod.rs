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

/// Reads `globalThis[a][b]` as a string, `None` if any step is missing or throws.
fn global_str(a: &str, b: &str) -> Option<String> {
    let outer = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(a)).ok()?;
    if outer.is_undefined() || outer.is_null() {
        return None;
    }
    js_sys::Reflect::get(&outer, &JsValue::from_str(b))
        .ok()?
        .as_string()
}

/// Functions the JavaScript shim hands over at `init`: `put(key, body)` and `del(key)`
/// (IndexedDB), `schedule(ms)` (a timer that calls `drain`), and the app's `transport` hook.
/// Without them (a Rust app, a test) nothing is persisted and `fetch` is used.
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

/// One of the shim's I/O members, `undefined` if absent.
fn io(name: &str) -> JsValue {
    IO.0.try_borrow()
        .ok()
        .filter(|io| io.is_object())
        .and_then(|io| js_sys::Reflect::get(&io, &JsValue::from_str(name)).ok())
        .unwrap_or(JsValue::UNDEFINED)
}

/// Calls `io[name](a, b)` if it is a function; a throw is ignored (storage may be full).
fn io_call(name: &str, a: &JsValue, b: &JsValue) {
    if let Ok(f) = io(name).dyn_into::<js_sys::Function>() {
        let _ = f.call2(&JsValue::NULL, a, b);
    }
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
            global_str("location", "href"),
            global_str("navigator", "userAgent"),
        )
    }

    fn online(&self) -> bool {
        let nav = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("navigator"));
        nav.ok()
            .filter(JsValue::is_object)
            .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str("onLine")).ok())
            .and_then(|v| v.as_bool())
            .unwrap_or(true)
    }

    fn schedule(&self, delay_ms: f64) {
        io_call(
            "schedule",
            &JsValue::from_f64(delay_ms),
            &JsValue::UNDEFINED,
        );
    }

    fn persist(&self, key: &str, body: &str) {
        io_call("put", &JsValue::from_str(key), &JsValue::from_str(body));
    }

    fn forget(&self, key: &str) {
        io_call("del", &JsValue::from_str(key), &JsValue::UNDEFINED);
    }
}
