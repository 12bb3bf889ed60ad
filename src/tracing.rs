//! Performance monitoring: transactions built from the timings the page collected.
//!
//! The shim reports a root span's start and, when it ends, its child spans (its own and those
//! it made from the page's timing entries) and web vitals as JSON text: they are plain data,
//! cheaper to write in JavaScript than as Wasm. This module decides sampling once per trace,
//! assembles the classic `transaction` item with the client's release, scope and SDK, and
//! writes the trace's propagation headers and DSC. It never touches a browser API.

use crate::client::Client;
use crate::protocol::dsn::{push_url_encoded, Dsn};
use crate::protocol::json::{push_f64, push_str, to_json, RawJson};
use crate::protocol::map::Map;
use crate::protocol::time::{seconds, Rfc3339};
use crate::protocol::transaction::{Transaction, TransactionInfo};
use crate::sampling::{decide, Decision};
use alloc::string::String;
use alloc::vec::Vec;

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
    /// The sample rate for a new trace (`tracesSampleRate`, or what `tracesSampler` returned);
    /// `None` when tracing is not configured.
    pub rate: Option<f64>,
    /// The upstream decision, when the trace was continued.
    pub upstream: Option<Decision>,
}

/// How a transaction ends, as the shim reports it.
#[derive(Clone, Debug, Default)]
pub struct TxEnd {
    /// `ok`, `cancelled`, `deadline_exceeded`… (the shim only sends names Sentry knows).
    pub status: String,
    /// The root's name when it was renamed after it started (a custom name then).
    pub name: Option<String>,
    /// The web vitals as a JSON object of `{value, unit}` objects, pageloads only (`""`: none).
    pub measurements: String,
    /// The child spans as a JSON array in order of start, ends cut at the transaction's end.
    pub spans: String,
    /// Start in ms since the epoch.
    pub start: f64,
    /// End in ms since the epoch: the last child's end, if earlier than the root's.
    pub end: f64,
    /// Children beyond the 1000 kept, counted as dropped.
    pub dropped: u32,
}

/// An open transaction.
#[derive(Clone, Debug)]
struct Open {
    root: RootStart,
    sampled: bool,
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
            crate::sort::remove_at(&mut self.tracing.open, 0);
            self.discarded.add("queue_overflow", "transaction", 1);
        }
        self.tracing.open.push(Open { root, sampled });
        sampled
    }

    /// Marks the span that events captured from now on belong to (`None`: the trace only).
    pub fn set_active_span(&mut self, span_id: Option<String>) {
        self.tracing.active = span_id;
    }

    /// Ends the transaction `root` and sends it if its trace is sampled.
    pub fn finish_transaction(&mut self, root: &str, end: TxEnd) {
        let Some(i) = self
            .tracing
            .open
            .iter()
            .position(|o| o.root.span_id == root)
        else {
            return;
        };
        let Some(open) = crate::sort::remove_at(&mut self.tracing.open, i) else {
            return;
        };
        if self.tracing.active.as_deref() == Some(root) {
            self.tracing.active = None;
        }
        if !open.sampled {
            self.discarded.add("sample_rate", "transaction", 1);
            return;
        }
        if end.dropped > 0 {
            self.discarded.add("buffer_overflow", "span", end.dropped);
        }
        // Without a DSN nothing is sent; broken JSON text would break the payload.
        let ok = open.root.context.starts_with("{\"") && end.spans.starts_with("[");
        if self.url.is_none() || !ok {
            return;
        }
        let mut tx = self.build_transaction(open.root, end);
        self.scope_to_transaction(&mut tx);
        let Ok(payload) = to_json(&tx) else {
            self.discarded.add("internal_sdk_error", "transaction", 1);
            return;
        };
        self.send_item("transaction", payload, Some(tx.event_id));
    }

    fn build_transaction(&self, mut root: RootStart, end: TxEnd) -> Transaction {
        if let Some(n) = end.name.filter(|n| *n != root.name) {
            root.name = n;
            root.source = "custom".into();
        }
        let mut trace = root.context;
        trace.push_str(",\"status\":");
        push_str(&mut trace, &end.status);
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
            start_timestamp: seconds(end.start),
            timestamp: Rfc3339(end.end),
            release: self.options.release.clone(),
            environment: Some(self.environment().into()),
            dist: self.options.dist.clone(),
            contexts,
            tags: Map::new(),
            user: None,
            spans: end.spans,
            measurements: end.measurements,
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

    pub(crate) fn environment(&self) -> &str {
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
