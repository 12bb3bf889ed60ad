//! The only `#[wasm_bindgen]` exports: read plain JS values, call the core, return plain values.
//!
//! Nothing here returns `Result`, so nothing throws into JavaScript; a missing or mistyped
//! field reads as absent. The shim hands over objects it has already made safe (no getters, no
//! cycles). This file holds the reading helpers, `init` and error capture; each capability
//! keeps its exports in its own file beside it.

use crate::client::{Capture, Client, ErrorFacts};
use crate::hub;
use crate::options::Options;
use crate::protocol::event::{Level, Mechanism};
use crate::protocol::json::RawJson;
use crate::protocol::map::Map;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

mod breadcrumbs;
mod filters;
mod scope;
mod sessions;
#[cfg(feature = "tracing")]
mod tracing;
mod transport;

pub(crate) fn get(obj: &JsValue, key: &str) -> JsValue {
    if !obj.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

pub(crate) fn get_str(obj: &JsValue, key: &str) -> Option<String> {
    get(obj, key).as_string()
}

pub(crate) fn get_bool(obj: &JsValue, key: &str) -> Option<bool> {
    get(obj, key).as_bool()
}

pub(crate) fn get_f64(obj: &JsValue, key: &str) -> Option<f64> {
    get(obj, key).as_f64()
}

pub(crate) fn strings(v: &JsValue) -> Vec<String> {
    if !Array::is_array(v) {
        return Vec::new();
    }
    Array::from(v)
        .iter()
        .filter_map(|s| s.as_string())
        .collect()
}

/// `{key: "json text"}` or `{key: "string"}` pairs of an object.
pub(crate) fn pairs(v: &JsValue) -> Vec<(String, String)> {
    if !v.is_object() {
        return Vec::new();
    }
    Object::entries(&Object::from(v.clone()))
        .iter()
        .filter_map(|e| {
            let e = Array::from(&e);
            Some((e.get(0).as_string()?, e.get(1).as_string()?))
        })
        .collect()
}

pub(crate) fn raw_map(v: &JsValue) -> Map<RawJson> {
    let mut m = Map::new();
    for (k, j) in pairs(v) {
        m.insert(&k, RawJson(j));
    }
    m
}

pub(crate) fn str_map(v: &JsValue) -> Map<String> {
    let mut m = Map::new();
    for (k, s) in pairs(v) {
        m.insert(&k, s);
    }
    m
}

/// Starts the client. `opts` carries the `init` options the core acts on, plus `sdkName`,
/// `sdkVersion` and `integrations` from the shim. Returns whether events will be sent.
#[wasm_bindgen]
pub fn init(opts: &JsValue) -> bool {
    let d = Options::default();
    let options = Options {
        dsn: get_str(opts, "dsn"),
        release: get_str(opts, "release"),
        environment: get_str(opts, "environment"),
        dist: get_str(opts, "dist"),
        sample_rate: get_f64(opts, "sampleRate").unwrap_or(d.sample_rate),
        debug: get_bool(opts, "debug").unwrap_or(false),
        enabled: get_bool(opts, "enabled").unwrap_or(true),
        send_default_pii: get_bool(opts, "sendDefaultPii").unwrap_or(false),
        max_breadcrumbs: get_f64(opts, "maxBreadcrumbs")
            .map(|n| n.clamp(0.0, 100.0) as usize)
            .unwrap_or(d.max_breadcrumbs),
        sdk_name: get_str(opts, "sdkName").unwrap_or(d.sdk_name),
        sdk_version: get_str(opts, "sdkVersion").unwrap_or(d.sdk_version),
        sdk_package: d.sdk_package,
        integrations: strings(&get(opts, "integrations")),
        tunnel: get_str(opts, "tunnel"),
        scrub: get_bool(opts, "scrub").unwrap_or(d.scrub),
        scrub_emails: get_bool(opts, "scrubEmails").unwrap_or(d.scrub_emails),
        scrub_patterns: strings(&get(opts, "scrubPatterns")),
        max_value_length: get_f64(opts, "maxValueLength")
            .map(|n| n.clamp(32.0, 1e6) as usize)
            .unwrap_or(d.max_value_length),
        storm_cap: get_f64(opts, "stormCap").map_or(0, |n| n.clamp(0.0, 1e6) as u32),
        ..d
    };
    crate::browser::set_io(get(opts, "io"));
    let client = Client::new(options, Box::new(crate::browser::Browser));
    let sending = client.is_sending();
    hub::bind(client);
    sending
}

/// Captures an exception or message described by `facts`; returns the event id ("" if no
/// client is installed).
#[wasm_bindgen]
pub fn capture(facts: &JsValue) -> String {
    let capture = read_capture(facts);
    hub::with_client(|c| c.capture(capture)).unwrap_or_default()
}

/// Reads the shim's capture facts (`errors`, `mechanism`, `message`, `level`, `tags`…).
pub(crate) fn read_capture(facts: &JsValue) -> Capture {
    let errors = get(facts, "errors");
    let errors: Vec<ErrorFacts> = if Array::is_array(&errors) {
        Array::from(&errors)
            .iter()
            .map(|e| ErrorFacts {
                ty: get_str(&e, "type"),
                value: get_str(&e, "value"),
                stack: get_str(&e, "stack"),
                // The linked error `faultline/react` adds carries React's component stack.
                frames: get_str(&e, "componentStack")
                    .map(|s| crate::stack::parse_component_stack(&s)),
                synthetic: get_bool(&e, "synthetic").unwrap_or(false),
            })
            .collect()
    } else {
        Vec::new()
    };
    let m = get(facts, "mechanism");
    let mechanism = get_str(&m, "type").map(|ty| Mechanism {
        ty,
        handled: get_bool(&m, "handled"),
        ..Mechanism::default()
    });
    Capture {
        event_id: get_str(facts, "eventId"),
        errors,
        mechanism,
        message: get_str(facts, "message"),
        level: get_str(facts, "level").and_then(|l| Level::parse(&l)),
        tags: str_map(&get(facts, "tags")),
        extra: raw_map(&get(facts, "extra")),
        contexts: raw_map(&get(facts, "contexts")),
        fingerprint: strings(&get(facts, "fingerprint")),
    }
}

/// The id of the last event sent.
#[wasm_bindgen(js_name = lastEventId)]
pub fn last_event_id() -> Option<String> {
    hub::with_client(|c| c.last_event_id().map(String::from)).flatten()
}

/// Requests sent and not yet answered.
#[wasm_bindgen]
pub fn pending() -> u32 {
    hub::with_client(|c| c.pending()).unwrap_or(0)
}

/// Stops the client; later calls do nothing.
#[wasm_bindgen]
pub fn close() {
    hub::unbind();
}
