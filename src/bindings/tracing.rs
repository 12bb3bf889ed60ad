//! The ops for performance monitoring: the shim reports root spans as they start, with the
//! DSC members of the sampling decision it made for their trace, and finished transactions as
//! JSON text; the core keeps the trace for events and headers, completes transactions and
//! sends them. Only in the
//! tracing core (feature `tracing`), which `browserTracingIntegration` loads.

use super::Fields;
use crate::client::Client;
use alloc::string::String;

/// A root span starts. Text: `traceId, spanId` and the trace's own DSC members (JSON object
/// members, absent when none).
pub(super) fn tx_start(c: &mut Client, f: &mut Fields) {
    let trace_id = f.string().unwrap_or_default();
    let span_id = f.string().unwrap_or_default();
    c.start_root(trace_id, span_id, f.string().unwrap_or_default());
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

/// The DSC as JSON ("" without a DSN key), from which the shim writes `sentry-trace` and
/// `baggage` for an outgoing request.
pub(super) fn trace_headers(c: &mut Client) -> String {
    c.dsc().unwrap_or_default()
}
