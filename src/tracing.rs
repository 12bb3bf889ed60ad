//! Performance monitoring: the trace state and the transactions the shim finished.
//!
//! The shim (`js/spans.js`) decides sampling once per trace, keeps each root span's children
//! and web vitals, and writes the finished transaction as JSON text: plain data, cheaper in
//! JavaScript than as Wasm. This module keeps the page's current trace (its decision, its
//! name, the active span) for the events, envelope headers and request headers that carry it,
//! and completes a transaction with the client's release, scope and SDK before sending it. It
//! never touches a browser API.

use crate::client::Client;
use crate::protocol::dsn::{push_url_encoded, Dsn};
use crate::protocol::json::{push_str, to_json, RawJson};
use crate::protocol::map::Map;
use crate::protocol::transaction::Transaction;
use alloc::string::String;

/// A trace's sampling decision as the shim made it, with the numbers behind it as the DSC
/// carries them (text: the shim writes them with at most six decimals).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Decision {
    /// Whether the trace's transactions are sent.
    pub sampled: bool,
    /// The rate that decided it; `None` when an upstream service decided without giving one.
    pub rate: Option<String>,
    /// The trace's random number in [0, 1): the same for every service of the trace.
    pub rand: String,
}

/// Tracing state of a client: the current trace's decision and name, and the active span.
#[derive(Clone, Debug, Default)]
pub struct Tracing {
    /// The current trace's decision; `None` while tracing is off or undecided.
    decision: Option<Decision>,
    /// The current trace's name for the DSC, when it is not a raw URL.
    name: Option<String>,
    /// The span an event happening now belongs to.
    active: Option<String>,
}

impl Client {
    /// A root span (a transaction) starts: its trace becomes the page's current trace, and the
    /// root the active span. `name` is the root's name when it is not a raw URL (it then names
    /// the trace in the DSC); `decision` the trace's, `None` when tracing is not configured
    /// (the trace still joins events, nothing is recorded).
    pub fn start_root(
        &mut self,
        trace_id: String,
        span_id: String,
        name: Option<String>,
        decision: Option<Decision>,
    ) {
        if trace_id != self.trace_id {
            self.trace_id = trace_id;
            self.tracing.name = None;
        }
        if name.is_some() {
            self.tracing.name = name;
        }
        self.tracing.decision = decision;
        self.tracing.active = Some(span_id);
    }

    /// Marks the span that events captured from now on belong to (`None`: the trace only).
    pub fn set_active_span(&mut self, span_id: Option<String>) {
        self.tracing.active = span_id;
    }

    /// Sends a sampled transaction the shim finished: `head` its members as the shim writes
    /// them ([`Transaction::head`]), `trace` its `contexts.trace` object, `dropped` how many
    /// children did not fit (counted).
    pub fn send_transaction(&mut self, head: &str, trace: String, dropped: u32) {
        if dropped > 0 {
            self.discarded.add("buffer_overflow", "span", dropped);
        }
        // Without a DSN nothing is sent; broken JSON text would break the payload.
        if self.url.is_none() || !head.starts_with("\"") || !trace.starts_with("{\"") {
            return;
        }
        let event_id = self.event_id();
        // Scope tags, user and contexts, as errors get them (the transaction's own `trace` wins).
        let mut contexts = Map::new();
        contexts.insert("trace", RawJson(trace));
        contexts.fill_from(&self.scope.contexts);
        let tx = Transaction {
            event_id: &event_id,
            head,
            release: &self.options.release,
            environment: self.environment(),
            dist: &self.options.dist,
            contexts: &contexts,
            tags: &self.scope.tags,
            user: &self.scope.user,
            request: &self.request(),
            sdk: &self.sdk(),
        };
        let Ok(payload) = to_json(&tx) else {
            self.discarded.add("internal_sdk_error", "transaction", 1);
            return;
        };
        self.send_item("transaction", payload, Some(event_id));
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
        if let Some(d) = &self.tracing.decision {
            if let Some(rate) = &d.rate {
                f("sample_rate", rate);
            }
            f("sample_rand", &d.rand);
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
        if let Some(d) = &self.tracing.decision {
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
