//! Performance monitoring: transactions built from the timings the page collected.
//!
//! The shim reports facts (a root span started, a child span ended, the Navigation Timing
//! entry, resource and long-task entries, paint and layout-shift values) in milliseconds on
//! the page's `performance.now()` clock. This module decides sampling once per trace, turns
//! the facts into a classic `transaction` item with spans and web-vital measurements, and
//! writes the trace's propagation headers and DSC. It never touches a browser API.

use crate::client::Client;
use crate::protocol::dsn::{push_url_encoded, Dsn};
use crate::protocol::json::{push_f64, push_str, to_json, RawJson};
use crate::protocol::map::Map;
use crate::protocol::time::{seconds, Rfc3339};
use crate::protocol::transaction::{
    Measurement, Span, TraceContext, Transaction, TransactionInfo, Value,
};
use crate::sampling::{decide, Decision};
use crate::text;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

/// Most child spans kept per transaction, as Sentry's SDKs do; later ones are counted as
/// dropped.
const MAX_SPANS: usize = 1000;
/// Most transactions open at once (a page normally has one); the oldest gives way.
const MAX_OPEN: usize = 8;

/// How a root span (a transaction) starts.
#[derive(Clone, Debug, Default)]
pub struct RootStart {
    /// 32 hex digits, minted by the shim so headers can be written before the core loads.
    pub trace_id: String,
    /// 16 hex digits.
    pub span_id: String,
    /// The upstream span when the page continues a trace (a server-rendered `sentry-trace`).
    pub parent_span_id: Option<String>,
    /// `pageload`, `navigation`, or the op of a custom root span.
    pub op: String,
    /// The path, the route name, or the custom span's name.
    pub name: String,
    /// `url`, `route` or `custom`.
    pub source: String,
    /// `auto.pageload.browser`, `auto.navigation.browser`, `manual`.
    pub origin: String,
    /// Start on the page clock (ms since `time_origin`).
    pub start: f64,
    /// `performance.timeOrigin`: ms since the epoch at which the page clock reads 0.
    pub time_origin: f64,
    /// The sample rate for a new trace (`tracesSampleRate`, or what `tracesSampler` returned);
    /// `None` when tracing is not configured.
    pub rate: Option<f64>,
    /// The upstream decision, when the trace was continued.
    pub upstream: Option<Decision>,
}

/// A finished child span, as the shim saw it.
#[derive(Clone, Debug, Default)]
pub struct SpanFacts {
    /// 16 hex digits.
    pub span_id: String,
    /// The span it ran inside; the root span when absent.
    pub parent_span_id: Option<String>,
    /// `http.client`, `ui.render`, the `op` given to `startSpan`…
    pub op: String,
    /// `GET /api/cart`, the name given to `startSpan`.
    pub description: Option<String>,
    /// Start and end on the page clock.
    pub start: f64,
    /// End on the page clock.
    pub end: f64,
    /// HTTP status of a request span (0: none); decides the status when `status` is unset.
    pub http_status: u16,
    /// `ok`, `internal_error` (a callback threw, a request got no response), `cancelled`…
    pub status: Option<&'static str>,
    /// `auto.http.browser`, `manual`.
    pub origin: &'static str,
    /// Attributes.
    pub data: Map<Value>,
}

/// The Navigation Timing entry's milliseconds that become `browser.*` spans and `ttfb`.
#[derive(Clone, Debug, Default)]
pub struct NavTiming {
    /// The document URL.
    pub url: Option<String>,
    /// `fetchStart`.
    pub fetch_start: f64,
    /// `domainLookupStart`.
    pub dns_start: f64,
    /// `domainLookupEnd`.
    pub dns_end: f64,
    /// `connectStart`.
    pub connect_start: f64,
    /// `secureConnectionStart` (0 without TLS).
    pub tls_start: f64,
    /// `connectEnd`.
    pub connect_end: f64,
    /// `requestStart`.
    pub request_start: f64,
    /// `responseStart`.
    pub response_start: f64,
    /// `responseEnd`.
    pub response_end: f64,
    /// `domInteractive`.
    pub dom_interactive: f64,
    /// `domContentLoadedEventStart`.
    pub dcl_start: f64,
    /// `domContentLoadedEventEnd`.
    pub dcl_end: f64,
    /// `loadEventStart`.
    pub load_start: f64,
    /// `loadEventEnd`.
    pub load_end: f64,
    /// `activationStart` (prerendered pages): vitals count from here.
    pub activation_start: f64,
}

