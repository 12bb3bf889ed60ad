//! The ops for the filter options and for `beforeSend`, which runs in JavaScript between
//! [`prepare`] (the event as JSON) and [`send_prepared`]. Apps without `beforeSend` (or
//! RegExp filters) capture directly and never pay for the round trip.

use super::{read_capture, Fields};
use crate::client::Client;
use crate::protocol::json::to_json;
use alloc::string::String;

/// Sets the string filters: lists `ignoreErrors`, `denyUrls`, `allowUrls` (the shim keeps the
/// RegExps), and `ignoreScriptErrors`.
pub(super) fn set_filters(c: &mut Client, f: &mut Fields, script: bool) {
    let filters = &mut c.filters;
    filters.ignore_errors = f.strings();
    filters.deny_urls = f.strings();
    filters.allow_urls = f.strings();
    filters.ignore_script_errors = script;
}

/// Runs the pipeline up to `beforeSend` on capture facts and returns the event as JSON text,
/// or "" when it was dropped (sampled out, filtered, a repeat; already counted).
pub(super) fn prepare(c: &mut Client, f: &mut Fields) -> String {
    let capture = read_capture(f);
    let id = match capture.event_id.clone() {
        Some(id) if crate::ids::is_hex(&id, 32) => id,
        _ => return String::new(),
    };
    let Some(event) = c.process(capture, id) else {
        return String::new();
    };
    let json = to_json(&event).unwrap_or_default();
    c.scope.take_back(event);
    json
}

/// Sends an event returned by `beforeSend`: `event_id, json`.
pub(super) fn send_prepared(c: &mut Client, f: &mut Fields) {
    if let (Some(id), Some(json)) = (f.str(), f.string()) {
        c.send_payload(id, json);
    }
}

/// Counts error events the shim dropped: `before_send`, `queue_overflow` (captured before the
/// core loaded, beyond what the shim could hold; `n` of them), or `event_processor` (a RegExp
/// filter).
pub(super) fn discard(c: &mut Client, f: &mut Fields, n: f64) {
    let reason = match f.str() {
        Some("before_send") => "before_send",
        Some("queue_overflow") => "queue_overflow",
        _ => "event_processor",
    };
    // `n` is absent (NaN: one event) or a count the shim kept; `as` saturates.
    c.discarded
        .add(reason, "error", if n >= 1.0 { n as u32 } else { 1 });
}
