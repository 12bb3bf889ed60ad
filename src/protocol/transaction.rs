//! The transaction payload (a classic `transaction` item). The shim writes most of it as JSON
//! text: its type, name and source, start and end, child spans, web vitals and the root's
//! `contexts.trace`, which is cheaper in JavaScript than as Wasm. The core adds what only it
//! holds: the event id, release, environment, dist, the scope's contexts, tags and user, the
//! page and the SDK, as events get them.
//!
//! Classic transactions are the only performance data GlitchTip stores (PROTOCOL §6, §12.5);
//! `span` v2 items are never produced. Start times are float seconds and end times RFC 3339
//! strings (the shim writes both), the one mix that Relay, GlitchTip and `sentry-types` all
//! accept.

use super::event::{ClientSdk, Request};
use super::json::{RawJson, WriteJson, Writer};
use super::map::Map;
use alloc::string::String;

/// The `transaction` item payload: borrowed parts, written once.
#[derive(Clone, Debug)]
pub struct Transaction<'a> {
    /// 32 hex digits.
    pub event_id: &'a str,
    /// The members the shim wrote, as JSON object members without the braces:
    /// `"type":"transaction","platform":"javascript","transaction":…,"transaction_info":…,
    /// "start_timestamp":…,"timestamp":…,"spans":[…]` and, pageloads only, `"measurements":…`.
    pub head: &'a str,
    /// As for events.
    pub release: &'a Option<String>,
    /// As for events.
    pub environment: &'a str,
    /// As for events.
    pub dist: &'a Option<String>,
    /// `trace` (required) plus the scope's contexts.
    pub contexts: &'a Map<RawJson>,
    /// Scope tags.
    pub tags: &'a Map<String>,
    /// Set only by the app.
    pub user: &'a Option<RawJson>,
    /// The page.
    pub request: &'a Request,
    /// This SDK.
    pub sdk: &'a ClientSdk,
}

// The wire form: the event id, the shim's members, then the core's, absent ones skipped.
impl WriteJson for Transaction<'_> {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.field("event_id", self.event_id);
        w.raw(self.head);
        w.opt("release", self.release);
        w.field("environment", self.environment);
        w.opt("dist", self.dist);
        w.field("contexts", self.contexts);
        if !self.tags.is_empty() {
            w.field("tags", self.tags);
        }
        w.opt("user", self.user);
        w.field("request", self.request);
        w.field("sdk", self.sdk);
        w.close('}');
    }
}
