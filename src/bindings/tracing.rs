//! The ops for performance monitoring: the shim reports root spans, child spans (including
//! those it made from the page's timing entries) and the web vitals; the core decides
//! sampling, builds and sends transactions. Only in the tracing core (feature
//! `tracing`), which `browserTracingIntegration` loads.
//!
//! All times are milliseconds on the page's `performance.now()` clock, except `timeOrigin`.

use super::{Fields, Nums};
use crate::client::Client;
use crate::sampling::Decision;
use crate::tracing::{RootStart, TxEnd};
use alloc::string::String;

/// Starts a transaction: text `traceId, spanId, name, source` and the `contexts.trace` object
/// (as [`RootStart::context`]); numbers `rate`, then the upstream decision `sampled` (1 or 0;
/// absent: none), `rand`, `rate`.
pub(super) fn tx_start(c: &mut Client, f: &mut Fields, n: &mut Nums) {
    let root = RootStart {
        trace_id: f.string().unwrap_or_default(),
        span_id: f.string().unwrap_or_default(),
        name: f.string().unwrap_or_default(),
        source: f.string().unwrap_or_else(|| "custom".into()),
        context: f.string().unwrap_or_default(),
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
    c.start_transaction(root);
}

/// Ends a transaction. Text: `root, status`, the root's current `name`, the web-vital
/// measurements (a JSON object) and the child spans (a JSON array); numbers `start` and `end`
/// (ms since the epoch) and how many children were dropped.
pub(super) fn tx_end(c: &mut Client, f: &mut Fields, n: &mut Nums) {
    let root = f.string().unwrap_or_default();
    let end = TxEnd {
        status: f.string().unwrap_or_default(),
        name: f.string(),
        measurements: f.string().unwrap_or_default(),
        spans: f.string().unwrap_or_default(),
        start: n.num(),
        end: n.num(),
        dropped: n.num() as u32,
    };
    c.finish_transaction(&root, end);
}

/// The span events belong to from now on (absent: only the trace).
pub(super) fn span_active(c: &mut Client, f: &mut Fields) {
    c.set_active_span(f.string());
}

/// `sentry-trace` and `baggage` for a request made inside the span named by the text, joined
/// by `\n`.
pub(super) fn trace_headers(c: &mut Client, f: &mut Fields) -> String {
    c.trace_headers(f.str().unwrap_or(""))
}