/// One Resource Timing entry.
#[derive(Clone, Debug, Default)]
pub struct ResourceFacts {
    /// The resource URL.
    pub url: String,
    /// `initiatorType`: `script`, `link`, `img`, `css`…
    pub initiator: String,
    /// `startTime`.
    pub start: f64,
    /// `responseEnd`.
    pub end: f64,
    /// `transferSize`.
    pub transfer_size: f64,
    /// `encodedBodySize`.
    pub encoded_size: f64,
    /// `decodedBodySize`.
    pub decoded_size: f64,
    /// `renderBlockingStatus`, when the browser reports it.
    pub render_blocking: Option<String>,
}

/// What the page collected while a transaction was open, handed over when it ends.
#[derive(Clone, Debug, Default)]
pub struct PageFacts {
    /// Pageloads only.
    pub nav: Option<NavTiming>,
    /// Resource entries; those outside the transaction are ignored.
    pub resources: Vec<ResourceFacts>,
    /// Long tasks as `[start, duration, start, duration, …]`.
    pub long_tasks: Vec<f64>,
    /// `first-paint`.
    pub fp: Option<f64>,
    /// `first-contentful-paint`.
    pub fcp: Option<f64>,
    /// The last `largest-contentful-paint` time before input or hiding.
    pub lcp: Option<f64>,
    /// Layout shifts without recent input as `[time, value, …]`; `None` when unsupported.
    pub shifts: Option<Vec<f64>>,
    /// Durations of the interactions (longest event per `interactionId`).
    pub interactions: Vec<f64>,
    /// The root's name when it was renamed after it started (a custom name then).
    pub name: Option<String>,
}

/// An open transaction.
#[derive(Clone, Debug)]
struct Open {
    root: RootStart,
    sampled: bool,
    spans: Vec<Span>,
}

/// Tracing state of a client: the current trace's decision and the open transactions.
#[derive(Clone, Debug, Default)]
pub struct Tracing {
    open: Vec<Open>,
    /// The current trace's decision; `None` while tracing is off or undecided.
    decision: Option<Decision>,
    /// The current trace's name for the DSC, when it is not a raw URL.
    name: Option<String>,
    /// The span an event happening now belongs to.
    active: Option<String>,
}

impl Client {
    /// Starts a transaction. Its trace becomes the page's current trace; a new trace is
    /// sampled here, once, and every later root span of that trace reuses the decision.
    /// Returns whether the transaction will be sent.
    pub fn start_transaction(&mut self, root: RootStart) -> bool {
        let same_trace = root.trace_id == self.trace_id;
        let decision = match (root.upstream, self.tracing.decision) {
            (Some(up), _) => Some(up),
            (None, Some(d)) if same_trace => Some(d),
            _ => root.rate.map(|r| decide(&root.trace_id, r)),
        };
        if !same_trace {
            self.trace_id = root.trace_id.clone();
            self.tracing.name = None;
        }
        self.tracing.decision = decision;
        if root.source != "url" {
            self.tracing.name = Some(root.name.clone());
        }
        self.tracing.active = Some(root.span_id.clone());
        let Some(decision) = decision else {
            // Tracing is not configured: the trace still joins events, nothing is recorded.
            return false;
        };
        let sampled = decision.sampled;
        if self.tracing.open.len() >= MAX_OPEN {
            self.tracing.open.remove(0);
            self.discarded.add("queue_overflow", "transaction", 1);
        }
        self.tracing.open.push(Open {
            root,
            sampled,
            spans: Vec::new(),
        });
        sampled
    }

    /// Marks the span that events captured from now on belong to (`None`: the trace only).
    pub fn set_active_span(&mut self, span_id: Option<String>) {
        self.tracing.active = span_id;
    }

