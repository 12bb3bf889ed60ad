//! Performance monitoring: the trace state and the transactions the shim finished.
//!
//! The shim (`js/spans.js`) decides sampling once per trace, keeps each root span's children
//! and web vitals, and writes the finished transaction and the trace's own DSC members as JSON
//! text: plain data, cheaper in JavaScript than as Wasm. This module keeps the page's current
//! trace (its id, DSC and active span) for the events and envelope headers that carry it (the
//! shim writes request headers from [`Client::dsc`]), and completes a transaction with the
//! client's release, scope and SDK before sending it. It never touches a browser API.

use crate::client::Client;
use crate::protocol::dsn::Dsn;
use crate::protocol::json::{push_str, to_json, RawJson};
use crate::protocol::map::Map;
use crate::protocol::transaction::Transaction;
use alloc::string::String;

/// Tracing state of a client: the current trace's own DSC members and the active span.
#[derive(Clone, Debug, Default)]
pub struct Tracing {
    /// The current trace's DSC members after the client's own (`sample_rate`, `sample_rand`,
    /// `sampled`, `transaction`), as JSON object members; `""` while tracing is off or
    /// undecided.
    dsc: String,
    /// The span an event happening now belongs to.
    active: Option<String>,
}

impl Client {
    /// A root span (a transaction) starts: its trace becomes the page's current trace, and the
    /// root the active span. `dsc` holds the trace's own DSC members as JSON object members
    /// (`"sample_rate":"0.2","sample_rand":"0.060276","sampled":"true","transaction":"/x"`, the
    /// shim's), `""` when tracing is not configured and the name is a raw URL.
    pub fn start_root(&mut self, trace_id: String, span_id: String, dsc: String) {
        self.trace_id = trace_id;
        self.tracing.dsc = dsc;
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

    /// The `trace` envelope header (PROTOCOL §9): the DSC as a JSON object of strings, the
    /// client's members then the trace's (`None` without a DSN key). The shim writes the
    /// `baggage` and `sentry-trace` request headers from it.
    pub fn dsc(&self) -> Option<String> {
        let key = self
            .options
            .dsn
            .as_deref()
            .and_then(|d| Dsn::parse(d).ok())?;
        let mut s = String::from("{\"trace_id\":");
        push_str(&mut s, &self.trace_id);
        s.push_str(",\"public_key\":");
        push_str(&mut s, key.public_key());
        if let Some(r) = &self.options.release {
            s.push_str(",\"release\":");
            push_str(&mut s, r);
        }
        s.push_str(",\"environment\":");
        push_str(&mut s, self.environment());
        if !self.tracing.dsc.is_empty() {
            s.push(',');
            s.push_str(&self.tracing.dsc);
        }
        s.push('}');
        Some(s)
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
