//! The ops for performance monitoring: the shim reports root spans as they start, with the
//! sampling decision it made for their trace, and finished transactions as JSON text; the core
//! keeps the trace for events and headers, completes transactions and sends them. Only in the
//! tracing core (feature `tracing`), which `browserTracingIntegration` loads.

use super::Fields;
use crate::client::Client;
use crate::tracing::Decision;
use alloc::string::String;

/// A root span starts. Text: `traceId, spanId`, its name when not a raw URL (absent
/// otherwise), then the trace's decision: `sampled` (a flag; absent: no decision), `rand`
/// and `rate` as the DSC writes them.
pub(super) fn tx_start(c: &mut Client, f: &mut Fields) {
    let trace_id = f.string().unwrap_or_default();
    let span_id = f.string().unwrap_or_default();
    let name = f.string();
    let decision = f.flag().map(|sampled| Decision {
        sampled,
        rand: f.string().unwrap_or_default(),
        rate: f.string(),
    });
    c.start_root(trace_id, span_id, name, decision);
}

/// A transaction ended. Text: why it is not sent (`sample_rate`, `queue_overflow`: counted),
/// or absent, then its members as the shim writes them and its `contexts.trace` object; `n`:
/// how many children did not fit.
pub(super) fn tx_end(c: &mut Client, f: &mut Fields, n: f64) {
    match f.str() {
        None => {
            let head = f.str().unwrap_or_default();
            let trace = f.string().unwrap_or_default();
            c.send_transaction(head, trace, n as u32);
        }
        Some("sample_rate") => c.discarded.add("sample_rate", "transaction", 1),
        Some(_) => c.discarded.add("queue_overflow", "transaction", 1),
    }
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