    /// Adds a finished child span to the open transaction `root`.
    pub fn add_span(&mut self, root: &str, f: SpanFacts) {
        let Some(open) = self
            .tracing
            .open
            .iter_mut()
            .find(|o| o.root.span_id == root)
        else {
            return;
        };
        if !open.sampled {
            return;
        }
        if open.spans.len() >= MAX_SPANS {
            self.discarded.add("buffer_overflow", "span", 1);
            return;
        }
        let status = match (f.status, f.http_status) {
            (Some(s), _) => s,
            (None, 0) => "ok",
            (None, code) => status_of_http(code),
        };
        let parent = f
            .parent_span_id
            .unwrap_or_else(|| open.root.span_id.clone());
        let mut span = new_span(&open.root, parent, f.op, f.start, f.end, f.origin);
        span.span_id = f.span_id;
        span.description = f.description;
        span.status = Some(status);
        span.data = f.data;
        open.spans.push(span);
    }

    /// Ends the transaction `root` at `end` (page clock) and sends it if its trace is sampled.
    ///
    /// The end moves back to the last child span's end when that is earlier, so the idle wait
    /// that detected the end is not counted as page time.
    pub fn finish_transaction(
        &mut self,
        root: &str,
        end: f64,
        status: &'static str,
        page: PageFacts,
    ) {
        let Some(i) = self
            .tracing
            .open
            .iter()
            .position(|o| o.root.span_id == root)
        else {
            return;
        };
        let open = self.tracing.open.remove(i);
        if self.tracing.active.as_deref() == Some(root) {
            self.tracing.active = None;
        }
        if !open.sampled {
            self.discarded.add("sample_rate", "transaction", 1);
            return;
        }
        if self.url.is_none() {
            return;
        }
        let mut tx = self.build_transaction(open, end, status, page);
        self.scope_to_transaction(&mut tx);
        let Ok(payload) = to_json(&tx) else {
            self.discarded.add("internal_sdk_error", "transaction", 1);
            return;
        };
        self.send_item("transaction", payload, Some(tx.event_id));
    }

    fn build_transaction(
        &self,
        open: Open,
        end: f64,
        status: &'static str,
        page: PageFacts,
    ) -> Transaction {
        let Open {
            mut root, spans, ..
        } = open;
        if let Some(n) = page.name.clone().filter(|n| *n != root.name) {
            root.name = n;
            root.source = "custom".into();
        }
        let origin = root.time_origin;
        let page_url = self.runtime.page().0;
        let mut b = Builder {
            client: self,
            root: &root,
            spans,
        };
        let mut measurements = Map::new();
        if let Some(n) = &page.nav {
            b.navigation(n);
            measurements = b.vitals(n, &page);
        }
        for r in &page.resources {
            b.resource(r, page_url.as_deref());
        }
        for t in page.long_tasks.chunks_exact(2) {
            if let [s, dur] = *t {
                let desc = Some("Main UI thread blocked");
                b.span("ui.long-task", desc, s, s + dur, METRICS);
            }
        }
        let mut spans = b.spans;
        // Spans that began after the end are not part of this transaction.
        spans.retain(|s| s.start_timestamp <= seconds(origin + end));
        let last = spans.iter().map(|s| s.timestamp.0).fold(f64::NAN, f64::max);
        let end_ms = if last.is_nan() {
            origin + end
        } else {
            last.min(origin + end)
        };
        let start_ms = whole_ms(origin + root.start);
        let end_ms = end_ms.max(start_ms);
        for s in &mut spans {
            s.timestamp.0 = s.timestamp.0.min(end_ms);
        }
        crate::sort::sort_by(&mut spans, |a, b| a.start_timestamp < b.start_timestamp);
        let trace = TraceContext {
            trace_id: root.trace_id,
            span_id: root.span_id,
            parent_span_id: root.parent_span_id,
            op: Some(root.op),
            status: Some(status),
            origin: Some(root.origin),
        };
        let mut contexts = Map::new();
        if let Ok(t) = to_json(&trace) {
            contexts.insert("trace", RawJson(t));
        }
        Transaction {
            ty: "transaction",
            event_id: self.event_id(),
            platform: "javascript",
            transaction: root.name,
            transaction_info: TransactionInfo {
                source: root.source,
            },
            start_timestamp: seconds(start_ms),
            timestamp: Rfc3339(end_ms),
            release: self.options.release.clone(),
            environment: Some(self.environment()),
            dist: self.options.dist.clone(),
            contexts,
            tags: Map::new(),
            user: None,
            spans,
            measurements,
            request: Some(self.request()),
            sdk: Some(self.sdk()),
        }
    }

