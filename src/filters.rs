//! Inbound filters: events the app asked not to receive, and repeats of the one just sent.
//!
//! `ignoreErrors` matches (as a substring) the message, the thrown error's value and its
//! `Type: value`; `denyUrls`/`allowUrls` match the URL of the newest frame that has one; a
//! cross-origin `"Script error."` can be turned away; and an event identical to the previous one
//! (same messages, types, frames and fingerprint) is dropped. Regular expressions are tested by
//! the JavaScript shim, which has them; this module takes strings. Every drop is counted
//! `event_processor` in the client report, the reason `@sentry/browser` gives for drops by its
//! filter and dedupe integrations (and one `sentry-types` knows, unlike `ignored`).

use crate::client::Client;
use crate::protocol::event::{Event, Exception};
use alloc::string::String;
use alloc::vec::Vec;

/// What the app filters out, and the signature of the last event let through.
#[derive(Clone, Debug, Default)]
pub struct Filters {
    /// Substrings of messages whose events are dropped.
    pub ignore_errors: Vec<String>,
    /// Substrings of script URLs whose errors are dropped.
    pub deny_urls: Vec<String>,
    /// When not empty, only errors from scripts whose URL contains one of these are kept.
    pub allow_urls: Vec<String>,
    /// Drop the browser's opaque `"Script error."` for cross-origin scripts without CORS.
    pub ignore_script_errors: bool,
    /// Signature of the previous event that passed the filters.
    last: Option<u64>,
}

fn matches(text: &str, patterns: &[String]) -> bool {
    patterns
        .iter()
        .any(|p| !p.is_empty() && crate::text::contains(text, p))
}

/// The thrown error: the last of `exception.values`.
fn thrown(event: &Event) -> Option<&Exception> {
    event.exception.as_ref().and_then(|e| e.values.last())
}

/// The URL of the newest frame that names a script, from the outermost error of the chain that
/// has frames (the causes are earlier entries with a `parent_id`).
pub fn event_url(event: &Event) -> Option<&str> {
    for e in event.exception.as_ref()?.values.iter().rev() {
        if e.mechanism.as_ref().is_some_and(|m| m.parent_id.is_some()) {
            continue;
        }
        let Some(frames) = e.stacktrace.as_ref().map(|s| &s.frames) else {
            continue;
        };
        if frames.is_empty() {
            continue;
        }
        for f in frames.iter().rev() {
            if let Some(url) = f.filename.as_deref() {
                if url != "<anonymous>" && url != "[native code]" {
                    return Some(url);
                }
            }
        }
        break;
    }
    None
}

impl Filters {
    /// Whether the app's filters turn `event` away.
    pub fn ignores(&self, event: &Event) -> bool {
        let e = thrown(event);
        let value = e.and_then(|e| e.value.as_deref()).unwrap_or("");
        if self.ignore_script_errors && (value == "Script error." || value == "Script error") {
            return true;
        }
        if !self.ignore_errors.is_empty() {
            // `Type: value`, or the value alone: a pattern found in the value is found in both.
            let mut full = String::new();
            if let Some(ty) = e.and_then(|e| e.ty.as_deref()) {
                full.push_str(ty);
                full.push_str(": ");
            }
            full.push_str(value);
            if matches(event.message.as_deref().unwrap_or(""), &self.ignore_errors)
                || matches(&full, &self.ignore_errors)
            {
                return true;
            }
        }
        let Some(url) = event_url(event) else {
            return false;
        };
        matches(url, &self.deny_urls)
            || (!self.allow_urls.is_empty() && !matches(url, &self.allow_urls))
    }

    /// Whether `event` repeats the previous event that passed; remembers it as the previous one.
    /// Events with neither message nor exception are never repeats.
    pub fn repeats(&mut self, event: &Event) -> bool {
        if event.message.is_none() && event.exception.is_none() {
            return false;
        }
        let sig = signature(event);
        let same = self.last == Some(sig);
        self.last = Some(sig);
        same
    }
}

/// FNV-1a over what makes two events "the same error": message, every exception's type, value
/// and frames (function, file, line, column), and the fingerprint. Ids and times are left out.
fn signature(event: &Event) -> u64 {
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    h.opt(event.message.as_deref());
    if let Some(x) = &event.exception {
        for e in &x.values {
            h.opt(e.ty.as_deref());
            h.opt(e.value.as_deref());
            if let Some(s) = &e.stacktrace {
                for f in &s.frames {
                    h.opt(f.function.as_deref());
                    h.opt(f.filename.as_deref());
                    h.num(f.lineno);
                    h.num(f.colno);
                }
            }
        }
    }
    for part in &event.fingerprint {
        h.opt(Some(part));
    }
    h.0
}

struct Fnv(u64);

impl Fnv {
    fn bytes(&mut self, b: &[u8]) {
        for byte in b {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x100_0000_01b3);
        }
    }
    /// Hashes a value and a separator that no UTF-8 text contains, so `("ab","c")` and
    /// `("a","bc")` differ; an absent value hashes as a different separator.
    fn opt(&mut self, s: Option<&str>) {
        if let Some(s) = s {
            self.bytes(s.as_bytes());
        }
        self.bytes(&[if s.is_some() { 0xff } else { 0xfe }]);
    }
    fn num(&mut self, n: Option<u32>) {
        self.bytes(&n.map_or(u64::MAX, u64::from).to_le_bytes());
    }
}

impl Client {
    /// The filter step: `true` when `event` must not be sent (counted `event_processor`).
    pub(crate) fn filtered_out(&mut self, event: &Event) -> bool {
        let drop = self.filters.ignores(event) || self.filters.repeats(event);
        if drop {
            self.discarded.add("event_processor", "error", 1);
            if self.options.debug {
                crate::client::log(
                    &*self.runtime,
                    "an event was dropped by a filter or as a repeat",
                );
            }
        }
        drop
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::event::{Frame, Stacktrace, Values};
    use alloc::vec;

    fn error(ty: &str, value: &str, file: &str) -> Event {
        Event {
            exception: Some(Values {
                values: vec![Exception {
                    ty: Some(ty.into()),
                    value: Some(value.into()),
                    stacktrace: Some(Stacktrace {
                        frames: vec![
                            Frame {
                                filename: Some(file.into()),
                                lineno: Some(3),
                                ..Frame::default()
                            },
                            Frame {
                                filename: Some("<anonymous>".into()),
                                ..Frame::default()
                            },
                        ],
                    }),
                    ..Exception::default()
                }],
            }),
            ..Event::default()
        }
    }

    #[test]
    fn signature_separates_fields() {
        let a = error("ab", "c", "x.js");
        let b = error("a", "bc", "x.js");
        assert_ne!(signature(&a), signature(&b));
        assert_eq!(signature(&a), signature(&error("ab", "c", "x.js")));
    }

    #[test]
    fn url_skips_engine_frames() {
        let e = error("E", "v", "https://cdn.example/lib.js");
        assert_eq!(event_url(&e), Some("https://cdn.example/lib.js"));
        assert_eq!(event_url(&Event::default()), None);
    }
}
