//! Exports for the filter options and for `beforeSend`, which runs in JavaScript between
//! [`prepare`] (the event as JSON) and [`send_prepared`]. Apps without `beforeSend` (or
//! RegExp filters) use `capture` and never pay for the round trip.

use super::{get, get_bool, read_capture, strings};
use crate::hub;
use crate::protocol::json::to_json;
use alloc::string::String;
use wasm_bindgen::prelude::*;

/// Sets the string filters: `ignoreErrors`, `denyUrls`, `allowUrls` (arrays of strings; the
/// shim keeps the RegExps) and `ignoreScriptErrors`.
#[wasm_bindgen(js_name = setFilters)]
pub fn set_filters(opts: &JsValue) {
    hub::with_client(|c| {
        let f = &mut c.filters;
        f.ignore_errors = strings(&get(opts, "ignoreErrors"));
        f.deny_urls = strings(&get(opts, "denyUrls"));
        f.allow_urls = strings(&get(opts, "allowUrls"));
        f.ignore_script_errors = get_bool(opts, "ignoreScriptErrors").unwrap_or(false);
    });
}

/// Runs the pipeline up to `beforeSend` and returns the event as JSON text, or "" when it was
/// dropped (sampled out, filtered, a repeat; already counted) or no client is installed.
#[wasm_bindgen]
pub fn prepare(facts: &JsValue) -> String {
    let capture = read_capture(facts);
    hub::with_client(|c| {
        let id = match capture.event_id.clone() {
            Some(id) if crate::ids::is_hex(&id, 32) => id,
            _ => return String::new(),
        };
        c.process(capture, id)
            .and_then(|e| to_json(&e).ok())
            .unwrap_or_default()
    })
    .unwrap_or_default()
}

/// Sends an event returned by `beforeSend`, as JSON text, under `event_id`.
#[wasm_bindgen(js_name = sendPrepared)]
pub fn send_prepared(event_id: &str, json: String) {
    hub::with_client(|c| c.send_payload(event_id, json));
}

/// Counts one error event the shim dropped: `before_send`, or `event_processor` (a RegExp
/// filter).
#[wasm_bindgen]
pub fn discard(reason: &str) {
    let reason = if reason == "before_send" {
        "before_send"
    } else {
        "event_processor"
    };
    hub::with_client(|c| c.discarded.add(reason, "error", 1));
}