    /// Scope tags, user and contexts, as errors get them (the transaction's own `trace` wins).
    fn scope_to_transaction(&self, tx: &mut Transaction) {
        tx.tags.fill_from(&self.scope.tags);
        tx.contexts.fill_from(&self.scope.contexts);
        tx.user = self.scope.user.clone();
    }

    /// `contexts.trace` for an event captured now: the current trace and the active span
    /// (a fresh span id when none is active, so the event can still be joined to its trace).
    pub fn trace_context(&self) -> RawJson {
        let span_id = match &self.tracing.active {
            Some(s) => s.clone(),
            None => self.span_id(),
        };
        let t = TraceContext {
            trace_id: self.trace_id.clone(),
            span_id,
            ..TraceContext::default()
        };
        RawJson(to_json(&t).unwrap_or_default())
    }

    /// The dynamic sampling context as `(key, value)` pairs, or nothing without a DSN key.
    fn dsc_pairs(&self) -> Vec<(&'static str, String)> {
        let key = self.options.dsn.as_deref().and_then(|d| Dsn::parse(d).ok());
        let Some(key) = key else {
            return Vec::new();
        };
        let mut out = vec![
            ("trace_id", self.trace_id.clone()),
            ("public_key", String::from(key.public_key())),
        ];
        if let Some(r) = &self.options.release {
            out.push(("release", r.clone()));
        }
        out.push(("environment", self.environment()));
        if let Some(d) = self.tracing.decision {
            let num = |v: f64| {
                let mut s = String::new();
                push_f64(&mut s, v);
                s
            };
            if let Some(rate) = d.rate {
                out.push(("sample_rate", num(rate)));
            }
            out.push(("sample_rand", num(d.rand)));
            out.push(("sampled", String::from(bool_str(d.sampled))));
        }
        if let Some(n) = &self.tracing.name {
            out.push(("transaction", n.clone()));
        }
        out
    }

    /// The `trace` envelope header (PROTOCOL §9): the DSC as a JSON object of strings.
    pub fn dsc(&self) -> Option<String> {
        let pairs = self.dsc_pairs();
        if pairs.is_empty() {
            return None;
        }
        let mut s = String::from("{");
        for (i, (k, v)) in pairs.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            push_str(&mut s, k);
            s.push(':');
            push_str(&mut s, v);
        }
        s.push('}');
        Some(s)
    }

    /// `sentry-trace` and `baggage` values for an outgoing request made inside `span_id`,
    /// joined by a newline. The sampled flag is left out while the trace is undecided, which
    /// lets the backend decide.
    pub fn trace_headers(&self, span_id: &str) -> String {
        let mut s = self.trace_id.clone();
        s.push('-');
        s.push_str(span_id);
        if let Some(d) = self.tracing.decision {
            s.push_str(if d.sampled { "-1" } else { "-0" });
        }
        s.push('\n');
        for (i, (k, v)) in self.dsc_pairs().iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            s.push_str("sentry-");
            s.push_str(k);
            s.push('=');
            push_url_encoded(&mut s, v);
        }
        s
    }

    pub(crate) fn environment(&self) -> String {
        self.options
            .environment
            .clone()
            .unwrap_or_else(|| "production".into())
    }

    fn span_id(&self) -> String {
        let mut b = [0u8; 8];
        self.runtime.fill_random(&mut b);
        crate::ids::hex(&b)
    }

    fn event_id(&self) -> String {
        let mut b = [0u8; 16];
        self.runtime.fill_random(&mut b);
        crate::ids::uuid_v4(b)
    }
}

fn bool_str(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// `origin` of spans made from the page's own timing entries.
const METRICS: &str = "auto.ui.browser.metrics";

/// Adds the spans a transaction's page facts describe.
struct Builder<'a> {
    client: &'a Client,
    root: &'a RootStart,
    spans: Vec<Span>,
}

