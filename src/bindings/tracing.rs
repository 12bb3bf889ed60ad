//! Exports for performance monitoring: the shim reports root spans, child spans and the page's
//! timing entries; the core builds and sends transactions. Only in the tracing core (feature
//! `tracing`), which `browserTracingIntegration` loads.
//!
//! All times are milliseconds on the page's `performance.now()` clock, except `timeOrigin`.

use super::{get, get_bool, get_f64, get_str};
use crate::hub;
use crate::protocol::map::Map;
use crate::protocol::transaction::Value;
use crate::sampling::Decision;
use crate::tracing::{NavTiming, PageFacts, ResourceFacts, RootStart, SpanFacts};
use alloc::string::String;
use alloc::vec::Vec;
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

fn num(obj: &JsValue, key: &str) -> f64 {
    get_f64(obj, key).unwrap_or(0.0)
}

fn numbers(v: &JsValue) -> Vec<f64> {
    if !Array::is_array(v) {
        return Vec::new();
    }
    Array::from(v).iter().filter_map(|n| n.as_f64()).collect()
}

fn objects(v: &JsValue) -> Vec<JsValue> {
    if !Array::is_array(v) {
        return Vec::new();
    }
    Array::from(v).iter().collect()
}

/// A span status the app or the shim named, as the protocol spells it; unknown names are
/// errors.
fn status(s: &str) -> &'static str {
    const KNOWN: [&str; 9] = [
        "ok",
        "cancelled",
        "deadline_exceeded",
        "not_found",
        "permission_denied",
        "unauthenticated",
        "resource_exhausted",
        "invalid_argument",
        "unavailable",
    ];
    KNOWN
        .iter()
        .find(|k| **k == s)
        .copied()
        .unwrap_or("internal_error")
}

/// Starts a transaction: `{traceId, spanId, parentSpanId?, op, name, source, origin, start,
/// timeOrigin, rate?, upstream?: {sampled, rand?, rate?}}`. Returns whether it is sampled.
#[wasm_bindgen(js_name = txStart)]
pub fn tx_start(f: &JsValue) -> bool {
    let up = get(f, "upstream");
    let upstream = get_bool(&up, "sampled").map(|sampled| Decision {
        sampled,
        rate: get_f64(&up, "rate"),
        rand: get_f64(&up, "rand").unwrap_or(if sampled { 0.0 } else { 0.999999 }),
    });
    let root = RootStart {
        trace_id: get_str(f, "traceId").unwrap_or_default(),
        span_id: get_str(f, "spanId").unwrap_or_default(),
        parent_span_id: get_str(f, "parentSpanId"),
        op: get_str(f, "op").unwrap_or_default(),
        name: get_str(f, "name").unwrap_or_default(),
        source: get_str(f, "source").unwrap_or_else(|| "custom".into()),
        origin: get_str(f, "origin").unwrap_or_else(|| "manual".into()),
        start: num(f, "start"),
        time_origin: num(f, "timeOrigin"),
        rate: get_f64(f, "rate"),
        upstream,
    };
    hub::with_client(|c| c.start_transaction(root)).unwrap_or(false)
}

