//! The ops for the filter options and for `beforeSend`, which runs in JavaScript between
//! [`prepare`] (the event as JSON) and [`send_prepared`]. Apps without `beforeSend` (or
//! RegExp filters) capture directly and never pay for the round trip.

use super::{read_capture, Fields};
use crate::hub;
use crate::protocol::json::to_json;
use alloc::string::String;

/// Sets the string filters: lists `ignoreErrors`, `denyUrls`, `allowUrls` (the shim keeps the
/// RegExps), and `ignoreScriptErrors`.
pub(super) fn set_filters(f: &mut Fields, script: bool) {
    let (ignore, deny, allow) = (f.strings(), f.strings(), f.strings());
    hub::with_client(|c| {
        let f = &mut c.filters;
        f.ignore_errors = ignore;
        f.deny_urls = deny;
        f.allow_urls = allow;
        f.ignore_script_errors = script;
    });
}

/// Runs the pipeline up to `beforeSend` on capture facts and returns the event as JSON text,
/// or "" when it was dropped (sampled out, filtered, a repeat; already counted) or no client
/// is installed.
pub(super) fn prepare(f: &mut Fields) -> String {
    let capture = read_capture(f);
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

/// Sends an event returned by `beforeSend`: `event_id, json`.
pub(super) fn send_prepared(f: &mut Fields) {
    if let (Some(id), Some(json)) = (f.str(), f.string()) {
        hub::with_client(|c| c.send_payload(id, json));
    }
}

/// Counts one error event the shim dropped: `before_send`, or `event_processor` (a RegExp
/// filter).
pub(super) fn discard(f: &mut Fields) {
    let reason = if f.str() == Some("before_send") {
        "before_send"
    } else {
        "event_processor"
    };
    hub::with_client(|c| c.discarded.add(reason, "error", 1));
}