impl Builder<'_> {
    /// A child of the root from page-clock times; nothing when the times are missing (0),
    /// reversed, before the transaction or past the span budget.
    fn span(
        &mut self,
        op: &str,
        desc: Option<&str>,
        s: f64,
        e: f64,
        from: &'static str,
    ) -> Option<&mut Span> {
        if !(e >= s && s >= self.root.start && s > 0.0 && self.spans.len() < MAX_SPANS) {
            return None;
        }
        let root = self.root;
        let mut sp = new_span(root, root.span_id.clone(), op.into(), s, e, from);
        sp.span_id = self.client.span_id();
        sp.description = desc.map(String::from);
        sp.status = Some("ok");
        self.spans.push(sp);
        self.spans.last_mut()
    }

    /// The document request's phases from Navigation Timing, as `browser.*` spans.
    fn navigation(&mut self, n: &NavTiming) {
        let d = n.url.as_deref().map(without_query);
        let phases = [
            ("browser.cache", n.fetch_start, n.dns_start),
            ("browser.dns", n.dns_start, n.dns_end),
            ("browser.connect", n.connect_start, n.connect_end),
            ("browser.tls", n.tls_start, n.connect_end),
            ("browser.request", n.request_start, n.response_start),
            ("browser.response", n.response_start, n.response_end),
            ("browser.dom_processing", n.response_end, n.dom_interactive),
            ("browser.dom_content_loaded_event", n.dcl_start, n.dcl_end),
            ("browser.load_event", n.load_start, n.load_end),
        ];
        for (op, s, e) in phases {
            self.span(op, d, s, e, METRICS);
        }
    }

    /// Web vitals in milliseconds from activation (CLS unitless), plus `browser.paint` spans.
    fn vitals(&mut self, n: &NavTiming, page: &PageFacts) -> Map<Measurement> {
        let mut m = Map::new();
        let a = n.activation_start.max(0.0);
        let ms = |v: f64| Measurement {
            value: v.max(0.0),
            unit: "millisecond",
        };
        if n.response_start > 0.0 {
            m.insert("ttfb", ms(n.response_start - a));
            if n.request_start > 0.0 {
                m.insert("ttfb.requestTime", ms(n.response_start - n.request_start));
            }
        }
        let paints = [
            ("fp", page.fp, "first-paint"),
            ("fcp", page.fcp, "first-contentful-paint"),
            ("lcp", page.lcp, ""),
        ];
        for (name, v, paint) in paints {
            if let Some(v) = v.filter(|v| v.is_finite() && *v > 0.0) {
                m.insert(name, ms(v - a));
                if !paint.is_empty() {
                    self.span("browser.paint", Some(paint), v, v, METRICS);
                }
            }
        }
        if let Some(shifts) = &page.shifts {
            let value = cls(shifts);
            m.insert("cls", Measurement { value, unit: "" });
        }
        if let Some(v) = inp(&page.interactions) {
            m.insert("inp", ms(v));
        }
        m
    }

    /// A `resource.*` span; fetch and XHR entries are left to the `http.client` spans.
    fn resource(&mut self, r: &ResourceFacts, page_url: Option<&str>) {
        let op = match r.initiator.as_str() {
            "fetch" | "xmlhttprequest" | "beacon" => return,
            "script" => "resource.script",
            "link" | "css" => "resource.css",
            "img" | "image" => "resource.img",
            _ => "resource.other",
        };
        let url = without_query(&r.url);
        let desc = same_origin_path(page_url, url);
        let from = "auto.resource.browser.metrics";
        let Some(sp) = self.span(op, Some(desc), r.start, r.end, from) else {
            return;
        };
        let d = &mut sp.data;
        d.insert("url.full", Value::Str(url.into()));
        d.insert("http.response_transfer_size", Value::Num(r.transfer_size));
        d.insert("http.response_content_length", Value::Num(r.encoded_size));
        let decoded = Value::Num(r.decoded_size);
        d.insert("http.decoded_response_content_length", decoded);
        if let Some(b) = &r.render_blocking {
            d.insert("resource.render_blocking_status", Value::Str(b.clone()));
        }
    }
}

/// A span of `root`'s trace from page-clock times; start and end are cut to whole
/// milliseconds so the RFC 3339 end (millisecond precision) never precedes the start.
fn new_span(
    root: &RootStart,
    parent: String,
    op: String,
    start: f64,
    end: f64,
    from: &'static str,
) -> Span {
    let origin = root.time_origin;
    let s = whole_ms(origin + start);
    Span {
        parent_span_id: parent,
        trace_id: root.trace_id.clone(),
        op,
        start_timestamp: seconds(s),
        timestamp: Rfc3339((origin + end).max(s)),
        origin: from,
        ..Span::default()
    }
}

