//! Exports for delivery: the shim's timer, page-hide and storage hand-back call these.

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
