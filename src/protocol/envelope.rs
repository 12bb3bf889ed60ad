//! Envelope framing: a header line, then for each item a header line and its payload.
//!
//! Every item carries `length` (payload bytes) so binary or multi-line payloads are safe and
//! parsers need not scan for newlines. The header's `sent_at` is stamped when the envelope is
//! written, i.e. at send time, which lets the server correct the client's clock.

use super::json::{push_str, push_u64, Error, WriteJson, Writer};
use super::time::Rfc3339;
use alloc::string::String;
use alloc::vec::Vec;

/// `{name, version}` of the SDK, as the envelope header carries it (GlitchTip requires both).
#[derive(Clone, Debug)]
pub struct SdkInfo<'a> {
    /// e.g. `faultline.javascript.react`.
    pub name: &'a str,
    /// The package version.
    pub version: &'a str,
}

/// One item: its type (`event`, `transaction`, `session`, `client_report`…) and JSON payload.
#[derive(Clone, Debug)]
pub struct Item {
    /// The item type; decides the rate-limit category.
    pub ty: &'static str,
    /// One line of compact JSON.
    pub payload: String,
}

/// An envelope waiting to be written.
#[derive(Clone, Debug, Default)]
pub struct Envelope<'a> {
    /// The event or transaction id this envelope carries, if any.
    pub event_id: Option<String>,
    /// The dynamic sampling context (`trace` header), already JSON.
    pub trace: Option<String>,
    /// The full DSN, only when sending through a tunnel.
    pub dsn: Option<&'a str>,
    /// Items in order; an event or transaction comes first.
    pub items: Vec<Item>,
}

impl Envelope<'_> {
    /// Total payload bytes, a cheap size estimate for queue and keepalive budgets.
    pub fn payload_len(&self) -> usize {
        let mut n = 0;
        for i in &self.items {
            n += i.payload.len() + 32;
        }
        n
    }

    /// Writes the envelope as it goes on the wire, `sent_at` = `now_ms`.
    ///
    /// The buffer is sized once for the whole envelope: the outbox keeps it as it is, so a
    /// last push past its capacity would double it and hold twice the bytes for every queued
    /// envelope (it did with 256 here: the header line alone is ~340 bytes with a trace
    /// context, and 10,000 captures took 18.0 MB of Wasm memory instead of 9.2). 512 leaves room for a
    /// release, a transaction name and a tunnel DSN in the header.
    pub fn to_bytes(&self, sdk: &SdkInfo, now_ms: f64) -> Result<String, Error> {
        let mut w = Writer::new(String::with_capacity(self.payload_len() + 512));
        w.open('{');
        w.opt("event_id", &self.event_id);
        w.field("sent_at", &Rfc3339(now_ms));
        w.field("sdk", sdk);
        w.opt("dsn", &self.dsn);
        if let Some(trace) = &self.trace {
            w.key("trace");
            w.raw(trace);
        }
        w.close('}');
        let mut out = w.finish();
        for item in &self.items {
            out.push_str("\n{\"type\":");
            push_str(&mut out, item.ty);
            out.push_str(",\"length\":");
            push_u64(&mut out, item.payload.len() as u64);
            out.push_str("}\n");
            out.push_str(&item.payload);
        }
        out.push('\n');
        Ok(out)
    }
}

impl WriteJson for SdkInfo<'_> {
    fn write(&self, w: &mut Writer) {
        w.open('{');
        w.field("name", self.name);
        w.field("version", self.version);
        w.close('}');
    }
}

/// The rate-limit category of an item type (PROTOCOL §10).
pub fn category_of(item_type: &str) -> &'static str {
    match item_type {
        "event" => "error",
        "transaction" => "transaction",
        "session" | "sessions" => "session",
        "client_report" => "internal",
        "attachment" => "attachment",
        "span" => "span",
        _ => "default",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_items_with_byte_lengths() {
        let env = Envelope {
            event_id: Some("c0ffee5e1f2a4b3c8d9e0a1b2c3d4e5f".into()),
            items: vec![Item {
                ty: "event",
                payload: "{\"message\":\"é\"}".into(),
            }],
            ..Default::default()
        };
        let sdk = SdkInfo {
            name: "faultline.javascript",
            version: "0.1.0",
        };
        let text = env.to_bytes(&sdk, 1795510530131.0).unwrap();
        assert_eq!(
            text,
            "{\"event_id\":\"c0ffee5e1f2a4b3c8d9e0a1b2c3d4e5f\",\"sent_at\":\"2026-11-24T08:55:30.131Z\",\"sdk\":{\"name\":\"faultline.javascript\",\"version\":\"0.1.0\"}}\n{\"type\":\"event\",\"length\":16}\n{\"message\":\"é\"}\n"
        );
    }
}
