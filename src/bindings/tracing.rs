//! The ops for performance monitoring: the shim reports root spans, child spans (including
//! those it made from the page's timing entries) and the web vitals; the core decides
//! sampling, builds and sends transactions. Only in the tracing core (feature
//! `tracing`), which `browserTracingIntegration` loads.
//!
//! All times are milliseconds on the page's `performance.now()` clock, except `timeOrigin`.

use super::{Fields, Nums};
use crate::hub;
use crate::sampling::Decision;
use crate::tracing::{RootStart, SpanFacts};
use alloc::string::String;

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

/// Starts a transaction: text `traceId, spanId, name, source` and the `contexts.trace` object
/// (as [`RootStart::context`]); numbers `start, timeOrigin, rate`, then the upstream decision
/// `sampled` (1 or 0; absent: none), `rand`, `rate`.
pub(super) fn tx_start(f: &mut Fields, n: &mut Nums) {
    let root = RootStart {
        trace_id: f.string().unwrap_or_default(),
        span_id: f.string().unwrap_or_default(),
        name: f.string().unwrap_or_default(),
        source: f.string().unwrap_or_else(|| "custom".into()),
        context: f.string().unwrap_or_default(),
        start: n.num(),
        time_origin: n.num(),
        rate: n.opt(),
        upstream: n.opt().map(|s| {
            let sampled = s == 1.0;
            let rand = n.opt().unwrap_or(if sampled { 0.0 } else { 0.999999 });
            Decision {
                sampled,
                rate: n.opt(),
                rand,
            }
        }),
    };
    hub::with_client(|c| c.start_transaction(root));
}

/// A finished child span: text `root`, the span's JSON object without its closing brace (as
/// [`SpanFacts::body`]) and its `status`; numbers `start, end` and `http` (the response's
/// status code).
pub(super) fn tx_span(f: &mut Fields, n: &mut Nums) {
    let root = f.string().unwrap_or_default();
    let span = SpanFacts {
        body: f.string().unwrap_or_default(),
        status: f.str().map(status),
        start: n.num(),
        end: n.num(),
        http_status: match n.num() {
            h if (100.0..600.0).contains(&h) => h as u16,
            _ => 0,
        },
    };
    hub::with_client(|c| c.add_span(&root, span));
}

/// Ends a transaction. Text: `root, status` (`ok`, `cancelled`, `deadline_exceeded`), the
/// root's current `name`, and the web-vital measurements as a JSON object; number: `end`.
pub(super) fn tx_end(f: &mut Fields, n: &mut Nums) {
    let root = f.string().unwrap_or_default();
    let status = self::status(f.str().unwrap_or(""));
    let name = f.string();
    let measurements = f.string().unwrap_or_default();
    let end = n.num();
    hub::with_client(|c| c.finish_transaction(&root, end, status, name, measurements));
}

/// The span events belong to from now on (absent: only the trace).
pub(super) fn span_active(f: &mut Fields) {
    let span_id = f.string();
    hub::with_client(|c| c.set_active_span(span_id));
}

/// `sentry-trace` and `baggage` for a request made inside the span named by the text, joined
/// by `\n`.
pub(super) fn trace_headers(f: &mut Fields) -> String {
    let span_id = f.str().unwrap_or("");
    hub::with_client(|c| c.trace_headers(span_id)).unwrap_or_default()
}
