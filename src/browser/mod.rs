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

    fn send(&self, url: &str, body: String, keepalive: bool, request_id: u32) {
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
}
