//! The transaction payload (a classic `transaction` item) and the spans, measurements and
//! trace context it is made of, named after their wire keys.
//!
//! Classic transactions are the only performance data GlitchTip stores (PROTOCOL §6, §12.5);
//! `span` v2 items are never produced. Start times are float seconds and end times RFC 3339
//! strings, the one mix that Relay, GlitchTip and `sentry-types` all accept.

use super::event::{ClientSdk, Request};
use super::json::RawJson;
use super::map::Map;
use super::time::Rfc3339;
use alloc::string::String;
use alloc::vec::Vec;
use serde::ser::Serializer;
use serde::Serialize;

/// A span attribute: the few JSON scalars spans carry in `data`.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Text, such as a URL.
    Str(String),
    /// A number: sizes, status codes, times.
    Num(f64),
    /// A flag.
    Bool(bool),
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Str(v) => s.serialize_str(v),
            Value::Num(v) => s.serialize_f64(*v),
            Value::Bool(v) => s.serialize_bool(*v),
        }
    }
}

/// `contexts.trace` of a transaction or event: which trace and span it belongs to.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TraceContext {
    /// 32 hex digits, shared by every span of the trace (GlitchTip requires it).
    pub trace_id: String,
    /// 16 hex digits: the transaction's root span, or the span active when an event happened.
    pub span_id: String,
    /// The span this one continues, e.g. the backend's when the page was rendered in a trace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_span_id: Option<String>,
    /// `pageload`, `navigation`, or the op of a custom root span.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub op: Option<String>,
    /// `ok`, `cancelled`, `deadline_exceeded`…
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    /// Who made it: `auto.pageload.browser`, `manual`…
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// One child span of a transaction.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Span {
    /// 16 hex digits.
    pub span_id: String,
    /// The span it happened inside; the root span for top-level children.
    pub parent_span_id: String,
    /// The transaction's trace.
    pub trace_id: String,
    /// What kind of work: `browser.dns`, `resource.script`, `http.client`, `ui.long-task`…
    pub op: String,
    /// What exactly: a URL, `GET /api/cart`, the name given to `startSpan`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Seconds since the epoch.
    pub start_timestamp: f64,
    /// The end, as RFC 3339.
    pub timestamp: Rfc3339,
    /// `ok` or an error status; absent when unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    /// Who made it: `auto.http.browser`, `auto.resource.browser.metrics`, `manual`…
    pub origin: &'static str,
    /// Attributes: sizes, status codes, URLs.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub data: Map<Value>,
}

/// A measurement such as a web vital.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Measurement {
    /// The number.
    pub value: f64,
    /// `millisecond`, or `""` for unitless ones such as CLS.
    pub unit: &'static str,
}

/// `{source}`: how the transaction got its name, which decides whether Sentry may group by it.
#[derive(Clone, Debug, Serialize)]
pub struct TransactionInfo {
    /// `url` (a raw path, high cardinality), `route` (a pattern such as `/invoices/:id`),
    /// `custom`…
    pub source: String,
}

/// The `transaction` item payload.
#[derive(Clone, Debug, Serialize)]
pub struct Transaction {
    /// Always `transaction`; Relay and the inbox require it.
    #[serde(rename = "type")]
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release: Option<String>,
    /// As for events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// As for events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dist: Option<String>,
    /// `trace` (required) plus the scope's contexts.
    pub contexts: Map<RawJson>,
    /// Scope tags.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub tags: Map<String>,
    /// Set only by the app.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<RawJson>,
    /// Child spans, in order of start.
    pub spans: Vec<Span>,
    /// Web vitals and other numbers, pageloads only.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub measurements: Map<Measurement>,
    /// The page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<Request>,
    /// This SDK.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sdk: Option<ClientSdk>,
}
