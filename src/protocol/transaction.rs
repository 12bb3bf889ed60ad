//! The transaction payload (a classic `transaction` item), named after its wire keys. The
//! shim writes the spans, the measurements and most of the trace context as JSON text, which
//! is cheaper in JavaScript than as Wasm.
//!
//! Classic transactions are the only performance data GlitchTip stores (PROTOCOL §6, §12.5);
//! `span` v2 items are never produced. Start times are float seconds and end times RFC 3339
//! strings, the one mix that Relay, GlitchTip and `sentry-types` all accept.

use super::event::{ClientSdk, Request};
use super::json::{RawJson, WriteJson, Writer};
use super::map::Map;
use super::time::Rfc3339;
use alloc::string::String;

/// `{source}`: how the transaction got its name, which decides whether Sentry may group by it.
#[derive(Clone, Debug)]
pub struct TransactionInfo {
    /// `url` (a raw path, high cardinality), `route` (a pattern such as `/invoices/:id`),
    /// `custom`…
    pub source: String,
}

/// The `transaction` item payload.
#[derive(Clone, Debug)]
pub struct Transaction {
    /// Always `transaction`, sent as `type`; Relay and the inbox require it.
    pub ty: &'static str,
    /// 32 hex digits.
    pub event_id: String,
    /// `javascript`, as for events.
    pub platform: &'static str,
    /// The name: a path, a route pattern, or a custom span's name. GlitchTip groups by it.
    pub transaction: String,
    /// How the name was chosen.
    pub transaction_info: TransactionInfo,
    /// Seconds since the epoch.
    pub start_timestamp: f64,
    /// The end, as RFC 3339.
    pub timestamp: Rfc3339,
    /// As for events.
    pub release: Option<String>,
    /// As for events.
    pub environment: Option<String>,
    /// As for events.
    pub dist: Option<String>,
    /// `trace` (required) plus the scope's contexts.
    pub contexts: Map<RawJson>,
    /// Scope tags.
    pub tags: Map<String>,
    /// Set only by the app.
    pub user: Option<RawJson>,
    /// Child spans as a JSON array, in order of start (the shim writes them).
    pub spans: String,
    /// Web vitals and other numbers, pageloads only: a JSON object of `{value, unit}`
    /// objects, absent when empty (`""` or `{}`).
    pub measurements: String,
    /// The page.
    pub request: Option<Request>,
    /// This SDK.
    pub sdk: Option<ClientSdk>,
}

// The wire form: fields in declaration order under their wire keys, absent ones skipped.

impl WriteJson for TransactionInfo {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.field("source", &self.source);
        w.close('}');
    }
}

impl WriteJson for Transaction {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.field("type", self.ty);
        w.field("event_id", &self.event_id);
        w.field("platform", self.platform);
        w.field("transaction", &self.transaction);
        w.field("transaction_info", &self.transaction_info);
        w.field("start_timestamp", &self.start_timestamp);
        w.field("timestamp", &self.timestamp);
        w.opt("release", &self.release);
        w.opt("environment", &self.environment);
        w.opt("dist", &self.dist);
        w.field("contexts", &self.contexts);
        if !self.tags.is_empty() {
            w.field("tags", &self.tags);
        }
        w.opt("user", &self.user);
        w.key("spans");
        w.raw(&self.spans);
        if self.measurements.len() > 2 {
            w.key("measurements");
            w.raw(&self.measurements);
        }
        w.opt("request", &self.request);
        w.opt("sdk", &self.sdk);
        w.close('}');
    }
}