/// `ms` cut to a whole millisecond (no `f64::floor` without std); negative or broken
/// clocks read as 0.
fn whole_ms(ms: f64) -> f64 {
    if ms.is_finite() && ms > 0.0 {
        (ms as u64) as f64
    } else {
        0.0
    }
}

/// The span status Sentry uses for an HTTP status code (PROTOCOL §6).
pub fn status_of_http(code: u16) -> &'static str {
    match code {
        100..=399 => "ok",
        401 => "unauthenticated",
        403 => "permission_denied",
        404 => "not_found",
        409 => "already_exists",
        429 => "resource_exhausted",
        400..=499 => "invalid_argument",
        501 => "unimplemented",
        503 => "unavailable",
        504 => "deadline_exceeded",
        _ => "internal_error",
    }
}

/// `url` up to its query or fragment, which may carry tokens and say nothing about timing.
fn without_query(url: &str) -> &str {
    text::until_any(url, b"?#")
}

/// `url` without the page's origin when it shares it (`/assets/app.js`), else `url` itself.
fn same_origin_path<'a>(page: Option<&str>, url: &'a str) -> &'a str {
    let Some(page) = page else {
        return url;
    };
    let host_start = text::find(page, "://").map_or(0, |i| i + 3);
    let origin_len = page
        .get(host_start..)
        .and_then(|rest| text::find(rest, "/"))
        .map_or(page.len(), |i| host_start + i);
    match page.get(..origin_len) {
        Some(origin) => match url.strip_prefix(origin) {
            Some(path) if path.starts_with("/") => path,
            _ => url,
        },
        None => url,
    }
}

/// Cumulative Layout Shift: the largest session window of shifts (gaps under 1 s, windows
/// at most 5 s long), as web-vitals defines it. `shifts` is `[time, value, …]` in order.
pub fn cls(shifts: &[f64]) -> f64 {
    let (mut best, mut window, mut first, mut last) = (0.0f64, 0.0, f64::NAN, f64::NAN);
    for s in shifts.chunks_exact(2) {
        let [t, v] = *s else { continue };
        if window > 0.0 && t - last < 1000.0 && t - first < 5000.0 {
            window += v;
        } else {
            window = v;
            first = t;
        }
        last = t;
        best = best.max(window);
    }
    best
}

/// Interaction to Next Paint: the longest interaction, ignoring one of every fifty so a
/// rare outlier on a busy page does not define it (web-vitals' 98th percentile).
pub fn inp(durations: &[f64]) -> Option<f64> {
    let mut d: Vec<f64> = durations
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    crate::sort::sort_by(&mut d, |a, b| a > b);
    d.get(d.len() / 50).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cls_takes_the_worst_session_window() {
        assert_eq!(cls(&[]), 0.0);
        // Two shifts 500 ms apart share a window; a third after a 2 s gap starts a new one.
        let v = cls(&[100.0, 0.1, 600.0, 0.05, 2600.0, 0.12]);
        assert!((v - 0.15).abs() < 1e-9, "{v}");
    }

    #[test]
    fn inp_ignores_one_outlier_in_fifty() {
        assert_eq!(inp(&[]), None);
        assert_eq!(inp(&[40.0, 120.0, 80.0]), Some(120.0));
        let mut many = vec![10.0; 60];
        many.push(900.0);
        assert_eq!(inp(&many), Some(10.0));
    }

    #[test]
    fn resource_descriptions_drop_the_page_origin() {
        let page = Some("http://127.0.0.1:8930/app/?q=1");
        assert_eq!(
            same_origin_path(page, "http://127.0.0.1:8930/assets/a.js"),
            "/assets/a.js"
        );
        assert_eq!(
            same_origin_path(page, "http://127.0.0.1:89301/a.js"),
            "http://127.0.0.1:89301/a.js"
        );
        assert_eq!(
            same_origin_path(page, "https://cdn.example/x.css"),
            "https://cdn.example/x.css"
        );
    }
}
