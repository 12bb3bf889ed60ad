//! Exports for delivery: the shim's timer, page-hide, storage hand-back and request answers
//! call these.

use crate::hub;
use alloc::string::String;
use wasm_bindgen::prelude::*;

/// Sends what is due (the retry timer and the `online` event call it).
#[wasm_bindgen]
pub fn drain() {
    hub::with_client(|c| c.drain());
}

/// The page is being hidden: client report, `keepalive` flush, persist the rest.
#[wasm_bindgen(js_name = onHidden)]
pub fn on_hidden() {
    hub::with_client(|c| c.on_hidden());
}

/// An envelope an earlier page load persisted under `key`.
#[wasm_bindgen]
pub fn restore(key: String, body: String) {
    hub::with_client(|c| c.restore(key, body));
}

/// The answer to request `id`, from the shim's `io.send` once its `fetch` (or the app's
/// `transport` hook) settled: `status` 0 for a network failure or a throw, and the
/// `Retry-After` / `X-Sentry-Rate-Limits` headers when they could be read.
#[wasm_bindgen(js_name = onResponse)]
pub fn on_response(id: u32, status: f64, retry_after: Option<String>, rate_limits: Option<String>) {
    hub::with_client(|c| {
        c.on_response(
            id,
            status as u16,
            retry_after.as_deref(),
            rate_limits.as_deref(),
        )
    });
}
