//! The ops for performance monitoring: the shim reports root spans, child spans and the page's
//! timing entries; the core builds and sends transactions. Only in the tracing core (feature
//! `tracing`), which `browserTracingIntegration` loads.
//!
//! All times are milliseconds on the page's `performance.now()` clock, except `timeOrigin`.

use super::{Fields, Nums};
use crate::hub;
use crate::sampling::Decision;
use crate::tracing::{NavTiming, PageFacts, ResourceFacts, RootStart, SpanFacts};
use alloc::string::String;
use alloc::vec::Vec;

/// A list of numbers: its length, then its items; `None` when the length is absent.
fn numbers(n: &mut Nums) -> Option<Vec<f64>> {
    let len = (n.opt()? as usize).min(n.0.len());
    Some((0..len).map(|_| n.num()).collect())
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

/// Starts a transaction: text `traceId, spanId, parentSpanId, op, name, source, origin`; numbers
/// `start, timeOrigin, rate`, then the upstream decision `sampled` (1 or 0; absent: none),
/// `rand`, `rate`.
pub(super) fn tx_start(f: &mut Fields, n: &mut Nums) {
    let root = RootStart {
        trace_id: f.string().unwrap_or_default(),
        span_id: f.string().unwrap_or_default(),
        parent_span_id: f.string(),
        op: f.string().unwrap_or_default(),
        name: f.string().unwrap_or_default(),
        source: f.string().unwrap_or_else(|| "custom".into()),
        origin: f.string().unwrap_or_else(|| "manual".into()),
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

/// A finished child span: text `root, spanId, parentSpanId, op, name, status` and the
/// attributes as a JSON object; numbers `start, end, http` (status code) and `auto` (1 for an
/// automatic request span).
pub(super) fn tx_span(f: &mut Fields, n: &mut Nums) {
    let root = f.string().unwrap_or_default();
    let span_id = f.string().unwrap_or_default();
    let parent_span_id = f.string();
    let op = f.string().unwrap_or_else(|| "default".into());
    let description = f.string();
    let status = f.str().map(status);
    let (start, end, http, auto) = (n.num(), n.num(), n.num(), n.num());
    let data = f.string().unwrap_or_default();
    let span = SpanFacts {
        span_id,
        parent_span_id,
        op,
        description,
        start,
        end,
        http_status: if (100.0..600.0).contains(&http) {
            http as u16
        } else {
            0
        },
        status,
        origin: if auto == 1.0 {
            "auto.http.browser"
        } else {
            "manual"
        },
        data,
    };
    hub::with_client(|c| c.add_span(&root, span));
}

/// Ends a transaction with the entries collected meanwhile. Text: `root, status` (`ok`,
/// `cancelled`, `deadline_exceeded`), `name`, the navigation entry's URL, and a list of
/// `name, initiatorType, renderBlockingStatus` per resource entry. Numbers: `end`, 1 if there
/// is a navigation entry and then its 15 times (`fetchStart` … `activationStart`, as
/// [`NavTiming`] lists them), `fp, fcp, lcp`, then per resource `startTime, responseEnd,
/// transferSize, encodedBodySize, decodedBodySize`, and the lists `longTasks`, `shifts`
/// (absent length: not supported) and `interactions`.
pub(super) fn tx_end(f: &mut Fields, n: &mut Nums) {
    let root = f.string().unwrap_or_default();
    let status = self::status(f.str().unwrap_or(""));
    let name = f.string();
    let url = f.string();
    let end = n.num();
    let nav = (n.num() == 1.0).then(|| NavTiming {
        url,
        fetch_start: n.num(),
        dns_start: n.num(),
        dns_end: n.num(),
        connect_start: n.num(),
        tls_start: n.num(),
        connect_end: n.num(),
        request_start: n.num(),
        response_start: n.num(),
        response_end: n.num(),
        dom_interactive: n.num(),
        dcl_start: n.num(),
        dcl_end: n.num(),
        load_start: n.num(),
        load_end: n.num(),
        activation_start: n.num(),
    });
    let (fp, fcp, lcp) = (n.opt(), n.opt(), n.opt());
    let resources = (0..f.count() / 3)
        .map(|_| ResourceFacts {
            url: f.string().unwrap_or_default(),
            initiator: f.string().unwrap_or_default(),
            render_blocking: f.string(),
            start: n.num(),
            end: n.num(),
            transfer_size: n.num(),
            encoded_size: n.num(),
            decoded_size: n.num(),
        })
        .collect();
    let long_tasks = numbers(n).unwrap_or_default();
    let shifts = numbers(n);
    let page = PageFacts {
        nav,
        resources,
        long_tasks,
        fp,
        fcp,
        lcp,
        shifts,
        interactions: numbers(n).unwrap_or_default(),
        name,
    };
    hub::with_client(|c| c.finish_transaction(&root, end, status, page));
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