/// A finished child span of `root`: `{spanId, parentSpanId?, op, name?, start, end, status?,
/// http? (status code), auto?, data?: {key: string|number|boolean}}`.
#[wasm_bindgen(js_name = txSpan)]
pub fn tx_span(root: &str, f: &JsValue) {
    let mut data = Map::new();
    let d = get(f, "data");
    if d.is_object() {
        for e in Object::entries(&Object::from(d)).iter() {
            let e = Array::from(&e);
            let (Some(k), v) = (e.get(0).as_string(), e.get(1)) else {
                continue;
            };
            let v = match (v.as_string(), v.as_f64(), v.as_bool()) {
                (Some(s), _, _) => Value::Str(s),
                (_, Some(n), _) => Value::Num(n),
                (_, _, Some(b)) => Value::Bool(b),
                _ => continue,
            };
            data.insert(&k, v);
        }
    }
    let http_status = num(f, "http");
    let span = SpanFacts {
        span_id: get_str(f, "spanId").unwrap_or_default(),
        parent_span_id: get_str(f, "parentSpanId"),
        op: get_str(f, "op").unwrap_or_else(|| "default".into()),
        description: get_str(f, "name"),
        start: num(f, "start"),
        end: num(f, "end"),
        http_status: if (100.0..600.0).contains(&http_status) {
            http_status as u16
        } else {
            0
        },
        status: get_str(f, "status").map(|s| status(&s)),
        origin: if get_bool(f, "auto") == Some(true) {
            "auto.http.browser"
        } else {
            "manual"
        },
        data,
    };
    hub::with_client(|c| c.add_span(root, span));
}

/// Ends the transaction `root` at `end` with `status` (`ok`, `cancelled`,
/// `deadline_exceeded`), with the entries collected meanwhile: `{nav?, resources, longTasks,
/// fp?, fcp?, lcp?, shifts?, interactions, name?}`.
#[wasm_bindgen(js_name = txEnd)]
pub fn tx_end(root: &str, end: f64, status: &str, p: &JsValue) {
    let status = self::status(status);
    let n = get(p, "nav");
    let nav = n.is_object().then(|| NavTiming {
        url: get_str(&n, "name"),
        fetch_start: num(&n, "fetchStart"),
        dns_start: num(&n, "domainLookupStart"),
        dns_end: num(&n, "domainLookupEnd"),
        connect_start: num(&n, "connectStart"),
        tls_start: num(&n, "secureConnectionStart"),
        connect_end: num(&n, "connectEnd"),
        request_start: num(&n, "requestStart"),
        response_start: num(&n, "responseStart"),
        response_end: num(&n, "responseEnd"),
        dom_interactive: num(&n, "domInteractive"),
        dcl_start: num(&n, "domContentLoadedEventStart"),
        dcl_end: num(&n, "domContentLoadedEventEnd"),
        load_start: num(&n, "loadEventStart"),
        load_end: num(&n, "loadEventEnd"),
        activation_start: num(&n, "activationStart"),
    });
    let resources = objects(&get(p, "resources"))
        .iter()
        .map(|r| ResourceFacts {
            url: get_str(r, "name").unwrap_or_default(),
            initiator: get_str(r, "initiatorType").unwrap_or_default(),
            start: num(r, "startTime"),
            end: num(r, "responseEnd"),
            transfer_size: num(r, "transferSize"),
            encoded_size: num(r, "encodedBodySize"),
            decoded_size: num(r, "decodedBodySize"),
            render_blocking: get_str(r, "renderBlockingStatus"),
        })
        .collect();
    let shifts = get(p, "shifts");
    let page = PageFacts {
        nav,
        resources,
        long_tasks: numbers(&get(p, "longTasks")),
        fp: get_f64(p, "fp"),
        fcp: get_f64(p, "fcp"),
        lcp: get_f64(p, "lcp"),
        shifts: Array::is_array(&shifts).then(|| numbers(&shifts)),
        interactions: numbers(&get(p, "interactions")),
        name: get_str(p, "name"),
    };
    hub::with_client(|c| c.finish_transaction(root, end, status, page));
}

/// The span events belong to from now on (`undefined`: only the trace).
#[wasm_bindgen(js_name = spanActive)]
pub fn span_active(span_id: Option<String>) {
    hub::with_client(|c| c.set_active_span(span_id));
}

/// `sentry-trace` and `baggage` for a request made inside `span_id`, joined by `\n`.
#[wasm_bindgen(js_name = traceHeaders)]
pub fn trace_headers(span_id: &str) -> String {
    hub::with_client(|c| c.trace_headers(span_id)).unwrap_or_default()
}
