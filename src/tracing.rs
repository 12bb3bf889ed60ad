//! Performance monitoring: transactions built from the timings the page collected.
//!
//! The shim reports a root span's start, each finished child span (its own spans and those it
//! made from the page's timing entries) in milliseconds on the page's `performance.now()`
//! clock, and at the end the web-vital measurements. This module decides sampling once per
//! trace, turns the spans into a classic `transaction` item, and writes the trace's
//! propagation headers and DSC. It never touches a browser API.

use crate::client::Client;
use crate::protocol::dsn::{push_url_encoded, Dsn};
use crate::protocol::json::{push_f64, push_str, to_json, RawJson};
use crate::protocol::map::Map;
use crate::protocol::time::{seconds, Rfc3339};
use crate::protocol::transaction::{Span, Transaction, TransactionInfo};
use crate::sampling::{decide, Decision};
use alloc::string::String;
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
    /// The transaction's `contexts.trace` object but for its status, without the closing
    /// brace, written by the shim: `trace_id`, `span_id`, `parent_span_id` (the upstream span
    /// when the page continues a trace), `op` (`pageload`, `navigation`…) and `origin`
    /// (`auto.pageload.browser`, `manual`…). Must start with `{"`.
    pub context: String,
    /// The path, the route name, or the custom span's name.
    pub name: String,
    /// `url`, `route` or `custom`.
    pub source: String,
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
    /// The span's JSON object without its closing brace, written by the shim: `span_id`,
    /// `parent_span_id`, `trace_id`, `op`, `description`, `origin` and `data`.
    pub body: String,
    /// Start on the page clock.
    pub start: f64,
    /// End on the page clock.
    pub end: f64,
    /// HTTP status of a request span (0: none); decides the status when `status` is unset.
    pub http_status: u16,
    /// `ok`, `internal_error` (a callback threw, a request got no response), `cancelled`…
    pub status: Option<&'static str>,
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
        // Anything but the start of a non-empty object would break the payload.
        if !open.sampled || !f.body.starts_with("{\"") {
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
        // Start and end are cut to whole milliseconds so the RFC 3339 end (millisecond
        // precision) never precedes the start.
        let origin = open.root.time_origin;
        let s = whole_ms(origin + f.start);
        open.spans.push(Span {
            body: f.body,
            start_timestamp: seconds(s),
            timestamp: Rfc3339((origin + f.end).max(s)),
            status,
        });
    }

    /// Ends the transaction `root` at `end` (page clock) and sends it if its trace is sampled.
    /// `name` is the root's name when it was renamed after it started (a custom name then);
    /// `measurements` the web vitals as a JSON object of `{value, unit}` (pageloads only).
    ///
    /// The end moves back to the last child span's end when that is earlier, so the idle wait
    /// that detected the end is not counted as page time.
    pub fn finish_transaction(
        &mut self,
        root: &str,
        end: f64,
        status: &'static str,
        name: Option<String>,
        measurements: String,
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
        // Without a DSN nothing is sent; a broken context would break the payload.
        if self.url.is_none() || !open.root.context.starts_with("{\"") {
            return;
        }
        let mut tx = self.build_transaction(open, end, status, name, measurements);
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
        name: Option<String>,
        measurements: String,
    ) -> Transaction {
        let Open {
            mut root,
            mut spans,
            ..
        } = open;
        if let Some(n) = name.filter(|n| *n != root.name) {
            root.name = n;
            root.source = "custom".into();
        }
        let origin = root.time_origin;
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
        let mut trace = root.context;
        trace.push_str(",\"status\":");
        push_str(&mut trace, status);
        trace.push('}');
        let mut contexts = Map::new();
        contexts.insert("trace", RawJson(trace));
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
            environment: Some(self.environment().into()),
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
        let mut t = String::from("{\"trace_id\":");
        push_str(&mut t, &self.trace_id);
        t.push_str(",\"span_id\":");
        push_str(&mut t, &span_id);
        t.push('}');
        RawJson(t)
    }

    /// Calls `f(key, value)` for each member of the dynamic sampling context, in order; never
    /// without a DSN key.
    fn dsc_each(&self, f: &mut dyn FnMut(&str, &str)) {
        let key = self.options.dsn.as_deref().and_then(|d| Dsn::parse(d).ok());
        let Some(key) = key else {
            return;
        };
        f("trace_id", &self.trace_id);
        f("public_key", key.public_key());
        if let Some(r) = &self.options.release {
            f("release", r);
        }
        f("environment", self.environment());
        if let Some(d) = self.tracing.decision {
            let mut num = String::new();
            if let Some(rate) = d.rate {
                push_f64(&mut num, rate);
                f("sample_rate", &num);
                num.clear();
            }
            push_f64(&mut num, d.rand);
            f("sample_rand", &num);
            f("sampled", if d.sampled { "true" } else { "false" });
        }
        if let Some(n) = &self.tracing.name {
            f("transaction", n);
        }
    }

    /// The `trace` envelope header (PROTOCOL §9): the DSC as a JSON object of strings.
    pub fn dsc(&self) -> Option<String> {
        let mut s = String::new();
        self.dsc_each(&mut |k, v| {
            s.push(if s.is_empty() { '{' } else { ',' });
            push_str(&mut s, k);
            s.push(':');
            push_str(&mut s, v);
        });
        if s.is_empty() {
            return None;
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
        let baggage = s.len();
        self.dsc_each(&mut |k, v| {
            if s.len() > baggage {
                s.push(',');
            }
            s.push_str("sentry-");
            s.push_str(k);
            s.push('=');
            push_url_encoded(&mut s, v);
        });
        s
    }

    fn environment(&self) -> &str {
        self.options.environment.as_deref().unwrap_or("production")
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
